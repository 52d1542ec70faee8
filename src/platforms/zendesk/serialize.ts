/**
 * Pulse records and generator catalogs → the Zendesk JSON objects Zendesk itself serves.
 * Used by the simulator (HTTP answers) and by the generator (export files), so both
 * produce the same bytes for the same record. Pure: every value comes from the input
 * or from a hash of its ids, never from a clock or a random source.
 */
import type {
  Account,
  Channel,
  Device,
  Person,
  PortalEvent,
  PortalEventType,
  Ticket,
} from '../../core/records';
import { hash32, hash53, METRIC_SET_BASE, SATISFACTION_RATING_BASE, zendeskId } from './ids';
import type {
  ZendeskArticle,
  ZendeskComment,
  ZendeskMetricTime,
  ZendeskOrganization,
  ZendeskSatisfactionRating,
  ZendeskTicket,
  ZendeskTicketMetric,
  ZendeskTicketSatisfaction,
  ZendeskUser,
  ZendeskUserEvent,
  ZendeskVia,
  ZendeskWebhookTicketDetail,
} from './types';

/** Where the objects' `url` fields point: the real tenant, or a simulator. */
export interface ZendeskContext {
  /** e.g. "https://demo.zendesk.com" or "http://127.0.0.1:4010"; no trailing slash. */
  baseUrl: string;
}

export const DEFAULT_CONTEXT: ZendeskContext = { baseUrl: 'https://demo.zendesk.com' };

/** An agent or admin from the generator's catalog. */
export interface AgentInput {
  id: string;
  name: string;
  email: string;
  role: 'agent' | 'admin';
  created_at?: number | null;
}

/** A help-center article from the generator's catalog. */
export interface ArticleInput {
  id: string;
  title: string;
  body: string;
  section?: string | null;
  labels?: string[];
  created_at?: number | null;
  updated_at?: number | null;
  author_id?: string | null;
  vote_sum?: number;
  vote_count?: number;
}

/** One comment of a ticket's conversation, from the generator. */
export interface CommentInput {
  id: string;
  ticket_id: string;
  /** A person id (the requester) or an agent id. */
  author_id: string;
  author_is_agent: boolean;
  body: string;
  public: boolean;
  created_at: number;
}

/** Tenant-wide constants a real account has one of. */
export const BRAND_ID = 360_000_000_001;
export const TICKET_FORM_ID = 360_000_000_002;
export const ZENDESK_ACCOUNT_ID = 10_000_001;
const GROUP_IDS = [360_000_000_101, 360_000_000_102, 360_000_000_103, 360_000_000_104];
const CUSTOM_STATUS_IDS: Record<Ticket['status'], number> = {
  new: 360_000_000_201,
  open: 360_000_000_202,
  pending: 360_000_000_203,
  hold: 360_000_000_204,
  solved: 360_000_000_205,
  closed: 360_000_000_205,
};
/** Tenant start used where a record has no time of its own (people, accounts without one). */
export const TENANT_EPOCH = Date.UTC(2023, 0, 1);

