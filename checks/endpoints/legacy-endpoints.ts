import { z } from 'zod';
import { errorDescriptionCheck, oauthErrorCode } from '../errors/error-body.ts';
import { jsonContentType } from '../http/json-content-type.ts';
import { statusCheck } from '../http/status.ts';
import { AUTH0 } from '../references.ts';
import { schemaCheck } from '../schemas/schema-check.ts';

// The legacy endpoints (docs/auth0-api.md §1.2, §3.9). An OIDC-conformant application is refused
// with 400 invalid_request and "OIDC conformant clients cannot use {path}": Auth0's SDKs quote that
// text for /oauth/ro and /oauth/access_token; the other four are held to the same pattern, the only
// wording Auth0 has for this refusal (the description is what tells it from any other 400). A tenant that has
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
    errorDescriptionCheck(
      'legacy_error.delegation.oidc_conformant.description',
      REFUSAL,
      'OIDC conformant clients cannot use /delegation',
    ),
  ],
  tokeninfo: [
    statusCheck('legacy_error.tokeninfo.oidc_conformant.status.is_400', REFUSAL),
    oauthErrorCode('legacy_error.tokeninfo.oidc_conformant.code.is_invalid_request', REFUSAL, 'invalid_request'),
    errorDescriptionCheck(
      'legacy_error.tokeninfo.oidc_conformant.description',
      REFUSAL,
      'OIDC conformant clients cannot use /tokeninfo',
    ),
  ],
  unlink: [
    statusCheck('legacy_error.login_unlink.oidc_conformant.status.is_400', REFUSAL),
    oauthErrorCode('legacy_error.login_unlink.oidc_conformant.code.is_invalid_request', REFUSAL, 'invalid_request'),
    errorDescriptionCheck(
      'legacy_error.login_unlink.oidc_conformant.description',
      REFUSAL,
      'OIDC conformant clients cannot use /login/unlink',
    ),
  ],
  impersonate: [
    statusCheck('legacy_error.impersonate.oidc_conformant.status.is_400', REFUSAL),
    oauthErrorCode('legacy_error.impersonate.oidc_conformant.code.is_invalid_request', REFUSAL, 'invalid_request'),
    errorDescriptionCheck(
      'legacy_error.impersonate.oidc_conformant.description',
      REFUSAL,
      'OIDC conformant clients cannot use /users/{user_id}/impersonate',
    ),
  ],
};

const RoTokens = z.lazy(() =>
  z.looseObject({
    id_token: z.string().min(1),
    access_token: z.string().min(1),
    token_type: z.string().regex(/^bearer$/i),
  }),
);
const DelegationToken = z.lazy(() =>
  z.looseObject({
    id_token: z.string().min(1),
    token_type: z.string().min(1),
    expires_in: z.number().int().positive(),
  }),
);
const TokenInfo = z.lazy(() =>
  z.looseObject({
    user_id: z.string().min(1),
    email: z.string().optional(),
    clientID: z.string().optional(),
    identities: z.array(z.looseObject({ provider: z.string(), user_id: z.string() })).optional(),
  }),
);

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
