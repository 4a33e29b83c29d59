import { defineCheck, describeValue, expectThat, fail, type Check } from '../check.ts';
import { jsonBody, type Exchange } from '../exchange.ts';
import { OAuthError } from '../schemas/oauth-error.ts';

/**
 * The body is an OAuth error (shape A) whose `error` is one of `codes`. Pass several codes only where
 * the spec's §7 lists conflicting sources for the case, and cite it in `ref`.
 */
export function oauthErrorCode(spec: { id: string; ref: string; codes: string[]; description?: string }): Check<Exchange> {
  return defineCheck({
    id: spec.id,
    ref: spec.ref,
    severity: 'failure',
    title: `The error is ${spec.codes.join(' or ')}${spec.description ? ` with description "${spec.description}"` : ''}.`,
    run({ response }) {
      const parsed = OAuthError.safeParse(jsonBody(response));
      if (!parsed.success) return fail(`expected an OAuth error body {error, error_description}, got ${describeValue(response.body)}`);
      const { error, error_description } = parsed.data;
      if (!spec.codes.includes(error)) return fail(`expected error ${spec.codes.join(' or ')}, got ${describeValue(error)}`);
      return expectThat(
        spec.description === undefined || error_description === spec.description,
        () => `expected error_description ${describeValue(spec.description)}, got ${describeValue(error_description)}`,
      );
    },
  });
}
