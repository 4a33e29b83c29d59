import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { escapeHtml, page } from '../browser/html.ts';
import { enforceLimit } from '../http/rate-limit-hooks.ts';
import { bodyParams, param, stringParams } from '../http/request-bodies.ts';
import { checkPasswordPolicy } from '../login/password-policy.ts';
import { sendDbConnectionsError, sendErrorPage } from '../oauth-error.ts';

const TICKET_TTL_MS = 24 * 3600 * 1000;
const EMAIL = /^[^@\s]+@[^@\s]+$/;
const RESET_SENT = "We've just sent you an email to reset your password.";
const SIGNUP_FIELDS = new Set([
  'client_id',
  'connection',
  'email',
  'password',
  'username',
  'phone_number',
  'given_name',
  'family_name',
  'name',
  'nickname',
  'picture',
  'user_metadata',
]);

function validateUserMetadata(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'user_metadata must be an object';
  const entries = Object.entries(value);
  if (entries.length > 10) return 'user_metadata must have at most 10 properties';
  for (const [k, v] of entries) {
    if (k.length > 100) return `user_metadata property names must be at most 100 characters (${k.slice(0, 20)}…)`;
    if (typeof v !== 'string' || v.length > 500) return `user_metadata.${k} must be a string of at most 500 characters`;
  }
  return undefined;
}

/**
 * /dbconnections/signup and /dbconnections/change_password (docs/auth0-api.md §1.2, errors in shape
 * B §3.6), with the pages their emails link to: email verification and password reset.
 */
