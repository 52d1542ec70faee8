/**
 * The HTTP front of the simulator: authentication as Zendesk does it (API token basic
 * auth), rate limits per endpoint class, fault injection and latency, then the route.
 * Plain node:http, so the bytes on the wire (including deliberately cut bodies) are ours.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Answer, Route, RouteContext } from './answer';
import { invalidEndpoint, RATE_LIMITED_BODY, UNAUTHORIZED_BODY } from './answer';
import { ERROR_BODIES, FaultInjector } from './faults';
import type { FaultOptions } from './faults';
import { PaginationError } from './pagination';
import { RateLimiter } from './rate-limit';
import type { EndpointClass } from './rate-limit';
import { helpCenterRoutes } from './routes/help-center';
import { incrementalRoutes } from './routes/incremental';
import { resourceRoutes } from './routes/resources';
import type { Tenant } from './tenant';
import type { AgentInput } from '../platforms/zendesk/serialize';

const ROUTES: Route[] = [...incrementalRoutes, ...resourceRoutes, ...helpCenterRoutes];
const JSON_TYPE = 'application/json; charset=utf-8';

export interface ServerOptions extends FaultOptions {
  host: string;
  port: number;
  seed: number;
  email: string;
  token: string;
  latencyMs: number;
  limits: Record<EndpointClass, number>;
  /** The authenticated user (`/users/me`). */
  me: AgentInput;
  now?: () => number;
}

/** Zendesk API-token basic auth: base64("{email}/token:{token}"). */
export function basicAuthHeader(email: string, token: string): string {
  return `Basic ${Buffer.from(`${email}/token:${token}`).toString('base64')}`;
}

export function findRoute(path: string): { route: Route; params: string[] } | null {
  const clean = path.replace(/\.json$/, '');
  for (const route of ROUTES) {
    const m = route.pattern.exec(clean);
    if (m) return { route, params: m.slice(1) };
  }
  return null;
}

export interface ListeningServer {
  server: http.Server;
  url: string;
  port: number;
  close(): Promise<void>;
}

export async function listen(tenant: Tenant, opts: ServerOptions): Promise<ListeningServer> {
  const limiter = new RateLimiter(opts.limits, opts.now);
  const faults = new FaultInjector(opts, opts.seed);
  const expectedAuth = basicAuthHeader(opts.email, opts.token);
  let baseUrl = '';

  const send = (
    res: http.ServerResponse,
    status: number,
    body: string,
    headers: Record<string, string> = {},
  ): void => {
    res.writeHead(status, {
      'content-type': JSON_TYPE,
      'content-length': Buffer.byteLength(body),
      ...headers,
    });
    res.end(body);
  };

  const handle = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    const url = new URL(req.url ?? '/', baseUrl);
    if (req.headers.authorization !== expectedAuth) {
      send(res, 401, JSON.stringify(UNAUTHORIZED_BODY), { 'www-authenticate': 'Basic realm="Web Password"' });
      return;
    }
    const found = req.method === 'GET' ? findRoute(url.pathname) : null;
    if (found === null) {
      const a = invalidEndpoint();
      send(res, a.status, JSON.stringify(a.body));
      return;
    }
    const rate = limiter.take(found.route.endpointClass);
    if (!rate.allowed) {
      send(res, 429, JSON.stringify(RATE_LIMITED_BODY), rate.headers);
      return;
    }
    const fault = faults.draw();
    if (fault.kind === 'error') {
      send(res, fault.status, ERROR_BODIES[fault.status], rate.headers);
      return;
    }
    const rc: RouteContext = { tenant, zendesk: { baseUrl }, url, me: opts.me };
    let answer: Answer;
    try {
      answer = found.route.handle(found.params, rc);
    } catch (err) {
      if (!(err instanceof PaginationError)) throw err;
      answer = { status: 400, body: { error: 'InvalidPaginationParameter', description: err.message } };
    }
    let body = JSON.stringify(answer.body);
    if (fault.kind === 'truncate' && answer.status === 200)
      body = body.slice(0, Math.floor(body.length * fault.keep));
    send(res, answer.status, body, rate.headers);
  };

  const server = http.createServer((req, res) => {
    const run = (): void => {
      try {
        handle(req, res);
      } catch (err) {
        send(res, 500, ERROR_BODIES[500]);
        process.stderr.write(`simulator: ${(err as Error).stack ?? String(err)}\n`);
      }
    };
    if (opts.latencyMs > 0) setTimeout(run, opts.latencyMs);
    else run();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  baseUrl = `http://${opts.host}:${port}`;
  return {
    server,
    url: baseUrl,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
