import Fastify, { type FastifyInstance } from 'fastify';
import type { Database } from './db/database';
import type { Engine } from './engine';
import { AdminCheck } from './http/admin-check';
import { TenantSecretCache } from './http/auth';
import { BODY_LIMIT_BYTES, installErrorHandler } from './http/errors';
import { apiRoutes } from './routes/api';
import { webhookRoutes } from './routes/webhooks';
import { portalEventRoutes } from './routes/portal-events';

export interface BuildServerOptions {
  db: Database;
  logger?: boolean;
  /** Where log lines go when `logger` is on (tests read them); stdout otherwise. */
  logStream?: NodeJS.WritableStream;
  /** The metric engine behind /metrics, /trends, /accounts, /content-gaps and /export.csv. */
  engine?: Engine<unknown>;
  /** Load every tenant's dataset once listening, before the first request asks (serve). */
  warmDatasets?: boolean;
  /** How long a request waits for a tenant's first load before a 503 "warming up" (default 10 s). */
  firstLoadWaitMs?: number;
}

/** Paths pino blanks before a line is written: credentials must never reach a log. */
export const REDACTED_LOG_PATHS = [
  'req.headers.authorization',
  'req.headers["x-zendesk-webhook-signature"]',
  '*.api_token',
  '*.apiToken',
  '*.jwt_secret',
  '*.jwtSecret',
  '*.password',
  'err.config',
];

export async function buildServer(opts: BuildServerOptions): Promise<FastifyInstance> {
  const app = Fastify({
    bodyLimit: BODY_LIMIT_BYTES,
    logger: opts.logger
      ? {
          redact: { paths: REDACTED_LOG_PATHS, censor: '[redacted]' },
          ...(opts.logStream && { stream: opts.logStream }),
        }
      : false,
  });
  installErrorHandler(app);

  app.get('/api/v1/health', { schema: { response: { 200: healthSchema } } }, async () => ({ status: 'ok' }));

  await app.register(apiRoutes, {
    prefix: '/api/v1',
    db: opts.db,
    tenants: new TenantSecretCache(opts.db),
    admin: new AdminCheck(opts.db),
    engine: opts.engine,
    warm: opts.warmDatasets ?? false,
    firstLoadWaitMs: opts.firstLoadWaitMs,
  });

  // Webhooks and portal events authenticate their own way (signature; CORS origin + hashing).
  await app.register(webhookRoutes, { db: opts.db });
  await app.register(portalEventRoutes, { db: opts.db });

  return app;
}

const healthSchema = {
  type: 'object',
  properties: { status: { type: 'string' } },
  required: ['status'],
} as const;
