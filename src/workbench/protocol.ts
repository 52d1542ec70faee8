/**
 * The host side of the ZAF SDK's postMessage protocol, as the agent workspace speaks it to one
 * app frame. Written from the SDK's source (zendesk_app_framework_sdk/lib/client.js):
 *
 * - frame → host `{key: 'iframe.handshake'}`; host answers `{key: 'zaf.app.registered',
 *   message: {context, metadata}}` – nothing else reaches the app before that;
 * - frame → host `{id, request: 'get'|'set'|'invoke', params}`; host answers `{id, result}` or
 *   `{id, error}`; get results carry per-path failures in `result.errors`;
 * - frame → host `{key: 'request:N', message: options}`; host answers with the event
 *   `zaf.request:N.done` (`responseArgs: [data, textStatus, jqXHR]`) or `.fail` (`[jqXHR]`);
 * - frame → host `{key: 'iframe.on:event'|'iframe.off:event', message: {subscriberCount}}`;
 *   host → frame `{key: 'zaf.event', message}` for subscribed events;
 * - frame → host `{key: 'iframe.trigger:event', message}`: a custom event for the app itself.
 *
 * No DOM here: the workbench page wires it to real frames, tests to a fake window.
 */

export interface ZafHostContext {
  host: 'zendesk';
  product: 'support';
  location: string;
  instanceGuid: string;
  account: { subdomain: string };
  ticketId?: number;
  organizationId?: number;
}

export interface ZafHostMetadata {
  appId: number;
  installationId: number | string;
  name: string;
  version: string;
  settings: Record<string, unknown>;
}

/** What a proxied request came back with, as the workbench server reports it. */
export interface RequestOutcome {
  status: number;
  statusText: string;
  headers: Record<string, string>;
  body: string;
}

/** A failure of `get`/`set`/`invoke` the app sees as an Error with this name and message. */
export class ZafApiError extends Error {
  constructor(
    readonly errorName: string,
    message: string,
  ) {
    super(message);
  }
}

/** Where the host gets its answers: the data of the page, the workspace's actions, the proxy. */
export interface ZafHostEnvironment {
  /** Value at a data path ('ticket.organization'); throw ZafApiError when there is none. */
  get(path: string): Promise<unknown>;
  set(path: string, value: unknown): Promise<unknown>;
  /** A workspace action ('resize', 'routeTo', 'notify', …); throw ZafApiError for unknown ones. */
  invoke(name: string, args: unknown[]): Promise<unknown>;
  /** Sends a `client.request` through the proxy. */
  request(options: Record<string, unknown>): Promise<RequestOutcome>;
}

export interface ZafHostOptions {
  appGuid: string;
  context: ZafHostContext;
  metadata: ZafHostMetadata;
  env: ZafHostEnvironment;
  /** Delivers a message to the frame (postMessage with the frame's origin). */
  post: (message: Record<string, unknown>) => void;
}

type Incoming = {
  id?: number;
  key?: string;
  request?: 'get' | 'set' | 'invoke';
  params?: unknown;
  message?: unknown;
};

function parse(raw: unknown): Incoming | null {
  if (typeof raw === 'string') {
    try {
      return JSON.parse(raw) as Incoming;
    } catch {
      return null;
    }
  }
  return typeof raw === 'object' && raw !== null ? (raw as Incoming) : null;
}

function errorPayload(err: unknown): { name: string; message: string } {
  if (err instanceof ZafApiError) return { name: err.errorName, message: err.message };
  return { name: 'Error', message: err instanceof Error ? err.message : String(err) };
}

/** jQuery-like XHR the SDK hands to `.then`/`.catch` of `client.request`. */
function xhrOf(outcome: RequestOutcome): Record<string, unknown> {
  let responseJSON: unknown;
  try {
    responseJSON = outcome.body === '' ? undefined : JSON.parse(outcome.body);
  } catch {
    responseJSON = undefined;
  }
  return {
    status: outcome.status,
    statusText: outcome.statusText,
    responseText: outcome.body,
    ...(responseJSON === undefined ? {} : { responseJSON }),
    headers: outcome.headers,
  };
}

export class ZafHost {
  private readonly subscriptions = new Map<string, number>();
  private registered = false;
  /** Every message received, for tests and the workbench's log. */
  readonly received: Incoming[] = [];

