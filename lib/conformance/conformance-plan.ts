import { matrixFor, type MatrixRow, type Profile } from '../k6-and-node/conformance-matrix.ts';
import { CREDENTIAL_METHODS, type CredentialMethod } from '../k6-and-node/credential-methods.ts';
import type { CheckCell } from '../k6-and-node/result-protocol.ts';

// The conformance suite's flows as data: the matrix row each covers and the profiles it runs in. A
// flow runs once for every credential method its row applies to in the profile, so the matrix, not a
// hand-written list, decides which methods are tried; the scenario maps each flow id to its code.
// Every applicable cell is covered by a flow (a test holds to it); a cell a run leaves unjudged is
// reported as skipped with why (cellsNothingJudged).

export interface FlowSpec {
  /** What the flow does, as findings and exception messages name it. */
  title: string;
  /** The matrix row it covers: it runs once for each credential method that applies there. */
  row: string;
  /** Rows whose cell for the same method it covers too; an exception fails those cells as well. */
  alsoRows?: string[];
  profiles: Profile[];
  /** Methods of the row another flow covers instead. */
  exceptMethods?: CredentialMethod[];
}

/** Rows read before any flow, by discoverTenant (lib/conformance/discovery.ts): every flow uses what they give. */
export const DISCOVERY_ROWS = ['GET /.well-known/openid-configuration', 'GET /.well-known/jwks.json'];

const BOTH: Profile[] = ['auth0', 'oidc'];
const AUTH0: Profile[] = ['auth0'];
const TOKEN = 'POST /oauth/token';

// In run order: a later flow may use what an earlier one learned (the user id the password login
// saw, the ID token of the hybrid login for logout), and the MFA API enrols the user, so it is last.
export const CONFORMANCE_FLOWS = {
  tokenEndpoint: { title: 'token endpoint grants and refusals', row: TOKEN, profiles: BOTH },
  deviceFlow: { title: 'device flow polling', row: 'POST /oauth/device/code', alsoRows: [TOKEN], profiles: BOTH },
  revocation: { title: 'revocation', row: 'POST /oauth/revoke', profiles: BOTH },
  pushedAuthorization: { title: 'pushed authorization request', row: 'POST /oauth/par', profiles: BOTH },
  userinfo: { title: 'userinfo', row: 'GET /userinfo', alsoRows: ['POST /userinfo'], profiles: BOTH },
  dynamicRegistration: { title: 'dynamic client registration', row: 'POST /oidc/register', profiles: BOTH },
  codeWithPkce: { title: 'authorization code with PKCE', row: 'GET /authorize', alsoRows: [TOKEN], profiles: BOTH },
  // The public client's code flow is codeWithPkce.
  codeForConfidentialClient: {
    title: 'authorization code for a confidential client',
    row: TOKEN,
    profiles: BOTH,
    exceptMethods: ['none'],
  },
  implicit: { title: 'implicit id_token token', row: 'GET /authorize', profiles: AUTH0 },
  hybrid: { title: 'hybrid code id_token', row: 'GET /authorize', profiles: AUTH0 },
  logout: { title: 'logout', row: 'GET /v2/logout', profiles: AUTH0 },
  rpInitiatedLogout: { title: 'RP-initiated logout', row: 'GET /oidc/logout', profiles: BOTH },
  passwordRealmLogin: { title: 'password-realm login', row: TOKEN, profiles: AUTH0 },
  backchannelAuthentication: { title: 'CIBA', row: 'POST /bc-authorize', profiles: AUTH0 },
  mfaLogin: { title: 'MFA login', row: 'POST /mfa/challenge', alsoRows: [TOKEN], profiles: AUTH0 },
  databaseConnection: {
    title: 'signup and change_password',
    row: 'POST /dbconnections/signup',
    alsoRows: ['POST /dbconnections/change_password'],
    profiles: AUTH0,
  },
  passwordlessStart: { title: 'passwordless', row: 'POST /passwordless/start', alsoRows: [TOKEN], profiles: AUTH0 },
  samlMetadata: { title: 'SAML IdP metadata', row: 'GET /samlp/metadata/{client_id}', profiles: AUTH0 },
  wsfedMetadata: {
    title: 'WS-Federation metadata',
    row: 'GET /wsfed/FederationMetadata/2007-06/FederationMetadata.xml',
    profiles: AUTH0,
  },
  samlSignIn: {
    title: 'SP-initiated SAML and single logout',
    row: 'GET /samlp/{client_id}',
    alsoRows: ['POST /samlp/{client_id}/logout'],
    profiles: AUTH0,
  },
  wsfedSignIn: { title: 'WS-Federation sign-in', row: 'GET /wsfed/{client_id}', profiles: AUTH0 },
  samlIdpInitiated: { title: 'IdP-initiated SAML', row: 'POST /login/callback', profiles: AUTH0 },
  passwordlessVerify: { title: 'passwordless verify', row: 'POST /passwordless/verify', profiles: AUTH0 },
  otpChallenge: { title: 'OTP challenge', row: 'POST /otp/challenge', alsoRows: [TOKEN], profiles: AUTH0 },
  globalTokenRevocation: {
    title: 'Universal Logout',
    row: 'POST /oauth/global-token-revocation/connection/{connection_name}',
    profiles: AUTH0,
  },
  authorizationServerMetadata: {
    title: 'authorization server metadata',
    row: 'GET /.well-known/oauth-authorization-server',
    profiles: AUTH0,
  },
  crossOriginLogin: { title: 'cross-origin login', row: 'POST /co/authenticate', profiles: AUTH0 },
  ssoData: { title: 'SSO data', row: 'GET /user/ssodata', profiles: AUTH0 },
  legacyTokenEndpoints: {
    title: 'legacy token endpoints',
    row: 'POST /oauth/ro',
    alsoRows: ['POST /oauth/access_token', 'POST /delegation', 'POST /tokeninfo'],
    profiles: AUTH0,
  },
  legacyAccountEndpoints: {
    title: 'legacy account endpoints',
    row: 'POST /login/unlink',
    alsoRows: ['POST /users/{user_id}/impersonate'],
    profiles: AUTH0,
  },
  mfaApi: {
    title: 'MFA API',
    row: 'POST /mfa/associate',
    alsoRows: ['GET /mfa/authenticators', 'DELETE /mfa/authenticators/{id}'],
    profiles: AUTH0,
  },
} satisfies Record<string, FlowSpec>;

