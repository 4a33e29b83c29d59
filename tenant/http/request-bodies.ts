import formBody from '@fastify/formbody';
import type { FastifyError, FastifyInstance } from 'fastify';
import { sendOAuthError } from '../oauth-error.ts';

/** Largest body the tenant reads; larger ones get a 400, never a crash. */
export const BODY_LIMIT_BYTES = 64 * 1024;

// Fastify's body errors, each answered as the 400 invalid_request the Authentication API uses for a
// request it cannot read (docs/auth0-api.md §3.1 generic mapping: 400 invalid_request).
const BODY_ERRORS: Record<string, string> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'The request body is not valid JSON.',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'The request body is empty but its content type is application/json.',
  FST_ERR_CTP_BODY_TOO_LARGE: `The request body exceeds ${BODY_LIMIT_BYTES} bytes.`,
  FST_ERR_CTP_INVALID_MEDIA_TYPE:
    'Unsupported content type: send application/json or application/x-www-form-urlencoded.',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'The Content-Length header does not match the body.',
};

export async function registerBodyParsing(app: FastifyInstance): Promise<void> {
  await app.register(formBody, { bodyLimit: BODY_LIMIT_BYTES });
  // The Authentication API reads JSON and form bodies only; anything else is refused, not guessed at.
  app.removeContentTypeParser('text/plain');
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const known = error.code ? BODY_ERRORS[error.code] : undefined;
    if (known) return sendOAuthError(reply, 400, 'invalid_request', known);
    if (error instanceof SyntaxError)
      return sendOAuthError(reply, 400, 'invalid_request', BODY_ERRORS.FST_ERR_CTP_INVALID_JSON_BODY);
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500)
      return sendOAuthError(reply, 400, 'invalid_request', 'The request could not be read.');
    request.log.error(error);
    return sendOAuthError(reply, 500, 'server_error', 'Internal error');
  });
  app.setNotFoundHandler((request, reply) =>
    reply
      .code(404)
      .send({ statusCode: 404, error: 'Not Found', message: `Cannot ${request.method} ${request.url.split('?')[0]}` }),
  );
}

/** The request's parameters: the parsed body when it is an object, else nothing. */
export function bodyParams(body: unknown): Record<string, unknown> {
  return body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
}

/** A string parameter, or undefined when absent or not a non-empty string. */
export function param(params: Record<string, unknown>, name: string): string | undefined {
  const value = params[name];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/**
 * The string-valued parameters of a query and/or body (later sources win). Repeated query
 * parameters arrive as arrays and JSON bodies may hold anything: only strings are parameters, so a
 * crafted request reads as "parameter missing", never as a crash.
 */
export function stringParams(...sources: unknown[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const source of sources)
    for (const [k, v] of Object.entries(bodyParams(source))) if (typeof v === 'string') out[k] = v;
  return out;
}
