import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { page } from '../browser/html.ts';
import { endSession, readSession } from '../browser/session-cookie.ts';
import { stringParams } from '../http/request-bodies.ts';
import { sendErrorPage } from '../oauth-error.ts';
import { verifyOwnJwt } from '../tokens/verify-own-token.ts';

const redirect = (reply: FastifyReply, location: string) => reply.code(302).header('location', location).send();
const loggedOut = (reply: FastifyReply) =>
  reply.code(200).type('text/html; charset=utf-8').send(page('Logged out', '<p>You have been logged out.</p>'));

const params = (request: FastifyRequest) => stringParams(request.query, request.body);

/**
 * /v2/logout and /oidc/logout (docs/auth0-api.md §1.1). Success is a 302 to the allowed URL (OAS and observed
 * behaviour, chosen over the "200" in the API page tables, docs/auth0-api.md §7.6). A URL not in the Allowed
 * Logout URLs is never redirected to: Auth0's error page instead.
 */
export function logoutRoutes(app: FastifyInstance): void {
  const tenant = app.tenant;

  app.get('/v2/logout', async (request, reply) => {
    const q = params(request);
    endSession(tenant, request, reply);
    if (!q.returnTo) return loggedOut(reply);
    const client = q.client_id ? tenant.findClient(q.client_id) : undefined;
    if (q.client_id && !client) return sendErrorPage(reply, 400, 'invalid_request', `Unknown client: ${q.client_id}`);
    const allowed = client ? client.allowedLogoutUrls : tenant.fixture.allowedLogoutUrls;
    if (!allowed.includes(q.returnTo)) {
      return sendErrorPage(
        reply,
        400,
        'invalid_request',
        `The "returnTo" querystring parameter "${q.returnTo}" is not defined as a valid URL in "Allowed Logout URLs".`,
      );
    }
    return redirect(reply, q.returnTo);
  });

  const oidcLogout = async (request: FastifyRequest, reply: FastifyReply) => {
    const q = params(request);
    const session = readSession(tenant, request);
    let clientId = q.client_id;
    if (q.id_token_hint) {
      const hint = verifyOwnJwt(tenant, q.id_token_hint, true);
      if (!hint) return sendErrorPage(reply, 400, 'invalid_request', 'The id_token_hint is invalid.');
      if (clientId && !hint.aud.includes(clientId))
        return sendErrorPage(reply, 400, 'invalid_request', 'client_id does not match the audience of id_token_hint.');
      clientId = hint.aud[0];
    } else if (!(q.logout_hint && clientId && session?.sid === q.logout_hint)) {
      // Without a hint that identifies the session the user is asked to confirm (docs/auth0-api.md §1.1).
      return reply
        .code(200)
        .type('text/html; charset=utf-8')
        .send(
          page(
            'Log out',
            '<form method="post" action="/oidc/logout"><p>Do you want to log out?</p><button type="submit">Yes</button></form>',
          ),
        );
    }
    endSession(tenant, request, reply);
    if (!q.post_logout_redirect_uri) return loggedOut(reply);
    const client = clientId ? tenant.findClient(clientId) : undefined;
    if (!client?.allowedLogoutUrls.includes(q.post_logout_redirect_uri)) {
      return sendErrorPage(
        reply,
        400,
        'invalid_request',
        `The "post_logout_redirect_uri" parameter "${q.post_logout_redirect_uri}" is not defined as a valid URL in "Allowed Logout URLs".`,
      );
    }
    const target = new URL(q.post_logout_redirect_uri);
    if (q.state !== undefined) target.searchParams.set('state', q.state);
    return redirect(reply, target.toString());
  };
  app.get('/oidc/logout', oidcLogout);
  app.post('/oidc/logout', oidcLogout);
}
