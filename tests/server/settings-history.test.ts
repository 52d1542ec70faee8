import { DEFAULT_SETTINGS } from '../../src/core/settings';
import { changedKeys } from '../../src/server/repo/settings';
import { bearer, serveSettingsApi } from './helpers';
import { BACKENDS } from './test-db';

describe('changedKeys', () => {
  it('names the top-level settings whose value changed', () => {
    const after = {
      ...DEFAULT_SETTINGS,
      targets: { ...DEFAULT_SETTINGS.targets, csat: 0.9 },
      portal_launch_date: Date.UTC(2026, 0, 1),
    };
    expect(changedKeys(DEFAULT_SETTINGS, after)).toEqual(['portal_launch_date', 'targets']);
    expect(changedKeys(after, { ...after })).toEqual([]);
  });
});

describe.each(BACKENDS)('GET /settings/history on %s', (backend) => {
  const { call } = serveSettingsApi(backend);

  const put = async (body: unknown) =>
    call('PUT', '/api/v1/settings', {
      headers: { ...(await bearer({ subdomain: 'alpha', sub: '7' })), 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const history = async (subdomain: string, from: string, to: string) =>
    call('GET', `/api/v1/settings/history?from=${from}&to=${to}`, { headers: await bearer({ subdomain }) });

  it('records who changed which settings and when; a save that changes nothing adds nothing', async () => {
    const t0 = Date.now();
    expect((await put({ targets: { csat: 0.9 } })).status).toBe(200);
    expect((await put({ targets: { csat: 0.9 } })).status).toBe(200);
    expect(
      (await put({ roi: { cost_per_ticket: 12 }, portal_launch_date: Date.UTC(2026, 0, 1) })).status,
    ).toBe(200);
    const res = await history(
      'alpha',
      new Date(t0 - 60_000).toISOString(),
      new Date(Date.now() + 60_000).toISOString(),
    );
    expect(res.status).toBe(200);
    const { changes } = res.body as { changes: Array<{ at: string; changed_by: string; keys: string[] }> };
    expect(changes.map((c) => [c.changed_by, c.keys])).toEqual([
      ['7', ['targets']],
      ['7', ['portal_launch_date', 'roi']],
    ]);
    for (const c of changes) expect(Date.parse(c.at)).toBeGreaterThanOrEqual(t0 - 1000);
  });

  it('keeps tenants apart and only answers for the window asked', async () => {
    const now = Date.now();
    const beta = await history(
      'beta',
      new Date(now - 3_600_000).toISOString(),
      new Date(now + 60_000).toISOString(),
    );
    expect(beta.body).toEqual({ changes: [] });
    const before = await history('alpha', '2020-01-01', '2020-02-01');
    expect(before.body).toEqual({ changes: [] });
  });

  it('says what is wrong with a bad window', async () => {
    const res = await history('alpha', '2026-02-01', '2026-01-01');
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: 'invalid_request', field: 'from' });
  });
});
