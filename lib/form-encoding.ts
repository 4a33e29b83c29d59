/** application/x-www-form-urlencoded, as browsers and OAuth clients send it. */
export function formEncode(params: Record<string, string>): string {
  return Object.keys(params)
    .map((k) => `${encodeURIComponent(k)}=${encodeURIComponent(params[k])}`.replace(/%20/g, '+'))
    .join('&');
}