  constructor(private readonly opts: ZafHostOptions) {}

  get isRegistered(): boolean {
    return this.registered;
  }

  get instanceGuid(): string {
    return this.opts.context.instanceGuid;
  }

  isSubscribed(event: string): boolean {
    return (this.subscriptions.get(event) ?? 0) > 0;
  }

  /** Sends a framework event to the frame if the app listens to it. Returns whether it was sent. */
  emit(event: string, data?: unknown): boolean {
    if (!this.registered || !this.isSubscribed(event)) return false;
    this.opts.post({ key: `zaf.${event}`, message: data });
    return true;
  }

  /** Handles one message from the frame. Resolves when its answer has been posted. */
  async receive(raw: unknown): Promise<void> {
    const msg = parse(raw);
    if (!msg) return;
    this.received.push(msg);
    if (msg.request && typeof msg.id === 'number') return this.answer(msg.id, msg.request, msg.params);
    const key = msg.key ?? '';
    if (key === 'iframe.handshake') return this.register();
    const on = /^iframe\.(on|off):(.+)$/.exec(key);
    if (on) {
      const count = (msg.message as { subscriberCount?: number } | undefined)?.subscriberCount;
      this.subscriptions.set(on[2]!, typeof count === 'number' ? count : on[1] === 'on' ? 1 : 0);
      return;
    }
    const trigger = /^iframe\.trigger:(.+)$/.exec(key);
    if (trigger) {
      this.emit(trigger[1]!, msg.message);
      return;
    }
    const request = /^(request:\d+)$/.exec(key);
    if (request) return this.proxy(request[1]!, (msg.message ?? {}) as Record<string, unknown>);
  }

  private register(): void {
    this.registered = true;
    this.opts.post({
      key: 'zaf.app.registered',
      message: { context: this.opts.context, metadata: this.opts.metadata },
    });
    this.emit('app.activated', { firstLoad: true });
  }

  private async answer(id: number, request: 'get' | 'set' | 'invoke', params: unknown): Promise<void> {
    const { env } = this.opts;
    try {
      if (request === 'get') {
        const paths = Array.isArray(params) ? params.map(String) : [];
        const result: Record<string, unknown> = {};
        const errors: Record<string, { name: string; message: string; path: string }> = {};
        for (const path of paths) {
          try {
            result[path] = await env.get(path);
          } catch (err) {
            errors[path] = { ...errorPayload(err), path };
          }
        }
        this.opts.post({ id, result: { ...result, errors } });
      } else if (request === 'set') {
        const result: Record<string, unknown> = {};
        for (const [path, value] of Object.entries((params ?? {}) as Record<string, unknown>))
          result[path] = await env.set(path, value);
        this.opts.post({ id, result: { ...result, errors: {} } });
      } else {
        const result: Record<string, unknown> = {};
        for (const [name, args] of Object.entries((params ?? {}) as Record<string, unknown[]>))
          result[name] = await env.invoke(name, Array.isArray(args) ? args : []);
        this.opts.post({ id, result: { ...result, errors: {} } });
      }
    } catch (err) {
      this.opts.post({ id, error: errorPayload(err) });
    }
  }

  private async proxy(requestKey: string, options: Record<string, unknown>): Promise<void> {
    let outcome: RequestOutcome;
    try {
      outcome = await this.opts.env.request(options);
    } catch (err) {
      outcome = {
        status: 0,
        statusText: 'error',
        headers: {},
        body: err instanceof Error ? err.message : String(err),
      };
    }
    const xhr = xhrOf(outcome);
    const ok = outcome.status >= 200 && outcome.status < 300;
    // The SDK resolves with responseArgs[0]: the parsed body for JSON, the text otherwise.
    const data = ok ? (xhr.responseJSON ?? outcome.body) : undefined;
    this.emitAlways(ok ? `${requestKey}.done` : `${requestKey}.fail`, {
      responseArgs: ok ? [data, 'success', xhr] : [xhr, 'error', outcome.statusText],
    });
  }

  /** Request replies go out whether or not the subscription message has been seen yet. */
  private emitAlways(event: string, data: unknown): void {
    this.opts.post({ key: `zaf.${event}`, message: data });
  }
}
