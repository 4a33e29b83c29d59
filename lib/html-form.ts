// Reads the first <form> of a login page the way a browser would submit it: its action and the
// values of its hidden inputs (the login transaction's `state` among them). Regular expressions
// suffice for the plain forms of a Universal-Login-style page; no DOM exists in k6.

export interface HtmlForm {
  action: string;
  method: string;
  hidden: Record<string, string>;
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
  const m = new RegExp(`\\s${name}\\s*=\\s*("([^"]*)"|'([^']*)')`, 'i').exec(tag);
  return m ? decodeEntities(m[2] ?? m[3] ?? '') : undefined;
};

export function firstForm(html: string): HtmlForm | undefined {
  const form = /<form\b[^>]*>([\s\S]*?)<\/form>/i.exec(html);
  if (!form) return undefined;
  const open = form[0].slice(0, form[0].indexOf('>') + 1);
  const hidden: Record<string, string> = {};
  for (const input of form[1].match(/<input\b[^>]*>/gi) ?? []) {
    const name = attribute(input, 'name');
    if (name && (attribute(input, 'type') ?? '').toLowerCase() === 'hidden')
      hidden[name] = attribute(input, 'value') ?? '';
  }
  return {
    action: attribute(open, 'action') ?? '',
    method: (attribute(open, 'method') ?? 'get').toUpperCase(),
    hidden,
  };
}
