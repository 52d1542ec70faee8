/**
 * One portal visit as a list of events: landing, an optional sign-in, searches (some
 * with no results), result clicks, article reads, votes, and for visits that end in a
 * request the ticket form and its submission. Gaps stay well under the 30-minute session
 * gap so one built visit is one session.
 */
import type { Device, PortalEvent, PortalEventType } from '../core/records';
import { ARTICLES_PER_TOPIC, articleId, QUERIES, ZERO_RESULT_QUERIES, type Topic } from './catalog';
import type { Rng } from './random';

const DEVICES: readonly Device[] = ['desktop', 'mobile', 'tablet'];
const DEVICE_WEIGHTS: readonly number[] = [0.62, 0.31, 0.07];
const MAX_GAP_MS = 12 * 60_000;

export interface SessionSpec {
  visitorId: string;
  personId: string | null;
  accountId: string | null;
  device: Device;
  topic: Topic;
  helpSeeking: boolean;
  /** The person signs in during the visit rather than arriving signed in. */
  signsInMidway: boolean;
  /** End the visit by submitting the ticket form. */
  submits: boolean;
}

export function drawDevice(rng: Rng): Device {
  return DEVICES[rng.weighted(DEVICE_WEIGHTS)] as Device;
}

/** Events with times relative to the visit's start (0); the caller shifts them into place. */
export function buildSession(rng: Rng, spec: SessionSpec): PortalEvent[] {
  const events: PortalEvent[] = [];
  let t = 0;
  let signedIn = spec.personId !== null && !spec.signsInMidway;
  // Positional fields rather than an object spread: this runs five million times at scale.
  const push = (
    type: PortalEventType,
    query: string | null = null,
    resultCount: number | null = null,
    clicked: boolean | null = null,
    articleId: string | null = null,
  ): void => {
    events.push({
      kind: 'portal_event',
      type,
      occurred_at: t,
      visitor_id: spec.visitorId,
      person_id: signedIn ? spec.personId : null,
      account_id: signedIn ? spec.accountId : null,
      query,
      result_count: resultCount,
      clicked_result: clicked,
      article_id: articleId,
      device: spec.device,
    });
    t += Math.min(MAX_GAP_MS, Math.round(rng.exponential(70_000)) + 2_000);
  };
  const signIn = (): void => {
    signedIn = true;
    push('login');
  };

  push('page_view');
  if (spec.personId !== null && spec.signsInMidway && (!spec.helpSeeking || rng.chance(0.5))) signIn();
  if (spec.helpSeeking) {
    const searches = 1 + rng.geometric(0.55);
    for (let s = 0; s < searches; s++) {
      if (rng.chance(0.14)) {
        push('search', rng.pick(ZERO_RESULT_QUERIES), 0, false);
        continue;
      }
      const clicked = rng.chance(0.58);
      push('search', rng.pick(QUERIES[spec.topic]), 1 + rng.int(12), clicked);
      if (clicked || rng.chance(0.1)) {
        const article = articleId(spec.topic, rng.int(ARTICLES_PER_TOPIC));
        push('article_view', null, null, null, article);
        if (rng.chance(0.1)) push('vote', null, null, null, article);
      }
    }
    if (rng.chance(0.15))
      push('article_view', null, null, null, articleId(spec.topic, rng.int(ARTICLES_PER_TOPIC)));
  } else {
    const views = 1 + rng.geometric(0.6);
    for (let i = 0; i < views; i++) push('page_view');
  }
  if (spec.personId !== null && !signedIn && (spec.submits || rng.chance(0.5))) signIn();
  if (spec.submits) {
    push('ticket_form_view');
    push('ticket_submit');
  }
  return events;
}
