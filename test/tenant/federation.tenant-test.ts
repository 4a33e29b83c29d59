import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { deflateRawSync } from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import type { HarnessConfig } from '../../lib/k6-and-node/harness-config.ts';
import { defaultFixtureInput } from '../../tenant/default-fixture.ts';
import { signedAssertion } from '../../tenant/federation/saml-assertion.ts';
import { generateSigningKey, type SigningKey } from '../../tenant/signing-keys.ts';
import { startTenant, type RunningTenant } from '../../tenant/start-tenant.ts';
import { configOf, decodeJwt, get, postForm } from './tenant-requests.ts';

const DS = 'http://www.w3.org/2000/09/xmldsig#';

// Loaded untyped on purpose: their type declarations pull in the DOM lib, which would change the
// types of the whole Node-side program (web crypto globals) for everyone.
const require = createRequire(import.meta.url);
const { SignedXml } = require('xml-crypto') as {
  SignedXml: new (options: { publicCert: string }) => {
    loadSignature(node: unknown): void;
    checkSignature(xml: string): boolean;
  };
};
const { DOMParser } = require('@xmldom/xmldom') as {
  DOMParser: new () => {
    parseFromString(
      text: string,
      type: string,
    ): { getElementsByTagNameNS(ns: string, name: string): ArrayLike<unknown> };
  };
};

/** Verifies the enveloped signature with xml-crypto (an implementation independent of the tenant's). */
function signatureIsValid(document: string, certificateBase64: string): boolean {
  const doc = new DOMParser().parseFromString(document, 'text/xml');
  const signature = doc.getElementsByTagNameNS(DS, 'Signature')[0];
  const verifier = new SignedXml({
    publicCert: `-----BEGIN CERTIFICATE-----\n${certificateBase64}\n-----END CERTIFICATE-----`,
  });
  verifier.loadSignature(signature);
  return verifier.checkSignature(document);
}

const field = (html: string, name: string) => {
  const raw = new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1];
  return raw?.replace(/&#(\d+);/g, (_, c) => String.fromCharCode(Number(c)));
};

describe('local tenant: SAML and WS-Federation sign-in (docs/auth0-api.md §1.1)', () => {
  let tenant: RunningTenant;
  let config: HarnessConfig;
  let certificate: string;
  before(async () => {
    tenant = await startTenant();
    config = configOf(tenant);
    certificate = (await get(`${tenant.url}/.well-known/jwks.json`)).json.keys[0].x5c[0];
  });
  after(() => tenant.close());

  async function signIn(startUrl: string): Promise<string> {
    const start = await get(startUrl);
    assert.equal(start.status, 302, start.text);
    const state = new URL(start.headers.get('location')!, tenant.url).searchParams.get('state')!;
    const done = await postForm(`${tenant.url}/u/login`, {
      state,
      username: config.users.plain!.username,
      password: config.users.plain!.password,
    });
    assert.equal(done.status, 200, done.text);
    return done.text;
  }

  it('SP-initiated SAML (redirect binding): posts a Response whose assertion signature verifies, with InResponseTo and RelayState', async () => {
    const authn = `<samlp:AuthnRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" ID="_req123" Version="2.0" IssueInstant="2026-01-01T00:00:00Z" AssertionConsumerServiceURL="https://sp.harness.local/saml/acs"><saml:Issuer xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion">urn:harness:sp</saml:Issuer></samlp:AuthnRequest>`;
    const query = new URLSearchParams({
      SAMLRequest: deflateRawSync(Buffer.from(authn)).toString('base64'),
      RelayState: 'rs-1',
    });
    const html = await signIn(`${tenant.url}/samlp/saml-app?${query}`);
    assert.ok(html.includes('action="https://sp.harness.local/saml/acs"'));
    assert.equal(field(html, 'RelayState'), 'rs-1');
    const response = Buffer.from(field(html, 'SAMLResponse')!, 'base64').toString('utf8');
    assert.match(response, /InResponseTo="_req123"/);
    assert.match(response, /<saml:Audience>urn:harness:sp<\/saml:Audience>/);
    assert.ok(response.includes(`>${config.users.plain!.username}</saml:NameID>`));
    assert.equal(signatureIsValid(response, certificate), true);
    const tampered = response.replace(config.users.plain!.username, 'attacker@evil.example');
    assert.equal(signatureIsValid(tampered, certificate), false, 'the signature covers the assertion');
  });

  it('refuses an AuthnRequest for another ACS URL and an unreadable SAMLRequest', async () => {
    const authn = `<samlp:AuthnRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" ID="_r" AssertionConsumerServiceURL="https://evil.example/acs"></samlp:AuthnRequest>`;
    assert.equal(
      (
        await get(
          `${tenant.url}/samlp/saml-app?SAMLRequest=${encodeURIComponent(deflateRawSync(Buffer.from(authn)).toString('base64'))}`,
        )
      ).status,
      400,
    );
    assert.equal((await get(`${tenant.url}/samlp/saml-app?SAMLRequest=garbage`)).status, 400);
    assert.equal((await get(`${tenant.url}/samlp/spa-public`)).status, 404, 'no SAML add-on on that client');
  });

  it('WS-Fed passive sign-in posts wsignin1.0 with a signed assertion for the realm, and wctx', async () => {
    const html = await signIn(`${tenant.url}/wsfed/saml-app?wctx=ctx-1`);
    assert.ok(html.includes('action="https://sp.harness.local/wsfed/callback"'));
    assert.equal(field(html, 'wa'), 'wsignin1.0');
    assert.equal(field(html, 'wctx'), 'ctx-1');
    const wresult = field(html, 'wresult')!;
    assert.match(wresult, /<saml:Audience>urn:saml-app<\/saml:Audience>/);
    assert.equal(signatureIsValid(wresult, certificate), true);
    assert.equal(
      (await get(`${tenant.url}/wsfed/saml-app?wreply=${encodeURIComponent('https://evil.example/')}`)).status,
      400,
    );
  });
});

