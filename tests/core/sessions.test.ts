import { buildSessions } from '../../src/core/sessions';
import { ev, MIN, person, T0 } from './fixtures';

describe('buildSessions', () => {
  it('returns nothing for no events', () => {
    expect(buildSessions([], [], 30)).toEqual([]);
  });

  it('keeps a gap of exactly 30 minutes in one session and splits at 30 min + 1 ms', () => {
    const s = buildSessions(
      [
        ev('page_view', T0, 'v'),
        ev('page_view', T0 + 30 * MIN, 'v'),
        ev('page_view', T0 + 60 * MIN + 1, 'v'),
      ],
      [],
      30,
    );
    expect(s.map((x) => [x.start - T0, x.end - T0, x.events.length])).toEqual([
      [0, 30 * MIN, 2],
      [60 * MIN + 1, 60 * MIN + 1, 1],
    ]);
  });

  it('takes the first non-null person (sign-in mid-session), the account from the events or else the person, the first device', () => {
    const [s] = buildSessions(
      [
        ev('page_view', T0 + MIN, 'v', { person_id: 'p1', device: 'desktop' }),
        ev('search', T0, 'v', { device: 'mobile' }),
        ev('ticket_submit', T0 + 2 * MIN, 'v', { person_id: 'p2' }),
      ],
      [person('p1', 'acc1')],
      30,
    );
    expect(s).toMatchObject({
      person_id: 'p1',
      account_id: 'acc1',
      device: 'mobile',
      help_seeking: true,
      has_ticket_submit: true,
    });
  });

  it('keeps anonymous sessions, separates visitors and sorts by start', () => {
    const s = buildSessions([ev('page_view', T0 + 5, 'b'), ev('article_view', T0, 'a')], [], 30);
    expect(s.map((x) => [x.visitor_id, x.person_id, x.help_seeking])).toEqual([
      ['a', null, true],
      ['b', null, false],
    ]);
  });
});
