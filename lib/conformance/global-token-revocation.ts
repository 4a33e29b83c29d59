import { importPKCS8, SignJWT } from 'jose';
import {
  globalTokenRevocationChecks,
  globalTokenRevocationErrorChecks,
} from '../../checks/endpoints/global-token-revocation.ts';
import { recordSkip } from '../record-checks.ts';
import type { CheckCell } from '../k6-and-node/result-protocol.ts';
import { checkedRequest } from './checked-request.ts';
import type { FlowContext } from './flow-context.ts';

const CELL: CheckCell = {
  endpoint: 'POST /oauth/global-token-revocation/connection/{connection_name}',
  credential: 'bearer',
};

/**
 * Okta Universal Logout (docs/auth0-api.md §1.1): the harness, as the connection's identity
 * provider, asks the tenant to revoke a user's sessions with a bearer JWT it signs; the same request
 * with a JWT for another audience is refused.
 */
export async function globalTokenRevocation(ctx: FlowContext): Promise<void> {
  const idp = ctx.config.federation.identityProvider;
  if (!idp?.universalLogout)
    return recordSkip(
      CELL,
      'Universal Logout needs federation.identityProvider with universalLogout (the JWT iss and sub)',
    );
  const url = `${ctx.config.baseUrl}/oauth/global-token-revocation/connection/${encodeURIComponent(idp.connection)}`;
  const key = await importPKCS8(idp.privateKeyPem, 'RS256');
  const bearer = async (audience: string) => {
    const jwt = await new SignJWT({})
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT' })
      .setIssuer(idp.universalLogout?.jwtIss as string)
      .setSubject(idp.universalLogout?.jwtSub as string)
      .setAudience(audience)
      .setIssuedAt()
      .setExpirationTime('2m')
      .setJti(crypto.randomUUID())
      .sign(key);
    return { Authorization: `Bearer ${jwt}` };
  };
  const json = { subject: { format: 'iss_sub', iss: idp.issuer, sub: 'universal-logout-user@idp.harness.invalid' } };
  const revoked = await checkedRequest(
    CELL,
    {
      method: 'POST',
      url,
      json,
      headers: await bearer(`${ctx.config.issuer}oauth/global-token-revocation/connection/${idp.connection}`),
      expectedStatuses: [200],
    },
    globalTokenRevocationChecks,
    'Universal Logout of a user',
  );
  if (!revoked) return;
  await checkedRequest(
    CELL,
    {
      method: 'POST',
      url,
      json,
      headers: await bearer('https://another-audience.harness.invalid/'),
      expectedStatuses: [401],
    },
    globalTokenRevocationErrorChecks,
    'Universal Logout with a JWT for another audience',
  );
}
