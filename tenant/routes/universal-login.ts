import type { FastifyInstance, FastifyReply } from 'fastify';
import { finishLogin, LOGIN_TRANSACTION_TTL_MS, pendingLogin } from '../browser/finish-login.ts';
import { escapeHtml, page } from '../browser/html.ts';
import { startSession } from '../browser/session-cookie.ts';
import { bodyParams, param, stringParams } from '../http/request-bodies.ts';
import { BLOCKED_AFTER_ATTEMPTS, authenticateDatabaseUser } from '../login/database-login.ts';
import { sendErrorPage } from '../oauth-error.ts';
import type { LoginTransaction } from '../tenant-state.ts';
import { verifyTotp } from '../../lib/k6-and-node/totp.ts';

// A Universal-Login-like page: plain HTML forms carrying `state`, so a script can GET the page, read
// the state and POST the credentials, as it would against the New Universal Login.

const loginForm = (state: string, message?: string) =>
  page(
    'Log in',
    `${message ? `<p id="error-element" role="alert">${escapeHtml(message)}</p>` : ''}<form method="post" action="/u/login"><input type="hidden" name="state" value="${escapeHtml(state)}"><label>Email <input name="username" autocomplete="username"></label><label>Password <input type="password" name="password" autocomplete="current-password"></label><button type="submit" name="action" value="default">Continue</button></form>`,
  );

const otpForm = (state: string, message?: string) =>
  page(
    'Verify your identity',
    `${message ? `<p id="error-element" role="alert">${escapeHtml(message)}</p>` : ''}<form method="post" action="/u/mfa-otp-challenge"><input type="hidden" name="state" value="${escapeHtml(state)}"><label>Enter your one-time code <input name="code" inputmode="numeric" autocomplete="one-time-code"></label><button type="submit" name="action" value="default">Continue</button></form>`,
  );

const html = (reply: FastifyReply, status: number, body: string) =>
  reply.code(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(body);

export function universalLoginRoutes(app: FastifyInstance): void {
  const tenant = app.tenant;
  const pending = (state: string | undefined) => pendingLogin(tenant, state);
  const finish = (reply: FastifyReply, state: string, transaction: LoginTransaction, userId: string) => {
    tenant.loginTransactions.delete(state);
    tenant.loginsAwaitingMfa.delete(state);
    return finishLogin(tenant, reply, transaction, startSession(tenant, reply, userId));
  };
  const unknownState = (reply: FastifyReply) =>
    sendErrorPage(
      reply,
      400,
      'invalid_request',
      'The login transaction is unknown or has expired; start again from /authorize.',
    );

  app.get('/u/login', async (request, reply) => {
    const state = stringParams(request.query).state;
    if (!pending(state)) return unknownState(reply);
    return html(reply, 200, loginForm(state as string));
  });

  // Universal Login prompts: POST 10 burst, 5/min per IP (docs/auth0-api.md §4.4).
  app.post('/u/login', { config: { rateLimit: { id: 'universal_login', key: 'ip' } } }, async (request, reply) => {
    const body = bodyParams(request.body);
    const state = param(body, 'state');
    const authorization = pending(state);
    if (!state || !authorization) return unknownState(reply);
    const username = param(body, 'username') ?? '';
    const login = authenticateDatabaseUser(tenant, request, reply, {
      connection: tenant.fixture.connections.database.name,
      username,
      password: param(body, 'password') ?? '',
      ip: request.ip,
    });
    if (!login.ok) {
      if (login.reason === 'answered') return reply;
      if (login.reason === 'too_many_attempts') return html(reply, 429, loginForm(state, BLOCKED_AFTER_ATTEMPTS));
      if (login.reason === 'blocked_user') return html(reply, 401, loginForm(state, 'user is blocked'));
      return html(reply, 400, loginForm(state, 'Wrong email or password'));
    }
    if (login.user.authenticators.some((a) => a.active && a.authenticatorType === 'otp')) {
      tenant.loginsAwaitingMfa.set(state, login.user.userId, LOGIN_TRANSACTION_TTL_MS);
      return reply
        .code(302)
        .header('location', `/u/mfa-otp-challenge?state=${encodeURIComponent(state)}`)
        .send();
    }
    return finish(reply, state, authorization, login.user.userId);
  });

  app.get('/u/mfa-otp-challenge', async (request, reply) => {
    const state = stringParams(request.query).state;
    if (!state || !pending(state) || !tenant.loginsAwaitingMfa.get(state)) return unknownState(reply);
    return html(reply, 200, otpForm(state));
  });

  app.post(
    '/u/mfa-otp-challenge',
    { config: { rateLimit: { id: 'universal_login', key: 'ip' } } },
    async (request, reply) => {
      const body = bodyParams(request.body);
      const state = param(body, 'state');
      const authorization = pending(state);
      const userId = state ? tenant.loginsAwaitingMfa.get(state) : undefined;
      if (!state || !authorization || !userId) return unknownState(reply);
      const otp = tenant.findUser(userId)?.authenticators.find((a) => a.active && a.authenticatorType === 'otp');
      if (!otp?.secret || !verifyTotp(otp.secret, param(body, 'code') ?? ''))
        return html(reply, 400, otpForm(state, 'The code you entered is invalid'));
      return finish(reply, state, authorization, userId);
    },
  );
}
