// POST /dbconnections/change_password answers 200 with a sentence, as a JSON string or as plain
// text (docs/auth0-api.md §1.2, and Auth0's Java SDK fixtures). Tenants may localise it, so the
// rule is "a non-empty sentence".
export function changePasswordSentence(body: string): string | undefined {
  let text: unknown = body;
  try {
    text = JSON.parse(body);
  } catch {
    // plain text is one of the two documented forms
  }
  return typeof text === 'string' && text.trim().length > 0 ? text : undefined;
}
