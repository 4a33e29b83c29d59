import { createHash } from 'node:crypto';
import { param } from '../http/request-bodies.ts';
import { sendOAuthError } from '../oauth-error.ts';
import { issueUserTokens } from '../tokens/user-tokens.ts';
import { sendTokens, type GrantContext } from './grant-context.ts';

/** authorization_code, with PKCE when /authorize got a code_challenge (docs/auth0-api.md §1.3, §3.3). */
export async function authorizationCodeGrant({ tenant, reply, params, client, certificateThumbprint }: GrantContext) {
  const code = param(params, 'code');
  if (!code) return sendOAuthError(reply, 400, 'invalid_request', 'Missing required parameter: code');
  const record = tenant.codes.take(code);
  if (!record || record.clientId !== client.clientId)
    return sendOAuthError(reply, 403, 'invalid_grant', 'Invalid authorization code');
  // docs/auth0-api.md §1.3: redirect_uri is required at the token endpoint when it was sent to
  // /authorize and must match.
  if (record.redirectUri !== undefined && param(params, 'redirect_uri') !== record.redirectUri) {
    return sendOAuthError(
      reply,
      403,
      'invalid_grant',
      'redirect_uri does not match the one used in the authorization request',
    );
  }
  if (record.codeChallenge) {
    const verifier = param(params, 'code_verifier');
    if (!verifier || createHash('sha256').update(verifier).digest('base64url') !== record.codeChallenge)
      return sendOAuthError(reply, 403, 'invalid_grant', 'Failed to verify code verifier');
  } else if (client.tokenEndpointAuthMethod === 'none') {
    // A public client's code is only as safe as its PKCE; without a challenge there is nothing to prove.
    return sendOAuthError(reply, 403, 'invalid_grant', 'Failed to verify code verifier');
  }
  return sendTokens(
    reply,
    issueUserTokens(tenant, { ...record, certificateThumbprint }, { mayIssueRefreshToken: true }),
  );
}
