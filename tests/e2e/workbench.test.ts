/**
 * End to end: the whole local stack in this process (simulator, backend, app build, the real
 * `zcli apps:server`, workbench), the app in headless Chromium with the real ZAF SDK. Each
 * location must register and show what it has; the marketplace screenshots come from here.
 */
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../src/appkit/browser';
import { basicAuthHeader } from '../../src/simulator';
import { freePort } from '../../src/workbench/ports';
import { startWorkbench, type RunningWorkbench } from '../../src/workbench/server';
import { DEMO, startDevStack, type DevStack } from '../../src/workbench/stack';

jest.setTimeout(120_000);

const VIEWPORT = { width: 1024, height: 768 };

let stack: DevStack;
let browser: Browser;
let page: Page;

interface ApiTicket {
  id: number;
  organization_id: number | null;
}
interface ApiOrganization {
  id: number;
  name: string;
}

async function helpdesk<T>(p: string): Promise<T> {
  const res = await fetch(`${stack.simulatorUrl}${p}`, {
    headers: { Authorization: basicAuthHeader(DEMO.email, DEMO.token) },
  });
  return (await res.json()) as T;
}

/** Waits until `check` holds, for at most `ms`; fails with what it waited for. */
async function until(check: () => Promise<boolean>, ms = 5_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${ms} ms: ${check.toString()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Opens a workbench route and waits until the location's app has registered. */
async function open(url: string, location: string) {
  await page.goto(url);
  await page.waitForSelector(`iframe[data-location="${location}"][data-registered="true"]`);
  return page.frameLocator(`iframe[data-location="${location}"]`);
}

beforeAll(async () => {
  stack = await startDevStack({ dataDir: 'memory://', ingest: false, ports: { apps: await freePort() } });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: VIEWPORT });
});

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

describe('the app in the workbench', () => {
  it("ticket sidebar: shows the requester's organization, sized to its content", async () => {
    const { tickets } = await helpdesk<{ tickets: ApiTicket[] }>('/api/v2/tickets.json?page[size]=100');
    const ticket = tickets.find((t) => t.organization_id !== null)!;
    const { organization } = await helpdesk<{ organization: ApiOrganization }>(
      `/api/v2/organizations/${ticket.organization_id}.json`,
    );
    const frame = await open(`${stack.workbenchUrl}/#/tickets/${ticket.id}`, 'ticket_sidebar');
    await expect(frame.getByTestId('account-name').textContent()).resolves.toBe(organization.name);
    await expect(frame.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Account health');
    await expect(frame.getByText('Backend', { exact: true }).count()).resolves.toBe(1);
    // The frame was resized to the content's height (not the 100px it starts with).
    await page.waitForFunction(() => {
      const f = window.__workbench!.frames()[0]!;
      return f.height !== '' && f.height !== '100px';
    });
    const [state] = await page.evaluate(() => window.__workbench!.frames());
    expect(state!.subscriptions).toEqual(expect.arrayContaining(['colorScheme.changed', 'app.willDestroy']));
    // The marketplace screenshots of the sidebars come from tests/e2e/sidebar.test.ts.
  });

  it('ticket sidebar: says so when the requester has no organization', async () => {
    const { tickets } = await helpdesk<{ tickets: ApiTicket[] }>('/api/v2/tickets.json?page[size]=100');
    const orgless = tickets.find((t) => t.organization_id === null)!;
    const frame = await open(`${stack.workbenchUrl}/#/tickets/${orgless.id}`, 'ticket_sidebar');
    await expect(frame.getByText('No organization', { exact: true }).textContent()).resolves.toBe(
      'No organization',
    );
    await expect(frame.getByTestId('account-name').count()).resolves.toBe(0);
  });

  it('organization sidebar: shows the organization', async () => {
    const { organizations } = await helpdesk<{ organizations: ApiOrganization[] }>(
      '/api/v2/organizations.json?page[size]=3',
    );
    const org = organizations[2]!;
    const frame = await open(`${stack.workbenchUrl}/#/organizations/${org.id}`, 'organization_sidebar');
    await expect(frame.getByTestId('account-name').textContent()).resolves.toBe(org.name);
  });

  it('nav bar: reaches the backend through the proxy with a signed token', async () => {
    const frame = await open(`${stack.workbenchUrl}/#/apps/nav_bar`, 'nav_bar');
    await expect(frame.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Portal Pulse');
    await expect(frame.getByTestId('backend-status').textContent()).resolves.toBe(
      `Connected to ${stack.backendUrl}.`,
    );
    // The metrics page asks for more (tests/e2e/nav-bar.test.ts); every call goes to the backend.
    await page.waitForFunction(() =>
      window.__workbench!.requests.some((r) => r.url.endsWith('/api/v1/status')),
    );
    const requests = await page.evaluate(() => window.__workbench!.requests);
    expect(requests).toContainEqual(
      expect.objectContaining({ location: 'nav_bar', url: `${stack.backendUrl}/api/v1/status`, status: 200 }),
    );
    for (const r of requests) expect(r.url.startsWith(`${stack.backendUrl}/api/v1/`)).toBe(true);
  });

  it('never hands the shared secret to the browser', async () => {
    const config = await (await fetch(`${stack.workbenchUrl}/workbench/config`)).text();
    expect(config).toContain('backend_url');
    expect(config).not.toContain('shared_secret');
    expect(config).not.toContain('demo-shared-secret');
  });

  it("follows the agent workspace's dark mode", async () => {
    const frame = await open(`${stack.workbenchUrl}/#/apps/nav_bar`, 'nav_bar');
    const background = () => frame.locator('body').evaluate((b) => getComputedStyle(b).backgroundColor);
    const light = await background();
    await page.selectOption('#scheme', 'dark');
    await until(async () => (await background()) !== light);
    await page.selectOption('#scheme', 'light');
    await until(async () => (await background()) === light);
  });

  it("speaks the agent's language", async () => {
    const frame = await open(`${stack.workbenchUrl}/?locale=de#/apps/nav_bar`, 'nav_bar');
    await expect(frame.getByTestId('backend-status').textContent()).resolves.toBe(
      `Verbunden mit ${stack.backendUrl}.`,
    );
  });

  describe('without a backend', () => {
    let live: RunningWorkbench;
    beforeAll(async () => {
      live = await startWorkbench({
        appsServerUrl: stack.appsServerUrl,
        appDir: path.resolve('dist'),
        helpdesk: { url: stack.simulatorUrl, authorization: basicAuthHeader(DEMO.email, DEMO.token) },
        subdomain: DEMO.subdomain,
        settingsOverrides: { backend_url: '' },
      });
    });
    afterAll(() => live?.close());

    it('runs in live mode and says what to configure', async () => {
      const frame = await open(`${live.url}/#/apps/nav_bar`, 'nav_bar');
      await expect(frame.getByTestId('backend-status').textContent()).resolves.toMatch(
        /^No backend configured\./,
      );
      await expect(frame.getByText('Live', { exact: true }).count()).resolves.toBe(1);
      expect(await page.evaluate(() => window.__workbench!.requests)).toEqual([]);
    });
  });
});
