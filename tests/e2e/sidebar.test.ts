/**
 * End to end: the ticket and organization sidebars in the workbench, with the backend (one
 * request per open) and live (at most three helpdesk calls), for a healthy, a deteriorating
 * and an org-less requester, and keyboard only. The marketplace screenshots 0 and 1 come from here.
 */
import os from 'node:os';
import path from 'node:path';
import type { Browser, FrameLocator, Page } from 'playwright-core';
import { SignJWT } from 'jose';
import { launchChromium } from '../../src/appkit/browser';
import { createGenerator, ticketsForScale } from '../../src/generator';
import { zendeskId } from '../../src/platforms/zendesk/ids';
import { basicAuthHeader } from '../../src/simulator';
import { loadInstallation } from '../../src/workbench/installation';
import { freePort } from '../../src/workbench/ports';
import { startWorkbench, type RunningWorkbench } from '../../src/workbench/server';
import { DEMO, startDevStack, type DevStack } from '../../src/workbench/stack';
import { buildServer } from '../../src/server/app';
import { coreEngine } from '../../src/server/core-engine';
import { openDatabase } from '../../src/server/db/database';
import { migrate } from '../../src/server/db/migrate';
import { addTenant } from '../../src/server/repo/tenants';

jest.setTimeout(240_000);

const ASSETS = path.resolve(__dirname, '../../assets');
/** Its own build folder, so other suites building dist/ at the same time do not pull it away. */
const APP_DIR = path.join(os.tmpdir(), 'portal-pulse-e2e-sidebar');
const SEED = 42;

let stack: DevStack;
let live: RunningWorkbench;
let browser: Browser;
let page: Page;
let secret: string;

interface ApiTicket {
  id: number;
  organization_id: number | null;
}
interface AccountRow {
  account_id: string;
  name: string;
  score: number | null;
  band: string | null;
  factors: Array<{ value: number | null }>;
}

async function helpdesk<T>(p: string): Promise<T> {
  const res = await fetch(`${stack.simulatorUrl}${p}`, {
    headers: { Authorization: basicAuthHeader(DEMO.email, DEMO.token) },
  });
  if (!res.ok) throw new Error(`${p}: ${res.status}`);
  return (await res.json()) as T;
}

