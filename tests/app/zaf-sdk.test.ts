/**
 * The app's ZAF wrapper and the workbench's ZafHost, talking through the real SDK
 * (zendesk_app_framework_sdk) in a fake window: the SDK posts to `window.parent`, the host
 * answers by dispatching message events with the host's origin and the parent as source.
 */
import { fitFrameToContent, type SizeObserverFactory } from '../../app/zaf/resize';
import { whenRegistered } from '../../app/zaf/registration';
import { backendRequestOptions } from '../../app/zaf/backend-request';
import type { ZafClient, ZafRequestError } from '../../app/zaf/types';
import { ZafApiError, ZafHost, type RequestOutcome } from '../../src/workbench/protocol';

const HOST_ORIGIN = 'https://demo.zendesk.test';
const APP_GUID = 'guid-1';

type Listener = (event: { data: unknown; origin: string; source: unknown }) => void;

const listeners: Listener[] = [];
const parent = {
  postMessage(message: unknown, targetOrigin: string) {
    if (targetOrigin !== HOST_ORIGIN) throw new Error(`posted to ${targetOrigin}`);
    // The browser delivers asynchronously.
    setTimeout(() => void host.receive(message), 0);
  },
};
const sent: Array<Record<string, unknown>> = [];
const invoked: Array<{ name: string; args: unknown[] }> = [];
const requests: Array<Record<string, unknown>> = [];
let nextOutcome: RequestOutcome = { status: 200, statusText: 'OK', headers: {}, body: '{"ok":true}' };

const host: ZafHost = new ZafHost({
  appGuid: APP_GUID,
  context: {
    host: 'zendesk',
    product: 'support',
    location: 'ticket_sidebar',
    instanceGuid: APP_GUID,
    account: { subdomain: 'demo' },
    ticketId: 7,
  },
  metadata: {
    appId: 0,
    installationId: 'inst',
    name: 'Portal Pulse',
    version: '0.1.0',
    settings: { title: 'Portal Pulse', backend_url: 'https://pulse.example.com/', cost_per_ticket: '12' },
  },
  post: (message) => {
    sent.push(message);
    setTimeout(() => listeners.forEach((l) => l({ data: message, origin: HOST_ORIGIN, source: parent })), 0);
  },
  env: {
    get: async (path) => {
      const data: Record<string, unknown> = {
        'ticket.organization': { id: 5, name: 'Acme' },
        'currentUser.id': 42,
      };
      if (path in data) return data[path];
      throw new ZafApiError('APIUnavailable', `Could not find handler for: "${path}"`);
    },
    set: async (_path, value) => value,
    invoke: async (name, args) => {
      if (name !== 'resize')
        throw new ZafApiError('InvalidAction', `Could not find handler for action: "${name}"`);
      invoked.push({ name, args });
      return null;
    },
    request: async (options) => {
      requests.push(options);
      return nextOutcome;
    },
  },
});

let client: ZafClient;

beforeAll(async () => {
  Object.assign(globalThis, {
    window: { parent, Promise, addEventListener: (_type: string, l: Listener) => listeners.push(l) },
    document: {
      location: { search: `?origin=${encodeURIComponent(HOST_ORIGIN)}&app_guid=${APP_GUID}`, hash: '' },
    },
  });
  const sdk = (await import('zendesk_app_framework_sdk')) as unknown as { default: { init(): unknown } };
  client = sdk.default.init() as ZafClient;
});

afterAll(() => {
  delete (globalThis as Record<string, unknown>).window;
  delete (globalThis as Record<string, unknown>).document;
});

