/** Tenant rows → Zendesk JSON with this simulator's URLs and the tenant's assignments. */
import { toZendeskTicket, toZendeskUser } from '../../platforms/zendesk/serialize';
import type { ZendeskTicket, ZendeskUser } from '../../platforms/zendesk/types';
import type { RouteContext } from '../answer';

export function serializeTicket(rc: RouteContext, row: number): ZendeskTicket {
  const t = rc.tenant.ticketAt(row);
  return toZendeskTicket(t, {
    context: rc.zendesk,
    assigneeId: rc.tenant.assigneeOf(t),
    updatedAt: rc.tenant.ticketUpdatedMs(row),
  });
}

/** A user row of the tenant's user stream: persons first, then agents. */
export function serializeUserRow(rc: RouteContext, row: number): ZendeskUser {
  const { tenant } = rc;
  if (row < tenant.personCount)
    return toZendeskUser(tenant.personAt(row), {
      context: rc.zendesk,
      createdAt: tenant.personCreatedAt(row),
    });
  return toZendeskUser(tenant.agents[row - tenant.personCount]!, { context: rc.zendesk });
}

/** Finds a user by Zendesk id among persons and agents. */
export function findUser(rc: RouteContext, zid: number): ZendeskUser | null {
  const p = rc.tenant.personRow(zid);
  if (p !== undefined) return serializeUserRow(rc, p);
  const a = rc.tenant.agentRow(zid);
  return a === undefined ? null : toZendeskUser(rc.tenant.agents[a]!, { context: rc.zendesk });
}
