import type { FastifyRequest } from 'fastify';
import type { Database } from '../db/database';
import type { AdminCheck } from '../http/admin-check';
import type { AuthContext, TenantSecretCache } from '../http/auth';
import type { Engine } from '../engine';
import { HttpError } from '../http/errors';

/** What every tenant-scoped route needs, handed down from buildServer. */
export interface ApiOptions {
  db: Database;
  tenants: TenantSecretCache;
  admin: AdminCheck;
  /** The metric engine; without it the routes that compute figures are not served. */
  engine?: Engine<unknown>;
}

const AUTH = Symbol('auth');
type WithAuth = FastifyRequest & { [AUTH]?: AuthContext };

export function setAuth(request: FastifyRequest, auth: AuthContext): void {
  (request as WithAuth)[AUTH] = auth;
}

/** The verified caller; every query filters by its tenantId. */
export function authOf(request: FastifyRequest): AuthContext {
  const auth = (request as WithAuth)[AUTH];
  if (!auth) throw new HttpError(401, 'unauthorized', 'request is not authenticated');
  return auth;
}
