import type { ApplicationFixture, TenantFixture } from './fixture.ts';
import type { SigningKey } from './signing-keys.ts';

/** What the routes share: the issuer, the fixture and the signing keys (the first one signs). */
export interface TenantState {
  issuer: string;
  fixture: TenantFixture;
  keys: SigningKey[];
  findClient(clientId: string): ApplicationFixture | undefined;
}