/** "2023-09-18T15:57:42Z": Zendesk's second-precision UTC form. */
export function isoSeconds(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

const minutesMs = (m: number): number => m * 60_000;

/** Business minutes under a 45-hour week, the default Zendesk schedule's share of the calendar. */
export function businessMinutes(calendar: number): number {
  return Math.round((calendar * 45) / 168);
}

function metricTime(calendar: number | null): ZendeskMetricTime {
  return calendar === null
    ? { calendar: null, business: null }
    : { calendar, business: businessMinutes(calendar) };
}

const VIA_CHANNEL: Record<Channel, string> = {
  web: 'web',
  email: 'email',
  chat: 'chat',
  voice: 'voice',
  api: 'api',
  other: 'mobile',
};

export function zendeskVia(channel: Channel): ZendeskVia {
  return { channel: VIA_CHANNEL[channel], source: { from: {}, to: {}, rel: null } };
}

/** Zendesk's channel name → our record's channel (inverse of {@link zendeskVia}). */
export function channelFromVia(channel: string): Channel {
  return channel === 'web' ||
    channel === 'email' ||
    channel === 'chat' ||
    channel === 'voice' ||
    channel === 'api'
    ? channel
    : 'other';
}

/** The last time anything happened to a ticket: what the incremental export orders by. */
export function ticketUpdatedAt(t: Ticket): number {
  if (t.solved_at !== null) return Math.max(t.solved_at, t.created_at);
  if (t.first_reply_minutes !== null) return t.created_at + minutesMs(t.first_reply_minutes);
  return t.created_at;
}

/** The group a ticket sits in now: stable per ticket. */
export function ticketGroupId(t: Ticket): number {
  return GROUP_IDS[hash32(`${t.id}:group`) % GROUP_IDS.length] as number;
}

export interface ZendeskTicketOptions {
  context?: ZendeskContext;
  /** The assigned agent's Zendesk id; null leaves the ticket unassigned (always so for `new`). */
  assigneeId?: number | null;
  /** Override the ticket's last-update time (live mode moves it). */
  updatedAt?: number;
}

export function toZendeskTicket(t: Ticket, opts: ZendeskTicketOptions = {}): ZendeskTicket {
  const ctx = opts.context ?? DEFAULT_CONTEXT;
  const id = zendeskId('ticket', t.id);
  const requester = zendeskId('user', t.requester_id);
  const updated = opts.updatedAt ?? ticketUpdatedAt(t);
  const assigned = t.status !== 'new';
  return {
    url: `${ctx.baseUrl}/api/v2/tickets/${id}.json`,
    id,
    external_id: null,
    via: zendeskVia(t.channel),
    created_at: isoSeconds(t.created_at),
    updated_at: isoSeconds(updated),
    type: t.priority === 'urgent' ? 'incident' : 'question',
    subject: t.subject,
    raw_subject: t.subject,
    description: t.description,
    priority: t.priority,
    status: t.status,
    recipient: t.channel === 'email' ? 'support@demo.zendesk.com' : null,
    requester_id: requester,
    submitter_id: requester,
    assignee_id: assigned ? (opts.assigneeId ?? null) : null,
    organization_id: t.account_id === null ? null : zendeskId('organization', t.account_id),
    group_id: assigned ? ticketGroupId(t) : null,
    collaborator_ids: [],
    follower_ids: [],
    email_cc_ids: [],
    forum_topic_id: null,
    problem_id: null,
    has_incidents: false,
    is_public: true,
    due_at: null,
    tags: t.tags,
    custom_fields: [],
    satisfaction_rating: ticketSatisfaction(t),
    sharing_agreement_ids: [],
    custom_status_id: CUSTOM_STATUS_IDS[t.status],
    fields: [],
    followup_ids: [],
    ticket_form_id: TICKET_FORM_ID,
    brand_id: BRAND_ID,
    allow_channelback: false,
    allow_attachments: true,
    from_messaging_channel: t.channel === 'chat',
    generated_timestamp: Math.floor(updated / 1000),
  };
}

const GOOD_COMMENTS = ['Thanks, that fixed it!', 'Quick and helpful.', 'Great support, thank you.', ''];
const BAD_COMMENTS = ['Took far too long.', 'Still not working.', 'Nobody read my question.', ''];
const BAD_REASONS: { id: number; text: string }[] = [
  { id: 360_000_000_301, text: 'Issue is not resolved.' },
  { id: 360_000_000_302, text: 'Agent did not respond quickly.' },
  { id: 360_000_000_303, text: "The agent's knowledge is unsatisfactory." },
];

function ratingComment(t: Ticket): string {
  const list = t.satisfaction === 'good' ? GOOD_COMMENTS : BAD_COMMENTS;
  return list[hash32(`${t.id}:csat-comment`) % list.length] as string;
}

function badReason(t: Ticket): { id: number; text: string } {
  return BAD_REASONS[hash32(`${t.id}:csat-reason`) % BAD_REASONS.length] as { id: number; text: string };
}

function ticketSatisfaction(t: Ticket): ZendeskTicketSatisfaction {
  if (t.satisfaction === 'offered' || t.satisfaction === 'unoffered') return { score: t.satisfaction };
  const summary: ZendeskTicketSatisfaction = {
    score: t.satisfaction,
    id: SATISFACTION_RATING_BASE + zendeskId('ticket', t.id),
    comment: ratingComment(t),
  };
  if (t.satisfaction === 'bad') {
    const r = badReason(t);
    summary.reason = r.text;
    summary.reason_id = r.id;
  }
  return summary;
}

/** When the requester rated: some hours after the solve, stable per ticket. */
export function ratedAt(t: Ticket): number {
  return (t.solved_at ?? ticketUpdatedAt(t)) + minutesMs(30 + (hash32(`${t.id}:rated`) % 2880));
}

/**
 * The full rating of a rated ticket (`/satisfaction_ratings`); null for tickets never
 * rated (`offered` ones are listed by Zendesk too, but only with `score=received` filters
 * we do not use).
 */
export function toZendeskSatisfactionRating(
  t: Ticket,
  opts: { context?: ZendeskContext; assigneeId?: number } = {},
): ZendeskSatisfactionRating | null {
  if (t.satisfaction !== 'good' && t.satisfaction !== 'bad') return null;
  const ctx = opts.context ?? DEFAULT_CONTEXT;
  const ticketId = zendeskId('ticket', t.id);
  const id = SATISFACTION_RATING_BASE + ticketId;
  const at = isoSeconds(ratedAt(t));
  const rating: ZendeskSatisfactionRating = {
    url: `${ctx.baseUrl}/api/v2/satisfaction_ratings/${id}.json`,
    id,
    assignee_id: opts.assigneeId ?? 0,
    group_id: ticketGroupId(t),
    requester_id: zendeskId('user', t.requester_id),
    ticket_id: ticketId,
    score: t.satisfaction,
    created_at: at,
    updated_at: at,
    comment: ratingComment(t),
  };
  if (t.satisfaction === 'bad') {
    const r = badReason(t);
    rating.reason = r.text;
    rating.reason_id = r.id;
  }
  return rating;
}

export function toZendeskMetricSet(t: Ticket, opts: { context?: ZendeskContext } = {}): ZendeskTicketMetric {
  const ctx = opts.context ?? DEFAULT_CONTEXT;
  const ticketId = zendeskId('ticket', t.id);
  const id = METRIC_SET_BASE + ticketId;
  const updated = ticketUpdatedAt(t);
  const assigned = t.status !== 'new';
  const assignedAt = assigned ? t.created_at + minutesMs(Math.min(5, t.first_reply_minutes ?? 5)) : null;
  const full = t.solved_at === null ? null : t.full_resolution_minutes;
  // A ticket reopened was first "resolved" part way through its life.
  const firstResolution = full === null ? null : t.reopens > 0 ? Math.round(full * 0.4) : full;
  const agentWait = full === null ? null : Math.round((full * (hash32(`${t.id}:wait`) % 40)) / 100);
  const requesterWait = full === null || agentWait === null ? null : full - agentWait;
  return {
    url: `${ctx.baseUrl}/api/v2/ticket_metrics/${id}.json`,
    id,
    ticket_id: ticketId,
    created_at: isoSeconds(t.created_at),
    updated_at: isoSeconds(updated),
    group_stations: t.group_stations,
    assignee_stations: assigned ? Math.max(1, t.group_stations) : 0,
    reopens: t.reopens,
    replies: t.agent_replies,
    assignee_updated_at: t.agent_replies > 0 ? isoSeconds(updated) : null,
    requester_updated_at: isoSeconds(t.created_at),
    status_updated_at: isoSeconds(updated),
    initially_assigned_at: assignedAt === null ? null : isoSeconds(assignedAt),
    assigned_at: assignedAt === null ? null : isoSeconds(assignedAt),
    solved_at: t.solved_at === null ? null : isoSeconds(t.solved_at),
    latest_comment_added_at: isoSeconds(updated),
    reply_time_in_minutes: metricTime(t.first_reply_minutes),
    reply_time_in_seconds: { calendar: t.first_reply_minutes === null ? null : t.first_reply_minutes * 60 },
    first_resolution_time_in_minutes: metricTime(firstResolution),
    full_resolution_time_in_minutes: metricTime(full),
    agent_wait_time_in_minutes: metricTime(agentWait),
    requester_wait_time_in_minutes: metricTime(requesterWait),
    on_hold_time_in_minutes: metricTime(full === null ? null : 0),
    custom_status_updated_at: isoSeconds(updated),
  };
}

function isAgent(u: Person | AgentInput): u is AgentInput {
  return 'role' in u;
}

export function toZendeskUser(
  u: Person | AgentInput,
  opts: { context?: ZendeskContext; createdAt?: number | null } = {},
): ZendeskUser {
  const ctx = opts.context ?? DEFAULT_CONTEXT;
  const agent = isAgent(u);
  const id = agent ? zendeskId('agent', u.id) : zendeskId('user', u.id);
  const created = isoSeconds(opts.createdAt ?? (agent ? u.created_at : null) ?? TENANT_EPOCH);
  const role = agent ? u.role : 'end-user';
  return {
    id,
    url: `${ctx.baseUrl}/api/v2/users/${id}.json`,
    name: u.name ?? (u.email === null ? `Visitor ${u.id}` : (u.email.split('@')[0] as string)),
    email: u.email,
    created_at: created,
    updated_at: created,
    time_zone: 'UTC',
    iana_time_zone: 'Etc/UTC',
    phone: null,
    shared_phone_number: null,
    photo: null,
    locale_id: 1,
    locale: 'en-US',
    organization_id: agent || u.account_id === null ? null : zendeskId('organization', u.account_id),
    role,
    verified: agent,
    external_id: null,
    tags: [],
    alias: '',
    active: true,
    shared: false,
    shared_agent: false,
    last_login_at: null,
    two_factor_auth_enabled: null,
    signature: null,
    details: '',
    notes: '',
    role_type: role === 'admin' ? 4 : null,
    custom_role_id: null,
    moderator: agent,
    ticket_restriction: agent ? null : 'requested',
    only_private_comments: false,
    restricted_agent: !agent,
    suspended: false,
    default_group_id: agent ? (GROUP_IDS[hash32(`${u.id}:group`) % GROUP_IDS.length] as number) : null,
    report_csv: false,
    user_fields: {},
  };
}

function domainOf(name: string): string {
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return `${slug || 'account'}.example`;
}

export function toZendeskOrganization(
  a: Account,
  opts: { context?: ZendeskContext } = {},
): ZendeskOrganization {
  const ctx = opts.context ?? DEFAULT_CONTEXT;
  const id = zendeskId('organization', a.id);
  const created = isoSeconds(a.created_at ?? TENANT_EPOCH);
  return {
    url: `${ctx.baseUrl}/api/v2/organizations/${id}.json`,
    id,
    name: a.name,
    shared_tickets: false,
    shared_comments: false,
    external_id: null,
    created_at: created,
    updated_at: created,
    domain_names: [domainOf(a.name)],
    details: null,
    notes: null,
    group_id: null,
    tags: a.tags,
    organization_fields: {},
  };
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export function toZendeskComment(c: CommentInput, opts: { channel?: Channel } = {}): ZendeskComment {
  const id = zendeskId('comment', c.id);
  const paragraphs = c.body
    .split(/\n{2,}/)
    .map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`)
    .join('');
  return {
    id,
    type: opts.channel === 'voice' && !c.author_is_agent ? 'VoiceComment' : 'Comment',
    author_id: c.author_is_agent ? zendeskId('agent', c.author_id) : zendeskId('user', c.author_id),
    body: c.body,
    html_body: `<div class="zd-comment" dir="auto">${paragraphs}</div>`,
    plain_body: c.body,
    public: c.public,
    attachments: [],
    audit_id: id + 1_000_000_000_000,
    via: zendeskVia(c.author_is_agent ? 'web' : (opts.channel ?? 'web')),
    created_at: isoSeconds(c.created_at),
    metadata: { system: {}, custom: {} },
  };
}

function slugify(title: string): string {
  return title
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60);
}

export function articleHtmlUrl(a: ArticleInput, ctx: ZendeskContext = DEFAULT_CONTEXT): string {
  return `${ctx.baseUrl}/hc/en-us/articles/${zendeskId('article', a.id)}-${slugify(a.title)}`;
}

export function toZendeskArticle(
  a: ArticleInput,
  opts: { context?: ZendeskContext; position?: number } = {},
): ZendeskArticle {
  const ctx = opts.context ?? DEFAULT_CONTEXT;
  const id = zendeskId('article', a.id);
  const created = isoSeconds(a.created_at ?? TENANT_EPOCH);
  const updated = isoSeconds(a.updated_at ?? a.created_at ?? TENANT_EPOCH);
  const section = a.section ?? 'General';
  return {
    id,
    url: `${ctx.baseUrl}/api/v2/help_center/en-us/articles/${id}.json`,
    html_url: articleHtmlUrl(a, ctx),
    author_id: a.author_id ? zendeskId('agent', a.author_id) : 362_000_000_000,
    comments_disabled: false,
    draft: false,
    promoted: false,
    position: opts.position ?? 0,
    vote_sum: a.vote_sum ?? 0,
    vote_count: a.vote_count ?? 0,
    section_id: 360_000_001_000 + (hash32(`section:${section}`) % 1000),
    created_at: created,
    updated_at: updated,
    name: a.title,
    title: a.title,
    source_locale: 'en-us',
    locale: 'en-us',
    outdated: false,
    outdated_locales: [],
    edited_at: updated,
    user_segment_id: null,
    permission_group_id: 360_000_000_401,
    content_tag_ids: [],
    label_names: a.labels ?? [],
    body: a.body,
  };
}

const USER_AGENTS: Record<Device, string> = {
  desktop:
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36',
  mobile:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1',
  tablet:
    'Mozilla/5.0 (iPad; CPU OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1',
};

/** A browser's user agent → our device class (for page_view events). */
export function deviceFromUserAgent(ua: string): Device {
  if (/iPad|Tablet/i.test(ua)) return 'tablet';
  if (/Mobile|iPhone|Android/i.test(ua)) return 'mobile';
  return 'desktop';
}

/** Help-center paths of the portal events Zendesk records only as page views. */
const PAGE_PATHS: Record<
  Exclude<PortalEventType, 'search' | 'article_view'>,
  { path: string; title: string }
> = {
  page_view: { path: '/hc/en-us', title: 'Help Center' },
  login: { path: '/hc/en-us/signin', title: 'Sign in' },
  ticket_form_view: { path: '/hc/en-us/requests/new', title: 'Submit a request' },
  ticket_submit: { path: '/hc/en-us/requests/new?submitted=true', title: 'Request submitted' },
  vote: { path: '/hc/en-us/articles/vote', title: 'Was this article helpful?' },
};

/** A page_view's URL path → the portal event it stands for (inverse of the table above). */
export function portalEventTypeFromPageUrl(url: string): PortalEventType {
  const path = url.replace(/^https?:\/\/[^/]+/, '');
  if (path.startsWith('/hc/en-us/signin')) return 'login';
  if (path.startsWith('/hc/en-us/requests/new?submitted=true')) return 'ticket_submit';
  if (path.startsWith('/hc/en-us/requests/new')) return 'ticket_form_view';
  if (/\/vote(\/|$|\?)/.test(path)) return 'vote';
  return 'page_view';
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A ULID (what Zendesk's event ids are) from a time and a stable seed string. */
export function ulid(ms: number, seed: string): string {
  let out = '';
  let t = Math.floor(ms);
  for (let i = 0; i < 10; i++) {
    out = CROCKFORD[t % 32] + out;
    t = Math.floor(t / 32);
  }
  let r1 = hash53(seed);
  let r2 = hash53(`${seed}#2`);
  for (let i = 0; i < 8; i++) {
    out += CROCKFORD[r1 % 32];
    r1 = Math.floor(r1 / 32);
  }
  for (let i = 0; i < 8; i++) {
    out += CROCKFORD[r2 % 32];
    r2 = Math.floor(r2 / 32);
  }
  return out;
}

function hex32(seed: string): string {
  return [seed, `${seed}~`, `${seed}~~`]
    .map((s) => hash53(s).toString(16).padStart(14, '0'))
    .join('')
    .slice(0, 32);
}

function uuid(seed: string): string {
  const h = hex32(seed);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Nanosecond-style timestamp as events carry them ("2020-06-10T01:33:33.719000000Z"). */
function isoNanos(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000000Z');
}

export interface UserEventOptions {
  context?: ZendeskContext;
  /** Article title by our article id, for `properties.article.display_name`. */
  articleTitle?: (articleId: string) => string | undefined;
  /** Session gap in minutes for `page_view.session_id` (the product's default, 30). */
  sessionGapMinutes?: number;
}

/**
 * One person's portal events (any order) → Zendesk help-center user events in time order.
 * `search` → `help_center_searched`, plus `article_search_result_clicked` when the search
 * was clicked (on its own article, else the next viewed article); `article_view` →
 * `article_viewed`; every other type → `page_view` of the help-center page it happens
 * on, carrying the browser's device id, session and user agent.
 */
export function toZendeskUserEvents(
  events: readonly PortalEvent[],
  opts: UserEventOptions = {},
): ZendeskUserEvent[] {
  const ctx = opts.context ?? DEFAULT_CONTEXT;
  const gap = minutesMs(opts.sessionGapMinutes ?? 30);
  const sorted = [...events].sort(
    (a, b) => a.occurred_at - b.occurred_at || a.visitor_id.localeCompare(b.visitor_id),
  );
  const out: ZendeskUserEvent[] = [];
  const lastSeen = new Map<string, { at: number; session: string }>();
  const articleRef = (
    articleId: string,
  ): { article_id: number; article: { display_name: string; url: string } } => {
    const title = opts.articleTitle?.(articleId) ?? `Article ${articleId}`;
    return {
      article_id: zendeskId('article', articleId),
      article: { display_name: title, url: articleHtmlUrl({ id: articleId, title, body: '' }, ctx) },
    };
  };
  sorted.forEach((e, i) => {
    const seed = `${e.visitor_id}:${e.occurred_at}:${i}`;
    const base = {
      source: 'zendesk' as const,
      description: '',
      created_at: isoNanos(e.occurred_at),
      received_at: isoNanos(e.occurred_at + 500 + (hash32(seed) % 9000)),
    };
    if (e.type === 'search') {
      out.push({
        id: ulid(e.occurred_at, seed),
        type: 'help_center_searched',
        ...base,
        properties: {
          result_count: e.result_count ?? 0,
          search_query: {
            locale: 'en-us',
            page: 1,
            page_size: 10,
            query: e.query ?? '',
            search_id: uuid(seed),
            channel: 'help_center',
          },
        },
      });
      const clicked =
        e.clicked_result === true
          ? (e.article_id ?? sorted.slice(i + 1).find((n) => n.type === 'article_view')?.article_id ?? null)
          : null;
      if (clicked !== null) {
        const at = e.occurred_at + 1000;
        out.push({
          id: ulid(at, `${seed}:click`),
          type: 'article_search_result_clicked',
          source: 'zendesk',
          description: '',
          created_at: isoNanos(at),
          received_at: isoNanos(at + 500 + (hash32(`${seed}:click`) % 9000)),
          properties: { ...articleRef(clicked), locale: 'en-us' },
        });
      }
      return;
    }
    if (e.type === 'article_view' && e.article_id !== null) {
      out.push({
        id: ulid(e.occurred_at, seed),
        type: 'article_viewed',
        ...base,
        properties: { ...articleRef(e.article_id), locale: 'en-us', channel: 'help_center' },
      });
      return;
    }
    const prev = lastSeen.get(e.visitor_id);
    const session =
      prev !== undefined && e.occurred_at - prev.at <= gap ? prev.session : hex32(`${seed}:session`);
    lastSeen.set(e.visitor_id, { at: e.occurred_at, session });
    const page =
      e.type === 'article_view' ? PAGE_PATHS.page_view : PAGE_PATHS[e.type as keyof typeof PAGE_PATHS];
    out.push({
      id: ulid(e.occurred_at, seed),
      type: 'page_view',
      ...base,
      properties: {
        channel: 'help_center',
        device_id: hex32(`device:${e.visitor_id}`),
        referrer: null,
        session_id: session,
        title: page.title,
        url: `${ctx.baseUrl}${page.path}`,
        user_agent: USER_AGENTS[e.device],
      },
    });
  });
  return out;
}

/** The ticket as a webhook event's `detail` (ids as strings, enums upper-case, as Zendesk sends them). */
export function toZendeskWebhookTicketDetail(
  t: Ticket,
  opts: { assigneeId?: number | null } = {},
): ZendeskWebhookTicketDetail {
  const z = toZendeskTicket(t, { assigneeId: opts.assigneeId ?? null });
  const str = (n: number | null): string | null => (n === null ? null : String(n));
  return {
    actor_id: String(z.requester_id),
    assignee_id: str(z.assignee_id),
    brand_id: String(z.brand_id),
    created_at: z.created_at,
    custom_status: String(z.custom_status_id),
    description: z.description,
    external_id: z.external_id,
    form_id: String(z.ticket_form_id),
    group_id: str(z.group_id),
    id: String(z.id),
    is_public: z.is_public,
    organization_id: str(z.organization_id),
    priority: z.priority === null ? null : z.priority.toUpperCase(),
    requester_id: String(z.requester_id),
    status: z.status.toUpperCase(),
    subject: z.subject,
    submitter_id: String(z.submitter_id),
    tags: z.tags,
    type: z.type === null ? null : z.type.toUpperCase(),
    updated_at: z.updated_at,
    via: { channel: z.via.channel },
  };
}
