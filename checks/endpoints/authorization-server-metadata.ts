import { z } from 'zod';
import { defineCheck, describeValue, expectThat, notRun } from '../check.ts';
import { jsonBody, type Exchange } from '../exchange.ts';
import { jsonContentType } from '../http/json-content-type.ts';
import { statusCheck } from '../http/status.ts';
import { rfc } from '../references.ts';
import { AbsoluteUrl } from '../schemas/absolute-url.ts';
import { schemaCheck } from '../schemas/schema-check.ts';

// GET /.well-known/oauth-authorization-server: RFC 8414 metadata, which Auth0's discovery page
// mentions without showing its shape (docs/auth0-api.md §1.2); held to RFC 8414 §2 and §3.

const AuthorizationServerMetadata = z.lazy(() =>
  z.looseObject({
    issuer: AbsoluteUrl,
    // Required unless no grant uses it; Auth0 offers the code flow.
    authorization_endpoint: AbsoluteUrl,
    token_endpoint: AbsoluteUrl,
    response_types_supported: z.array(z.string()).min(1),
    jwks_uri: AbsoluteUrl.optional(),
  }),
);

export const authorizationServerMetadataChecks = [
  statusCheck('oauth_metadata.status.is_200', rfc(8414, '3.2')),
  jsonContentType,
  schemaCheck({
    id: 'oauth_metadata.schema',
    ref: rfc(8414, '2'),
    title: 'The metadata has issuer, authorization_endpoint, token_endpoint and response_types_supported.',
    schema: AuthorizationServerMetadata,
  }),
  defineCheck<Exchange>({
    id: 'oauth_metadata.issuer.equals_configured_issuer',
    ref: rfc(8414, '3.3'),
    severity: 'failure',
    title: "The metadata's issuer is exactly the tenant issuer, with its trailing slash.",
    run: ({ response, expect }) => {
      const issuer = (jsonBody(response) as { issuer?: unknown } | undefined)?.issuer;
      if (!expect?.issuer) return notRun('the harness did not say which issuer to expect');
      return expectThat(
        issuer === expect.issuer,
        () => `expected issuer ${describeValue(expect.issuer)}, got ${describeValue(issuer)}`,
      );
    },
  }),
];