describe('local tenant: IdP-initiated SAML at /login/callback (docs/auth0-api.md §1.1)', () => {
  let tenant: RunningTenant;
  let idpKey: SigningKey;
  const AUDIENCE = 'urn:auth0:harness:corp-idp';
  before(async () => {
    idpKey = await generateSigningKey('idp.example');
    const fixture = defaultFixtureInput();
    fixture.connections = {
      ...fixture.connections,
      saml: [
        {
          name: 'corp-idp',
          signingCertificatePem: `-----BEGIN CERTIFICATE-----\n${(idpKey.publicJwk.x5c as string[])[0]}\n-----END CERTIFICATE-----`,
          idpInitiated: { clientId: 'webapp-post', query: 'response_type=code&scope=openid' },
        },
      ],
    };
    tenant = await startTenant({ fixture, issuer: 'https://harness.eu.auth0.com' });
  });
  after(() => tenant.close());

  const user = (email: string) => ({
    userId: `x|${email}`,
    email,
    emailVerified: true,
    name: email,
    connection: 'corp-idp',
    blocked: false,
    permissions: {},
    authenticators: [],
    createdAt: '',
    updatedAt: '',
  });
  const response = (assertion: string) =>
    `<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" ID="_r1" Version="2.0" IssueInstant="${new Date().toISOString()}"><samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"></samlp:StatusCode></samlp:Status>${assertion}</samlp:Response>`;
  const assertionFor = (email: string, audience = AUDIENCE, key = idpKey) =>
    signedAssertion(
      {
        issuer: 'urn:idp.example',
        audience,
        recipient: `${tenant.url}/login/callback`,
        user: user(email),
        sessionIndex: 's',
        authTime: Math.floor(Date.now() / 1000),
      },
      key,
    );
  const post = (xml: string, connection = 'corp-idp') =>
    postForm(`${tenant.url}/login/callback?connection=${connection}`, {
      SAMLResponse: Buffer.from(xml).toString('base64'),
    });
  const subjectOf = async (answer: { headers: Headers }) => {
    const code = new URL(answer.headers.get('location')!).searchParams.get('code')!;
    const config = configOf(tenant);
    const { clientId, clientSecret } = config.clients.client_secret_post!;
    const tokens = await postForm(`${tenant.url}/oauth/token`, {
      grant_type: 'authorization_code',
      client_id: clientId,
      client_secret: clientSecret,
      code,
    });
    return decodeJwt(tokens.json.id_token).payload.sub as string;
  };

  it('a signed response for the connection signs the user in to the configured application', async () => {
    const answer = await post(response(assertionFor('alice@corp.example')));
    assert.equal(answer.status, 302, answer.text);
    assert.ok(answer.headers.get('location')!.startsWith('https://app.harness.local/webapp/callback?code='));
    assert.equal(await subjectOf(answer), 'samlp|corp-idp|alice@corp.example');
  });

  it('reads only the signed assertion: a wrapped, unsigned second assertion is ignored', async () => {
    const signed = assertionFor('alice@corp.example');
    const forged = signed
      .replace(/<ds:Signature[\s\S]*<\/ds:Signature>/, '')
      .replace(/alice@corp\.example/g, 'mallory@corp.example')
      .replace(/ID="_[0-9a-f]+"/, 'ID="_forged"');
    const answer = await post(response(forged + signed));
    assert.equal(answer.status, 302, answer.text);
    assert.equal(await subjectOf(answer), 'samlp|corp-idp|alice@corp.example');
  });

  it('refuses a wrong signer, a wrong audience, an unsigned response and an unknown connection', async () => {
    const otherKey = await generateSigningKey('evil.example');
    for (const [xml, connection] of [
      [response(assertionFor('a@corp.example', AUDIENCE, otherKey)), 'corp-idp'],
      [response(assertionFor('a@corp.example', 'urn:auth0:harness:other')), 'corp-idp'],
      [response(assertionFor('a@corp.example').replace(/<ds:Signature[\s\S]*<\/ds:Signature>/, '')), 'corp-idp'],
      [response(assertionFor('a@corp.example')), 'nope'],
      ['not xml at all <', 'corp-idp'],
    ]) {
      const answer = await post(xml, connection);
      assert.equal(answer.status, 400, `${connection}: ${answer.text.slice(0, 200)}`);
      assert.equal(answer.headers.get('location'), null);
    }
  });
});
