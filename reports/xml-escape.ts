// Characters XML 1.0 cannot carry at all, not even escaped.
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

/** Text without the characters XML cannot carry (an XML builder escapes the rest). */
export function xmlChars(text: string): string {
  return text.replace(NOT_XML, '');
}

export function xmlEscape(text: string): string {
  return xmlChars(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
