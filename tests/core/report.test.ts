import { emptyDataset, type Dataset, type Window } from '../../src/core/dataset';
import { prepareDataset } from '../../src/core/prepare';
import { computeReport } from '../../src/core/report';
import { DEFAULT_SETTINGS, type Settings } from '../../src/core/settings';
import { account, DAY, ev, HOUR, MIN, person, solvedTicket, T0, ticket } from './fixtures';

const W: Window = { from: T0, to: T0 + 30 * DAY };

function report(
  data: Partial<Dataset>,
  window: Window = W,
  settings: Settings = DEFAULT_SETTINGS,
  segment = {},
) {
  return computeReport(prepareDataset({ ...emptyDataset(), ...data }, settings), window, settings, segment)
    .metrics;
}

describe('computeReport on empty input', () => {
  it('gives null rates, zero counts and null medians, never NaN', () => {
    const m = report({});
    expect(m.ticket_after_portal_rate).toEqual({ value: null, numerator: 0, denominator: 0 });
    expect(m.fcr.value).toBeNull();
    expect(m.csat.value).toBeNull();
    expect(m.median_first_reply_minutes).toBeNull();
    expect(m.median_session_minutes).toBeNull();
    expect([m.dau, m.wau, m.mau]).toEqual([0, 0, 0]);
    expect(m.content_gaps).toEqual([]);
    expect(m.deflected_tickets_vs_baseline.value).toBeNull();
    expect(JSON.stringify(m)).not.toContain('NaN');
  });
});

describe('ticket-after-portal and deflection', () => {
  const persons = [person('p1'), person('p2')];
  it('counts a ticket at exactly end + W as following, and one at end + W + 1 ms not', () => {
    const events = [
      ev('search', T0 + HOUR, 'v1', { person_id: 'p1' }),
      ev('search', T0 + HOUR, 'v2', { person_id: 'p2' }),
    ];
    const tickets = [
      ticket('t1', 'p1', T0 + HOUR + 24 * HOUR),
      ticket('t2', 'p2', T0 + HOUR + 24 * HOUR + 1),
    ];
    const m = report({ persons, events, tickets });
    expect(m.ticket_after_portal_rate).toEqual({ value: 0.5, numerator: 1, denominator: 2 });
    expect(m.session_deflection_rate).toEqual({ value: 0.5, numerator: 1, denominator: 2 });
    // deflected 1 / (1 + 2 tickets created in the window)
    expect(m.self_service_resolution_rate).toEqual({ value: 1 / 3, numerator: 1, denominator: 3 });
  });

  it('does not count a ticket created before the session start', () => {
    const m = report({
      persons,
      events: [ev('article_view', T0 + HOUR, 'v1', { person_id: 'p1' })],
      tickets: [ticket('t', 'p1', T0 + HOUR - 1)],
    });
    expect(m.ticket_after_portal_rate.numerator).toBe(0);
  });

  it('uses ticket_submit for anonymous sessions, and ignores sessions that are not help-seeking', () => {
    const events = [
      ev('search', T0, 'anon1'),
      ev('ticket_submit', T0 + MIN, 'anon1'),
      ev('search', T0, 'anon2'),
      ev('page_view', T0, 'browse'),
      ev('ticket_submit', T0 + MIN, 'browse'),
    ];
    const m = report({ events });
    expect(m.ticket_after_portal_rate).toEqual({ value: 0.5, numerator: 1, denominator: 2 });
  });

  it('puts a session straddling the window start in the window where it starts, with all its events', () => {
    const events = [
      ev('page_view', W.from - 10 * MIN, 'v'),
      ev('search', W.from + 5 * MIN, 'v', { result_count: 0, query: 'x' }),
    ];
    const m = report({ events });
    expect(m.ticket_after_portal_rate.denominator).toBe(0);
    expect(m.zero_result_rate.denominator).toBe(0);
    const before = report({ events }, { from: W.from - DAY, to: W.from });
    expect(before.ticket_after_portal_rate.denominator).toBe(1);
    expect(before.zero_result_rate).toEqual({ value: 1, numerator: 1, denominator: 1 });
  });

  it('lets the look-ahead reach past the window end', () => {
    const events = [ev('search', W.to - MIN, 'v1', { person_id: 'p1' })];
    const m = report({ persons, events, tickets: [ticket('t', 'p1', W.to + HOUR)] });
    expect(m.ticket_after_portal_rate.value).toBe(1);
  });

  it('honours the session gap setting: 2 sessions at 30 min, 1 at 60 min', () => {
    const events = [ev('search', T0, 'v'), ev('search', T0 + 45 * MIN, 'v')];
    expect(report({ events }).ticket_after_portal_rate.denominator).toBe(2);
    expect(
      report({ events }, W, { ...DEFAULT_SETTINGS, session_gap_minutes: 60 }).ticket_after_portal_rate
        .denominator,
    ).toBe(1);
  });
});

