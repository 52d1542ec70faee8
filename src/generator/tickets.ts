/**
 * One ticket's life: channel, priority, topic and tone at creation, then replies, reopens,
 * group hops and skewed waiting times, its status at the dataset's end, and CSAT drawn
 * from a known P(good) so the truth file can hold it.
 */
import type { Channel, Priority, Satisfaction, Ticket } from '../core/records';
import { TOPIC_WEIGHTS, TOPICS, type Topic } from './catalog';
import type { Rng } from './random';
import { description, subject, TONE_SENTIMENT, toneFor, type Tone } from './text';

const CHANNELS: readonly Channel[] = ['web', 'email', 'chat', 'voice', 'api'];
const CHANNEL_WEIGHTS: readonly number[] = [0.26, 0.36, 0.18, 0.09, 0.11];
/** Median minutes to the first public reply per channel (CHANNELS order). */
const FIRST_REPLY_MEDIAN: readonly number[] = [150, 240, 4, 2, 300];
const CHANNEL_EFFECT: readonly number[] = [0, -0.1, 0.35, 0.2, -0.3];
const PRIORITIES: readonly Priority[] = ['low', 'normal', 'high', 'urgent'];
const PRIORITY_SPEED: readonly number[] = [1.6, 1, 0.5, 0.2];
/** Zendesk closes solved tickets after four days. */
const CLOSE_AFTER_MS = 4 * 86_400_000;
const MIN_MS = 60_000;

export interface TicketDraw {
  ticket: Ticket;
  tone: Tone;
  topic: Topic;
  /** The generator's P(good) when the ticket was rated, else null. */
  pGood: number | null;
}

export interface TicketSpec {
  id: string;
  accountId: string | null;
  requesterId: string;
  createdAt: number;
  /** Latent health of the requester's account at creation. */
  health: number;
  /** The dataset's end: what is unsolved by then stays open. */
  end: number;
  /** Channel forced by how the ticket came in (e.g. web form on the portal). */
  channel?: Channel;
  topic?: Topic;
  tags?: string[];
}

const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));

export function drawTopic(rng: Rng): Topic {
  return TOPICS[rng.weighted(TOPIC_WEIGHTS)] as Topic;
}

export function drawTicket(rng: Rng, spec: TicketSpec): TicketDraw {
  const h = spec.health;
  const channelIx = spec.channel ? CHANNELS.indexOf(spec.channel) : rng.weighted(CHANNEL_WEIGHTS);
  const channel = CHANNELS[channelIx] as Channel;
  const priorityIx = rng.weighted([0.22, 0.55, 0.16 + 0.1 * (1 - h), 0.04 + 0.08 * (1 - h)]);
  const priority = PRIORITIES[priorityIx] as Priority;
  const topic = spec.topic ?? drawTopic(rng);
  const tone = toneFor(h + rng.normal() * 0.14 - (priority === 'urgent' ? 0.08 : 0));

  const zeroTouch = rng.chance(0.06);
  const agentReplies = zeroTouch ? 0 : 1 + rng.geometric(0.5 + 0.15 * h);
  const reopens = zeroTouch ? 0 : rng.chance(0.05 + 0.12 * (1 - h)) ? 1 + rng.geometric(0.7) : 0;
  const stations = rng.chance(0.12 + 0.1 * (1 - h)) ? 2 + rng.geometric(0.6) : 1;
  const speed = PRIORITY_SPEED[priorityIx] as number;
  const firstReply = zeroTouch
    ? null
    : Math.max(1, Math.round(rng.logNormal((FIRST_REPLY_MEDIAN[channelIx] as number) * speed, 1.1)));
  // Each further exchange and each reopen adds a skewed wait; a group hop adds a handover.
  let resolution = firstReply ?? Math.round(rng.logNormal(90, 1));
  for (let i = 1; i < agentReplies; i++) resolution += rng.logNormal(600 * speed, 1.2);
  for (let i = 0; i < reopens; i++) resolution += rng.logNormal(2880, 0.8);
  for (let i = 1; i < stations; i++) resolution += rng.logNormal(360, 1);
  // Some tickets wait days on the customer or a third party.
  if (rng.chance(0.08)) resolution += rng.logNormal(4 * 1440, 0.9);
  resolution = Math.max(resolution, firstReply ?? 1, 1);
  resolution = Math.round(resolution);

  const solvedAt = spec.createdAt + resolution * MIN_MS;
  const solved = solvedAt < spec.end;
  const repliedBy = firstReply !== null && spec.createdAt + firstReply * MIN_MS < spec.end;
  const status = solved
    ? spec.end - solvedAt > CLOSE_AFTER_MS
      ? 'closed'
      : 'solved'
    : !repliedBy
      ? 'new'
      : rng.pick(['open', 'open', 'pending', 'hold'] as const);

  // P(good) from what the customer lived through; health enters only through the tone and
  // this small direct term, so a model on the visible fields can learn most of it.
  const logit =
    3.0 +
    1.0 * TONE_SENTIMENT[tone] -
    0.5 * Math.max(0, agentReplies - 1) -
    1.4 * reopens -
    0.5 * (stations - 1) -
    0.3 * Math.log1p((firstReply ?? 600) / 60) -
    0.25 * Math.log1p(resolution / 1440) +
    (CHANNEL_EFFECT[channelIx] as number) +
    1.2 * (h - 0.6) -
    (priority === 'urgent' ? 0.3 : 0);
  const p = sigmoid(logit);
  let satisfaction: Satisfaction = 'unoffered';
  let pGood: number | null = null;
  if (solved && channel !== 'api' && rng.chance(0.6)) {
    satisfaction = 'offered';
    // Unhappy customers answer surveys a little more often.
    if (rng.chance(0.25 + 0.2 * (1 - p))) {
      satisfaction = rng.chance(p) ? 'good' : 'bad';
      pGood = Math.round(p * 1e6) / 1e6;
    }
  }

  const tags = [topic, ...(spec.tags ?? [])];
  if (stations > 1 && rng.chance(0.4)) tags.push('escalated');
  if (tone === 'angry') tags.push('angry');
  return {
    ticket: {
      kind: 'ticket',
      id: spec.id,
      account_id: spec.accountId,
      requester_id: spec.requesterId,
      channel,
      priority,
      status,
      created_at: spec.createdAt,
      solved_at: solved ? solvedAt : null,
      agent_replies: repliedBy ? countRepliesBy(agentReplies, resolution, firstReply ?? 0, spec) : 0,
      reopens: solved ? reopens : 0,
      group_stations: stations,
      first_reply_minutes: repliedBy ? firstReply : null,
      full_resolution_minutes: solved ? resolution : null,
      satisfaction,
      tags,
      subject: subject(rng, topic, tone),
      description: description(rng, topic, tone),
    },
    tone,
    topic,
    pGood,
  };
}

/** Replies sent before the end, assuming they spread evenly from the first reply to solving. */
function countRepliesBy(replies: number, resolution: number, firstReply: number, spec: TicketSpec): number {
  if (replies <= 1) return replies;
  const elapsed = (spec.end - spec.createdAt) / MIN_MS;
  if (elapsed >= resolution) return replies;
  const span = Math.max(1, resolution - firstReply);
  return Math.max(1, Math.min(replies, 1 + Math.floor(((elapsed - firstReply) / span) * (replies - 1))));
}
