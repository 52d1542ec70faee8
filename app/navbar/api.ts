/** Typed calls to the backend's metrics API (docs/readme/server.md), all through the ZAF proxy. */
import type { AccountHealth, AccountTrend, HealthFactor } from '../../src/core/health/types';
import type { Segment } from '../../src/core/dataset';
import type { Metrics } from '../../src/core/report';
import type { Series } from '../../src/core/series';
import type { RoiInputs, Settings } from '../../src/core/settings';
import { callBackend } from '../backend/client';
import type { ZafSession } from '../zaf/ClientProvider';
import type { Period } from './transforms/window';
import { periodQuery } from './transforms/window';

export interface ApiWindow {
  from: string;
  to: string;
}

interface WindowedReport {
  window: ApiWindow;
  report: { metrics: Metrics };
}

export interface MetricsResponse {
  window: ApiWindow;
  data_as_of: string | null;
  report: { metrics: Metrics };
  previous: WindowedReport;
  baseline: WindowedReport | null;
}

export interface SegmentFilter {
  account_tag?: string;
  channel?: Segment['channel'];
  device?: Segment['device'];
}

function query(params: Record<string, string | number | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

export function fetchMetrics(
  session: ZafSession,
  period: Period,
  segment: SegmentFilter,
): Promise<MetricsResponse> {
  return callBackend(session, `/api/v1/metrics${query({ ...periodQuery(period), ...segment })}`);
}

export interface TrendsResponse {
  data_as_of: string | null;
  series: Series;
}

export function fetchTrend(
  session: ZafSession,
  metric: string,
  period: Period,
  interval: 'day' | 'week',
  segment: SegmentFilter,
): Promise<TrendsResponse> {
  return callBackend(
    session,
    `/api/v1/trends${query({ metric, interval, ...periodQuery(period), ...segment })}`,
  );
}

export interface ContentGapsResponse {
  content_gaps: Array<{ query: string; count: number }>;
}

export function fetchContentGaps(session: ZafSession, period: Period): Promise<ContentGapsResponse> {
  return callBackend(session, `/api/v1/content-gaps${query(periodQuery(period))}`);
}

/** A row of GET /accounts: the AccountHealth contract plus the account's name and tags. */
export type AccountRow = Pick<AccountHealth, 'account_id' | 'score' | 'band' | 'factors'> & {
  name: string;
  tags: string[];
  top_factor?: AccountHealth['top_factor'];
  /** The weekly health trend is clearly falling. */
  falling?: boolean;
};

export type AccountSort = 'score' | '-score' | 'name' | '-name';

export interface AccountsQuery {
  band?: 'healthy' | 'watch' | 'at_risk';
  tag?: string;
  search?: string;
  sort: AccountSort;
  page: number;
  per_page: number;
}

export interface AccountsResponse {
  data_as_of: string | null;
  total: number;
  page: number;
  per_page: number;
  accounts: AccountRow[];
}

export function fetchAccounts(session: ZafSession, q: AccountsQuery): Promise<AccountsResponse> {
  return callBackend(session, `/api/v1/accounts${query({ ...q })}`);
}

export interface AccountDetailResponse {
  account_id: string;
  health?: AccountHealth;
  factors?: HealthFactor[];
  trend?: AccountTrend | null;
  summary?: { sentences: string[] };
  recent_tickets: Array<{
    id: string;
    subject: string | null;
    status: string;
    priority: string | null;
    channel: string;
    satisfaction: string | null;
    created_at: string | null;
    solved_at: string | null;
  }>;
}

export function fetchAccount(session: ZafSession, id: string): Promise<AccountDetailResponse> {
  return callBackend(session, `/api/v1/accounts/${encodeURIComponent(id)}`);
}

export function fetchSettings(session: ZafSession): Promise<{ settings: Settings }> {
  return callBackend(session, '/api/v1/settings');
}

/** Partial settings merge on the backend; only admins may save (403 otherwise). */
export function saveSettings(
  session: ZafSession,
  patch: Partial<Omit<Settings, 'roi'>> & { roi?: RoiInputs },
): Promise<{ settings: Settings }> {
  return callBackend(session, '/api/v1/settings', {
    type: 'PUT',
    contentType: 'application/json',
    data: JSON.stringify(patch),
  });
}

export interface SettingsChange {
  at: string;
  changed_by: string;
  keys: string[];
}

/** Saved settings changes in the window; an older backend without the history answers none. */
export async function fetchSettingsHistory(session: ZafSession, period: Period): Promise<SettingsChange[]> {
  try {
    const res = await callBackend<{ changes: SettingsChange[] }>(
      session,
      `/api/v1/settings/history${query(periodQuery(period))}`,
    );
    return res.changes;
  } catch (err) {
    if (err && typeof err === 'object' && 'status' in err && err.status === 404) return [];
    throw err;
  }
}
