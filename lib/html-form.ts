// Reads the forms of a login page the way a browser would submit them: each form's action, method and
// id, the values of its hidden inputs (a login transaction's `state`, an `xsrf` token) and the names of
// all its fields, including buttons outside it that name it with form="…". Regular expressions suffice
// for login pages' plain forms; no DOM exists in k6.

export interface HtmlForm {
  action: string;
  method: string;
  id?: string;
  hidden: Record<string, string>;
  /** Every named input, select, textarea and button of the form. */
  fieldNames: string[];
}

// Named entities and numeric character references (&#60;, &#x3C;), in one pass so that an escaped
// ampersand is never decoded twice: a form that carries XML, such as WS-Federation's wresult,
// escapes it either way.
const NAMED: Record<string, string> = { quot: '"', lt: '<', gt: '>', amp: '&', apos: "'" };
const decodeEntities = (text: string): string =>
  text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity, name: string) => {
    if (name[0] === '#')
      return String.fromCodePoint(
        name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : Number(name.slice(1)),
      );
    return NAMED[name.toLowerCase()] ?? entity;
  });

const attribute = (tag: string, name: string): string | undefined => {
  const m = new RegExp(`\\s${name}\\s*=\\s*("([^"]*)"|'([^']*)'|([^\\s"'>]+))`, 'i').exec(tag);
  return m ? decodeEntities(m[2] ?? m[3] ?? m[4] ?? '') : undefined;
};

const FIELD = /<(?:input|select|textarea|button)\b[^>]*>/gi;

/** Every form of the page, in document order. */
export function htmlForms(html: string): HtmlForm[] {
  const forms: HtmlForm[] = [];
  for (const match of html.matchAll(/<form\b[^>]*>([\s\S]*?)<\/form>/gi)) {
    const open = match[0].slice(0, match[0].indexOf('>') + 1);
    const hidden: Record<string, string> = {};
    const fieldNames: string[] = [];
    for (const field of match[1].match(FIELD) ?? []) {
      const name = attribute(field, 'name');
      if (!name) continue;
      fieldNames.push(name);
      if ((attribute(field, 'type') ?? '').toLowerCase() === 'hidden') hidden[name] = attribute(field, 'value') ?? '';
    }
    const id = attribute(open, 'id');
    forms.push({
      action: attribute(open, 'action') ?? '',
      method: (attribute(open, 'method') ?? 'get').toUpperCase(),
      id,
      hidden,
      fieldNames,
    });
  }
  // HTML's form attribute: a field outside every form that names one by id belongs to it.
  const outside = html.replace(/<form\b[\s\S]*?<\/form>/gi, '');
  for (const field of outside.match(FIELD) ?? []) {
    const owner = forms.find((f) => f.id !== undefined && f.id === attribute(field, 'form'));
    const name = attribute(field, 'name');
    if (owner && name) owner.fieldNames.push(name);
  }
  return forms;
}
