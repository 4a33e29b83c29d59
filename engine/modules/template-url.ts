// k6's http.url tagged template.

/**
 * What http.url`…${id}…` gives: the URL, and its template with `${}` for each value as the requests'
 * `name` tag (unless params.tags names them), so that many URLs count under one name, as in k6.
 */
export class TemplateUrl {
  readonly url: string;
  readonly name: string;

  constructor(strings: TemplateStringsArray, values: unknown[]) {
    // The template's cooked parts (escapes applied), as a tag function receives them.
    let url = strings[0];
    let name = strings[0];
    for (let i = 0; i < values.length; i++) {
      url += String(values[i]) + strings[i + 1];
      name += '${}' + strings[i + 1];
    }
    this.url = url;
    this.name = name;
  }

  toString(): string {
    return this.url;
  }
}
