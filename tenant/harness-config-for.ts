import type { HarnessConfigInput } from '../lib/k6-and-node/harness-config.ts';
import { GRANT_TYPE } from '../lib/k6-and-node/grant-types.ts';
import type { Application, TenantFixture, User } from './materialise-fixture.ts';

const browserUris = (app: Application) => ({ redirectUri: app.callbacks[0], logoutUri: app.allowedLogoutUrls[0] });

/**
 * The harness configuration that drives this tenant (lib/k6-and-node/harness-config.ts): per credential method
 * the first application using it, the device and CIBA applications, the three kinds of users. With
 * `mtlsUrl` (the mTLS listener runs), the handshake method too, and TLS verification off: the
 * listener's certificate is from the CA the tenant made at start, which nothing trusts.
 */
export function harnessConfigFor(
  fixture: TenantFixture,
  url: string,
  issuer: string,
  mtlsUrl?: string,
): HarnessConfigInput {
  const apps = fixture.applications;
  const byMethod = (method: Application['tokenEndpointAuthMethod'], extra: (a: Application) => boolean = () => true) =>
    apps.find((a) => a.tokenEndpointAuthMethod === method && extra(a));
  const interactive = (a: Application) => a.grantTypes.includes(GRANT_TYPE.authorizationCode);

  const none = byMethod('none', interactive);
  const post = byMethod('client_secret_post', (a) => a.grantTypes.includes(GRANT_TYPE.clientCredentials));
  const basic = byMethod('client_secret_basic');
  const pkj = byMethod('private_key_jwt', (a) => a.generatedPrivateKeyPem !== undefined);
  const mtls =
    byMethod('tls_client_auth', (a) => a.mtls?.certificatePem !== undefined) ??
    byMethod('self_signed_tls_client_auth', (a) => a.mtls?.certificatePem !== undefined);
  // The handshake needs the certificate's key, which the tenant has only for the certificates it made.
  const handshake =
    mtlsUrl === undefined
      ? undefined
      : (byMethod('tls_client_auth', (a) => a.generatedCertificateKeyPem !== undefined) ??
        byMethod('self_signed_tls_client_auth', (a) => a.generatedCertificateKeyPem !== undefined));
  const audience = fixture.defaultAudience ?? fixture.apis[0].identifier;
  // RFC 8705 §3: the application asks for bound tokens, or the API the harness asks tokens for does.
  const boundTokens = (app: Application) =>
    app.tlsClientCertificateBoundAccessTokens ||
    fixture.apis.find((api) => api.identifier === audience)?.proofOfPossession?.mechanism === 'mtls';
  const device = apps.find((a) => a.grantTypes.includes(GRANT_TYPE.deviceCode) && a.tokenEndpointAuthMethod === 'none');
  const ciba = apps.find((a) => a.grantTypes.includes(GRANT_TYPE.ciba) && a.clientSecret);
  const legacy = apps.find((a) => !a.oidcConformant);
  const samlApp = apps.find((a) => a.samlp);
  const idp = fixture.connections.saml.find((c) => c.generatedPrivateKeyPem && c.idpInitiated);
  const landing = idp ? apps.find((a) => a.clientId === idp.idpInitiated?.clientId) : undefined;
  // Auth0 names itself, as a SAML service provider, after the tenant's first host label.
  const tenantName = new URL(issuer).host.split('.')[0].split(':')[0];

  const users = fixture.connections.database.users;
  const asTestUser = (u: User | undefined) =>
    u && { username: u.email, password: u.password, otpSecret: u.mfa?.otpSecret, recoveryCode: u.mfa?.recoveryCode };

  return {
    baseUrl: url,
    issuer,
    audience,
    profile: 'auth0',
    customDomainApiKey: fixture.customDomainApiKey,
    insecureSkipTLSVerify: mtlsUrl !== undefined,
    clients: {
      none: none && { clientId: none.clientId, ...browserUris(none) },
      client_secret_post: post?.clientSecret
        ? { clientId: post.clientId, clientSecret: post.clientSecret, ...browserUris(post) }
        : undefined,
      client_secret_basic: basic?.clientSecret
        ? { clientId: basic.clientId, clientSecret: basic.clientSecret, ...browserUris(basic) }
        : undefined,
      private_key_jwt: pkj && {
        clientId: pkj.clientId,
        privateKeyPem: pkj.generatedPrivateKeyPem as string,
        alg: pkj.privateKeyJwt?.alg ?? 'RS256',
        ...browserUris(pkj),
      },
      tls_client_auth: mtls && {
        clientId: mtls.clientId,
        certificatePem: mtls.mtls?.certificatePem as string,
        caVerified: mtls.tokenEndpointAuthMethod === 'tls_client_auth' ? 'SUCCESS' : 'FAILED',
        certificateBoundAccessTokens: boundTokens(mtls),
        ...browserUris(mtls),
      },
      mtls_handshake: handshake && {
        clientId: handshake.clientId,
        certificatePem: handshake.mtls?.certificatePem as string,
        privateKeyPem: handshake.generatedCertificateKeyPem as string,
        certificateBoundAccessTokens: boundTokens(handshake),
        ...browserUris(handshake),
      },
      device: device && { clientId: device.clientId },
      ciba: ciba && { clientId: ciba.clientId, clientSecret: ciba.clientSecret as string },
      legacy: legacy && { clientId: legacy.clientId },
    },
    federation: {
      saml: samlApp?.samlp && {
        clientId: samlApp.clientId,
        acsUrl: samlApp.samlp.callbackUrl,
        entityId: samlApp.samlp.audience ?? `urn:${samlApp.clientId}`,
        logoutUrl: samlApp.samlp.logoutUrl,
      },
      wsfed: samlApp?.callbacks[0] ? { clientId: samlApp.clientId, reply: samlApp.callbacks[0] } : undefined,
      identityProvider:
        idp && landing?.callbacks[0]
          ? {
              connection: idp.name,
              privateKeyPem: idp.generatedPrivateKeyPem as string,
              certificate: idp.signingCertificatePem.replace(/-----[^-]+-----|\s/g, ''),
              spEntityId: `urn:auth0:${tenantName}:${idp.name}`,
              landingUrl: landing.callbacks[0],
              universalLogout: idp.globalTokenRevocation,
            }
          : undefined,
    },
    connections: {
      database: fixture.connections.database.name,
      passwordlessEmail: fixture.connections.passwordless.email,
      passwordlessSms: fixture.connections.passwordless.sms,
    },
    users: {
      plain: asTestUser(users.find((u) => !u.blocked && !u.mfa)),
      mfa: asTestUser(users.find((u) => !u.blocked && u.mfa)),
      blocked: asTestUser(users.find((u) => u.blocked)),
    },
    localTenant: { controlUrl: `${url}/__tenant` },
  };
}
