/**
 * What Zendesk's request proxy does with a `client.request`, for the workbench: relative
 * helpdesk paths go to the helpdesk with the agent's authentication; other URLs go out from
 * the server, with `{{setting.name}}` placeholders filled from the installation's settings
 * (secure ones included, only for `secure: true` requests to whitelisted domains) and a JWT
 * signed with a setting when asked – so secrets never reach the browser.
 */
import { SignJWT } from 'jose';

export interface ProxyContext {
  /** All installation settings, secure ones included. */
  settings: Record<string, string>;
  /** Names of secure settings (manifest `secure: true`). */
  secureSettings: string[];
  /** manifest.json domainWhitelist. */
  domainWhitelist: string[];
  /** Helpdesk base URL (the simulator) and the agent's Authorization header for it. */
  helpdesk: { url: string; authorization: string };
  now: () => number;
}

export interface OutgoingRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  body?: string;
}

/** The proxy refused the request; the app sees `status` and this message. */
export class ProxyError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'ProxyError';
  }
}

const PLACEHOLDER = /\{\{\s*setting\.(\w+)\s*\}\}/g;
const JWT_PLACEHOLDER = /\{\{\s*jwt\.token\s*\}\}/g;

function fill(text: string, ctx: ProxyContext): string {
  return text.replace(PLACEHOLDER, (whole, name: string) => {
    if (!(name in ctx.settings)) throw new ProxyError(400, `unknown setting "${name}" in ${whole}`);
    return ctx.settings[name]!;
  });
}

function mentionsSecure(text: string, ctx: ProxyContext): boolean {
  return [...text.matchAll(PLACEHOLDER)].some((m) => ctx.secureSettings.includes(m[1]!));
}

/** Whether a host matches a whitelist entry ('example.com', '*.example.com', 'localhost'). */
export function isWhitelisted(host: string, whitelist: string[]): boolean {
  return whitelist.some((entry) => {
    const e = entry
      .toLowerCase()
      .replace(/^https?:\/\//, '')
      .replace(/[:/].*$/, '');
    if (e.startsWith('*.')) return host.endsWith(e.slice(1));
    return host === e;
  });
}

interface JwtOptions {
  algorithm?: string;
  secret_key?: string;
  expiry?: number;
  claims?: Record<string, unknown>;
}

async function signJwt(jwt: JwtOptions, ctx: ProxyContext): Promise<string> {
  if (jwt.algorithm !== 'HS256')
    throw new ProxyError(400, `jwt.algorithm must be HS256, got ${jwt.algorithm}`);
  if (typeof jwt.secret_key !== 'string') throw new ProxyError(400, 'jwt.secret_key is required');
  const secret = fill(jwt.secret_key, ctx);
  if (secret === '') throw new ProxyError(400, 'jwt.secret_key is empty: set the secure setting it names');
  const now = Math.floor(ctx.now() / 1000);
  const claims = Object.fromEntries(
    Object.entries(jwt.claims ?? {}).map(([k, v]) => [k, typeof v === 'string' ? fill(v, ctx) : v]),
  );
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuedAt(now)
    .setExpirationTime(now + (typeof jwt.expiry === 'number' ? jwt.expiry : 3600))
    .sign(new TextEncoder().encode(secret));
}

/** Turns the options an app passed to `client.request` into the request the proxy sends. */
export async function prepareRequest(
  options: Record<string, unknown>,
  ctx: ProxyContext,
): Promise<OutgoingRequest> {
  const rawUrl = typeof options.url === 'string' ? options.url : '';
  if (rawUrl === '') throw new ProxyError(400, 'request needs a url');
  const method = (typeof options.type === 'string' ? options.type : 'GET').toUpperCase();
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries((options.headers ?? {}) as Record<string, unknown>))
    if (typeof v === 'string') headers[k] = v;
  let body: string | undefined;
  if (typeof options.data === 'string') body = options.data;
  else if (options.data !== undefined && method !== 'GET') body = JSON.stringify(options.data);
  if (typeof options.contentType === 'string') headers['Content-Type'] = options.contentType;

  if (rawUrl.startsWith('/')) {
    // Helpdesk API: the agent's own session authenticates it; no settings are filled.
    return {
      url: `${ctx.helpdesk.url}${rawUrl}`,
      method,
      headers: { ...headers, Authorization: ctx.helpdesk.authorization },
      ...(body === undefined ? {} : { body }),
    };
  }

  const isSecure = options.secure === true;
  const texts = [rawUrl, ...Object.values(headers), body ?? '', JSON.stringify(options.jwt ?? {})];
  if (!isSecure && texts.some((t) => mentionsSecure(t, ctx)))
    throw new ProxyError(400, 'secure settings are only filled in for requests with secure: true');
  const url = isSecure ? fill(rawUrl, ctx) : rawUrl;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ProxyError(400, `invalid url ${url}`);
  }
  if (isSecure && !isWhitelisted(parsed.hostname, ctx.domainWhitelist))
    throw new ProxyError(
      403,
      `secure settings may only be sent to domains in domainWhitelist; ${parsed.hostname} is not listed`,
    );
  const out: OutgoingRequest = {
    url,
    method,
    headers: {},
    ...(body === undefined ? {} : { body: isSecure ? fill(body, ctx) : body }),
  };
  const token = options.jwt ? await signJwt(options.jwt as JwtOptions, ctx) : null;
  for (const [k, v] of Object.entries(headers)) {
    const filled = isSecure ? fill(v, ctx) : v;
    out.headers[k] = token ? filled.replace(JWT_PLACEHOLDER, token) : filled;
  }
  if (token) out.url = out.url.replace(JWT_PLACEHOLDER, token);
  return out;
}