describe('the ZAF wrapper over the real SDK, answered by the workbench host', () => {
  it('waits for app.registered, then has the context and the metadata settings', async () => {
    const { context, metadata } = await whenRegistered(client);
    expect(host.isRegistered).toBe(true);
    expect(sent[0]).toEqual({ key: 'zaf.app.registered', message: expect.objectContaining({ context }) });
    expect(context).toMatchObject({
      location: 'ticket_sidebar',
      ticketId: 7,
      account: { subdomain: 'demo' },
    });
    expect(metadata.settings).toMatchObject({ backend_url: 'https://pulse.example.com/' });
  });

  it('gets data paths, and rejects a path the location does not have', async () => {
    expect(await client.get('ticket.organization')).toMatchObject({
      'ticket.organization': { id: 5, name: 'Acme' },
    });
    await expect(client.get('ticket.nothing')).rejects.toThrow(
      '"ticket.nothing" Could not find handler for: "ticket.nothing"',
    );
  });

  it('resizes the frame to the content height, once per change, until stopped', async () => {
    let height = 120;
    let fire: () => void = () => undefined;
    let disconnected = false;
    const observer: SizeObserverFactory = (onResize) => {
      fire = onResize;
      return { observe: () => undefined, disconnect: () => (disconnected = true) };
    };
    const element = { getBoundingClientRect: () => ({ height }) } as unknown as HTMLElement;
    const stop = fitFrameToContent(client, element, observer);
    fire();
    height = 180.4;
    fire();
    await new Promise((r) => setTimeout(r, 20));
    expect(invoked).toEqual([
      { name: 'resize', args: [{ width: '100%', height: '120px' }] },
      { name: 'resize', args: [{ width: '100%', height: '181px' }] },
    ]);
    stop();
    expect(disconnected).toBe(true);
  });

  it('rejects an action the workspace does not have', async () => {
    await expect(client.invoke('teleport')).rejects.toThrow('Could not find handler for action: "teleport"');
  });

  it('sends backend requests to the proxy with the JWT recipe, and resolves with the parsed body', async () => {
    const { context } = await whenRegistered(client);
    const options = backendRequestOptions('https://pulse.example.com', '/api/v1/status', {
      context,
      userId: 42,
    });
    await expect(client.request(options)).resolves.toEqual({ ok: true });
    expect(requests.at(-1)).toEqual({
      url: 'https://pulse.example.com/api/v1/status',
      type: 'GET',
      dataType: 'json',
      cors: false,
      secure: true,
      headers: { Authorization: 'Bearer {{jwt.token}}' },
      jwt: {
        algorithm: 'HS256',
        secret_key: '{{setting.shared_secret}}',
        expiry: 300,
        claims: { iss: 'demo', aud: 'portal-pulse', sub: '42' },
      },
    });
  });

  it('rejects a failed request with a jqXHR-like object', async () => {
    nextOutcome = { status: 401, statusText: 'Unauthorized', headers: {}, body: '{"error":"bad token"}' };
    const err = (await client
      .request('https://pulse.example.com/x')
      .catch((e: unknown) => e)) as ZafRequestError;
    expect(err).toMatchObject({
      status: 401,
      responseText: '{"error":"bad token"}',
      responseJSON: { error: 'bad token' },
    });
  });

  it('delivers subscribed events only, including the app.willDestroy cleanup signal', async () => {
    const seen: unknown[] = [];
    const handler = (data: unknown) => seen.push(data);
    expect(host.emit('colorScheme.changed', 'dark')).toBe(false);
    client.on('colorScheme.changed', handler);
    client.on('app.willDestroy', () => seen.push('destroy'));
    await new Promise((r) => setTimeout(r, 10));
    expect(host.emit('colorScheme.changed', 'dark')).toBe(true);
    expect(host.emit('app.willDestroy')).toBe(true);
    await new Promise((r) => setTimeout(r, 10));
    expect(seen).toEqual(['dark', 'destroy']);
    client.off('colorScheme.changed', handler);
    await new Promise((r) => setTimeout(r, 10));
    expect(host.isSubscribed('colorScheme.changed')).toBe(false);
  });

  it("delivers the app's own triggered events back to it", async () => {
    const seen: unknown[] = [];
    client.on('pulse.refresh', (d) => seen.push(d));
    await new Promise((r) => setTimeout(r, 10));
    client.trigger('pulse.refresh', { reason: 'test' });
    await new Promise((r) => setTimeout(r, 10));
    expect(seen).toEqual([{ reason: 'test' }]);
  });
});
