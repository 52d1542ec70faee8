/**
 * The workbench page (browser side): loads the app from `zcli apps:server` the way Zendesk
 * loads local apps (app.json), mounts each location's frame, and answers the ZAF SDK through
 * one ZafHost per frame. Hash routes: #/tickets/<id>, #/organizations/<id>, #/apps/nav_bar.
 */
import { ZafApiError, ZafHost, type RequestOutcome } from '../protocol';
import { resolveZafPath, type ZafOrganization, type ZafTicket, type ZafUser } from '../zaf-data';
import type { WorkbenchConfig } from '../server';

interface AppLocation {
  url: string;
  svg?: string;
}
interface AppJson {
  apps: Array<{
    id: string;
    name: string;
    version: string;
    asset_url_prefix: string;
    locations?: { support?: Record<string, AppLocation> };
  }>;
  installations: Array<{ id: string; app_id: string }>;
}

interface MountedFrame {
  location: string;
  iframe: HTMLIFrameElement;
  origin: string;
  host: ZafHost;
}

/** What tests and benches read from the page. */
interface WorkbenchProbe {
  frames: () => Array<{ location: string; registered: boolean; height: string; subscriptions: string[] }>;
  requests: Array<{ location: string; url: string; status: number; ms: number }>;
  notifications: string[];
  mountedAt: Record<string, number>;
}

declare global {
  interface Window {
    __workbench?: WorkbenchProbe;
  }
}

const probe: WorkbenchProbe = { frames: () => [], requests: [], notifications: [], mountedAt: {} };
window.__workbench = probe;

const params = new URLSearchParams(window.location.search);
let scheme: 'light' | 'dark' = params.get('colorScheme') === 'dark' ? 'dark' : 'light';
let frames: MountedFrame[] = [];

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string> = {},
  ...children: Array<Node | string>
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  node.append(...children);
  return node;
}

async function getJson<T>(url: string): Promise<T> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

function toast(message: string): void {
  const node = el('div', { class: 'toast', role: 'status' }, message);
  document.body.append(node);
  setTimeout(() => node.remove(), 4000);
}

