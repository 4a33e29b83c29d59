import type { FastifyInstance } from 'fastify';
import type { TenantState } from '../tenant-state.ts';

export function discoveryRoutes(app: FastifyInstance, tenant: TenantState): void {
  app.get('/.well-known/openid-configuration', async () => ({
    issuer: tenant.issuer,
    authorization_endpoint: `${tenant.issuer}authorize`,
    token_endpoint: `${tenant.issuer}oauth/token`,
    userinfo_endpoint: `${tenant.issuer}userinfo`,
    jwks_uri: `${tenant.issuer}.well-known/jwks.json`,
    response_types_supported: ['code', 'token', 'id_token', 'code token', 'code id_token', 'token id_token', 'code token id_token'],
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: ['HS256', 'RS256', 'PS256'],
    token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
    code_challenge_methods_supported: ['S256'],
  }));
  app.get('/.well-known/jwks.json', async () => ({ keys: tenant.keys.map((k) => k.publicJwk) }));
}
