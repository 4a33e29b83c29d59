import type { Profile } from '../conformance-matrix.ts';
import type { HarnessConfig } from '../harness-config.ts';
import type { TenantMetadata } from './discovery.ts';

/** What every flow runs with: the configuration, the profile's rules and what discovery found. */
export interface FlowContext {
  config: HarnessConfig;
  profile: Profile;
  tenant: TenantMetadata;
}