/** The backend as the proxy calls it, to compare the card with what the API says. */
async function backend<T>(p: string): Promise<T> {
  const now = Math.floor(Date.now() / 1000);
  const jwt = await new SignJWT({})
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(DEMO.subdomain)
    .setAudience('portal-pulse')
    .setSubject('1')
    .setIssuedAt(now)
    .setExpirationTime(now + 60)
    .sign(new TextEncoder().encode(secret));
  const res = await fetch(`${stack.backendUrl}${p}`, { headers: { authorization: `Bearer ${jwt}` } });
  if (!res.ok) throw new Error(`${p}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

async function firstTicketOf(orgId: string): Promise<number> {
  const { tickets } = await helpdesk<{ tickets: ApiTicket[] }>(
    `/api/v2/organizations/${orgId}/tickets.json?page[size]=1&sort=-id`,
  );
  return tickets[0]!.id;
}

async function open(url: string, location: string): Promise<FrameLocator> {
  await page.goto('about:blank');
  await page.goto(url);
  await page.waitForSelector(`iframe[data-location="${location}"][data-registered="true"]`);
  return page.frameLocator(`iframe[data-location="${location}"]`);
}

/** Waits until the app has resized its frame to the content and kept that height for 300 ms. */
async function settledHeight(): Promise<void> {
  let last = '';
  for (let i = 0; i < 50; i++) {
    const height = await page.evaluate(() => window.__workbench!.frames()[0]!.height);
    if (height === last && height !== '100px') return;
    last = height;
    await page.waitForTimeout(300);
  }
  throw new Error(`the sidebar frame never settled its height (last ${last})`);
}

const sidebarRequests = () =>
  page.evaluate(() => window.__workbench!.requests.filter((r) => r.location.endsWith('_sidebar')));

let healthy: AccountRow;
let deteriorating: AccountRow;
let orgless: number;

beforeAll(async () => {
  stack = await startDevStack({
    dataDir: 'memory://',
    ingest: false,
    seed: SEED,
    appDir: APP_DIR,
    ports: { apps: await freePort() },
  });
  secret = (await loadInstallation(APP_DIR)).settings.shared_secret ?? '';
  live = await startWorkbench({
    appsServerUrl: stack.appsServerUrl,
    appDir: APP_DIR,
    helpdesk: { url: stack.simulatorUrl, authorization: basicAuthHeader(DEMO.email, DEMO.token) },
    subdomain: DEMO.subdomain,
    settingsOverrides: { backend_url: '' },
  });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1024, height: 768 } });

  const { accounts } = await backend<{ accounts: AccountRow[] }>('/api/v1/accounts?sort=-score&per_page=200');
  // The healthy account with the most factors backed by data: the one worth a screenshot.
  const counted = (a: AccountRow) => a.factors.filter((f) => f.value !== null).length;
  healthy = accounts.filter((a) => a.band === 'healthy').sort((a, b) => counted(b) - counted(a))[0]!;
  const generator = createGenerator({ seed: SEED, tickets: ticketsForScale('small') });
  for (const _ of generator.records());
  const falling = new Set(
    generator.truth().deteriorating_accounts.map((a) => String(zendeskId('organization', a))),
  );
  deteriorating = accounts.find((a) => falling.has(a.account_id) && a.score !== null)!;
  const { tickets } = await helpdesk<{ tickets: ApiTicket[] }>(
    '/api/v2/tickets.json?page[size]=100&sort=-id',
  );
  orgless = tickets.find((t) => t.organization_id === null)!.id;
});

afterAll(async () => {
  await browser?.close();
  await live?.close();
  await stack?.close();
});

describe('with the backend', () => {
  it('ticket of a healthy account: score, band, factors, figures, this ticket – in one request by ticket id', async () => {
    const ticketId = await firstTicketOf(healthy.account_id);
    const frame = await open(`${stack.workbenchUrl}/#/tickets/${ticketId}`, 'ticket_sidebar');
    await frame.getByTestId('health-card').waitFor();
    await expect(frame.getByTestId('account-name').textContent()).resolves.toBe(healthy.name);
    await expect(frame.getByTestId('health-score').textContent()).resolves.toBe(
      String(Math.round(healthy.score!)),
    );
    await expect(frame.getByTestId('health-band').textContent()).resolves.toBe('Healthy');
    await expect(frame.locator('[data-factor]').count()).resolves.toBeGreaterThan(0);
    await expect(frame.getByTestId('key-figures').textContent()).resolves.toContain('Open tickets');
    await expect(frame.getByTestId('ticket-insight').textContent()).resolves.toMatch(/This ticket/);
    await expect(frame.getByTestId('data-as-of').textContent()).resolves.toMatch(/^Data as of /);
    const requests = await sidebarRequests();
    expect(requests).toEqual([
      expect.objectContaining({
        url: `${stack.backendUrl}/api/v1/sidebar?ticket=${ticketId}`,
        status: 200,
      }),
    ]);
    await settledHeight();
    await page.screenshot({ path: path.join(ASSETS, 'screenshot-0.png') });
  });

  it('ticket of a deteriorating account: the backend says the same as the card', async () => {
    const ticketId = await firstTicketOf(deteriorating.account_id);
    const frame = await open(`${stack.workbenchUrl}/#/tickets/${ticketId}`, 'ticket_sidebar');
    await frame.getByTestId('health-card').waitFor();
    await expect(frame.getByTestId('health-score').textContent()).resolves.toBe(
      String(Math.round(deteriorating.score!)),
    );
    expect(deteriorating.score!).toBeLessThan(healthy.score!);
    const band = { healthy: 'Healthy', watch: 'Watch', at_risk: 'At risk' }[deteriorating.band!];
    await expect(frame.getByTestId('health-band').textContent()).resolves.toBe(band);
    await expect(frame.getByTestId('health-sparkline').getAttribute('aria-label')).resolves.toMatch(
      /^Health over the last 90 days, from \d+ to \d+$/,
    );
  });

  it('org-less requester: says so, still shows this ticket', async () => {
    const frame = await open(`${stack.workbenchUrl}/#/tickets/${orgless}`, 'ticket_sidebar');
    await frame.getByTestId('no-organization').waitFor();
    await expect(frame.getByTestId('health-card').count()).resolves.toBe(0);
    await expect(frame.getByTestId('ticket-insight').count()).resolves.toBe(1);
    expect(await sidebarRequests()).toHaveLength(1);
  });

  it('organization sidebar: the account card', async () => {
    const frame = await open(
      `${stack.workbenchUrl}/#/organizations/${deteriorating.account_id}`,
      'organization_sidebar',
    );
    await frame.getByTestId('health-card').waitFor();
    await expect(frame.getByTestId('ticket-insight').count()).resolves.toBe(0);
    expect(await sidebarRequests()).toEqual([
      expect.objectContaining({
        url: `${stack.backendUrl}/api/v1/sidebar?organization=${deteriorating.account_id}`,
      }),
    ]);
    await frame.locator('[data-factor]').first().waitFor();
    await frame.getByTestId('key-figures').waitFor();
    await settledHeight();
    await page.screenshot({ path: path.join(ASSETS, 'screenshot-1.png') });
  });

  it('keyboard only: the account link is reachable by Tab, labelled, and opens the account view', async () => {
    const frame = await open(
      `${stack.workbenchUrl}/#/organizations/${healthy.account_id}`,
      'organization_sidebar',
    );
    await frame.getByTestId('health-card').waitFor();
    // From the top of the workspace, Tab until focus enters the app's frame.
    await page.locator('body').focus();
    for (let i = 0; i < 40 && (await frame.locator(':focus').count()) === 0; i++)
      await page.keyboard.press('Tab');
    const focused = await frame.locator(':focus').evaluate((el) => ({
      text: el.textContent,
      tag: el.tagName,
    }));
    expect(focused).toEqual({ text: 'Open the full account view', tag: 'A' });
    // Every landmark an agent reaches by screen reader has a name.
    await expect(frame.getByRole('article', { name: `Health of ${healthy.name}` }).count()).resolves.toBe(1);
    await expect(frame.getByRole('img', { name: /^Health over the last 90 days/ }).count()).resolves.toBe(1);
    await expect(frame.getByRole('list', { name: 'Why this score' }).count()).resolves.toBe(1);
    await page.keyboard.press('Enter');
    await page.waitForFunction(
      (id) => window.location.hash === `#/apps/nav_bar/accounts/${id}`,
      healthy.account_id,
    );
  });
});

