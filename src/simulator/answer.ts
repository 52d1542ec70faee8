/** What a route returns, and Zendesk's error answers. */
import type { EndpointClass } from './rate-limit';
import type { Tenant } from './tenant';
import type { AgentInput, ZendeskContext } from '../platforms/zendesk/serialize';

export interface Answer {
  status: number;
  body: unknown;
}

export interface RouteContext {
  tenant: Tenant;
  zendesk: ZendeskContext;
  url: URL;
  /** The authenticated user. */
  me: AgentInput;
}

export interface Route {
  /** Matched against the path with an optional ".json" removed. */
  pattern: RegExp;
  endpointClass: EndpointClass;
  handle: (params: string[], rc: RouteContext) => Answer;
}

export const ok = (body: unknown): Answer => ({ status: 200, body });

export const notFound = (): Answer => ({
  status: 404,
  body: { error: 'RecordNotFound', description: 'Not found' },
});

export const invalidEndpoint = (): Answer => ({
  status: 404,
  body: { error: 'InvalidEndpoint', description: 'Not found' },
});

export const badRequest = (description: string): Answer => ({
  status: 400,
  body: { error: 'InvalidValue', description },
});

export const UNAUTHORIZED_BODY = { error: "Couldn't authenticate you" };

export const RATE_LIMITED_BODY = {
  error: 'APIRateLimitExceeded',
  description: 'Number of allowed API requests per minute exceeded',
};

/** A path id: Zendesk ids are positive integers; anything else is not found. */
export function pathId(s: string | undefined): number | null {
  return s !== undefined && /^\d{1,16}$/.test(s) ? Number(s) : null;
}
