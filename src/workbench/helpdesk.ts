/** The workbench's reads of the helpdesk (the simulator), with the admin's API token. */
import {
  toZafOrganization,
  toZafTicket,
  toZafUser,
  type ZafOrganization,
  type ZafTicket,
  type ZafUser,
} from './zaf-data';

export interface HelpdeskAccess {
  url: string;
  authorization: string;
}

export class HelpdeskError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'HelpdeskError';
  }
}

type ApiObject = Record<string, unknown>;

async function getJson(access: HelpdeskAccess, path: string): Promise<ApiObject> {
  const res = await fetch(`${access.url}${path}`, { headers: { Authorization: access.authorization } });
  if (!res.ok) throw new HelpdeskError(res.status, `GET ${path}: helpdesk answered ${res.status}`);
  return (await res.json()) as ApiObject;
}

export interface TicketSummary {
  id: number;
  subject: string;
  organizationId: number | null;
}

/** The first page of tickets and organizations, for the workbench's pickers. */
export async function listTickets(access: HelpdeskAccess, limit = 100): Promise<TicketSummary[]> {
  const page = await getJson(access, `/api/v2/tickets.json?page[size]=${limit}`);
  return ((page.tickets ?? []) as ApiObject[]).map((t) => ({
    id: Number(t.id),
    subject: String(t.subject ?? ''),
    organizationId:
      t.organization_id === null || t.organization_id === undefined ? null : Number(t.organization_id),
  }));
}

export async function listOrganizations(access: HelpdeskAccess, limit = 100): Promise<ZafOrganization[]> {
  const page = await getJson(access, `/api/v2/organizations.json?page[size]=${limit}`);
  return ((page.organizations ?? []) as ApiObject[]).map(toZafOrganization);
}

export async function loadTicket(access: HelpdeskAccess, id: number): Promise<ZafTicket> {
  const { ticket } = (await getJson(access, `/api/v2/tickets/${id}.json`)) as { ticket: ApiObject };
  const [requester, organization] = await Promise.all([
    getJson(access, `/api/v2/users/${Number(ticket.requester_id)}.json`).then((r) => r.user as ApiObject),
    ticket.organization_id === null || ticket.organization_id === undefined
      ? Promise.resolve(null)
      : getJson(access, `/api/v2/organizations/${Number(ticket.organization_id)}.json`).then(
          (r) => r.organization as ApiObject,
        ),
  ]);
  return toZafTicket(ticket, requester, organization);
}

export async function loadOrganization(access: HelpdeskAccess, id: number): Promise<ZafOrganization> {
  const { organization } = (await getJson(access, `/api/v2/organizations/${id}.json`)) as {
    organization: ApiObject;
  };
  return toZafOrganization(organization);
}

export async function loadCurrentUser(access: HelpdeskAccess): Promise<ZafUser> {
  const { user } = (await getJson(access, '/api/v2/users/me.json')) as { user: ApiObject };
  return toZafUser(user);
}
