import { jwtVerify } from 'jose';
import { isWhitelisted, prepareRequest, ProxyError, type ProxyContext } from '../../src/workbench/proxy';

const NOW = Date.UTC(2026, 10, 22, 12, 0, 0);
const ctx: ProxyContext = {
  settings: { backend_url: 'https://pulse.example.com', shared_secret: 's3cret', cost_per_ticket: '15' },
  secureSettings: ['shared_secret'],
  domainWhitelist: ['pulse.example.com', '*.corp.test'],
  helpdesk: { url: 'http://127.0.0.1:9999', authorization: 'Basic abc' },
  now: () => NOW,
};

const backendCall = {
  url: '{{setting.backend_url}}/api/v1/status',
  type: 'GET',
  secure: true,
  cors: false,
  headers: { Authorization: 'Bearer {{jwt.token}}' },
  jwt: {
    algorithm: 'HS256',
    secret_key: '{{setting.shared_secret}}',
    expiry: 300,
    claims: { iss: 'demo', aud: 'portal-pulse', sub: '42' },
  },
};

describe('the workbench request proxy', () => {
  it('sends helpdesk paths to the helpdesk with the agent authentication, settings untouched', async () => {
    const out = await prepareRequest({ url: '/api/v2/tickets/7.json?x={{setting.shared_secret}}' }, ctx);
    expect(out).toEqual({
      url: 'http://127.0.0.1:9999/api/v2/tickets/7.json?x={{setting.shared_secret}}',
      method: 'GET',
      headers: { Authorization: 'Basic abc' },
    });
  });

  it('fills settings and signs an HS256 JWT with the secret, which only the proxy sees', async () => {
    const out = await prepareRequest(backendCall, ctx);
    expect(out.url).toBe('https://pulse.example.com/api/v1/status');
    const token = out.headers.Authorization!.replace(/^Bearer /, '');
    const { payload, protectedHeader } = await jwtVerify(token, new TextEncoder().encode('s3cret'), {
      currentDate: new Date(NOW),
      audience: 'portal-pulse',
      issuer: 'demo',
    });
    expect(protectedHeader.alg).toBe('HS256');
    expect(payload).toEqual({
      iss: 'demo',
      aud: 'portal-pulse',
      sub: '42',
      iat: NOW / 1000,
      exp: NOW / 1000 + 300,
    });
    expect(JSON.stringify(out)).not.toContain('s3cret');
  });

  it('refuses secure settings without secure: true', async () => {
    const call = { ...backendCall, secure: false };
    await expect(prepareRequest(call, ctx)).rejects.toEqual(
      new ProxyError(400, 'secure settings are only filled in for requests with secure: true'),
    );
  });

  it('refuses to send secure settings to a domain outside domainWhitelist', async () => {
    const call = { ...backendCall, url: 'https://evil.example.net/steal' };
    const err = (await prepareRequest(call, ctx).catch((e: unknown) => e)) as ProxyError;
    expect(err.status).toBe(403);
    expect(err.message).toContain('evil.example.net is not listed');
  });

  it('refuses an unknown setting and an empty secret', async () => {
    await expect(prepareRequest({ ...backendCall, url: '{{setting.nope}}/x' }, ctx)).rejects.toThrow(
      'unknown setting "nope"',
    );
    const empty = { ...ctx, settings: { ...ctx.settings, shared_secret: '' } };
    await expect(prepareRequest(backendCall, empty)).rejects.toThrow('jwt.secret_key is empty');
  });

  it('passes a plain request through unchanged', async () => {
    const out = await prepareRequest(
      { url: 'https://api.example.org/v1', type: 'post', data: { a: 1 }, contentType: 'application/json' },
      ctx,
    );
    expect(out).toEqual({
      url: 'https://api.example.org/v1',
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"a":1}',
    });
  });

  it('matches whitelist entries exactly or by wildcard subdomain', () => {
    expect(isWhitelisted('pulse.example.com', ctx.domainWhitelist)).toBe(true);
    expect(isWhitelisted('a.corp.test', ctx.domainWhitelist)).toBe(true);
    expect(isWhitelisted('corp.test.evil.com', ctx.domainWhitelist)).toBe(false);
    expect(isWhitelisted('example.com', ctx.domainWhitelist)).toBe(false);
  });
});
