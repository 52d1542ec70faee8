/**
 * The Zendesk JSON objects Portal Pulse reads, as Zendesk serves them (field names and
 * order follow the recorded responses in ../shared/fixtures/zendesk/recorded). Ids are
 * numbers, times are ISO 8601 strings without fractions ("2023-09-18T15:57:42Z"),
 * except in user events, which carry nanosecond fractions as Zendesk's do.
 */

export type ZendeskRole = 'end-user' | 'agent' | 'admin';
export type ZendeskTicketStatus = 'new' | 'open' | 'pending' | 'hold' | 'solved' | 'closed';
export type ZendeskPriority = 'low' | 'normal' | 'high' | 'urgent';
export type ZendeskSatisfactionScore = 'good' | 'bad' | 'offered' | 'unoffered';
/** The channels our generator produces; Zendesk knows many more (`sample_ticket`, `rule`, …). */
export type ZendeskChannel = 'web' | 'email' | 'chat' | 'voice' | 'api' | 'mobile' | (string & {});

export interface ZendeskVia {
  channel: ZendeskChannel;
  source: { from: Record<string, unknown>; to: Record<string, unknown>; rel: string | null };
}

/** The short rating a ticket carries; a full rating is {@link ZendeskSatisfactionRating}. */
export interface ZendeskTicketSatisfaction {
  score: ZendeskSatisfactionScore;
  id?: number;
  comment?: string;
  reason?: string;
  reason_id?: number;
}

export interface ZendeskTicket {
  url: string;
  id: number;
  external_id: string | null;
  via: ZendeskVia;
  created_at: string;
  updated_at: string;
  type: 'problem' | 'incident' | 'question' | 'task' | null;
  subject: string;
  raw_subject: string;
  description: string;
  priority: ZendeskPriority | null;
  status: ZendeskTicketStatus;
  recipient: string | null;
  requester_id: number;
  submitter_id: number;
  assignee_id: number | null;
  organization_id: number | null;
  group_id: number | null;
  collaborator_ids: number[];
  follower_ids: number[];
  email_cc_ids: number[];
  forum_topic_id: number | null;
  problem_id: number | null;
  has_incidents: boolean;
  is_public: boolean;
  due_at: string | null;
  tags: string[];
  custom_fields: { id: number; value: string | null }[];
  satisfaction_rating: ZendeskTicketSatisfaction | null;
  sharing_agreement_ids: number[];
  custom_status_id: number;
  fields: { id: number; value: string | null }[];
  followup_ids: number[];
  ticket_form_id: number;
  brand_id: number;
  allow_channelback: boolean;
  allow_attachments: boolean;
  from_messaging_channel: boolean;
  /** Seconds; what the incremental export orders by. */
  generated_timestamp: number;
}

export interface ZendeskUser {
  id: number;
  url: string;
  name: string;
  email: string | null;
  created_at: string;
  updated_at: string;
  time_zone: string;
  iana_time_zone: string;
  phone: string | null;
  shared_phone_number: boolean | null;
  photo: null;
  locale_id: number;
  locale: string;
  organization_id: number | null;
  role: ZendeskRole;
  verified: boolean;
  external_id: string | null;
  tags: string[];
  alias: string;
  active: boolean;
  shared: boolean;
  shared_agent: boolean;
  last_login_at: string | null;
  two_factor_auth_enabled: boolean | null;
  signature: string | null;
  details: string;
  notes: string;
  role_type: number | null;
  custom_role_id: number | null;
  moderator: boolean;
  ticket_restriction: 'requested' | 'organization' | 'groups' | 'assigned' | null;
  only_private_comments: boolean;
  restricted_agent: boolean;
  suspended: boolean;
  default_group_id: number | null;
  report_csv: boolean;
  user_fields: Record<string, unknown>;
}

export interface ZendeskOrganization {
  url: string;
  id: number;
  name: string;
  shared_tickets: boolean;
  shared_comments: boolean;
  external_id: string | null;
  created_at: string;
  updated_at: string;
  domain_names: string[];
  details: string | null;
  notes: string | null;
  group_id: number | null;
  tags: string[];
  organization_fields: Record<string, unknown>;
}

/** Calendar and business minutes; both null when the event has not happened. */
export interface ZendeskMetricTime {
  calendar: number | null;
  business: number | null;
}

/** A ticket's metric set (`/ticket_metrics`, and the `metric_sets` sideload). */
export interface ZendeskTicketMetric {
  url: string;
  id: number;
  ticket_id: number;
  created_at: string;
  updated_at: string;
  group_stations: number;
  assignee_stations: number;
  reopens: number;
  /** Public agent replies. */
  replies: number;
  assignee_updated_at: string | null;
  requester_updated_at: string | null;
  status_updated_at: string;
  initially_assigned_at: string | null;
  assigned_at: string | null;
  solved_at: string | null;
  latest_comment_added_at: string;
  reply_time_in_minutes: ZendeskMetricTime;
  /** Zendesk fills this for messaging tickets; we give the calendar seconds for every ticket. */
  reply_time_in_seconds: { calendar: number | null };
  first_resolution_time_in_minutes: ZendeskMetricTime;
  full_resolution_time_in_minutes: ZendeskMetricTime;
  agent_wait_time_in_minutes: ZendeskMetricTime;
  requester_wait_time_in_minutes: ZendeskMetricTime;
  on_hold_time_in_minutes: ZendeskMetricTime;
  custom_status_updated_at: string;
}

