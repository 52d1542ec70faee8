/**
 * The sidebars in the workbench, in headless Chromium: JavaScript a sidebar downloads (gzipped),
 * frame navigation → health card rendered (p75 over 20 opens of distinct tickets with the backend),
 * the same for a bare Garden "hello" app as the floor, and requests per open in both modes.
 * `PULSE_BENCH_SIDEBAR_OPENS` sets the number of opens (default 20).
 */
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import { HEALTH_CARD_MARK } from '../app/sidebar/marks';
import { launchChromium } from '../src/appkit/browser';
import { basicAuthHeader } from '../src/simulator';
import { startAppsServer } from '../src/workbench/apps-server';
import { freePort } from '../src/workbench/ports';
import { startWorkbench } from '../src/workbench/server';
import { DEMO, startDevStack } from '../src/workbench/stack';
import type { BenchPart, BenchResult } from './types';

interface Open {
  ms: number;
  /** `client.request`s of the sidebar frame: to the backend, and to the helpdesk (relative URLs). */
  backendCalls: number;
  helpdeskCalls: number;
}

function p75(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(0.75 * sorted.length) - 1)] ?? NaN;
}

/** Opens a ticket in a fresh workbench page and times frame mount → the app's render mark. */
async function openTicket(page: Page, url: string): Promise<Open> {
  await page.goto('about:blank');
  await page.goto(url);
  const iframe = await page.waitForSelector('iframe[data-location="ticket_sidebar"]');
  const frame = await iframe.contentFrame();
  if (!frame) throw new Error('the ticket sidebar frame has no document');
  await frame.waitForFunction((mark) => performance.getEntriesByName(mark).length > 0, HEALTH_CARD_MARK, {
    timeout: 15_000,
  });
  const rendered = await frame.evaluate(
    (mark) => performance.timeOrigin + performance.getEntriesByName(mark)[0]!.startTime,
    HEALTH_CARD_MARK,
  );
  const probe = await page.evaluate(() => ({
    mounted: performance.timeOrigin + window.__workbench!.mountedAt.ticket_sidebar!,
    urls: window.__workbench!.requests.filter((r) => r.location === 'ticket_sidebar').map((r) => r.url),
  }));
  return {
    ms: rendered - probe.mounted,
    backendCalls: probe.urls.filter((u) => /^https?:/.test(u)).length,
    helpdeskCalls: probe.urls.filter((u) => u.startsWith('/api/v2/')).length,
  };
}

/** A Zendesk app folder whose one page is the bare Garden hello app, with the real app's manifest. */
async function buildHelloApp(realAppDir: string, dir: string): Promise<void> {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(path.join(dir, 'assets'), { recursive: true });
  for (const f of ['manifest.json', 'zcli.apps.config.json'])
    cpSync(path.join(realAppDir, f), path.join(dir, f));
  cpSync(path.join(realAppDir, 'translations'), path.join(dir, 'translations'), { recursive: true });
  for (const f of ['logo.png', 'logo-small.png', 'icon_nav_bar.svg'])
    cpSync(path.join(realAppDir, 'assets', f), path.join(dir, 'assets', f));
  await build({
    entryPoints: [path.join(__dirname, 'sidebar-hello.tsx')],
    bundle: true,
    minify: true,
    format: 'iife',
    jsx: 'automatic',
    define: { 'process.env.NODE_ENV': '"production"' },
    outfile: path.join(dir, 'assets', 'hello.js'),
    logLevel: 'silent',
  });
  writeFileSync(
    path.join(dir, 'assets', 'index.html'),
    '<!doctype html><html lang="en"><head><meta charset="utf-8" /><title>Hello</title></head>' +
      '<body><div id="root"></div><script src="hello.js"></script></body></html>',
  );
}

/** Gzipped bytes of every script the sidebar frames fetched from the app's assets. */
function trackScripts(page: Page, appsServerUrl: string): Map<string, number> {
  const sizes = new Map<string, number>();
  page.on('response', (res) => {
    const url = res.url();
    if (!url.startsWith(appsServerUrl) || !url.endsWith('.js') || sizes.has(url)) return;
    void res.body().then(
      (body) => sizes.set(url, gzipSync(body, { level: 9 }).length),
      () => undefined,
    );
  });
  return sizes;
}

