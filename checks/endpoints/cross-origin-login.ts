import { z } from 'zod';
import { errorCodeCheck } from '../errors/error-body.ts';
import { jsonContentType } from '../http/json-content-type.ts';
import { statusCheck } from '../http/status.ts';
import { AUTH0 } from '../references.ts';
import { schemaCheck } from '../schemas/schema-check.ts';

// POST /co/authenticate, the cross-origin login ticket (docs/auth0-api.md §1.2, errors §3.8).

const LoginTicket = z.lazy(() =>
  z.looseObject({
    login_ticket: z.string().min(1),
    co_id: z.string().min(1),
    co_verifier: z.string().min(1),
  }),
);

export const crossOriginLoginChecks = [
  statusCheck('co_authenticate.status.is_200', AUTH0.crossOriginAuthentication),
  jsonContentType,
  schemaCheck({
    id: 'co_authenticate.schema',
    ref: AUTH0.crossOriginAuthentication,
    title: 'The cross-origin login answers login_ticket, co_id and co_verifier.',
    schema: LoginTicket,
  }),
];

export const crossOriginLoginErrorChecks = [
  statusCheck('co_authenticate_error.unknown_credential_type.status.is_400', AUTH0.crossOriginAuthentication),
  errorCodeCheck(
    'co_authenticate_error.unknown_credential_type.code.is_unsupported_credential_type',
    AUTH0.crossOriginAuthentication,
    { shape: 'oauth', codes: ['unsupported_credential_type'] },
  ),
];
