/**
 * The agent workspace's data as ZAF apps read it (`client.get('ticket.organization')`), built
 * from the helpdesk API's JSON. Zendesk's ZAF objects are camelCase views of the API objects.
 */
import { ZafApiError } from './protocol';

export interface ZafUser {
  id: number;
  name: string;
  email: string | null;
  role?: string;
  locale?: string;
  timeZone?: { ianaName: string };
  organizations?: ZafOrganization[];
}

export interface ZafOrganization {
  id: number;
  name: string;
  tags: string[];
  domains: string;
  createdAt: string;
}

export interface ZafTicket {
  id: number;
  subject: string;
  description: string;
  status: string;
  priority: string | null;
  type: string | null;
  tags: string[];
  createdAt: string;
  updatedAt: string;
  via: { channel: string };
  requester: ZafUser;
  organization: ZafOrganization | null;
}

type ApiObject = Record<string, unknown>;

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

export function toZafOrganization(org: ApiObject): ZafOrganization {
  return {
    id: Number(org.id),
    name: str(org.name),
    tags: Array.isArray(org.tags) ? org.tags.map(String) : [],
    domains: Array.isArray(org.domain_names) ? org.domain_names.join(' ') : '',
    createdAt: str(org.created_at),
  };
}

export function toZafUser(user: ApiObject): ZafUser {
  return {
    id: Number(user.id),
    name: str(user.name),
    email: typeof user.email === 'string' ? user.email : null,
    ...(typeof user.role === 'string' ? { role: user.role } : {}),
    ...(typeof user.locale === 'string' ? { locale: user.locale } : {}),
    ...(typeof user.iana_time_zone === 'string' ? { timeZone: { ianaName: user.iana_time_zone } } : {}),
  };
}

export function toZafTicket(
  ticket: ApiObject,
  requester: ApiObject,
  organization: ApiObject | null,
): ZafTicket {
  const via = (ticket.via ?? {}) as ApiObject;
  return {
    id: Number(ticket.id),
    subject: str(ticket.subject),
    description: str(ticket.description),
    status: str(ticket.status),
    priority: typeof ticket.priority === 'string' ? ticket.priority : null,
    type: typeof ticket.type === 'string' ? ticket.type : null,
    tags: Array.isArray(ticket.tags) ? ticket.tags.map(String) : [],
    createdAt: str(ticket.created_at),
    updatedAt: str(ticket.updated_at),
    via: { channel: str(via.channel) },
    requester: toZafUser(requester),
    organization: organization ? toZafOrganization(organization) : null,
  };
}

/**
 * The value at a dotted ZAF path ('ticket.requester.name') in the frame's data. A path whose
 * first part the location does not have fails as Zendesk fails it.
 */
export function resolveZafPath(data: Record<string, unknown>, path: string): unknown {
  const parts = path.split('.');
  if (!(parts[0]! in data)) throw new ZafApiError('APIUnavailable', `Could not find handler for: "${path}"`);
  let node: unknown = data;
  for (const part of parts) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}
