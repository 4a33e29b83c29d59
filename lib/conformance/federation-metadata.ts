import { samlMetadataChecks, wsfedMetadataChecks } from '../../checks/http/federation-metadata.ts';
import { endpointResponseChecks } from '../../checks/sets/endpoint-responses.ts';
import { notOffered, recordChecks, recordSkip } from '../record-checks.ts';
import type { CheckCell } from '../k6-and-node/result-protocol.ts';
import { sendRequest } from '../send-request.ts';
import type { FlowContext } from './flow-context.ts';

const SAML_ENDPOINT = 'GET /samlp/metadata/{client_id}';
const WSFED_ENDPOINT = 'GET /wsfed/FederationMetadata/2007-06/FederationMetadata.xml';

/** SAML IdP metadata for an application (docs/auth0-api.md §1.1). */
export async function samlMetadata(ctx: FlowContext): Promise<void> {
  const clientId = ctx.config.clients.none?.clientId ?? ctx.config.clients.client_secret_post?.clientId;
  const saml: CheckCell = { endpoint: SAML_ENDPOINT, credential: 'none' };
  if (!clientId) return recordSkip(saml, 'no application in the harness configuration to ask SAML metadata for');
  const res = await sendRequest({
    ...saml,
    method: 'GET',
    url: `${ctx.config.baseUrl}/samlp/metadata/${encodeURIComponent(clientId)}`,
    expectedStatuses: [200],
  });
  if (!notOffered(saml, res))
    await recordChecks(
      saml,
      [...endpointResponseChecks.samlMetadata, ...samlMetadataChecks],
      res,
      res,
      'SAML IdP metadata',
    );
}

/** The tenant's WS-Federation metadata (docs/auth0-api.md §1.1). */
export async function wsfedMetadata(ctx: FlowContext): Promise<void> {
  const wsfed: CheckCell = { endpoint: WSFED_ENDPOINT, credential: 'none' };
  const res = await sendRequest({
    ...wsfed,
    method: 'GET',
    url: `${ctx.config.baseUrl}/wsfed/FederationMetadata/2007-06/FederationMetadata.xml`,
    expectedStatuses: [200],
  });
  if (!notOffered(wsfed, res))
    await recordChecks(
      wsfed,
      [...endpointResponseChecks.wsfedMetadata, ...wsfedMetadataChecks],
      res,
      res,
      'WS-Federation metadata',
    );
}
