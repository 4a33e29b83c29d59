import type { JSONWebKeySet } from 'jose';
import { runtimeCannotUse } from '../checks/token/runtime-algorithms.ts';
import { assertionAlgorithm } from './k6-and-node/client-assertion.ts';
import type { HarnessConfig } from './k6-and-node/harness-config.ts';

// Said once, before any flow runs, where this runtime lacks an algorithm the run needs (real k6 has no
// Ed25519): the per-cell results say the same, but a user reading the log should learn it at the top,
// with what it costs and what to do, not by piecing skipped cells together.

const isEd25519Key = (key: { kty?: string; crv?: string }): boolean => key.kty === 'OKP' && key.crv === 'Ed25519';

/**
 * One sentence per algorithm the provider's keys or the configured client need and this runtime
 * cannot use; none on a runtime that has them all.
 */
export async function runtimeAlgorithmNotices(
  jwks: JSONWebKeySet | undefined,
  config: HarnessConfig,
): Promise<string[]> {
  const notices: string[] = [];
  const edKeys = (jwks?.keys ?? []).filter(isEd25519Key).map((k) => (k.kid ? JSON.stringify(k.kid) : 'without kid'));
  if (edKeys.length > 0) {
    const cannot = await runtimeCannotUse('EdDSA');
    if (cannot)
      notices.push(
        `the provider's JWKS holds Ed25519 keys (${edKeys.join(', ')}), and ${cannot}: the signatures of its EdDSA tokens are reported not verified; run with --engine local to verify them.`,
      );
  }
  const client = config.clients.private_key_jwt;
  if (client) {
    const alg = assertionAlgorithm(client);
    const cannot = await runtimeCannotUse(alg);
    if (cannot)
      notices.push(
        `clients.private_key_jwt signs its assertions with ${alg}, and ${cannot}: its cells are skipped; give it an RSA or EC key, or run with --engine local.`,
      );
  }
  return notices;
}
