// Allure groups the tests of a category by their message: one group per distinct text. A defect
// must read the same in every test it breaks and in every run, so the values that change from one
// request to the next (a random state, nonce or jti, a token, a time, the local tenant's port, a
// count) are replaced by a placeholder. The exact message stays in the test's details.

const RANDOM_FIELDS =
  'state|nonce|jti|session_state|sid|code_verifier|code_challenge|auth_req_id|device_code|user_code|ticket|mfa_token|login_ticket|request_uri|iat|exp|nbf|auth_time|updated_at|x-ratelimit-reset|retry-after';

const RULES: [RegExp, string][] = [
  // `state=abc`, `"state":"abc"`, `state: abc`
  [new RegExp(`\\b(${RANDOM_FIELDS})(\\s*(?:=|:|"\\s*:)\\s*)("[^"]*"|'[^']*'|[^\\s,;&)"'}\\]]+)`, 'gi'), '$1$2…'],
  // `state "abc"`, `state was "abc"`, `nonce n-0S6x`: a quoted value, or a bare one with a digit in it (so
  // the words after `state` in `state parameter missing` stay)
  [
    new RegExp(
      `\\b(${RANDOM_FIELDS})(\\s+(?:was\\s+|of\\s+)?)("[^"]*"|'[^']*'|(?=[^\\s,;&)"'}\\]]*\\d)[^\\s,;&)"'}\\]]+)`,
      'gi',
    ),
    '$1$2…',
  ],
  // an authorization code in a URL (`code` alone is too often an error code to replace)
  [/([?&#]code=)[^&#\s"']+/g, '$1…'],
  // ISO 8601 times and epoch seconds or milliseconds
  [/\b\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:?\d\d)?/g, '<time>'],
  [/\b1\d{9}(?:\d{3})?\b/g, '<time>'],
  // UUIDs, JWTs and other long random tokens (letters and digits mixed, 16 characters or more)
  [/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, '<uuid>'],
  [/\beyJ[\w-]*\.[\w-]*\.[\w-]*/g, '<jwt>'],
  [/\b(?=[\w-]*\d)(?=[\w-]*[A-Za-z])[\w-]{16,}\b/g, '<random>'],
  // the local tenant listens on a new port every run
  [/\b(127\.0\.0\.1|localhost|\[::1\]):\d+/g, '$1:<port>'],
  // counts a report may prefix (`2 of 12 failed: …`)
  [/^\s*\d+ of \d+ (?:evaluations )?failed:\s*/, ''],
];

export function defectMessage(message: string): string {
  return RULES.reduce((text, [pattern, replacement]) => text.replace(pattern, replacement), message);
}