describe('self-service score and baseline', () => {
  it('divides distinct visitors by distinct requesters', () => {
    const events = [
      ev('page_view', T0, 'v1', { person_id: 'p1' }),
      ev('page_view', T0, 'v2'),
      ev('page_view', T0 + DAY, 'v3', { person_id: 'p1' }),
    ];
    const tickets = [ticket('t1', 'p1', T0), ticket('t2', 'p1', T0 + 1)];
    expect(report({ events, tickets }).self_service_score).toEqual({
      value: 2,
      numerator: 2,
      denominator: 1,
    });
  });

  it('deflected tickets = max(0, baseline/day × days − created), from an explicit number or a period', () => {
    const tickets = [ticket('a', 'p', T0), ticket('b', 'p', T0 + DAY)];
    const explicit = { ...DEFAULT_SETTINGS, baseline: { tickets_per_day: 1, from: null, to: null } };
    expect(report({ tickets }, W, explicit).deflected_tickets_vs_baseline).toMatchObject({
      value: 28,
      baseline_source: 'explicit',
      days_in_window: 30,
    });
    // Baseline period: 10 days before the window with 20 tickets = 2/day; 2 × 30 − 2 = 58.
    const old = Array.from({ length: 20 }, (_, i) => ticket(`o${i}`, 'p', T0 - 10 * DAY + i * HOUR));
    const launch = { ...DEFAULT_SETTINGS, baseline: { tickets_per_day: null, from: T0 - 10 * DAY, to: T0 } };
    expect(report({ tickets: [...tickets, ...old] }, W, launch).deflected_tickets_vs_baseline).toMatchObject({
      value: 58,
      baseline_tickets_per_day: 2,
    });
    const high = { ...DEFAULT_SETTINGS, baseline: { tickets_per_day: 0.01, from: null, to: null } };
    expect(report({ tickets }, W, high).deflected_tickets_vs_baseline.value).toBe(0);
    // Default: the 90 days before the launch date.
    const byLaunch = { ...DEFAULT_SETTINGS, portal_launch_date: T0 };
    expect(
      report({ tickets: [...tickets, ...old] }, W, byLaunch).deflected_tickets_vs_baseline,
    ).toMatchObject({ baseline_source: 'launch_date', baseline_tickets_per_day: 20 / 90 });
  });
});

describe('search', () => {
  it('counts success by click or by an article_view before the next search; zero results; normalized content gaps', () => {
    const events = [
      ev('search', T0, 'v', { query: '  Reset   PASSWORD ', result_count: 0 }),
      ev('search', T0 + MIN, 'v', { query: 'reset password', result_count: 3 }),
      ev('article_view', T0 + 2 * MIN, 'v'),
      ev('article_view', T0 + 3 * MIN, 'v'),
      ev('search', T0 + 4 * MIN, 'v', { query: 'invoice', result_count: 0, clicked_result: true }),
      ev('search', T0 + 5 * MIN, 'v', { query: 'refund', result_count: 0 }),
    ];
    const m = report({ events });
    expect(m.search_success_rate).toEqual({ value: 0.5, numerator: 2, denominator: 4 });
    expect(m.zero_result_rate).toEqual({ value: 0.75, numerator: 3, denominator: 4 });
    expect(m.content_gaps).toEqual([
      { query: 'invoice', count: 1 },
      { query: 'refund', count: 1 },
      { query: 'reset password', count: 1 },
    ]);
  });

  it('counts every search of a session followed by a ticket as a content gap', () => {
    const events = [
      ev('search', T0, 'v', { person_id: 'p', query: 'Billing', result_count: 5 }),
      ev('search', T0, 'w', { query: 'billing', result_count: 5 }),
    ];
    const m = report({ events, persons: [person('p')], tickets: [ticket('t', 'p', T0 + HOUR)] });
    expect(m.content_gaps).toEqual([{ query: 'billing', count: 1 }]);
  });
});

