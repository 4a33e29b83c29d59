import type { FastifyInstance } from 'fastify';
import { mtlsEndpointAliases } from '../mtls-endpoint-aliases.ts';

export function discoveryRoutes(app: FastifyInstance): void {
  const tenant = app.tenant;
  const document = () => {
    const base = tenant.issuer;
    // Deviation discovery.issuer_mismatch: the document names an issuer tokens never carry.
    const issuer = tenant.faults.has('discovery.issuer_mismatch') ? 'https://another-tenant.eu.auth0.com/' : base;
    return {
      issuer,
      authorization_endpoint: `${base}authorize`,
      token_endpoint: `${base}oauth/token`,
      device_authorization_endpoint: `${base}oauth/device/code`,
      userinfo_endpoint: `${base}userinfo`,
      mfa_challenge_endpoint: `${base}mfa/challenge`,
      // Deviation jwks.unreachable: port 9 (discard) is closed on loopback, so the fetch is refused.
      jwks_uri: tenant.faults.has('jwks.unreachable')
        ? 'http://127.0.0.1:9/.well-known/jwks.json'
        : `${base}.well-known/jwks.json`,
      registration_endpoint: `${base}oidc/register`,
      revocation_endpoint: `${base}oauth/revoke`,
      pushed_authorization_request_endpoint: `${base}oauth/par`,
      backchannel_authentication_endpoint: `${base}bc-authorize`,
      end_session_endpoint: `${base}oidc/logout`,
      scopes_supported: [
        'openid',
        'profile',
        'offline_access',
        'name',
        'given_name',
        'family_name',
        'nickname',
        'email',
        'email_verified',
        'picture',
        'created_at',
        'identities',
        'phone',
        'address',
      ],
      response_types_supported: [
        'code',
        'token',
        'id_token',
        'code token',
        'code id_token',
        'token id_token',
        'code token id_token',
      ],
      // docs/auth0-api.md §2.5: the API reference says S256 only, although one discovery sample lists plain.
      code_challenge_methods_supported: ['S256'],
      response_modes_supported: ['query', 'fragment', 'form_post'],
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: ['HS256', 'RS256', 'PS256'],
      token_endpoint_auth_methods_supported: [
        'client_secret_basic',
        'client_secret_post',
        'private_key_jwt',
        'tls_client_auth',
        'self_signed_tls_client_auth',
      ],
      token_endpoint_auth_signing_alg_values_supported: ['RS256', 'RS384', 'PS256'],
      claims_supported: [
        'aud',
        'auth_time',
        'created_at',
        'email',
        'email_verified',
        'exp',
        'family_name',
        'given_name',
        'iat',
        'identities',
        'iss',
        'name',
        'nickname',
        'phone_number',
        'picture',
        'sub',
      ],
      request_uri_parameter_supported: false,
      request_parameter_supported: false,
      backchannel_token_delivery_modes_supported: ['poll'],
      tls_client_certificate_bound_access_tokens: true,
      // Auth0 lists the aliases when they are on (docs/auth0-api.md §2.5): here, when the mTLS listener runs.
      ...(tenant.mtlsUrl ? { mtls_endpoint_aliases: mtlsEndpointAliases(tenant.mtlsUrl) } : {}),
    };
  };
  app.get('/.well-known/openid-configuration', async (_request, reply) =>
    tenant.faults.has('discovery.server_error')
      ? reply.code(500).type('text/html; charset=utf-8').send('<html><body>Internal Server Error</body></html>')
      : document(),
  );
  app.get('/.well-known/oauth-authorization-server', async () => {
    const metadata = document();
    // The deviation names the issuer without its trailing slash, unlike tokens and discovery.
    return tenant.faults.has('oauth_metadata.issuer_mismatch')
      ? { ...metadata, issuer: metadata.issuer.replace(/\/$/, '') }
      : metadata;
  });
  app.get('/.well-known/jwks.json', { config: { rateLimit: { id: 'jwks', key: 'any' } } }, async (_request, reply) => {
    const dropCertificate = tenant.faults.has('jwks.missing_x5c');
    const jwks = {
      keys: tenant.keys.map(({ publicJwk }) => ({
        ...publicJwk,
        ...(dropCertificate ? { x5c: undefined, x5t: undefined } : {}),
        ...(tenant.faults.has('jwks.key_use_enc') ? { use: 'enc' } : {}),
        ...(tenant.faults.has('jwks.key_alg_mismatch') ? { alg: 'RS384' } : {}),
      })),
    };
    if (!tenant.faults.has('jwks.malformed')) return jwks;
    const text = JSON.stringify(jwks);
    return reply.type('application/json; charset=utf-8').send(text.slice(0, text.length / 2));
  });
}