async function run(): Promise<BenchResult[]> {
  const opens = Number(process.env.PULSE_BENCH_SIDEBAR_OPENS ?? 20);
  const appDir = path.join(os.tmpdir(), 'portal-pulse-bench-sidebar');
  const helloDir = path.join(os.tmpdir(), 'portal-pulse-bench-hello');
  const stack = await startDevStack({
    dataDir: 'memory://',
    ingest: false,
    appDir,
    ports: { apps: await freePort() },
  });
  const closers: Array<() => Promise<void>> = [() => stack.close()];
  let browser: Browser | null = null;
  try {
    const auth = basicAuthHeader(DEMO.email, DEMO.token);
    const res = await fetch(`${stack.simulatorUrl}/api/v2/tickets.json?page[size]=100&sort=-id`, {
      headers: { Authorization: auth },
    });
    const { tickets } = (await res.json()) as {
      tickets: Array<{ id: number; organization_id: number | null }>;
    };
    const withOrg = tickets.filter((t) => t.organization_id !== null).slice(0, opens);

    browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 1024, height: 768 } });
    const scripts = trackScripts(page, stack.appsServerUrl);
    // One open first so the HTTP cache is warm, as for an agent who has the app loaded once.
    await openTicket(page, `${stack.workbenchUrl}/#/tickets/${withOrg[0]!.id}`);
    const cpu0 = process.cpuUsage();
    const wall0 = performance.now();
    const backend: Open[] = [];
    for (const t of withOrg) backend.push(await openTicket(page, `${stack.workbenchUrl}/#/tickets/${t.id}`));
    const wallMs = performance.now() - wall0;
    const cpu = process.cpuUsage(cpu0);

    const liveBench = await startWorkbench({
      appsServerUrl: stack.appsServerUrl,
      appDir,
      helpdesk: { url: stack.simulatorUrl, authorization: auth },
      subdomain: DEMO.subdomain,
      settingsOverrides: { backend_url: '' },
    });
    closers.push(() => liveBench.close());
    const live: Open[] = [];
    for (const t of withOrg.slice(0, 5))
      live.push(await openTicket(page, `${liveBench.url}/#/tickets/${t.id}`));
    const liveScripts = [...scripts.values()].reduce((a, b) => a + b, 0);

    await buildHelloApp(appDir, helloDir);
    const helloApps = await startAppsServer({ appDir: helloDir, port: await freePort() });
    closers.push(() => helloApps.close());
    const helloBench = await startWorkbench({
      appsServerUrl: helloApps.url,
      appDir: helloDir,
      helpdesk: { url: stack.simulatorUrl, authorization: auth },
      subdomain: DEMO.subdomain,
      settingsOverrides: { backend_url: '' },
    });
    closers.push(() => helloBench.close());
    await openTicket(page, `${helloBench.url}/#/tickets/${withOrg[0]!.id}`);
    const hello: Open[] = [];
    for (const t of withOrg) hello.push(await openTicket(page, `${helloBench.url}/#/tickets/${t.id}`));
    const helloKb =
      gzipSync(readFileSync(path.join(helloDir, 'assets', 'hello.js')), { level: 9 }).length / 1024;

    const round = (v: number) => Math.round(v * 10) / 10;
    return [
      {
        name: 'sidebar JavaScript, gzipped, all scripts a ticket sidebar loaded (backend and live modes)',
        value: round(liveScripts / 1024),
        unit: 'KB',
        budget: { max: 150 },
      },
      { name: 'bare Garden "hello" app JavaScript, gzipped', value: round(helloKb), unit: 'KB' },
      {
        name: `frame navigation → health card, p75 of ${backend.length} opens, with the backend`,
        value: round(p75(backend.map((o) => o.ms))),
        unit: 'ms',
        budget: { max: 500 },
      },
      {
        name: `frame navigation → "hello" rendered, p75 of ${hello.length} opens (the floor)`,
        value: round(p75(hello.map((o) => o.ms))),
        unit: 'ms',
      },
      {
        name: `frame navigation → live health card, p75 of ${live.length} opens, without a backend`,
        value: round(p75(live.map((o) => o.ms))),
        unit: 'ms',
      },
      {
        name: 'backend calls per open, with the backend (max over opens)',
        value: Math.max(...backend.map((o) => o.backendCalls)),
        unit: 'requests',
        budget: { max: 1 },
      },
      {
        name: 'helpdesk calls per open, with the backend (max over opens)',
        value: Math.max(...backend.map((o) => o.helpdeskCalls)),
        unit: 'requests',
        budget: { max: 0 },
      },
      {
        name: 'helpdesk calls per open, live (max over opens)',
        value: Math.max(...live.map((o) => o.helpdeskCalls)),
        unit: 'requests',
        budget: { max: 3 },
      },
      {
        name: `this process (simulator, backend, workbench) during the ${backend.length} backend opens: CPU`,
        value: Math.round((cpu.user + cpu.system) / 1000),
        unit: `ms (wall ${Math.round(wallMs)} ms)`,
      },
    ];
  } finally {
    await browser?.close();
    for (const close of closers.reverse()) await close().catch(() => undefined);
  }
}

export const sidebarBench: BenchPart = { title: 'Sidebars (workbench, headless Chromium)', run };
