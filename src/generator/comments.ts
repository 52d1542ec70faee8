/**
 * A ticket's conversation, rebuilt on demand from the ticket and the seed (nothing is
 * stored): the description, the agents' public replies (exactly `agent_replies`), the
 * requester's follow-ups in the ticket's tone, and an internal note per group handover.
 */
import type { Ticket } from '../core/records';
import { AGENT_COUNT } from './catalog';
import { hashString, Rng } from './random';
import { agentLine, followUp, toneOfDescription } from './text';

export interface Comment {
  id: string;
  ticket_id: string;
  author_id: string;
  author_is_agent: boolean;
  public: boolean;
  body: string;
  created_at: number;
}

const MIN_MS = 60_000;

export function ticketComments(ticket: Ticket, seed: number): Comment[] {
  const rng = new Rng(seed, `comments:${ticket.id}`);
  const tone = toneOfDescription(ticket.description);
  // Admins (the first two agents) do not answer tickets.
  const agentId = `ag${3 + (hashString(ticket.id, seed) % (AGENT_COUNT - 2))}`;
  const out: Comment[] = [];
  const add = (author: string, isAgent: boolean, isPublic: boolean, body: string, at: number): void => {
    out.push({
      id: `${ticket.id}c${out.length + 1}`,
      ticket_id: ticket.id,
      author_id: author,
      author_is_agent: isAgent,
      public: isPublic,
      body,
      created_at: Math.round(at),
    });
  };
  add(ticket.requester_id, false, true, ticket.description, ticket.created_at);

  const first = ticket.created_at + (ticket.first_reply_minutes ?? 0) * MIN_MS;
  const last = ticket.solved_at ?? first + ticket.agent_replies * 6 * 60 * MIN_MS;
  const replies = ticket.agent_replies;
  const step = replies > 1 ? (last - first) / (replies - 1) : 0;
  for (let i = 0; i < replies; i++) {
    const at = first + step * i;
    if (i > 0 && i <= ticket.group_stations - 1)
      add(agentId, true, false, 'Handing over to the next team with the details above.', at - step / 3);
    add(agentId, true, true, agentLine(rng), at);
    if (i < replies - 1 && rng.chance(0.75))
      add(ticket.requester_id, false, true, followUp(rng, tone), at + step / 2);
  }
  return out;
}
