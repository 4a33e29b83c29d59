// Which JWS algorithms a signature is accepted with, per profile and per thing signed. auth0: what
// Auth0 documents for each (docs/auth0-api.md §2.2, §5, after Auth0's signing algorithms page). oidc:
// what discovery advertises, else the algorithm the standards make mandatory, RS256.

/** What is signed: a token the provider issued, or a client assertion the harness sends it. */
export type SignedThing = 'access_token' | 'id_token' | 'client_assertion';

export type SigningProfile = 'auth0' | 'oidc';

/** The discovery lists that advertise algorithms (OpenID Connect Discovery §3, RFC 8414 §2). */
export interface AdvertisedAlgorithms {
  /** id_token_signing_alg_values_supported */
  idToken?: string[];
  /** token_endpoint_auth_signing_alg_values_supported */
  tokenEndpointAuth?: string[];
}

export interface SigningRules {
  /** The algorithms accepted, in the order of preference where the harness chooses. */
  algorithms: string[];
  /** Where the list comes from, for a failure message: `Auth0's signing algorithms for ID tokens`. */
  source: string;
  /** Whether the header must name its key by kid (Auth0 always does; RFC 7515 §4.1.4 makes it optional). */
  kidRequired: boolean;
}

// JWS algorithms verified with a public key from a JWKS (RFC 7518 §3.1; RFC 8037 §3.1 for EdDSA, and
// Ed25519, its fully-specified name). HS* need a shared secret and `none` no key: neither is here.
const ASYMMETRIC_ALGORITHMS = [
  'RS256',
  'PS256',
  'ES256',
  'EdDSA',
  'Ed25519',
  'RS384',
  'PS384',
  'ES384',
  'RS512',
  'PS512',
  'ES512',
];

// Auth0 signs ID and access tokens with RS256 (recommended) or PS256; HS256, its third option, is an
// HMAC with the client secret and is not verified against the JWKS. Client assertions: RS256, RS384
// or PS256, as registered for the credential.
const AUTH0_RULES: Record<SignedThing, SigningRules> = {
  id_token: { algorithms: ['RS256', 'PS256'], source: "Auth0's signing algorithms for ID tokens", kidRequired: true },
  access_token: {
    algorithms: ['RS256', 'PS256'],
    source: "Auth0's signing algorithms for access tokens",
    kidRequired: true,
  },
  client_assertion: {
    algorithms: ['RS256', 'RS384', 'PS256'],
    source: "Auth0's algorithms for private_key_jwt credentials",
    kidRequired: false,
  },
};

/** The advertised list's algorithms a JWKS key can verify, or undefined when it names none. */
const usable = (advertised: string[] | undefined): string[] | undefined => {
  const list = advertised?.filter((alg) => ASYMMETRIC_ALGORITHMS.includes(alg));
  return list && list.length > 0 ? list : undefined;
};

function fromDiscovery(field: string, advertised: string[] | undefined, why: string): SigningRules {
  const list = usable(advertised);
  return list
    ? { algorithms: list, source: `discovery's ${field}`, kidRequired: false }
    : {
        algorithms: ['RS256'],
        source: `RS256, which ${why} (discovery lists no asymmetric ${field})`,
        kidRequired: false,
      };
}

/** The signing rules a profile holds one kind of signed thing to. */
export function signingRules(
  profile: SigningProfile,
  thing: SignedThing,
  advertised: AdvertisedAlgorithms = {},
): SigningRules {
  if (profile === 'auth0') return AUTH0_RULES[thing];
  switch (thing) {
    case 'id_token':
      return fromDiscovery(
        'id_token_signing_alg_values_supported',
        advertised.idToken,
        'every OpenID provider must support (OpenID Connect Core §15.1)',
      );
    case 'client_assertion':
      return fromDiscovery(
        'token_endpoint_auth_signing_alg_values_supported',
        advertised.tokenEndpointAuth,
        'servers should support (OpenID Connect Discovery §3)',
      );
    case 'access_token':
      // RFC 9068 §2.1, §4: any asymmetric algorithm, verified with the keys of the jwks_uri; no
      // discovery field advertises them.
      return {
        algorithms: ASYMMETRIC_ALGORITHMS,
        source: 'RFC 9068 (any asymmetric JWS algorithm, never none)',
        kidRequired: false,
      };
  }
}