export function databaseConnectionRoutes(app: FastifyInstance): void {
  const tenant = app.tenant;
  const database = tenant.fixture.connections.database.name;
  const verificationTickets = new Map<string, string>();
  const resetTickets = new Map<string, { userId: string; expiresAt: number }>();

  app.post('/dbconnections/signup', { config: { rateLimit: { id: 'signup', key: 'ip' } } }, async (request, reply) => {
    const body = bodyParams(request.body);
    const reject = (code: string, description: unknown, name = 'BadRequestError') =>
      sendDbConnectionsError(reply, 400, name, code, description);
    const extra = Object.keys(body).filter((k) => !SIGNUP_FIELDS.has(k));
    if (extra.length > 0)
      return reject('invalid_signup', `the following properties are not allowed: ${extra.join(', ')}`);
    if (body.client_id !== undefined && !tenant.findClient(String(body.client_id)))
      return reject('invalid_signup', `Unknown client: ${String(body.client_id)}`);
    const connection = param(body, 'connection');
    if (!connection) return reject('invalid_signup', 'Missing required property: connection');
    if (connection !== database) return reject('invalid_connection', 'Connection does not exist');
    const email = param(body, 'email');
    const password = param(body, 'password');
    if (!email) return reject('invalid_signup', 'Missing required property: email');
    if (!EMAIL.test(email)) return reject('invalid_signup', "Object didn't pass validation for format email: " + email);
    if (!password) return reject('invalid_signup', 'Missing required property: password');
    const metadataProblem = validateUserMetadata(body.user_metadata);
    if (metadataProblem) return reject('invalid_signup', metadataProblem);
    const verdict = checkPasswordPolicy(password);
    if (!verdict.verified)
      return sendDbConnectionsError(reply, 400, 'PasswordStrengthError', 'invalid_password', verdict, {
        message: 'Password is too weak',
        policy:
          '* At least 8 characters in length\n* Contain at least 3 of the following 3 types of characters:\n * lower case letters (a-z)\n * upper case letters (A-Z)\n * numbers (i.e. 0-9)',
      });
    // Duplicate: 400 user_exists as every SDK fixture shows, not the 409 of the current API page
    // (docs/auth0-api.md §3.6, §7.5).
    if (tenant.users.byLogin(database, email)) return reject('user_exists', 'The user already exists.');
    const username = param(body, 'username');
    if (username && tenant.users.byLogin(database, username))
      return reject('username_exists', 'The username already exists.');
    const user = tenant.users.signUp({
      email: email.toLowerCase(),
      password,
      username,
      name: param(body, 'name'),
      phoneNumber: param(body, 'phone_number'),
    });
    const ticket = randomBytes(24).toString('base64url');
    verificationTickets.set(ticket, user.userId);
    tenant.outbox.send({
      to: email,
      channel: 'email',
      kind: 'verification',
      link: `${tenant.issuer}u/email-verification?ticket=${ticket}`,
    });
    return {
      _id: user.userId.split('|')[1],
      email: user.email,
      email_verified: false,
      ...(username ? { username } : {}),
    };
  });

  app.get('/u/email-verification', async (request, reply) => {
    const ticket = stringParams(request.query).ticket ?? '';
    const userId = verificationTickets.get(ticket);
    const user = userId ? tenant.findUser(userId) : undefined;
    if (!user)
      return sendErrorPage(reply, 400, 'invalid_request', 'This verification link is invalid or was already used.');
    user.emailVerified = true;
    verificationTickets.delete(ticket);
    return reply
      .type('text/html; charset=utf-8')
      .send(page('Email verified', '<p>Your email address was successfully verified.</p>'));
  });

  app.post('/dbconnections/change_password', async (request, reply) => {
    const body = bodyParams(request.body);
    const email = param(body, 'email');
    const connection = param(body, 'connection');
    if (!email)
      return sendDbConnectionsError(
        reply,
        400,
        'BadRequestError',
        'invalid_request',
        'Missing required property: email',
      );
    if (!connection)
      return sendDbConnectionsError(
        reply,
        400,
        'BadRequestError',
        'invalid_request',
        'Missing required property: connection',
      );
    if (connection !== database)
      return sendDbConnectionsError(reply, 400, 'BadRequestError', 'invalid_connection', 'Connection does not exist');
    // 10 burst, 1/min per IP + email (docs/auth0-api.md §4.4).
    if (!enforceLimit(request, reply, 'change_password', `${request.ip}\u0000${email.toLowerCase()}`)) return reply;
    const user = tenant.users.byLogin(database, email);
    // Unknown emails get the same 200, so the endpoint does not reveal who has an account
    // (docs/auth0-api.md §3.6: 200 or 404).
    if (user) {
      const ticket = randomBytes(24).toString('base64url');
      resetTickets.set(ticket, { userId: user.userId, expiresAt: Date.now() + TICKET_TTL_MS });
      tenant.outbox.send({
        to: email,
        channel: 'email',
        kind: 'reset',
        link: `${tenant.issuer}lo/reset?ticket=${ticket}`,
      });
    }
    return reply.type('application/json; charset=utf-8').send(JSON.stringify(RESET_SENT));
  });

  const resetForm = (ticket: string, message?: string) =>
    page(
      'Change your password',
      `${message ? `<p role="alert">${escapeHtml(message)}</p>` : ''}<form method="post" action="/lo/reset"><input type="hidden" name="ticket" value="${escapeHtml(ticket)}"><label>New password <input type="password" name="newPassword"></label><button type="submit">Reset password</button></form>`,
    );
  const liveTicket = (ticket: string | undefined) => {
    const found = ticket ? resetTickets.get(ticket) : undefined;
    return found && found.expiresAt > Date.now() ? found : undefined;
  };
  app.get('/lo/reset', async (request, reply) => {
    const ticket = stringParams(request.query).ticket;
    if (!liveTicket(ticket))
      return sendErrorPage(reply, 400, 'invalid_request', 'This reset link is invalid or has expired.');
    return reply.type('text/html; charset=utf-8').send(resetForm(ticket as string));
  });
  app.post('/lo/reset', async (request, reply) => {
    const body = bodyParams(request.body);
    const ticket = param(body, 'ticket');
    const found = liveTicket(ticket);
    const user = found ? tenant.findUser(found.userId) : undefined;
    if (!ticket || !user)
      return sendErrorPage(reply, 400, 'invalid_request', 'This reset link is invalid or has expired.');
    const password = param(body, 'newPassword') ?? '';
    if (!checkPasswordPolicy(password).verified)
      return reply.code(400).type('text/html; charset=utf-8').send(resetForm(ticket, 'Password is too weak'));
    user.password = password;
    user.updatedAt = new Date().toISOString();
    resetTickets.delete(ticket);
    // A password change lifts brute-force blocks on the account (docs/auth0-api.md §4.5).
    if (user.email) tenant.bruteForce.unblockIdentifier(user.email);
    return reply
      .type('text/html; charset=utf-8')
      .send(page('Password changed', '<p>Your password has been changed successfully.</p>'));
  });
}
