import { z } from 'zod';

// /.well-known/jwks.json as RFC 7517 §5 defines a JWK Set: a keys array whose members each name their
// key type (RFC 7517 §4.1) and may carry the common members, typed here. What a key type adds is in
// PUBLIC_KEY_MEMBERS; Auth0's narrower rule (RSA keys only, each with a kid) is Auth0SigningKey.

const JsonWebKey = z.lazy(() =>
  z.looseObject({
    kty: z.string().min(1),
    use: z.string().optional(),
    key_ops: z.array(z.string()).optional(),
    alg: z.string().optional(),
    kid: z.string().optional(),
    x5u: z.string().optional(),
    x5c: z.array(z.string()).optional(),
    x5t: z.string().optional(),
    'x5t#S256': z.string().optional(),
  }),
);

export const JsonWebKeySet = z.lazy(() => z.object({ keys: z.array(JsonWebKey).min(1) }));

const Base64Url = z.string().regex(/^[A-Za-z0-9_-]+$/, 'expected base64url without padding');

/** Octets a base64url string without padding decodes to. */
const base64UrlOctets = (value: string): number => Math.floor((value.length * 6) / 8);

/** A base64url member that must decode to exactly `octets` octets (a coordinate of the curve). */
const Octets = (octets: number) =>
  Base64Url.refine((v) => base64UrlOctets(v) === octets, {
    error: (issue) => `expected ${octets} octets, got ${base64UrlOctets(String(issue.input))}`,
  });

// RFC 7518 §6.2.1.2-3: x and y are the full size of a coordinate of the curve.
const EC_COORDINATE_OCTETS = { 'P-256': 32, 'P-384': 48, 'P-521': 66 } as const;
// RFC 8037 §2: x is the public key, 32 octets for Ed25519 and X25519, 57 for Ed448 and 56 for X448.
const OKP_KEY_OCTETS = { Ed25519: 32, Ed448: 57, X25519: 32, X448: 56 } as const;
// RFC 7518 §3.3: RS* and PS* keys are 2048 bits or larger.
const RSA_MIN_MODULUS_OCTETS = 256;

const curveKey = <Curves extends Record<string, number>>(
  kty: string,
  sizes: Curves,
  coordinates: readonly string[],
): z.ZodType =>
  z.discriminatedUnion(
    'crv',
    Object.entries(sizes).map(([crv, octets]) =>
      z.looseObject({
        kty: z.literal(kty),
        crv: z.literal(crv),
        ...Object.fromEntries(coordinates.map((name) => [name, Octets(octets)])),
      }),
    ) as never,
    { error: `expected crv ${Object.keys(sizes).join(', ')}` },
  );

/**
 * The public members each key type requires, by kty: RSA (RFC 7518 §6.3.1), EC (§6.2.1) and OKP
 * (RFC 8037 §2). A kty not listed here is one RFC 7517 §5 lets a reader ignore.
 */
export const PUBLIC_KEY_MEMBERS: Record<string, z.ZodType> = {
  RSA: z.looseObject({
    kty: z.literal('RSA'),
    n: Base64Url.refine((n) => base64UrlOctets(n) >= RSA_MIN_MODULUS_OCTETS, {
      error: (issue) => `expected a modulus of 2048 bits or more, got ${base64UrlOctets(String(issue.input)) * 8}`,
    }),
    e: Base64Url,
  }),
  EC: curveKey('EC', EC_COORDINATE_OCTETS, ['x', 'y']),
  OKP: curveKey('OKP', OKP_KEY_OCTETS, ['x']),
};

// docs/auth0-api.md §2.4: Auth0 publishes RSA signing keys only, each with the kid tokens name.
export const Auth0SigningKey = z.lazy(() =>
  z.looseObject({
    kty: z.literal('RSA'),
    kid: z.string().min(1),
    n: z.string().min(1),
    e: z.string().min(1),
    use: z.literal('sig').optional(),
  }),
);
