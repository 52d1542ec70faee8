import type { ZafContext, ZafRequestOptions } from './types';

/** Audience the backend requires (src/server/http/auth.ts JWT_AUDIENCE). */
export const BACKEND_AUDIENCE = 'portal-pulse';
/** Token lifetime: short, since Zendesk's proxy signs a fresh one per request. */
const TOKEN_SECONDS = 300;

/**
 * Options for a backend call through Zendesk's proxy: the proxy substitutes the secure
 * `shared_secret` setting and signs an HS256 JWT naming the account (iss) and the agent (sub),
 * so the secret never reaches the browser.
 */
export function backendRequestOptions(
  backendUrl: string,
  path: string,
  who: { context: ZafContext; userId: number | string },
  init: Pick<ZafRequestOptions, 'type' | 'data' | 'contentType'> = {},
): ZafRequestOptions {
  return {
    url: `${backendUrl}${path.startsWith('/') ? path : `/${path}`}`,
    type: init.type ?? 'GET',
    ...(init.data === undefined ? {} : { data: init.data }),
    ...(init.contentType === undefined ? {} : { contentType: init.contentType }),
    dataType: 'json',
    cors: false,
    secure: true,
    headers: { Authorization: 'Bearer {{jwt.token}}' },
    jwt: {
      algorithm: 'HS256',
      secret_key: '{{setting.shared_secret}}',
      expiry: TOKEN_SECONDS,
      claims: { iss: who.context.account.subdomain, aud: BACKEND_AUDIENCE, sub: String(who.userId) },
    },
  };
}
