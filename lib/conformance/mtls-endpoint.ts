import type { CredentialMethod } from '../k6-and-node/credential-methods.ts';
import type { EndpointName, TenantMetadata } from './discovery.ts';
import type { FlowContext } from './flow-context.ts';

// Where RFC 8705 mutual TLS requests go. A client presenting its certificate in the handshake sends to
// discovery's mtls_endpoint_aliases in preference to the conventional endpoints, and to the
// conventional one where no alias is listed (RFC 8705 §5; Auth0 serves the aliases on its custom
// domain's mTLS host, docs/auth0-api.md §2.5).

function endpointNamed(tenant: TenantMetadata, url: string): EndpointName | undefined {
  return (Object.keys(tenant.endpoints) as EndpointName[]).find((name) => tenant.endpoints[name] === url);
}

/** The URL a request of `method` to the endpoint at `url` goes to: its mTLS alias for the handshake method. */
export function endpointFor(tenant: TenantMetadata, url: string, method: CredentialMethod): string {
  if (method !== 'mtls_handshake') return url;
  const name = endpointNamed(tenant, url);
  return (name && tenant.mtlsAliases?.[name]) ?? url;
}

/**
 * Why a request to the endpoint at `url` cannot be sent without the client certificate, or undefined
 * when it can. k6 presents its certificate to every server that asks (tlsAuth), so the request goes to
 * the conventional endpoint instead of the alias; that leaves the certificate out only where no
 * handshake can ask for one: plain HTTP, or Auth0's hosts other than the mTLS one.
 */
export function certificateCannotBeLeftOut(ctx: FlowContext, url: string): string | undefined {
  const alias = endpointFor(ctx.tenant, url, 'mtls_handshake');
  if (alias === url)
    return 'discovery lists no mTLS alias apart from this endpoint, and k6 presents its certificate wherever a server asks for one';
  if (/^http:/i.test(url) || ctx.profile === 'auth0') return undefined;
  return "the conventional endpoint may ask for the certificate too (a standard provider's), and k6 presents it wherever a server asks";
}
