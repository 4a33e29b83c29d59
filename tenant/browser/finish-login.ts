import { randomBytes } from 'node:crypto';
import type { FastifyReply } from 'fastify';
import { sendSamlResponse } from '../federation/saml-response.ts';
import { sendWsFedResponse } from '../federation/wsfed-response.ts';
import { sendErrorPage } from '../oauth-error.ts';
import type { LoginTransaction, Session, TenantState } from '../tenant-state.ts';
import { parseAuthorizationRequest } from './authorization-request.ts';
import { completeAuthorization } from './authorization-response.ts';

/** How long the login page waits for the user. */
export const LOGIN_TRANSACTION_TTL_MS = 30 * 60 * 1000;

/** Parks a sign-in and sends the browser to the login page with its state. */
export function sendToLoginPage(tenant: TenantState, reply: FastifyReply, transaction: LoginTransaction): FastifyReply {
  const state = randomBytes(16).toString('base64url');
  tenant.loginTransactions.set(state, transaction, LOGIN_TRANSACTION_TTL_MS);
  return reply
    .code(302)
    .header('location', `/u/login?state=${encodeURIComponent(state)}`)
    .send();
}

/** A parked sign-in that is still valid (its client and redirect still check out). */
export function pendingLogin(tenant: TenantState, state: string | undefined): LoginTransaction | undefined {
  const transaction = state ? tenant.loginTransactions.get(state) : undefined;
  if (transaction?.protocol !== 'oauth2') return transaction;
  return 'kind' in parseAuthorizationRequest(tenant, transaction.params) ? undefined : transaction;
}

/** Answers the application that started the sign-in, in its protocol, for the signed-in user. */
export function finishLogin(
  tenant: TenantState,
  reply: FastifyReply,
  transaction: LoginTransaction,
  session: Session,
): FastifyReply {
  switch (transaction.protocol) {
    case 'oauth2': {
      const parsed = parseAuthorizationRequest(tenant, transaction.params);
      if ('kind' in parsed)
        return sendErrorPage(reply, 400, 'invalid_request', 'The authorization request is no longer valid.');
      return completeAuthorization(tenant, reply, parsed, session);
    }
    case 'samlp':
      return sendSamlResponse(tenant, reply, transaction, session);
    case 'wsfed':
      return sendWsFedResponse(tenant, reply, transaction, session);
  }
}
