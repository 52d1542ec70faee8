/**
 * Platform-neutral records: the engine's only input (../shared/METRICS.md, "Records").
 * Times are epoch milliseconds (UTC) inside the engine; the NDJSON codec converts from
 * ISO 8601 strings. Ids are strings whatever the helpdesk uses.
 */

export type Channel = 'web' | 'email' | 'chat' | 'voice' | 'api' | 'other';
export type Priority = 'low' | 'normal' | 'high' | 'urgent';
export type TicketStatus = 'new' | 'open' | 'pending' | 'hold' | 'solved' | 'closed';
export type Satisfaction = 'good' | 'bad' | 'offered' | 'unoffered';
export type PortalEventType =
  'page_view' | 'search' | 'article_view' | 'vote' | 'ticket_form_view' | 'ticket_submit' | 'login';
export type Device = 'desktop' | 'mobile' | 'tablet';

export interface Account {
  kind: 'account';
  id: string;
  name: string;
  tags: string[];
  created_at: number | null;
}

export interface Person {
  kind: 'person';
  id: string;
  account_id: string | null;
  name: string | null;
  email: string | null;
}

export interface Ticket {
  kind: 'ticket';
  id: string;
  account_id: string | null;
  requester_id: string;
  channel: Channel;
  priority: Priority;
  status: TicketStatus;
  created_at: number;
  solved_at: number | null;
  /** Public agent replies (Zendesk `ticket_metrics.replies`). */
  agent_replies: number;
  reopens: number;
  /** Number of groups the ticket passed through. */
  group_stations: number;
  first_reply_minutes: number | null;
  full_resolution_minutes: number | null;
  satisfaction: Satisfaction;
  tags: string[];
  subject: string;
  description: string;
}

export interface PortalEvent {
  kind: 'portal_event';
  type: PortalEventType;
  occurred_at: number;
  visitor_id: string;
  person_id: string | null;
  account_id: string | null;
  query: string | null;
  result_count: number | null;
  clicked_result: boolean | null;
  article_id: string | null;
  device: Device;
}

export type PulseRecord = Account | Person | Ticket | PortalEvent;

export const CHANNELS: readonly Channel[] = ['web', 'email', 'chat', 'voice', 'api', 'other'];
export const PRIORITIES: readonly Priority[] = ['low', 'normal', 'high', 'urgent'];
export const TICKET_STATUSES: readonly TicketStatus[] = [
  'new',
  'open',
  'pending',
  'hold',
  'solved',
  'closed',
];
export const SATISFACTIONS: readonly Satisfaction[] = ['good', 'bad', 'offered', 'unoffered'];
export const PORTAL_EVENT_TYPES: readonly PortalEventType[] = [
  'page_view',
  'search',
  'article_view',
  'vote',
  'ticket_form_view',
  'ticket_submit',
  'login',
];
export const DEVICES: readonly Device[] = ['desktop', 'mobile', 'tablet'];
