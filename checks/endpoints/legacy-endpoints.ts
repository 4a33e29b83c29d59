import { z } from 'zod';
import { errorDescriptionCheck, oauthErrorCode } from '../errors/error-body.ts';
import { jsonContentType } from '../http/json-content-type.ts';
import { statusCheck } from '../http/status.ts';
import { AUTH0 } from '../references.ts';
import { schemaCheck } from '../schemas/schema-check.ts';

// The legacy endpoints (docs/auth0-api.md §1.2, §3.9). An OIDC-conformant application is refused
// with 400 invalid_request; Auth0's SDKs quote the description for /oauth/ro and /oauth/access_token
// ("OIDC conformant clients cannot use …"), so only those two are held to a text. A tenant that has
// an endpoint off answers 404 endpoint_disabled for everyone, and the cell is then skipped as not
// offered. A non-conformant application gets the old success shapes where the tenant serves them.

const REFUSAL = AUTH0.oidcConformantAuthentication;

export const legacyRefusalChecks = {
  oauthRo: [
    statusCheck('legacy_error.oauth_ro.oidc_conformant.status.is_400', REFUSAL),
    oauthErrorCode('legacy_error.oauth_ro.oidc_conformant.code.is_invalid_request', REFUSAL, 'invalid_request'),
    errorDescriptionCheck(
      'legacy_error.oauth_ro.oidc_conformant.description',
      REFUSAL,
      'OIDC conformant clients cannot use /oauth/ro',
    ),
  ],
  oauthAccessToken: [
    statusCheck('legacy_error.oauth_access_token.oidc_conformant.status.is_400', REFUSAL),
    oauthErrorCode(
      'legacy_error.oauth_access_token.oidc_conformant.code.is_invalid_request',
      REFUSAL,
      'invalid_request',
    ),
    errorDescriptionCheck(
      'legacy_error.oauth_access_token.oidc_conformant.description',
      REFUSAL,
      'OIDC conformant clients cannot use /oauth/access_token',
    ),
  ],
  delegation: [
    statusCheck('legacy_error.delegation.oidc_conformant.status.is_400', REFUSAL),
    oauthErrorCode('legacy_error.delegation.oidc_conformant.code.is_invalid_request', REFUSAL, 'invalid_request'),
  ],
  tokeninfo: [
    statusCheck('legacy_error.tokeninfo.oidc_conformant.status.is_400', REFUSAL),
    oauthErrorCode('legacy_error.tokeninfo.oidc_conformant.code.is_invalid_request', REFUSAL, 'invalid_request'),
  ],
  unlink: [
    statusCheck('legacy_error.login_unlink.oidc_conformant.status.is_400', REFUSAL),
    oauthErrorCode('legacy_error.login_unlink.oidc_conformant.code.is_invalid_request', REFUSAL, 'invalid_request'),
  ],
  impersonate: [
    statusCheck('legacy_error.impersonate.oidc_conformant.status.is_400', REFUSAL),
    oauthErrorCode('legacy_error.impersonate.oidc_conformant.code.is_invalid_request', REFUSAL, 'invalid_request'),
  ],
};

const RoTokens = z.looseObject({
  id_token: z.string().min(1),
  access_token: z.string().min(1),
  token_type: z.string().regex(/^bearer$/i),
});
const DelegationToken = z.looseObject({
  id_token: z.string().min(1),
  token_type: z.string().min(1),
  expires_in: z.number().int().positive(),
});
const TokenInfo = z.looseObject({
  user_id: z.string().min(1),
  email: z.string().optional(),
  clientID: z.string().optional(),
  identities: z.array(z.looseObject({ provider: z.string(), user_id: z.string() })).optional(),
});

export const legacySuccessChecks = {
  oauthRo: [
    statusCheck('legacy.oauth_ro.status.is_200', AUTH0.resourceOwnerLegacy),
    jsonContentType,
    schemaCheck({
      id: 'legacy.oauth_ro.schema',
      ref: AUTH0.resourceOwnerLegacy,
      title: 'The legacy resource-owner login answers id_token, access_token and token_type bearer.',
      schema: RoTokens,
    }),
  ],
  delegation: [
    statusCheck('legacy.delegation.status.is_200', AUTH0.delegationLegacy),
    jsonContentType,
    schemaCheck({
      id: 'legacy.delegation.schema',
      ref: AUTH0.delegationLegacy,
      title: 'Delegation answers an id_token, its token_type and an integer expires_in.',
      schema: DelegationToken,
    }),
  ],
  tokeninfo: [
    statusCheck('legacy.tokeninfo.status.is_200', AUTH0.tokeninfoLegacy),
    jsonContentType,
    schemaCheck({
      id: 'legacy.tokeninfo.schema',
      ref: AUTH0.tokeninfoLegacy,
      title: "Token info answers the user's profile with user_id.",
      schema: TokenInfo,
    }),
  ],
};
