import type { FastifyRequest } from 'fastify';
import type { AuthMethod } from '../fixture.ts';
import type { Application } from '../materialise-fixture.ts';
import type { TenantState } from '../tenant-state.ts';
import { sameString } from '../user-directory.ts';
import { verifyEdgeCertificate } from './mtls-edge.ts';
import { overMutualTls, verifyHandshakeCertificate } from './mtls-handshake.ts';
import { assertionIssuer, JWT_BEARER_ASSERTION, verifyClientAssertion } from './private-key-jwt.ts';

export type ClientAuthOutcome =
  | { ok: true; client: Application; method: AuthMethod; certificateThumbprint?: string }
  | { ok: false; status: number; error: string; description: string };

export interface ClientAuthPolicy {
  /**
   * How a wrong or missing secret is answered. `/oauth/token` on real tenants answers
   * 401 access_denied "Unauthorized" (docs/auth0-api.md §3.3, §7.4, observed behaviour chosen over the OAS's
   * invalid_client); the other endpoints document 401 invalid_client (docs/auth0-api.md §3.9).
   */
  secretFailure: 'access_denied' | 'invalid_client';
  /** Public applications may call this endpoint with their client_id alone. */
  allowPublic: boolean;
}

function basicCredentials(request: FastifyRequest): { id: string; secret: string } | undefined {
  const header = request.headers.authorization;
  if (!header?.startsWith('Basic ')) return undefined;
  const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  try {
    // RFC 6749 §2.3.1 form-encodes both parts; Auth0's ids and secrets are URL-safe, so this is lossless.
    return { id: decodeURIComponent(decoded.slice(0, colon)), secret: decodeURIComponent(decoded.slice(colon + 1)) };
  } catch {
    return undefined;
  }
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v : undefined);

/** Client authentication per docs/auth0-api.md §5, enforcing the application's configured method. */
export async function authenticateClient(
  tenant: TenantState,
  request: FastifyRequest,
  params: Record<string, unknown>,
  policy: ClientAuthPolicy,
): Promise<ClientAuthOutcome> {
  const secretRefusal = (): ClientAuthOutcome =>
    policy.secretFailure === 'access_denied'
      ? { ok: false, status: 401, error: 'access_denied', description: 'Unauthorized' }
      : { ok: false, status: 401, error: 'invalid_client', description: 'Client authentication failed' };
  const invalidClient = (description: string): ClientAuthOutcome => ({
    ok: false,
    status: 401,
    error: 'invalid_client',
    description,
  });

  const basic = basicCredentials(request);
  const assertion = str(params.client_assertion);
  const clientId = basic?.id ?? str(params.client_id) ?? (assertion ? assertionIssuer(assertion) : undefined);
  if (!clientId)
    return { ok: false, status: 400, error: 'invalid_request', description: 'Missing required parameter: client_id' };
  const client = tenant.findClient(clientId);
  if (!client) return secretRefusal();
  if (basic && str(params.client_id) && str(params.client_id) !== basic.id) return secretRefusal();

  switch (client.tokenEndpointAuthMethod) {
    case 'none':
      if (!policy.allowPublic)
        return invalidClient('Public clients cannot use this endpoint; the client must authenticate.');
      return { ok: true, client, method: 'none' };
    case 'client_secret_post': {
      const presented = str(params.client_secret);
      if (basic || !presented || !client.clientSecret || !sameString(presented, client.clientSecret))
        return secretRefusal();
      return { ok: true, client, method: 'client_secret_post' };
    }
    case 'client_secret_basic':
      if (!basic || !client.clientSecret || !sameString(basic.secret, client.clientSecret)) return secretRefusal();
      return { ok: true, client, method: 'client_secret_basic' };
    case 'private_key_jwt': {
      if (!assertion) return invalidClient('client_assertion is required for this client (private_key_jwt).');
      if (params.client_assertion_type !== JWT_BEARER_ASSERTION)
        return invalidClient(`client_assertion_type must be ${JWT_BEARER_ASSERTION}.`);
      const verdict = await verifyClientAssertion(tenant, client, assertion);
      return verdict.ok ? { ok: true, client, method: 'private_key_jwt' } : invalidClient(verdict.description);
    }
    case 'tls_client_auth':
    case 'self_signed_tls_client_auth': {
      // Through the mTLS listener the certificate is the handshake's (RFC 8705); elsewhere the edge forwards it.
      const verdict = overMutualTls(request)
        ? verifyHandshakeCertificate(tenant, request, client)
        : verifyEdgeCertificate(tenant, request, client);
      return verdict.ok
        ? { ok: true, client, method: client.tokenEndpointAuthMethod, certificateThumbprint: verdict.thumbprint }
        : invalidClient(verdict.description);
    }
  }
}