export type FlowId = keyof typeof CONFORMANCE_FLOWS;

/** One run of a flow: the method it is given, its name in findings, and the cells it covers. */
export interface PlannedFlow {
  id: FlowId;
  method: CredentialMethod;
  /** `token endpoint grants and refusals (private_key_jwt)`. */
  name: string;
  cells: CheckCell[];
}

const applies = (row: MatrixRow | undefined, method: CredentialMethod): boolean => row?.cells[method].applies ?? false;

/** The flows a profile's run makes, in order, each with the matrix cells it covers. */
export function conformancePlan(profile: Profile): PlannedFlow[] {
  const rows = new Map(matrixFor(profile).map((r) => [r.endpoint, r]));
  const plan: PlannedFlow[] = [];
  for (const [id, spec] of Object.entries(CONFORMANCE_FLOWS) as [FlowId, FlowSpec][]) {
    if (!spec.profiles.includes(profile)) continue;
    const row = rows.get(spec.row);
    const methods = CREDENTIAL_METHODS.filter((m) => applies(row, m) && !spec.exceptMethods?.includes(m));
    for (const method of methods) {
      const cells = [spec.row, ...(spec.alsoRows ?? [])]
        .filter((endpoint) => applies(rows.get(endpoint), method))
        .map((endpoint) => ({ endpoint, credential: method }));
      const name = methods.length > 1 ? `${spec.title} (${method})` : spec.title;
      plan.push({ id, method, name, cells });
    }
  }
  return plan;
}

/** What a run recorded on a cell, as far as cellsNothingJudged needs to know. */
export interface RecordedCells {
  /** A check was judged (passed or failed) or a skip recorded. */
  hasResult(cell: CheckCell): boolean;
  /** Why the first check recorded as not run there was not run. */
  notRunReason(cell: CheckCell): string | undefined;
}

/**
 * The planned cells where nothing was judged, each with why: its checks had nothing to judge, or the
 * flows covering it all ended before reaching it (a step before it failed). Reported as skipped, so
 * that no cell is left without a result to be read as "not configured".
 */
export function cellsNothingJudged(
  plan: readonly PlannedFlow[],
  recorded: RecordedCells,
): { cell: CheckCell; reason: string }[] {
  const coveredBy = new Map<string, { cell: CheckCell; names: string[] }>();
  for (const { cells, name } of plan)
    for (const cell of cells) {
      const key = `${cell.endpoint} [${cell.credential}]`;
      const entry = coveredBy.get(key) ?? { cell, names: [] };
      entry.names.push(name);
      coveredBy.set(key, entry);
    }
  return [...coveredBy.values()]
    .filter(({ cell }) => !recorded.hasResult(cell))
    .map(({ cell, names }) => {
      const notRun = recorded.notRunReason(cell);
      const flows = names.length === 1 ? `the ${names[0]} flow` : `the flows ${names.join(', ')}`;
      const reason = notRun
        ? `no check here had anything to judge: ${notRun}`
        : `${flows} ended before reaching this endpoint (a step before it failed; see ${names.length === 1 ? 'its' : 'their'} findings)`;
      return { cell, reason };
    });
}
