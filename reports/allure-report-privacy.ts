import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

// allure-commandline 2.x writes a Google Analytics tag into the report's index.html (a gtag.js
// script from www.googletagmanager.com and an inline `gtag('config', …)` block). A test report of a
// tenant must not tell a third party when and where it is opened, so the report is generated with
// ALLURE_NO_ANALYTICS=true (Allure's documented opt-out, which also stops the generator's own call)
// and its index.html is cleaned after: some 2.x releases keep the inline block despite the opt-out,
// and any later release may add another tag. Everything else in the report is served from its folder.

export const ALLURE_ANALYTICS_OPT_OUT = { ALLURE_NO_ANALYTICS: 'true' };

const EXTERNAL = /^(?:[a-z][a-z0-9+.-]*:)?\/\//i;
const SCRIPT = /<script\b([^>]*)>([\s\S]*?)<\/script>\s*/gi;
const LINK_OR_IMG = /<(?:link|img|iframe)\b[^>]*\b(?:href|src)\s*=\s*["']([^"']*)["'][^>]*>\s*/gi;
const TRACKING = /\b(?:gtag|dataLayer|googletagmanager|google-analytics)\b/;

/** The HTML without scripts, styles, frames or images from another origin, nor inline tracking code. */
function withoutThirdParties(html: string): string {
  return html
    .replace(SCRIPT, (whole, attributes: string, body: string) => {
      const src = /\bsrc\s*=\s*["']([^"']*)["']/i.exec(attributes)?.[1];
      if (src !== undefined && EXTERNAL.test(src)) return '';
      return TRACKING.test(body) ? '' : whole;
    })
    .replace(LINK_OR_IMG, (whole, url: string) => (EXTERNAL.test(url) ? '' : whole));
}

/** Cleans a generated report's index.html in place. */
export function removeThirdPartyContent(reportDir: string): void {
  const index = path.join(reportDir, 'index.html');
  const html = readFileSync(index, 'utf8');
  const clean = withoutThirdParties(html);
  if (clean !== html) writeFileSync(index, clean);
}
