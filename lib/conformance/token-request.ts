import type { Exchange } from '../../checks/exchange.ts';
import { authenticate, type ClientMethod, type CredentialFlaw } from '../k6-and-node/credential-methods.ts';
import { sendRequest } from '../send-request.ts';
import type { FlowContext } from './flow-context.ts';
import { endpointFor } from './mtls-endpoint.ts';

export const TOKEN_ENDPOINT = 'POST /oauth/token';

export type BodyEncoding = 'form' | 'json';

/**
 * POSTs to a back-channel endpoint as a client of the given method. Undefined when the configuration
 * has no client for the method (the caller records the cell as skipped). A mutual TLS client by
 * handshake sends to the endpoint's mTLS alias, but for its missing-certificate case, which goes
 * where no handshake asks for the certificate (lib/conformance/mtls-endpoint.ts).
 */
export async function postAsClient(
  ctx: FlowContext,
  spec: {
    endpoint: string;
    url: string;
    method: ClientMethod;
    params: Record<string, string>;
    flaw?: CredentialFlaw;
    encoding?: BodyEncoding;
    expectedStatuses: number[];
  },
): Promise<Exchange | undefined> {
  const auth = await authenticate(ctx.config, spec.method, spec.params, spec.flaw);
  if (!auth) return undefined;
  return sendRequest({
    endpoint: spec.endpoint,
    credential: spec.method,
    method: 'POST',
    url: spec.flaw === 'missing_secret' ? spec.url : endpointFor(ctx.tenant, spec.url, spec.method),
    ...(spec.encoding === 'json' ? { json: auth.params } : { form: auth.params }),
    headers: auth.headers,
    expectedStatuses: spec.expectedStatuses,
  });
}
