import { prepareDataset } from '../../src/core/prepare';
import { DEFAULT_SETTINGS } from '../../src/core/settings';
import { activitySummary, subjectPattern, SUMMARY_TEMPLATES } from '../../src/core/summary';
import { account, DAY, solvedTicket, T0, ticket } from './fixtures';

const AS_OF = T0 + 100 * DAY;
const noModel = () => ({ model: { status: 'unavailable' as const, reason: 'test' }, predictions: null });

describe('subject patterns', () => {
  it('drop reply markers and short labels, and turn numbers into #', () => {
    expect(subjectPattern('RE: Question about invoice 4711')).toBe('question about invoice #');
    expect(subjectPattern('URGENT: Cannot log in!!')).toBe('cannot log in');
    expect(subjectPattern('Still waiting: Re: Cannot log in')).toBe('cannot log in');
    expect(subjectPattern('  ')).toBe('');
  });
});

describe('activity summary', () => {
  // Last 30 days: three "cannot log in" (one urgent, one reopened and rated bad), one invoice
  // question rated good. The 30 days before: one calm ticket.
  const recent = [
    ticket('r1', 'p1', AS_OF - 3 * DAY, {
      account_id: 'a1',
      subject: 'URGENT: Cannot log in',
      priority: 'urgent',
    }),
    solvedTicket('r2', 'p1', AS_OF - 5 * DAY, {
      account_id: 'a1',
      subject: 'Cannot log in',
      reopens: 1,
      satisfaction: 'bad',
      description: 'This is terrible, awful and broken.',
    }),
    ticket('r3', 'p1', AS_OF - 6 * DAY, { account_id: 'a1', subject: 'Re: cannot log in' }),
    solvedTicket('r4', 'p1', AS_OF - 7 * DAY, {
      account_id: 'a1',
      subject: 'Question about invoice 12',
      satisfaction: 'good',
    }),
  ];
  const before = [
    solvedTicket('b1', 'p1', AS_OF - 40 * DAY, {
      account_id: 'a1',
      subject: 'Thanks',
      description: 'Great help, thank you, we love it.',
    }),
  ];
  const p = prepareDataset(
    { accounts: [account('a1'), account('a2')], persons: [], tickets: [...recent, ...before], events: [] },
    DEFAULT_SETTINGS,
    noModel,
  );
  const s = activitySummary(p, 'a1', AS_OF);

  it('counts what happened in each period', () => {
    expect(s?.recent).toMatchObject({ tickets: 4, escalated: 1, solved: 2, reopened: 1, good: 1, bad: 1 });
    expect(s?.previous).toMatchObject({ tickets: 1, escalated: 0, solved: 1, reopened: 0, good: 0, bad: 0 });
    expect(s?.topics).toEqual([{ subject: 'cannot log in', count: 3 }]);
  });

  it('says it in plain sentences from the templates', () => {
    const T = SUMMARY_TEMPLATES;
    const r = s?.recent;
    const b = s?.previous;
    expect(s?.sentences).toEqual([
      T.volume(4, 1, 30),
      T.topics([{ subject: 'cannot log in', count: 3 }]),
      T.escalations(1, 0),
      T.badRatings(1, 2, 0, 0),
      T.reopens(1, 2),
      T.sentimentShift(r?.sentiment as number, b?.sentiment as number),
    ]);
    expect(s?.sentences[0]).toBe('4 tickets in the last 30 days, up from 1 in the 30 days before.');
    expect(s?.sentences[1]).toBe('Most frequent subjects: "cannot log in" (3).');
    expect(s?.sentences[5]).toMatch(/^Requester tone turned more negative/);
  });

  it('says so when there were no tickets, and knows no unknown account', () => {
    expect(activitySummary(p, 'a2', AS_OF)?.sentences).toEqual([SUMMARY_TEMPLATES.noTickets(30)]);
    expect(activitySummary(p, 'nope', AS_OF)).toBeNull();
    expect(() => activitySummary(p, 'a1', AS_OF, { days: 0 })).toThrow(/days/);
  });
});
