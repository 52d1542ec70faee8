/**
 * The workbench's HTTP server: the page that plays the agent workspace, the helpdesk data it
 * shows, and the request proxy the app's `client.request` goes through.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { build } from 'esbuild';
import {
  HelpdeskError,
  listOrganizations,
  listTickets,
  loadCurrentUser,
  loadOrganization,
  loadTicket,
  type HelpdeskAccess,
} from './helpdesk';
import { loadInstallation } from './installation';
import { pageHtml } from './page/html';
import { prepareRequest, ProxyError, type ProxyContext } from './proxy';
import type { RequestOutcome } from './protocol';

export interface WorkbenchOptions {
  /** 0 = any free port. */
  port?: number;
  host?: string;
  /** Where `zcli apps:server` answers, e.g. http://localhost:4567. */
  appsServerUrl: string;
  /** The folder zcli serves (manifest.json, zcli.apps.config.json). */
  appDir: string;
  helpdesk: HelpdeskAccess;
  /** The account's subdomain (context.account.subdomain, the JWT's iss). */
  subdomain: string;
  /** Setting values that replace zcli.apps.config.json's, e.g. the backend URL of this run. */
  settingsOverrides?: Record<string, string>;
  /** Timeout of proxied requests; default 15 s. */
  requestTimeoutMs?: number;
}

export interface RunningWorkbench {
  url: string;
  close(): Promise<void>;
}

/** The config the page starts from; never holds secure settings. */
export interface WorkbenchConfig {
  appsServerUrl: string;
  subdomain: string;
  publicSettings: Record<string, string>;
  currentUser: unknown;
}

async function bundlePage(): Promise<string> {
  const result = await build({
    entryPoints: [path.join(__dirname, 'page', 'main.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    target: 'es2020',
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}

function send(res: http.ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, {
    'content-type': type,
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
  });
  res.end(body);
}

const sendJson = (res: http.ServerResponse, status: number, value: unknown) =>
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(value));

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

async function perform(
  options: Record<string, unknown>,
  ctx: ProxyContext,
  timeoutMs: number,
): Promise<RequestOutcome> {
  try {
    const out = await prepareRequest(options, ctx);
    const res = await fetch(out.url, {
      method: out.method,
      headers: out.headers,
      ...(out.body === undefined ? {} : { body: out.body }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    return {
      status: res.status,
      statusText: res.statusText,
      headers: { 'content-type': res.headers.get('content-type') ?? '' },
      body: await res.text(),
    };
  } catch (err) {
    if (err instanceof ProxyError)
      return {
        status: err.status,
        statusText: 'proxy error',
        headers: {},
        body: JSON.stringify({ error: err.message }),
      };
    // Unreachable host, refused connection, timeout: what a browser would see as status 0.
    const cause = (err as { cause?: { code?: string } }).cause?.code;
    return {
      status: 0,
      statusText: 'error',
      headers: {},
      body: `${(err as Error).message}${cause ? ` (${cause})` : ''}`,
    };
  }
}

export async function startWorkbench(opts: WorkbenchOptions): Promise<RunningWorkbench> {
  const installation = await loadInstallation(opts.appDir, opts.settingsOverrides);
  const script = await bundlePage();
  const currentUser = await loadCurrentUser(opts.helpdesk);
  const config: WorkbenchConfig = {
    appsServerUrl: opts.appsServerUrl.replace(/\/+$/, ''),
    subdomain: opts.subdomain,
    publicSettings: installation.publicSettings,
    currentUser,
  };
  const proxyContext: ProxyContext = {
    settings: installation.settings,
    secureSettings: installation.secureSettings,
    domainWhitelist: installation.domainWhitelist,
    helpdesk: opts.helpdesk,
    now: Date.now,
  };

  const route = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://workbench');
    const p = url.pathname;
    if (req.method === 'GET' && p === '/') return send(res, 200, 'text/html; charset=utf-8', pageHtml());
    if (req.method === 'GET' && p === '/favicon.ico') return send(res, 204, 'image/x-icon', '');
    if (req.method === 'GET' && p === '/workbench.js')
      return send(res, 200, 'text/javascript; charset=utf-8', script);
    if (req.method === 'GET' && p === '/workbench/config') return sendJson(res, 200, config);
    if (req.method === 'GET' && p === '/workbench/tickets')
      return sendJson(res, 200, await listTickets(opts.helpdesk));
    if (req.method === 'GET' && p === '/workbench/organizations')
      return sendJson(res, 200, await listOrganizations(opts.helpdesk));
    const one = /^\/workbench\/(tickets|organizations)\/(\d+)$/.exec(p);
    if (req.method === 'GET' && one) {
      const id = Number(one[2]);
      return sendJson(
        res,
        200,
        one[1] === 'tickets'
          ? await loadTicket(opts.helpdesk, id)
          : await loadOrganization(opts.helpdesk, id),
      );
    }
    if (req.method === 'POST' && p === '/workbench/request') {
      const options = JSON.parse(await readBody(req)) as Record<string, unknown>;
      return sendJson(res, 200, await perform(options, proxyContext, opts.requestTimeoutMs ?? 15_000));
    }
    sendJson(res, 404, { error: `no such workbench route: ${req.method} ${p}` });
  };

  const server = http.createServer((req, res) => {
    route(req, res).catch((err: unknown) => {
      const status = err instanceof HelpdeskError ? err.status : 500;
      if (!res.headersSent) sendJson(res, status, { error: (err as Error).message });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${opts.host ?? '127.0.0.1'}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
