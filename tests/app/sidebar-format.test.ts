import fc from 'fast-check';
import type { HealthFactor, HealthTrendPoint } from '../../src/core/health/types';
import {
  classifyBackendError,
  factorReason,
  formatFigure,
  orderFactors,
  sparklineSegments,
  trendEnds,
} from '../../app/sidebar/format';
import { BackendShapeError, sidebarDataFromBackend, sidebarPath } from '../../app/sidebar/from-backend';
import { liveRequestUrls } from '../../app/live/helpdesk-calls';
import { translate } from '../../app/i18n/translate';
import en from '../../translations/en.json';

const t = (key: string, vars?: Record<string, string | number>) => translate(en, key, vars);

const factor = (over: Partial<HealthFactor>): HealthFactor => ({
  key: 'csat',
  value: 0.5,
  weight: 25,
  points: 12.5,
  account_figure: 0.62,
  tenant_figure: 0.85,
  unit: 'rate',
  ...over,
});

describe('factor wording', () => {
  it('says "CSAT 62 %, tenant typical 85 %"', () => {
    expect(factorReason(factor({}), t, 'en')).toBe('CSAT 62 %, tenant typical 85 %');
  });

  it('words each unit as an agent reads it', () => {
    expect(formatFigure(95, 'minutes', 'en')).toBe('95 min');
    expect(formatFigure(300, 'minutes', 'en')).toBe('5 h');
    expect(formatFigure(1.25, 'tickets_per_day', 'en')).toBe('1.3 / d');
    expect(formatFigure(-0.314, 'sentiment', 'en')).toBe('-0.31');
    expect(formatFigure(0.2, 'sentiment', 'en')).toBe('+0.2');
    expect(formatFigure(1234, 'count', 'de')).toBe('1.234');
    expect(formatFigure(null, 'rate', 'en')).toBe('–');
  });

  it('says a factor without data does not count', () => {
    expect(factorReason(factor({ key: 'backlog', value: null }), t, 'en')).toBe(
      'Open backlog: no data, not counted',
    );
  });

  it('puts the costliest factor first and factors without data last', () => {
    const ordered = orderFactors([
      factor({ key: 'csat', value: 0.9, weight: 25 }),
      factor({ key: 'backlog', value: null, weight: 10 }),
      factor({ key: 'sentiment', value: 0.2, weight: 15 }),
    ]);
    expect(ordered.map((f) => f.key)).toEqual(['sentiment', 'csat', 'backlog']);
  });
});

describe('sparkline', () => {
  it('draws 0 at the bottom and 100 at the top, breaking at unknown weeks', () => {
    const points: HealthTrendPoint[] = [
      { at: '2026-01-01T00:00:00Z', score: 100 },
      { at: '2026-01-08T00:00:00Z', score: 50 },
      { at: '2026-01-15T00:00:00Z', score: null },
      { at: '2026-01-22T00:00:00Z', score: 0 },
      { at: '2026-01-29T00:00:00Z', score: 25 },
    ];
    expect(sparklineSegments(points, 100, 20)).toEqual(['0,0 25,10', '75,20 100,15']);
    expect(trendEnds(points)).toEqual({ first: 100, last: 25 });
  });

  it('keeps every point inside the box, whatever the scores', () => {
    fc.assert(
      fc.property(
        fc.array(fc.option(fc.double({ min: -50, max: 150, noNaN: true }), { nil: null }), { maxLength: 20 }),
        (scores) => {
          const segments = sparklineSegments(
            scores.map((score, i) => ({ at: new Date(i * 7 * 86_400_000).toISOString(), score })),
            96,
            28,
          );
          const known = scores.filter((s) => s !== null).length;
          const drawn = segments.flatMap((s) => s.split(' '));
          expect(drawn).toHaveLength(known);
          for (const xy of drawn) {
            const [x, y] = xy.split(',').map(Number) as [number, number];
            expect(x).toBeGreaterThanOrEqual(0);
            expect(x).toBeLessThanOrEqual(96);
            expect(y).toBeGreaterThanOrEqual(0);
            expect(y).toBeLessThanOrEqual(28);
          }
        },
      ),
    );
  });
});

describe('backend answers', () => {
  it('tells what to fix from the failed request', () => {
    expect(classifyBackendError({ status: 401 })).toBe('unauthorized');
    expect(classifyBackendError({ status: 403 })).toBe('unauthorized');
    expect(classifyBackendError({ status: 0 })).toBe('unreachable');
    expect(classifyBackendError({ status: 502 })).toBe('unreachable');
    expect(classifyBackendError({ status: 404, responseJSON: { error: 'not_found' } })).toBe('misconfigured');
    expect(classifyBackendError(new BackendShapeError('x'))).toBe('misconfigured');
    // Loading after a start: nothing to fix, the card retries by itself.
    expect(classifyBackendError({ status: 503, responseJSON: { error: 'warming_up' } })).toBe('warming');
    expect(classifyBackendError({ status: 503, responseText: '{"error":"warming_up","message":"…"}' })).toBe(
      'warming',
    );
    expect(classifyBackendError({ status: 503 })).toBe('unreachable');
  });

  it('asks for ticket and organization in one request', () => {
    expect(sidebarPath({ ticketId: '1042', organizationId: '360000000007' })).toBe(
      '/api/v1/sidebar?ticket=1042&organization=360000000007',
    );
    expect(sidebarPath({ ticketId: null, organizationId: '7' })).toBe('/api/v1/sidebar?organization=7');
  });

  it('reads the trend whether served bare or as { points }', () => {
    const health = { account_id: 'a1', score: 72, band: 'healthy', factors: [], top_factor: null };
    const points = [{ at: '2026-01-01T00:00:00.000Z', score: 70 }];
    for (const trend of [points, { points, falling: false }]) {
      const data = sidebarDataFromBackend({
        data_as_of: null,
        account_id: 'a1',
        account: { window: {}, health, trend, summary: { sentences: ['Quiet month.'] } },
        ticket: null,
      });
      expect(data.account).toMatchObject({
        id: 'a1',
        trend: points,
        summary: { sentences: ['Quiet month.'] },
      });
    }
  });

  it('refuses an answer without the parts it draws', () => {
    expect(() => sidebarDataFromBackend({ status: 'ok' })).toThrow(BackendShapeError);
    expect(() =>
      sidebarDataFromBackend({ data_as_of: null, account_id: 'a1', account: { health: {} }, ticket: null }),
    ).toThrow(/account.health/);
  });
});

describe('live mode', () => {
  it('stays within three helpdesk calls per open', () => {
    fc.assert(
      fc.property(
        fc.option(fc.nat().map(String), { nil: null }),
        fc.option(fc.nat().map(String), { nil: null }),
        (ticketId, organizationId) => {
          const urls = liveRequestUrls({ ticketId, organizationId });
          expect(urls.length).toBeLessThanOrEqual(3);
          for (const u of urls) expect(u).toMatch(/^\/api\/v2\//);
        },
      ),
    );
  });
});
