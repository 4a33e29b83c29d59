import type { FastifyInstance } from 'fastify';
import { parseAuthorizationRequest } from '../browser/authorization-request.ts';
import { completeAuthorization, deliverError } from '../browser/authorization-response.ts';
import { sendToLoginPage } from '../browser/finish-login.ts';
import { readSession, startSession } from '../browser/session-cookie.ts';
import { stringParams } from '../http/request-bodies.ts';
import { sendErrorPage } from '../oauth-error.ts';

/**
 * GET /authorize (docs/auth0-api.md §1.1): code, code+PKCE, implicit and hybrid; query, fragment and form_post;
 * prompt=none against the login session; PAR request_uri; login_ticket from /co/authenticate.
 * Without a session the user is sent to the Universal Login page (/u/login?state=…).
 */
export function authorizeRoutes(app: FastifyInstance): void {
  const tenant = app.tenant;
  app.get('/authorize', async (request, reply) => {
    let params = stringParams(request.query);
    if (params.request_uri) {
      const pushed = tenant.pushedRequests.take(params.request_uri);
      if (!pushed || pushed.client_id !== params.client_id)
        return sendErrorPage(reply, 400, 'invalid_request', 'The request_uri is invalid, expired or was already used.');
      params = { ...pushed };
    }
    const parsed = parseAuthorizationRequest(tenant, params);
    if ('kind' in parsed) {
      if (parsed.kind === 'page') return sendErrorPage(reply, 400, parsed.error, parsed.description);
      return deliverError(reply, parsed.request, parsed.error, parsed.description);
    }
    if (params.login_ticket) {
      const ticket = tenant.loginTickets.take(params.login_ticket);
      if (!ticket || ticket.clientId !== parsed.client.clientId)
        return deliverError(reply, parsed, 'access_denied', 'Invalid login ticket');
      return completeAuthorization(tenant, reply, parsed, startSession(tenant, reply, ticket.userId));
    }
    const session = parsed.prompt === 'login' ? undefined : readSession(tenant, request);
    if (session) return completeAuthorization(tenant, reply, parsed, session);
    if (parsed.prompt === 'none') return deliverError(reply, parsed, 'login_required', 'Login required');
    return sendToLoginPage(tenant, reply, { protocol: 'oauth2', params });
  });
}
