import type { Profile } from '../k6-and-node/conformance-matrix.ts';
import type { CredentialMethod } from '../k6-and-node/credential-methods.ts';
import type { HarnessConfig } from '../k6-and-node/harness-config.ts';
import type { TenantMetadata } from './discovery.ts';

/** What every flow runs with: the configuration, the profile's rules and what discovery found. */
export interface FlowContext {
  config: HarnessConfig;
  profile: Profile;
  tenant: TenantMetadata;
}

/** A conformance run's context: also what earlier flows learned that later ones use. */
export interface ConformanceContext extends FlowContext {
  /** Each flow runs on its own, so any of these may be missing. */
  learned: {
    /** The plain user's id (`auth0|…`), from the configuration or the first password login. */
    userId?: string;
    /** An ID token of a browser login, the id_token_hint RP-initiated logout needs. */
    idTokenHint?: string;
  };
}

// Declared as a method so that a flow may take the narrower method type its matrix row allows
// (revocation never gets `bearer`): method parameters are compared bivariantly.
interface FlowSignature {
  run(ctx: ConformanceContext, method: CredentialMethod): Promise<void>;
}

/** A flow of the conformance suite, given one credential method of its matrix row per run. */
export type Flow = FlowSignature['run'];
