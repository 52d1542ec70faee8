/** The ticket lists live-mode sidebars read: newest first (`sort=-id`) with metric sets sideloaded. */
import { parseTicketsPage } from '../../src/platforms/zendesk/parse';
import { startSimulatorFrom, type RunningSimulator } from '../../src/simulator/start';
import { handMadeSource } from './hand-made-tenant';
import { get } from './http';

const N = 40;
let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSimulatorFrom(handMadeSource(N), { seed: 1, scale: String(N) });
});
afterAll(() => sim.close());

type Page = {
  tickets: Array<{ id: number; organization_id: number | null }>;
  metric_sets?: Array<{ ticket_id: number }>;
};

describe('ticket lists for the sidebar', () => {
  it('pages newest first with sort=-id, the reverse of id order', async () => {
    const asc = (await get(sim.url, '/api/v2/tickets.json?page[size]=100')).json as unknown as Page;
    const desc = (await get(sim.url, '/api/v2/tickets.json?page[size]=100&sort=-id')).json as unknown as Page;
    expect(desc.tickets.map((t) => t.id)).toEqual(asc.tickets.map((t) => t.id).reverse());
    const first = (await get(sim.url, '/api/v2/tickets.json?page[size]=5&sort=-id')).json as unknown as Page;
    expect(first.tickets.map((t) => t.id)).toEqual(desc.tickets.slice(0, 5).map((t) => t.id));
  });

  it('sideloads one metric set per listed ticket, which the sync parser pairs up', async () => {
    const page = (await get(sim.url, '/api/v2/tickets.json?page[size]=10&include=metric_sets')).json;
    const { tickets, metric_sets } = page as unknown as Page;
    expect(metric_sets!.map((m) => m.ticket_id)).toEqual(tickets.map((t) => t.id));
    const parsed = parseTicketsPage(page);
    expect(parsed).toHaveLength(10);
    expect(parsed.some((t) => t.first_reply_minutes !== null)).toBe(true);
    const plain = (await get(sim.url, '/api/v2/tickets.json?page[size]=10')).json;
    expect('metric_sets' in plain).toBe(false);
  });

  it("lists an organization's tickets and a single ticket with their metric sets", async () => {
    const all = (await get(sim.url, '/api/v2/tickets.json?page[size]=100')).json as unknown as Page;
    const org = all.tickets.find((t) => t.organization_id !== null)!.organization_id!;
    const page = (
      await get(sim.url, `/api/v2/organizations/${org}/tickets.json?sort=-id&include=metric_sets`)
    ).json as unknown as Page;
    expect(page.tickets.length).toBeGreaterThan(0);
    expect(page.tickets.every((t) => t.organization_id === org)).toBe(true);
    expect(page.metric_sets).toHaveLength(page.tickets.length);
    const one = (await get(sim.url, `/api/v2/tickets/${page.tickets[0]!.id}.json?include=metric_sets`)).json;
    expect(one.metric_sets).toHaveLength(1);
  });

  it('refuses a sort it does not know', async () => {
    expect((await get(sim.url, '/api/v2/tickets.json?sort=subject')).status).toBe(400);
  });
});
