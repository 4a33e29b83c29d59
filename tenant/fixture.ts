import { randomBytes } from 'node:crypto';
import { z } from 'zod';

// The tenant's applications and APIs. Secrets are drawn afresh at every start, so a secret found in
// a report can only have leaked from this run.

export const ApplicationFixture = z.object({
  clientId: z.string().min(1),
  name: z.string(),
  tokenEndpointAuthMethod: z.enum(['none', 'client_secret_post', 'client_secret_basic']),
  clientSecret: z.string().optional(),
  grantTypes: z.array(z.string()),
});

export const ApiFixture = z.object({
  identifier: z.string().min(1),
  scopes: z.array(z.string()),
  tokenLifetimeSeconds: z.number().int().positive().default(86400),
});

export const TenantFixture = z.object({
  applications: z.array(ApplicationFixture),
  apis: z.array(ApiFixture),
});

export type TenantFixture = z.infer<typeof TenantFixture>;
export type ApplicationFixture = z.infer<typeof ApplicationFixture>;

const secret = (): string => randomBytes(32).toString('base64url');

export function defaultFixture(): TenantFixture {
  return {
    applications: [
      { clientId: 'm2m-post', name: 'M2M (client_secret_post)', tokenEndpointAuthMethod: 'client_secret_post', clientSecret: secret(), grantTypes: ['client_credentials'] },
      { clientId: 'm2m-basic', name: 'M2M (client_secret_basic)', tokenEndpointAuthMethod: 'client_secret_basic', clientSecret: secret(), grantTypes: ['client_credentials'] },
    ],
    apis: [{ identifier: 'https://api.harness.local/', scopes: ['read:things', 'write:things'], tokenLifetimeSeconds: 86400 }],
  };
}