describe('adoption', () => {
  it('DAU/WAU/MAU count visitors with an event in the last 1/7/30 days of the window', () => {
    const to = W.to;
    const events = [
      ev('page_view', to - HOUR, 'a', { person_id: 'p' }),
      ev('page_view', to - 3 * DAY, 'b', { person_id: 'p' }), // same person, other browser
      ev('page_view', to - 3 * DAY, 'c'),
      ev('page_view', to - 20 * DAY, 'd'),
      ev('page_view', to, 'e'), // at `to`: outside
      ev('page_view', to - 31 * DAY, 'f'),
    ];
    const m = report({ events });
    expect([m.dau, m.wau, m.mau]).toEqual([1, 2, 3]);
  });

  it('active account share, return visits, feature utilization, median session minutes (even count), mobile share', () => {
    const accounts = [account('A'), account('B'), account('C'), account('D')];
    const events = [
      ev('page_view', T0, 'v1', { account_id: 'A', device: 'mobile' }),
      ev('search', T0 + 10 * MIN, 'v1', { account_id: 'A' }),
      ev('page_view', T0 + DAY, 'v1', { account_id: 'A' }),
      ev('page_view', T0 + DAY + 20 * MIN, 'v1'),
      ev('login', T0 + 2 * DAY, 'v2', { person_id: 'p2' }),
      ev('page_view', W.to - DAY, 'v3', { account_id: 'ZZ' }), // not a known account
    ];
    const m = report({ accounts, events, persons: [person('p2', 'B')] });
    expect(m.active_account_share).toEqual({ value: 0.5, numerator: 2, denominator: 4 });
    expect(m.return_visit_rate).toEqual({ value: 1 / 3, numerator: 1, denominator: 3 });
    expect(m.feature_utilization.page_view).toEqual({ value: 2 / 3, numerator: 2, denominator: 3 });
    expect(m.feature_utilization.login).toEqual({ value: 1 / 3, numerator: 1, denominator: 3 });
    expect(m.feature_utilization.vote.value).toBe(0);
    // durations 10, 20, 0, 0 → middle values 0 and 10 → 5
    expect(m.median_session_minutes).toBe(5);
    expect(m.mobile_share).toEqual({ value: 0.25, numerator: 1, denominator: 4 });
  });
});

