/**
 * What a sidebar draws, whichever mode produced it: the backend's one answer, or the live
 * computation over a few helpdesk calls. Components read only this.
 */
import type {
  AccountHealth,
  AccountKeyFigures,
  ActivitySummary,
  HealthTrendPoint,
} from '../../src/core/health/types';
import type { TicketInsight } from '../../src/server/routes/ticket-context';

export type { TicketInsight };

export interface AccountView {
  id: string;
  health: AccountHealth;
  trend: HealthTrendPoint[];
  keyFigures: AccountKeyFigures | null;
  summary: ActivitySummary | null;
}

export interface SidebarData {
  mode: 'backend' | 'live';
  /** Live figures rest on a sample of the helpdesk's tickets and know nothing of the help center. */
  partial: boolean;
  dataAsOf: string | null;
  /** The account the figures are about (the ticket's, when asked by ticket); null for none. */
  accountId: string | null;
  /** Null when the account has no data yet. */
  account: AccountView | null;
  /** Null for the organization sidebar, or a ticket the data does not have yet. */
  ticket: TicketInsight | null;
}

/** Which record a sidebar is open on. */
export interface SidebarTarget {
  ticketId: string | null;
  organizationId: string | null;
}
