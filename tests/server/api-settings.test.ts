import { DEFAULT_SETTINGS } from '../../src/core/settings';
import { API_TOKEN, bearer, serveSettingsApi, type Reply } from './helpers';
import { BACKENDS } from './test-db';

describe.each(BACKENDS)('GET/PUT /settings on %s', (backend) => {
  const { call, helpdeskCalls } = serveSettingsApi(backend);

  const put = async (sub: string, body: unknown, subdomain = 'alpha') =>
    call('PUT', '/api/v1/settings', {
      headers: { ...(await bearer({ subdomain, sub })), 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const settingsOf = (r: Reply) => (r.body as { settings: typeof DEFAULT_SETTINGS }).settings;

  it('gives the defaults before anything is saved', async () => {
    const res = await call('GET', '/api/v1/settings', { headers: await bearer({ subdomain: 'alpha' }) });
    expect(res.status).toBe(200);
    expect(settingsOf(res)).toEqual(DEFAULT_SETTINGS);
  });

  it('lets an admin (as the helpdesk says) change part of the settings', async () => {
    const res = await put('7', { roi: { cost_per_ticket: 22.5 }, health_weights: { csat: 40 } });
    expect(res.status).toBe(200);
    expect(settingsOf(res).roi).toEqual({ ...DEFAULT_SETTINGS.roi, cost_per_ticket: 22.5 });
    expect(settingsOf(res).health_weights.csat).toBe(40);
    const again = await call('GET', '/api/v1/settings', { headers: await bearer({ subdomain: 'alpha' }) });
    expect(settingsOf(again).roi.cost_per_ticket).toBe(22.5);
    // The helpdesk was asked with the tenant's API token, server to server.
    const basic = Buffer.from(`admin@alpha.test/token:${API_TOKEN('alpha')}`).toString('base64');
    expect(helpdeskCalls()).toContain(`GET /api/v2/users/7.json Basic ${basic}`);
  });

  it("does not change another tenant's settings", async () => {
    const res = await call('GET', '/api/v1/settings', { headers: await bearer({ subdomain: 'beta' }) });
    expect(settingsOf(res).roi.cost_per_ticket).toBe(DEFAULT_SETTINGS.roi.cost_per_ticket);
  });

  it('refuses a non-admin whatever the browser claims', async () => {
    const res = await put('8', { role: 'admin', roi: { cost_per_ticket: 1 } });
    expect(res.status).toBe(403);
    expect(res.body).toEqual({ error: 'forbidden', message: 'only helpdesk admins may change settings' });
  });

  it.each([
    [{ roi: { cost_per_ticket: -1 } }, 'roi.cost_per_ticket'],
    [{ targets: { csat: 1.5 } }, 'targets.csat'],
    [{ session_gap_minutes: 'soon' }, 'session_gap_minutes'],
    [
      {
        health_weights: {
          csat: 0,
          volume_trend: 0,
          sentiment: 0,
          fcr_reopens: 0,
          resolution_time: 0,
          backlog: 0,
          portal_engagement: 0,
        },
      },
      'health_weights',
    ],
    [{ baseline: { from: 200, to: 100 } }, 'baseline.from'],
    [{ colour: 'red' }, 'colour'],
  ])('names the field in a validation error: %j', async (body, field) => {
    const res = await put('7', body);
    expect(res.status).toBe(400);
    const err = res.body as { error: string; field: string; message: string };
    expect(err.error).toBe('invalid_settings');
    expect(err.field).toBe(field);
    expect(err.message.startsWith(`${field}: `)).toBe(true);
  });

  it('refuses a body that is not an object', async () => {
    const res = await put('7', [1, 2]);
    expect(res.status).toBe(400);
    expect((res.body as { message: string }).message).toMatch(/body must be object/);
  });
});
