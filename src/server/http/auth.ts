import { decodeJwt, decodeProtectedHeader, errors as joseErrors, jwtVerify } from 'jose';
import type { Queryable } from '../db/database';
import { getTenantSecretsBySubdomain, type TenantSecrets } from '../repo/tenants';
import { HttpError } from './errors';

export const JWT_AUDIENCE = 'portal-pulse';

/** Who a verified request is: the tenant comes from the token's verified `iss`, never from the URL or body. */
export interface AuthContext {
  tenantId: string;
  subdomain: string;
  /** The helpdesk user id (`sub`). */
  userId: string;
}

const unauthorized = (message: string) => new HttpError(401, 'unauthorized', message);

export function bearerToken(header: string | undefined): string {
  if (!header) throw unauthorized('missing Authorization header: send "Bearer <jwt>"');
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  if (!match) throw unauthorized('Authorization header must be "Bearer <jwt>"');
  return match[1]!;
}

/** Looks tenants up by subdomain with a short cache, so a burst of requests costs one query. */
export class TenantSecretCache {
  private readonly entries = new Map<string, { at: number; secrets: TenantSecrets | null }>();
  constructor(
    private readonly db: Queryable,
    private readonly ttlMs = 10_000,
  ) {}

  async get(subdomain: string): Promise<TenantSecrets | null> {
    const hit = this.entries.get(subdomain);
    if (hit && Date.now() - hit.at < this.ttlMs) return hit.secrets;
    const secrets = await getTenantSecretsBySubdomain(this.db, subdomain);
    this.entries.set(subdomain, { at: Date.now(), secrets });
    return secrets;
  }

  clear(): void {
    this.entries.clear();
  }
}

/**
 * Verifies an HS256 JWT signed with the tenant's shared secret (the helpdesk proxy signs it). The
 * unverified `iss` only chooses which secret to try; the verification then requires that same
 * issuer, the audience, `exp` and `sub`.
 */
export async function verifyToken(token: string, tenants: TenantSecretCache): Promise<AuthContext> {
  let alg: string | undefined;
  let iss: string | undefined;
  try {
    alg = decodeProtectedHeader(token).alg;
    iss = decodeJwt(token).iss;
  } catch {
    throw unauthorized('token is not a well-formed JWT');
  }
  if (alg !== 'HS256') throw unauthorized(`token algorithm must be HS256, got ${alg ?? 'none'}`);
  if (!iss) throw unauthorized('token has no iss claim naming the tenant subdomain');
  const tenant = await tenants.get(iss);
  if (!tenant) throw unauthorized(`token names an unknown tenant "${iss}"`);
  try {
    const { payload } = await jwtVerify(token, new TextEncoder().encode(tenant.jwt_secret), {
      algorithms: ['HS256'],
      audience: JWT_AUDIENCE,
      issuer: tenant.subdomain,
      requiredClaims: ['exp', 'sub'],
    });
    return { tenantId: tenant.id, subdomain: tenant.subdomain, userId: String(payload.sub) };
  } catch (err) {
    throw unauthorized(describeJoseError(err));
  }
}

function describeJoseError(err: unknown): string {
  if (err instanceof joseErrors.JWTExpired) return 'token has expired';
  if (err instanceof joseErrors.JWSSignatureVerificationFailed) return 'token signature is invalid';
  if (err instanceof joseErrors.JWTClaimValidationFailed)
    return `token claim ${err.claim} is invalid: ${err.reason}`;
  if (err instanceof joseErrors.JOSEAlgNotAllowed) return 'token algorithm must be HS256';
  return 'token is invalid';
}