describe('live, without a backend', () => {
  it('ticket of a healthy account: a live, partial card from at most three helpdesk calls', async () => {
    const ticketId = await firstTicketOf(healthy.account_id);
    const frame = await open(`${live.url}/#/tickets/${ticketId}`, 'ticket_sidebar');
    await frame.getByTestId('data-as-of').waitFor();
    await expect(frame.getByText('Live', { exact: true }).count()).resolves.toBe(1);
    await expect(frame.getByTestId('data-as-of').textContent()).resolves.toMatch(/^Live and partial/);
    await expect(frame.getByTestId('health-score').textContent()).resolves.toMatch(/^\d+$/);
    await expect(frame.getByTestId('portal-activity').textContent()).resolves.toMatch(/unknown/);
    const requests = await sidebarRequests();
    expect(requests.length).toBeLessThanOrEqual(3);
    for (const r of requests)
      expect(r).toMatchObject({ url: expect.stringMatching(/^\/api\/v2\//), status: 200 });
  });

  it('ticket of a deteriorating account: live card', async () => {
    const ticketId = await firstTicketOf(deteriorating.account_id);
    const frame = await open(`${live.url}/#/tickets/${ticketId}`, 'ticket_sidebar');
    await frame.getByTestId('data-as-of').waitFor();
    await expect(frame.getByTestId('health-score').textContent()).resolves.toMatch(/^\d+$/);
    expect((await sidebarRequests()).length).toBeLessThanOrEqual(3);
  });

  it('org-less requester: says so, within the budget', async () => {
    const frame = await open(`${live.url}/#/tickets/${orgless}`, 'ticket_sidebar');
    await frame.getByTestId('no-organization').waitFor();
    expect((await sidebarRequests()).length).toBeLessThanOrEqual(3);
  });
});

describe('when the backend cannot answer', () => {
  const benches: RunningWorkbench[] = [];
  const workbenchWith = async (settings: Record<string, string>) => {
    const wb = await startWorkbench({
      appsServerUrl: stack.appsServerUrl,
      appDir: APP_DIR,
      helpdesk: { url: stack.simulatorUrl, authorization: basicAuthHeader(DEMO.email, DEMO.token) },
      subdomain: DEMO.subdomain,
      settingsOverrides: settings,
    });
    benches.push(wb);
    return wb;
  };
  afterAll(async () => {
    for (const wb of benches) await wb.close();
  });

  it('unreachable: says what to fix, and Try again is the first stop for the keyboard', async () => {
    const wb = await workbenchWith({ backend_url: `http://127.0.0.1:${await freePort()}` });
    const frame = await open(`${wb.url}/#/organizations/${healthy.account_id}`, 'organization_sidebar');
    await frame.getByTestId('error-unreachable').waitFor();
    await expect(frame.getByRole('alert').textContent()).resolves.toMatch(/Backend unreachable.*Backend URL/);
    await page.locator('body').focus();
    for (let i = 0; i < 40 && (await frame.locator(':focus').count()) === 0; i++)
      await page.keyboard.press('Tab');
    await expect(frame.locator(':focus').textContent()).resolves.toBe('Try again');
  });

  it('just started: says the data is loading, then fills in by itself', async () => {
    // A real backend of its own whose first load of the tenant takes longer than a request waits.
    const db = await openDatabase({ dataDir: 'memory://' });
    await migrate(db);
    const secret = 'warming-test-shared-secret-0123';
    await addTenant(db, {
      subdomain: DEMO.subdomain,
      helpdeskUrl: stack.simulatorUrl,
      apiEmail: DEMO.email,
      apiToken: DEMO.token,
      jwtSecret: secret,
    });
    const query = db.query.bind(db);
    let held = false;
    const slow = {
      ...db,
      query: async (sql: string, params?: unknown[]) => {
        if (!held && sql.includes('FROM accounts')) {
          held = true;
          await new Promise((r) => setTimeout(r, 1500));
        }
        return query(sql, params);
      },
    } as typeof db;
    const backend = await buildServer({ db: slow, engine: coreEngine, firstLoadWaitMs: 300 });
    try {
      const url = await backend.listen({ port: 0, host: '127.0.0.1' });
      const wb = await workbenchWith({ backend_url: url, shared_secret: secret });
      const frame = await open(`${wb.url}/#/organizations/${healthy.account_id}`, 'organization_sidebar');
      await frame.getByTestId('error-warming').waitFor();
      await expect(frame.getByRole('alert').textContent()).resolves.toMatch(/Loading this account's data/);
      // This backend holds no tickets: once loaded, the card says so (retried by itself, no click).
      await frame.getByTestId('no-data').waitFor({ timeout: 15_000 });
    } finally {
      await backend.close();
      await db.close();
    }
  });

  it('wrong shared secret: not authorized, with what an admin should check', async () => {
    const wb = await workbenchWith({
      backend_url: stack.backendUrl!,
      shared_secret: 'not-the-secret-the-backend-printed',
    });
    const frame = await open(`${wb.url}/#/organizations/${healthy.account_id}`, 'organization_sidebar');
    await frame.getByTestId('error-unauthorized').waitFor();
    await expect(frame.getByRole('alert').textContent()).resolves.toMatch(/Not authorized.*Shared secret/);
  });
});
