import type { FastifyError, FastifyInstance } from 'fastify';

/** An error whose message is meant for the API caller: a 4xx, or 502 when the helpdesk failed us. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
    /** Seconds after which trying again makes sense (503), sent as Retry-After. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export interface ErrorBody {
  error: string;
  message: string;
  field?: string;
}

export const BODY_LIMIT_BYTES = 1024 * 1024;

/** Fastify's own codes for bad input, rewritten into messages a caller can act on. */
function describeFastifyError(err: FastifyError): ErrorBody & { status: number } {
  if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    return {
      status: 413,
      error: 'body_too_large',
      message: `request body is larger than ${BODY_LIMIT_BYTES} bytes`,
    };
  }
  if (err.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || err instanceof SyntaxError) {
    return {
      status: 400,
      error: 'malformed_json',
      message: `request body is not valid JSON: ${err.message}`,
    };
  }
  if (err.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') {
    return {
      status: 400,
      error: 'malformed_json',
      message: 'request body is empty but content-type is JSON',
    };
  }
  if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
    return { status: 415, error: 'unsupported_media_type', message: 'send the body as application/json' };
  }
  if (err.validation) {
    const first = err.validation[0];
    const where = `${err.validationContext ?? 'request'}${first?.instancePath ?? ''}`.replace(/\//g, '.');
    return {
      status: 400,
      error: 'invalid_request',
      message: `${where} ${first?.message ?? 'is invalid'}`,
      field: where,
    };
  }
  return { status: err.statusCode ?? 500, error: 'bad_request', message: err.message };
}

/** One error handler for the whole server: 4xx carry a clear message; anything else is a logged 500. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, request, reply) => {
    if (err instanceof HttpError) {
      const body: ErrorBody = { error: err.code, message: err.message };
      if (err.field) body.field = err.field;
      if (err.retryAfterSeconds !== undefined) reply.header('retry-after', String(err.retryAfterSeconds));
      return reply.code(err.status).send(body);
    }
    const described = describeFastifyError(err);
    if (described.status >= 400 && described.status < 500) {
      const { status, ...body } = described;
      return reply.code(status).send(body);
    }
    request.log.error({ err }, 'request failed');
    return reply.code(500).send({ error: 'internal', message: 'internal server error' });
  });
  app.setNotFoundHandler((request, reply) =>
    reply
      .code(404)
      .send({ error: 'not_found', message: `no route ${request.method} ${request.url.split('?')[0]}` }),
  );
}