export interface ZendeskSatisfactionRating {
  url: string;
  id: number;
  assignee_id: number;
  group_id: number;
  requester_id: number;
  ticket_id: number;
  score: ZendeskSatisfactionScore;
  created_at: string;
  updated_at: string;
  comment: string;
  reason?: string;
  reason_id?: number;
}

export interface ZendeskComment {
  id: number;
  type: 'Comment' | 'VoiceComment';
  author_id: number;
  body: string;
  html_body: string;
  plain_body: string;
  public: boolean;
  attachments: unknown[];
  audit_id: number;
  via: ZendeskVia;
  created_at: string;
  metadata: { system: Record<string, unknown>; custom: Record<string, unknown> };
}

/** A Help Center article (`/api/v2/help_center/articles`). */
export interface ZendeskArticle {
  id: number;
  url: string;
  html_url: string;
  author_id: number;
  comments_disabled: boolean;
  draft: boolean;
  promoted: boolean;
  position: number;
  vote_sum: number;
  vote_count: number;
  section_id: number;
  created_at: string;
  updated_at: string;
  name: string;
  title: string;
  source_locale: string;
  locale: string;
  outdated: boolean;
  outdated_locales: string[];
  edited_at: string;
  user_segment_id: number | null;
  permission_group_id: number;
  content_tag_ids: string[];
  label_names: string[];
  body: string;
}

/** A Help Center search hit: the article plus Zendesk's search fields. */
export interface ZendeskArticleSearchResult extends ZendeskArticle {
  snippet: string;
  result_type: 'article';
}

export type ZendeskUserEventType =
  'help_center_searched' | 'article_viewed' | 'article_search_result_clicked' | 'page_view';

export interface ZendeskArticleRef {
  display_name: string;
  url: string;
}

export type ZendeskUserEventProperties =
  | {
      result_count: number;
      search_query: {
        locale: string;
        page: number;
        page_size: number;
        query: string;
        search_id: string;
        channel: 'help_center';
      };
    }
  | { article_id: number; article: ZendeskArticleRef; locale: string; channel?: 'help_center' }
  | {
      channel: string;
      device_id: string;
      referrer: string | null;
      session_id: string;
      title: string;
      url: string;
      user_agent: string;
    };

/** A help-center user event (`/api/v2/users/{id}/events`, source `zendesk`). */
export interface ZendeskUserEvent {
  id: string;
  type: ZendeskUserEventType;
  source: 'zendesk';
  description: string;
  created_at: string;
  received_at: string;
  properties: ZendeskUserEventProperties;
}

/** Ticket fields in a webhook event's `detail`: Zendesk sends ids as strings and enums upper-case. */
export interface ZendeskWebhookTicketDetail {
  actor_id: string;
  assignee_id: string | null;
  brand_id: string;
  created_at: string;
  custom_status: string;
  description: string;
  external_id: string | null;
  form_id: string;
  group_id: string | null;
  id: string;
  is_public: boolean;
  organization_id: string | null;
  priority: string | null;
  requester_id: string;
  status: string;
  subject: string;
  submitter_id: string;
  tags: string[];
  type: string | null;
  updated_at: string;
  via: { channel: string };
}

export type ZendeskTicketEventType =
  | 'zen:event-type:ticket.created'
  | 'zen:event-type:ticket.status_changed'
  | 'zen:event-type:ticket.comment_added';

/** A webhook event envelope (Zendesk event version 2022-11-06). */
export interface ZendeskWebhookEvent {
  type: ZendeskTicketEventType;
  account_id: number;
  id: string;
  time: string;
  zendesk_event_version: '2022-11-06';
  subject: string;
  detail: ZendeskWebhookTicketDetail;
  event: Record<string, unknown>;
}

/** Zendesk's error bodies, e.g. 401 `{"error":"Couldn't authenticate you"}`. */
export interface ZendeskError {
  error: string | { title: string; message: string };
  description?: string;
}

/** Cursor-based incremental export page (`/incremental/tickets/cursor`, `/incremental/users/cursor`). */
export interface ZendeskIncrementalPage {
  after_url: string | null;
  before_url: string | null;
  after_cursor: string | null;
  before_cursor: string | null;
  end_of_stream: boolean;
}

export interface ZendeskIncrementalTicketsPage extends ZendeskIncrementalPage {
  tickets: ZendeskTicket[];
  /** Present with `include=metric_sets`. */
  metric_sets?: ZendeskTicketMetric[];
  /** Present with `include=users`: requesters and assignees of the page's tickets. */
  users?: ZendeskUser[];
  /** Present with `include=organizations`. */
  organizations?: ZendeskOrganization[];
}

export interface ZendeskIncrementalUsersPage extends ZendeskIncrementalPage {
  users: ZendeskUser[];
}

/** Time-based incremental export page (`/incremental/organizations`). */
export interface ZendeskTimeBasedOrganizationsPage {
  organizations: ZendeskOrganization[];
  next_page: string | null;
  count: number;
  end_of_stream: boolean;
  end_time: number;
}

/** Cursor pagination (`page[size]`, `page[after]`) fields of a list answer. */
export interface ZendeskCursorPaging {
  meta: { has_more: boolean; after_cursor: string | null; before_cursor: string | null };
  links: { prev: string | null; next: string | null };
}

export interface ZendeskSatisfactionRatingsPage extends ZendeskCursorPaging {
  satisfaction_ratings: ZendeskSatisfactionRating[];
}

export interface ZendeskUserEventsPage extends ZendeskCursorPaging {
  data: ZendeskUserEvent[];
}
