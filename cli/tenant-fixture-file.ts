import { createPublicKey, type KeyObject } from 'node:crypto';
import { TenantFixtureInput, type TenantFixtureParsed } from '../tenant/fixture.ts';
import { checkCertificatePem } from './certificate-pem.ts';
import { pemBlocks, pemContentsName } from './pem-blocks.ts';
import { readJsonFile } from './read-json-file.ts';
import { jsonPath, schemaProblems } from './schema-problems.ts';
import { UsageError } from './usage-error.ts';

// `auth0-harness tenant --config <fixture>`: the fixture is checked whole before the tenant starts,
// as `run` checks a harness configuration: its shape, unknown keys (typos), the keys and certificates
// it carries, and the references between its parts, which the tenant would otherwise resolve by
// silently taking the first match or none.

const FIXTURE_FILE = { flag: '--config', what: 'a tenant fixture JSON file (README, "The local tenant")' };

// The key a registered private_key_jwt credential verifies with (tenant/client-auth/private-key-jwt.ts).
const PUBLIC_KEY_TYPES: Record<string, readonly string[]> = {
  RS256: ['rsa'],
  RS384: ['rsa'],
  PS256: ['rsa', 'rsa-pss'],
};

function publicKeyProblem(pem: string, alg: string): string | undefined {
  const blocks = pemBlocks(pem);
  const block = blocks.find((b) => b.label === 'PUBLIC KEY' || b.label === 'RSA PUBLIC KEY');
  if (!block)
    return `${blocks.length ? `holds ${pemContentsName(blocks)}, not a public key` : 'holds no PEM public key'}; give the public key registered for the credential (-----BEGIN PUBLIC KEY-----).`;
  let key: KeyObject;
  try {
    key = createPublicKey(block.text);
  } catch {
    return 'has PEM markers but its content is not a readable public key (damaged or truncated); export it again.';
  }
  if (!PUBLIC_KEY_TYPES[alg]?.includes(key.asymmetricKeyType ?? ''))
    return `is an ${key.asymmetricKeyType?.toUpperCase()} key, which cannot verify ${alg}; private_key_jwt credentials are RSA keys.`;
  return undefined;
}

function keyMaterialProblems(fixture: TenantFixtureParsed): string[] {
  const problems: string[] = [];
  fixture.applications.forEach((app, i) => {
    const publicKeyPem = app.privateKeyJwt?.publicKeyPem;
    const keyProblem = publicKeyPem && publicKeyProblem(publicKeyPem, app.privateKeyJwt?.alg ?? 'RS256');
    if (keyProblem) problems.push(`${jsonPath(['applications', i, 'privateKeyJwt', 'publicKeyPem'])}: ${keyProblem}`);
    const certificate = app.mtls?.certificatePem && checkCertificatePem(app.mtls.certificatePem);
    if (certificate && 'problem' in certificate)
      problems.push(`${jsonPath(['applications', i, 'mtls', 'certificatePem'])}: ${certificate.problem}`);
  });
  fixture.connections.saml.forEach((connection, i) => {
    const certificate = connection.signingCertificatePem && checkCertificatePem(connection.signingCertificatePem);
    if (certificate && 'problem' in certificate)
      problems.push(`${jsonPath(['connections', 'saml', i, 'signingCertificatePem'])}: ${certificate.problem}`);
  });
  return problems;
}

/** The second of two entries with the same id: the tenant would only ever find the first. */
function duplicates<T>(items: readonly T[], id: (item: T) => string | undefined, at: (i: number) => string): string[] {
  const first = new Map<string, number>();
  const problems: string[] = [];
  items.forEach((item, i) => {
    const key = id(item);
    if (key === undefined) return;
    const earlier = first.get(key);
    if (earlier === undefined) first.set(key, i);
    else problems.push(`${at(i)}: ${JSON.stringify(key)} is already used at ${at(earlier)}; give each entry its own.`);
  });
  return problems;
}

function referenceProblems(fixture: TenantFixtureParsed): string[] {
  const apis = new Set(fixture.apis.map((a) => a.identifier));
  const clients = new Set(fixture.applications.map((a) => a.clientId));
  const users = fixture.connections.database.users;
  const listed = (ids: Set<string>) => [...ids].map((id) => JSON.stringify(id)).join(', ');
  const problems = [
    ...duplicates(
      fixture.applications,
      (a) => a.clientId,
      (i) => jsonPath(['applications', i, 'clientId']),
    ),
    ...duplicates(
      fixture.apis,
      (a) => a.identifier,
      (i) => jsonPath(['apis', i, 'identifier']),
    ),
    ...duplicates(
      users,
      (u) => u.userId,
      (i) => jsonPath(['connections', 'database', 'users', i, 'userId']),
    ),
    ...duplicates(
      users,
      (u) => u.email.toLowerCase(),
      (i) => jsonPath(['connections', 'database', 'users', i, 'email']),
    ),
  ];
  if (fixture.defaultAudience !== undefined && !apis.has(fixture.defaultAudience))
    problems.push(`defaultAudience: names no API in apis; give one of ${listed(apis)}.`);
  fixture.applications.forEach((app, i) =>
    app.clientGrants.forEach((grant, j) => {
      if (!apis.has(grant.audience))
        problems.push(
          `${jsonPath(['applications', i, 'clientGrants', j, 'audience'])}: names no API in apis; give one of ${listed(apis)}.`,
        );
    }),
  );
  fixture.connections.saml.forEach((connection, i) => {
    const clientId = connection.idpInitiated?.clientId;
    if (clientId !== undefined && !clients.has(clientId))
      problems.push(
        `${jsonPath(['connections', 'saml', i, 'idpInitiated', 'clientId'])}: names no application; give one of ${listed(clients)}.`,
      );
  });
  return problems;
}

/** Reads and checks a tenant fixture file; a UsageError lists every problem at once. */
export function readTenantFixtureFile(file: string): TenantFixtureParsed {
  const json = readJsonFile(file, FIXTURE_FILE);
  const problems = schemaProblems(TenantFixtureInput, json);
  const parsed = TenantFixtureInput.safeParse(json);
  if (parsed.success) problems.push(...keyMaterialProblems(parsed.data), ...referenceProblems(parsed.data));
  problems.sort();
  if (!parsed.success || problems.length > 0)
    throw new UsageError(
      `--config: ${file} is not a valid tenant fixture; ${problems.length === 1 ? 'a problem' : `${problems.length} problems`}:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
  return parsed.data;
}