async function main(): Promise<void> {
  const config = await getJson<WorkbenchConfig>('/workbench/config');
  const appJson = await getJson<AppJson>(`${config.appsServerUrl}/app.json`);
  const app = appJson.apps[0];
  const installation = appJson.installations[0];
  if (!app || !installation) throw new Error(`${config.appsServerUrl}/app.json lists no app`);
  const locations = app.locations?.support ?? {};
  const currentUser = {
    ...(config.currentUser as ZafUser),
    ...(params.get('locale') ? { locale: params.get('locale')! } : {}),
  };
  document.documentElement.dataset.scheme = scheme;
  document.getElementById('title')!.textContent =
    `${config.subdomain}.zendesk.com · ${app.name} ${app.version}`;

  const schemeSelect = document.getElementById('scheme') as HTMLSelectElement;
  schemeSelect.value = scheme;
  schemeSelect.addEventListener('change', () => {
    scheme = schemeSelect.value === 'dark' ? 'dark' : 'light';
    document.documentElement.dataset.scheme = scheme;
    for (const f of frames) f.host.emit('colorScheme.changed', scheme);
  });

  probe.frames = () =>
    frames.map((f) => ({
      location: f.location,
      registered: f.host.isRegistered,
      height: f.iframe.style.height,
      subscriptions: f.host.received
        .filter((m) => m.key?.startsWith('iframe.on:'))
        .map((m) => m.key!.slice(10)),
    }));

  window.addEventListener('message', (event) => {
    const frame = frames.find((f) => f.iframe.contentWindow === event.source);
    if (!frame || event.origin !== frame.origin) return;
    void frame.host.receive(event.data).then(() => {
      if (frame.host.isRegistered) frame.iframe.dataset.registered = 'true';
    });
  });

  function frameUrl(location: AppLocation, guid: string): string {
    const base = /^https?:/.test(location.url)
      ? location.url
      : `${app!.asset_url_prefix}${location.url.replace(/^assets\//, '')}`;
    const url = new URL(base);
    url.searchParams.set('origin', window.location.origin);
    url.searchParams.set('app_guid', guid);
    url.searchParams.set('colorScheme', scheme);
    return url.toString();
  }

  function unmountFrames(): void {
    for (const f of frames) {
      f.host.emit('app.willDestroy');
      f.iframe.remove();
    }
    frames = [];
  }

  function mountFrame(
    container: HTMLElement,
    location: string,
    data: Record<string, unknown>,
    contextExtra: Record<string, number> = {},
  ): void {
    const loc = locations[location];
    if (!loc) {
      container.append(el('p', { class: 'meta' }, `The app has no ${location} location.`));
      return;
    }
    const guid = crypto.randomUUID();
    const src = frameUrl(loc, guid);
    const iframe = el('iframe', {
      class: 'app',
      title: `${app!.name} (${location})`,
      'data-location': location,
    });
    const stored = new Map<string, unknown>();
    const frameData = () => ({
      currentUser,
      currentAccount: { subdomain: config.subdomain },
      colorScheme: scheme,
      ...data,
      ...Object.fromEntries(stored),
    });
    const host = new ZafHost({
      appGuid: guid,
      context: {
        host: 'zendesk',
        product: 'support',
        location,
        instanceGuid: guid,
        account: { subdomain: config.subdomain },
        ...contextExtra,
      },
      metadata: {
        appId: Number(app!.id),
        installationId: installation!.id,
        name: app!.name,
        version: app!.version,
        settings: { title: app!.name, ...config.publicSettings },
      },
      post: (message) => iframe.contentWindow?.postMessage(message, new URL(src).origin),
      env: {
        get: async (path) => resolveZafPath(frameData(), path),
        set: async (path, value) => {
          stored.set(path, value);
          return value;
        },
        invoke: async (name, args) => invoke(iframe, name, args),
        request: async (options) => {
          const started = performance.now();
          const res = await fetch('/workbench/request', {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(options),
          });
          const outcome = (await res.json()) as RequestOutcome;
          probe.requests.push({
            location,
            url: String(options.url),
            status: outcome.status,
            ms: performance.now() - started,
          });
          return outcome;
        },
      },
    });
    frames.push({ location, iframe, origin: new URL(src).origin, host });
    probe.mountedAt[location] = performance.now();
    iframe.src = src;
    container.append(iframe);
  }

  async function invoke(iframe: HTMLIFrameElement, name: string, args: unknown[]): Promise<unknown> {
    if (name === 'resize') {
      const size = (args[0] ?? {}) as { height?: string | number };
      if (size.height !== undefined)
        iframe.style.height = typeof size.height === 'number' ? `${size.height}px` : size.height;
      return null;
    }
    if (name === 'routeTo') {
      const [target, id] = args.map(String);
      if (target === 'ticket') window.location.hash = `#/tickets/${id}`;
      else if (target === 'organization') window.location.hash = `#/organizations/${id}`;
      // Zendesk's routeTo('nav_bar', app, path) opens the app's page at its own sub-path.
      else if (target === 'nav_bar')
        window.location.hash = args[2] ? `#/apps/nav_bar/${String(args[2])}` : '#/apps/nav_bar';
      else throw new ZafApiError('InvalidRoute', `routeTo cannot route to "${target}"`);
      return null;
    }
    if (name === 'notify') {
      const message = String(args[0] ?? '');
      probe.notifications.push(message);
      toast(message);
      return null;
    }
    throw new ZafApiError('InvalidAction', `Could not find handler for action: "${name}"`);
  }

  // The rail: tickets, organizations, and the app's nav bar icon from its SVG.
  const rail = document.querySelector('nav.rail')!;
  const railButton = (label: string, hash: string, icon: string) => {
    const b = el('button', { type: 'button', title: label, 'aria-label': label, 'data-hash': hash });
    b.innerHTML = icon;
    b.addEventListener('click', () => (window.location.hash = hash));
    rail.append(b);
    return b;
  };
  railButton('Tickets', '#/tickets', '<span>Tickets</span>');
  railButton('Organizations', '#/organizations', '<span>Orgs</span>');
  const navBar = locations.nav_bar;
  if (navBar) {
    const b = railButton(app.name, '#/apps/nav_bar', `<span>${app.name}</span>`);
    if (navBar.svg)
      void fetch(`${app.asset_url_prefix}${navBar.svg}`)
        .then((r) => r.text())
        .then((svg) => {
          if (svg.trim().startsWith('<svg')) b.innerHTML = svg;
        });
  }

  const [tickets, organizations] = await Promise.all([
    getJson<Array<{ id: number; subject: string }>>('/workbench/tickets'),
    getJson<ZafOrganization[]>('/workbench/organizations'),
  ]);

  function picker(
    label: string,
    options: Array<{ value: number; text: string }>,
    current: number,
    go: (id: number) => void,
  ): HTMLElement {
    const select = el('select', { 'aria-label': label, 'data-picker': label });
    for (const o of options) select.append(el('option', { value: String(o.value) }, o.text));
    if (!options.some((o) => o.value === current))
      select.prepend(el('option', { value: String(current) }, `#${current}`));
    select.value = String(current);
    select.addEventListener('change', () => go(Number(select.value)));
    const input = el('input', { type: 'number', placeholder: 'id', 'aria-label': `${label} id` });
    const open = el('button', { type: 'button', class: 'plain' }, 'Open');
    open.addEventListener('click', () => input.value && go(Number(input.value)));
    return el('div', { class: 'pickers' }, el('strong', {}, label), select, input, open);
  }

  function layout(record: HTMLElement, sidebarTitle: string | null): HTMLElement | null {
    const view = document.getElementById('view')!;
    view.replaceChildren(record);
    if (sidebarTitle === null) return null;
    const slot = el('div', { class: 'app-slot' });
    view.append(
      el(
        'aside',
        { class: 'sidebar', 'aria-label': 'Apps' },
        el('div', { class: 'app-title' }, sidebarTitle),
        slot,
      ),
    );
    return slot;
  }

  async function showTicket(id: number): Promise<void> {
    const record = el(
      'section',
      { class: 'record', 'aria-label': 'Ticket' },
      picker(
        'Ticket',
        tickets.map((t) => ({ value: t.id, text: `#${t.id} ${t.subject}` })),
        id,
        (next) => (window.location.hash = `#/tickets/${next}`),
      ),
    );
    const slot = layout(record, app!.name)!;
    let ticket: ZafTicket;
    try {
      ticket = await getJson<ZafTicket>(`/workbench/tickets/${id}`);
    } catch (err) {
      record.append(el('p', { class: 'error' }, `Ticket #${id} cannot be opened: ${(err as Error).message}`));
      return;
    }
    record.append(
      el('h2', { 'data-testid': 'ticket-subject' }, ticket.subject),
      el(
        'p',
        { class: 'meta' },
        `#${ticket.id} · ${ticket.status} · ${ticket.priority ?? 'no priority'} · via ${ticket.via.channel}`,
      ),
      el(
        'p',
        {},
        `Requester: ${ticket.requester.name} <${ticket.requester.email ?? ''}> · Organization: ${ticket.organization?.name ?? '—'}`,
      ),
      el('p', { class: 'meta' }, `Tags: ${ticket.tags.join(', ') || '—'}`),
      el('p', { style: 'white-space:pre-wrap' }, ticket.description),
    );
    mountFrame(slot, 'ticket_sidebar', { ticket }, { ticketId: ticket.id });
  }

  async function showOrganization(id: number): Promise<void> {
    const record = el(
      'section',
      { class: 'record', 'aria-label': 'Organization' },
      picker(
        'Organization',
        organizations.map((o) => ({ value: o.id, text: o.name })),
        id,
        (next) => (window.location.hash = `#/organizations/${next}`),
      ),
    );
    const slot = layout(record, app!.name)!;
    let organization: ZafOrganization;
    try {
      organization = await getJson<ZafOrganization>(`/workbench/organizations/${id}`);
    } catch (err) {
      record.append(
        el('p', { class: 'error' }, `Organization ${id} cannot be opened: ${(err as Error).message}`),
      );
      return;
    }
    record.append(
      el('h2', { 'data-testid': 'organization-name' }, organization.name),
      el(
        'p',
        { class: 'meta' },
        `Domains: ${organization.domains || '—'} · Tags: ${organization.tags.join(', ') || '—'}`,
      ),
    );
    mountFrame(slot, 'organization_sidebar', { organization }, { organizationId: organization.id });
  }

  function showNavBar(): void {
    const page = el('section', { class: 'nav-app', 'aria-label': app!.name });
    layout(page, null);
    mountFrame(page, 'nav_bar', {});
  }

  async function route(): Promise<void> {
    unmountFrames();
    const hash = window.location.hash;
    for (const b of rail.querySelectorAll('button'))
      b.toggleAttribute('aria-current', hash.startsWith(b.getAttribute('data-hash') ?? '~'));
    for (const b of rail.querySelectorAll('button[aria-current]')) b.setAttribute('aria-current', 'page');
    const ticket = /^#\/tickets\/(\d+)/.exec(hash);
    const org = /^#\/organizations\/(\d+)/.exec(hash);
    if (ticket) await showTicket(Number(ticket[1]));
    else if (org) await showOrganization(Number(org[1]));
    else if (hash.startsWith('#/organizations') && organizations[0])
      window.location.hash = `#/organizations/${organizations[0].id}`;
    else if (hash.startsWith('#/apps/nav_bar')) showNavBar();
    else if (tickets[0]) window.location.hash = `#/tickets/${tickets[0].id}`;
  }
  window.addEventListener('hashchange', () => void route());
  await route();
}

main().catch((err: unknown) => {
  document
    .getElementById('view')!
    .replaceChildren(
      el('p', { class: 'error', role: 'alert' }, `The workbench could not start: ${(err as Error).message}`),
    );
});
