/** GET /api/v1/sidebar → what the sidebar draws, checking the parts it relies on. */
import type { AccountHealth, HealthTrendPoint } from '../../src/core/health/types';
import type { SidebarContext } from '../../src/server/routes/ticket-context';
import type { AccountView, SidebarData, SidebarTarget } from './model';

export class BackendShapeError extends Error {
  constructor(what: string) {
    super(`the backend's sidebar answer is not what this app version expects: ${what}`);
    this.name = 'BackendShapeError';
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

function healthOf(v: unknown): AccountHealth {
  if (!isObject(v) || !Array.isArray(v.factors) || !('score' in v))
    throw new BackendShapeError('account.health has no score and factors');
  return v as unknown as AccountHealth;
}

/** The trend as a list of points, whether served bare or as `{ points }`. */
function trendOf(v: unknown): HealthTrendPoint[] {
  const list = Array.isArray(v) ? v : isObject(v) && Array.isArray(v.points) ? v.points : [];
  return list.filter(
    (p): p is HealthTrendPoint =>
      isObject(p) && typeof p.at === 'string' && (p.score === null || typeof p.score === 'number'),
  );
}

export function accountViewOf(id: string, detail: Record<string, unknown>): AccountView {
  const keyFigures = detail.key_figures;
  const summary = detail.summary;
  return {
    id,
    health: healthOf(detail.health),
    trend: trendOf(detail.trend),
    keyFigures: isObject(keyFigures) && 'open_tickets' in keyFigures ? (keyFigures as never) : null,
    summary: isObject(summary) && Array.isArray(summary.sentences) ? (summary as never) : null,
  };
}

export function sidebarDataFromBackend(body: unknown): SidebarData {
  if (!isObject(body) || !('account' in body) || !('ticket' in body))
    throw new BackendShapeError('no account and ticket parts');
  const ctx = body as unknown as SidebarContext;
  return {
    mode: 'backend',
    partial: false,
    dataAsOf: ctx.data_as_of,
    accountId: ctx.account_id,
    account: ctx.account && ctx.account_id !== null ? accountViewOf(ctx.account_id, ctx.account) : null,
    ticket: ctx.ticket,
  };
}

/** The one backend path for an open: ticket and organization in the same request. */
export function sidebarPath(target: SidebarTarget): string {
  const q = new URLSearchParams();
  if (target.ticketId !== null) q.set('ticket', target.ticketId);
  if (target.organizationId !== null) q.set('organization', target.organizationId);
  return `/api/v1/sidebar?${q.toString()}`;
}