describe('agent work', () => {
  it('FCR over solved tickets with a reply, zero-touch apart, reopens, CSAT, windowed by solved_at', () => {
    const tickets = [
      solvedTicket('a', 'p', T0, { satisfaction: 'good' }),
      solvedTicket('b', 'p', T0, { agent_replies: 2, satisfaction: 'bad' }),
      solvedTicket('c', 'p', T0, { reopens: 1, satisfaction: 'offered' }),
      solvedTicket('d', 'p', T0, { agent_replies: 0, satisfaction: 'good' }),
      solvedTicket('e', 'p', T0 - 2 * DAY, { solved_at: T0 - DAY }),
      ticket('f', 'p', T0),
    ];
    const m = report({ tickets });
    expect(m.fcr).toEqual({ value: 1 / 3, numerator: 1, denominator: 3 });
    expect(m.zero_touch_tickets).toEqual({ value: 0.25, numerator: 1, denominator: 4 });
    expect(m.reopen_rate).toEqual({ value: 0.25, numerator: 1, denominator: 4 });
    expect(m.csat).toEqual({ value: 2 / 3, numerator: 2, denominator: 3 });
  });

  it('medians over solved tickets that have the value; an even count takes the mean of the middle two', () => {
    const tickets = [
      solvedTicket('a', 'p', T0, { first_reply_minutes: 10, full_resolution_minutes: 100 }),
      solvedTicket('b', 'p', T0, { first_reply_minutes: 30, full_resolution_minutes: null }),
      solvedTicket('c', 'p', T0, { first_reply_minutes: 20, full_resolution_minutes: 300 }),
      solvedTicket('d', 'p', T0, { first_reply_minutes: 1000 }),
    ];
    const m = report({ tickets });
    expect(m.median_first_reply_minutes).toBe(25);
    expect(m.median_full_resolution_minutes).toBe(200);
  });

  it('escalation by urgent, tag or more than one group; repeat requests within the 7 days before', () => {
    const tickets = [
      ticket('a', 'p', T0, { priority: 'urgent' }),
      ticket('b', 'p', T0 + 7 * DAY, { tags: ['escalated'] }), // a is exactly 7 d before: counts
      ticket('c', 'q', T0, { group_stations: 2 }),
      ticket('d', 'q', T0 + 7 * DAY + 1), // c is 7 d + 1 ms before: does not
      ticket('e', 'r', T0),
      ticket('f', 'r', T0), // same instant: not "before"
    ];
    const m = report({ tickets });
    expect(m.escalation_rate).toEqual({ value: 0.5, numerator: 3, denominator: 6 });
    expect(m.repeat_request_rate).toEqual({ value: 1 / 6, numerator: 1, denominator: 6 });
  });
});

describe('segments', () => {
  const accounts = [account('A', ['vip']), account('B', ['vip']), account('C')];
  const persons = [person('pa', 'A'), person('pc', 'C')];
  const tickets = [
    ticket('1', 'pa', T0, { channel: 'email' }),
    ticket('2', 'pc', T0, { channel: 'web' }),
    ticket('3', 'x', T0, { account_id: 'B', channel: 'web' }),
  ];
  const events = [
    ev('search', T0, 'v1', { person_id: 'pa', device: 'mobile' }),
    ev('search', T0, 'v2', { person_id: 'pc' }),
  ];
  it('filters tickets and sessions by account (ticket account, else requester account) and by tag', () => {
    expect(
      report({ accounts, persons, tickets, events }, W, DEFAULT_SETTINGS, { account_id: 'A' }).escalation_rate
        .denominator,
    ).toBe(1);
    const vip = report({ accounts, persons, tickets, events }, W, DEFAULT_SETTINGS, { account_tag: 'vip' });
    expect(vip.escalation_rate.denominator).toBe(2);
    expect(vip.ticket_after_portal_rate).toEqual({ value: 1, numerator: 1, denominator: 1 });
    expect(vip.active_account_share.denominator).toBe(2);
  });
  it('filters tickets by channel and sessions by device', () => {
    const web = report({ accounts, persons, tickets, events }, W, DEFAULT_SETTINGS, { channel: 'web' });
    expect(web.escalation_rate.denominator).toBe(2);
    expect(web.ticket_after_portal_rate.denominator).toBe(2);
    const mobile = report({ accounts, persons, tickets, events }, W, DEFAULT_SETTINGS, { device: 'mobile' });
    expect(mobile.ticket_after_portal_rate.denominator).toBe(1);
    expect(mobile.escalation_rate.denominator).toBe(3);
  });
});

describe('report envelope', () => {
  it('carries its window and data as of', () => {
    const r = computeReport(
      prepareDataset({ ...emptyDataset(), tickets: [ticket('a', 'p', T0 + DAY)] }, DEFAULT_SETTINGS),
      W,
      DEFAULT_SETTINGS,
    );
    expect(r.window).toEqual({ from: '2026-01-01T00:00:00.000Z', to: '2026-01-31T00:00:00.000Z' });
    expect(r.data_as_of).toBe('2026-01-02T00:00:00.000Z');
    expect(r.metrics.predicted_csat.status).toBeDefined();
  });
});
