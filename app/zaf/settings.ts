/** The installation settings the app reads from ZAF metadata (see manifest.json `parameters`). */
export interface AppSettings {
  /** Origin and path of the Portal Pulse backend without a trailing slash; null in live mode. */
  backendUrl: string | null;
  /** 'backend' when a backend URL is set, else 'live' (figures computed in the browser). */
  mode: 'backend' | 'live';
  costPerTicket: number;
  currency: string;
}

const DEFAULT_COST_PER_TICKET = 15;
const DEFAULT_CURRENCY = 'USD';

function text(v: unknown): string {
  return typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '';
}

/**
 * Reads settings as Zendesk hands them over: every value may arrive as a string (number
 * parameters included), missing, or empty when the admin left it blank.
 */
export function parseSettings(raw: Record<string, unknown>): AppSettings {
  const url = text(raw.backend_url).replace(/\/+$/, '');
  const backendUrl = /^https?:\/\/[^/]/i.test(url) ? url : null;
  const cost = Number(text(raw.cost_per_ticket));
  const currency = text(raw.currency).toUpperCase();
  return {
    backendUrl,
    mode: backendUrl ? 'backend' : 'live',
    costPerTicket:
      text(raw.cost_per_ticket) !== '' && Number.isFinite(cost) && cost >= 0 ? cost : DEFAULT_COST_PER_TICKET,
    currency: /^[A-Z]{3}$/.test(currency) ? currency : DEFAULT_CURRENCY,
  };
}
