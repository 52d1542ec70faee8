import { int32s, float64s, uint8s } from './columns';
import { DEVICES, PORTAL_EVENT_TYPES, type PortalEvent } from './records';
import { compareEvents } from './sessions';

export const EV_ZERO_RESULT = 1;
export const EV_CLICKED = 2;

/**
 * Portal events as columns, read from the event objects in ONE sequential pass. Every later pass
 * (grouping, sessionizing, counting) reads these compact arrays instead of hopping between
 * millions of objects scattered over the heap, which is what made sessionizing slow at scale.
 */
export interface EventColumns {
  time: Float64Array;
  visitor: Int32Array;
  type: Uint8Array;
  /** Index into `personIds`, or -1. */
  person: Int32Array;
  /** The event's own account index (caller's interning), or -1. */
  account: Int32Array;
  device: Uint8Array;
  /** EV_ZERO_RESULT | EV_CLICKED. */
  flags: Uint8Array;
  personIds: string[];
  visitorIds: string[];
}

export const TYPE_CODE = new Map(PORTAL_EVENT_TYPES.map((t, i) => [t, i]));
const DEVICE_CODE = new Map(DEVICES.map((d, i) => [d, i]));

export function eventColumns(
  events: PortalEvent[],
  internAccount: (id: string | null) => number,
): EventColumns {
  const n = events.length;
  const c: EventColumns = {
    time: float64s(n),
    visitor: int32s(n),
    type: uint8s(n),
    person: int32s(n),
    account: int32s(n),
    device: uint8s(n),
    flags: uint8s(n),
    personIds: [],
    visitorIds: [],
  };
  const visitors = new Map<string, number>();
  const persons = new Map<string, number>();
  // A visitor's events mostly come together and mostly carry the same person and account: the
  // last visitor id, and per visitor the last person and account id, spare most map lookups.
  let lastVisitorId = '';
  let lastVisitor = -1;
  const visitorPersonId: (string | null)[] = [];
  const visitorPerson: number[] = [];
  const visitorAccountId: (string | null)[] = [];
  const visitorAccount: number[] = [];
  for (let i = 0; i < n; i++) {
    const e = events[i] as PortalEvent;
    c.time[i] = e.occurred_at;
    if (e.visitor_id !== lastVisitorId || lastVisitor < 0) {
      let v = visitors.get(e.visitor_id);
      if (v === undefined) {
        v = c.visitorIds.length;
        visitors.set(e.visitor_id, v);
        c.visitorIds.push(e.visitor_id);
        visitorPersonId.push(null);
        visitorPerson.push(-1);
        visitorAccountId.push(null);
        visitorAccount.push(internAccount(null));
      }
      lastVisitorId = e.visitor_id;
      lastVisitor = v;
    }
    const v = lastVisitor;
    c.visitor[i] = v;
    c.type[i] = TYPE_CODE.get(e.type) ?? 0;
    const personId = e.person_id;
    if (personId !== visitorPersonId[v]) {
      let person = -1;
      if (personId !== null) {
        person = persons.get(personId) ?? -1;
        if (person < 0) {
          person = c.personIds.length;
          persons.set(personId, person);
          c.personIds.push(personId);
        }
      }
      visitorPersonId[v] = personId;
      visitorPerson[v] = person;
    }
    c.person[i] = visitorPerson[v] as number;
    const accountId = e.account_id;
    if (accountId !== visitorAccountId[v]) {
      visitorAccountId[v] = accountId;
      visitorAccount[v] = internAccount(accountId);
    }
    c.account[i] = visitorAccount[v] as number;
    c.device[i] = DEVICE_CODE.get(e.device) ?? 0;
    c.flags[i] = (e.result_count === 0 ? EV_ZERO_RESULT : 0) | (e.clicked_result === true ? EV_CLICKED : 0);
  }
  return c;
}

/**
 * Events grouped by visitor (counting sort), each group in {@link compareEvents} order: `order`
 * holds input indices, and `columns` the same columns permuted into that order, scattered while
 * sorting so that sessionizing then reads every column sequentially. Groups already in time order
 * (the usual case) are only checked, sequentially on the permuted time column.
 */
export function groupByVisitor(
  events: PortalEvent[],
  c: EventColumns,
): { order: Int32Array; columns: EventColumns } {
  const n = c.visitor.length;
  const visitors = c.visitorIds.length;
  const offsets = int32s(visitors + 1);
  for (let i = 0; i < n; i++) {
    const slot = (c.visitor[i] as number) + 1;
    offsets[slot] = (offsets[slot] as number) + 1;
  }
  for (let v = 0; v < visitors; v++) offsets[v + 1] = (offsets[v + 1] as number) + (offsets[v] as number);
  const fill = int32s(visitors);
  fill.set(offsets.subarray(0, visitors));
  const order = int32s(n);
  const o: EventColumns = {
    time: float64s(n),
    visitor: int32s(n),
    type: uint8s(n),
    person: int32s(n),
    account: int32s(n),
    device: uint8s(n),
    flags: uint8s(n),
    personIds: c.personIds,
    visitorIds: c.visitorIds,
  };
  for (let i = 0; i < n; i++) {
    const v = c.visitor[i] as number;
    const k = fill[v] as number;
    fill[v] = k + 1;
    order[k] = i;
    o.time[k] = c.time[i] as number;
    o.visitor[k] = v;
    o.type[k] = c.type[i] as number;
    o.person[k] = c.person[i] as number;
    o.account[k] = c.account[i] as number;
    o.device[k] = c.device[i] as number;
    o.flags[k] = c.flags[i] as number;
  }
  const cmp = (a: number, b: number): number =>
    (c.time[a] as number) - (c.time[b] as number) ||
    compareEvents(events[a] as PortalEvent, events[b] as PortalEvent);
  for (let v = 0; v < visitors; v++) {
    const lo = offsets[v] as number;
    const hi = offsets[v + 1] as number;
    for (let k = lo + 1; k < hi; k++) {
      // Equal times need the full tie-break; a decrease means the group is out of order.
      const dt = (o.time[k - 1] as number) - (o.time[k] as number);
      if (dt > 0 || (dt === 0 && cmp(order[k - 1] as number, order[k] as number) > 0)) {
        order.subarray(lo, hi).sort(cmp);
        for (let j = lo; j < hi; j++) {
          const i = order[j] as number;
          o.time[j] = c.time[i] as number;
          o.type[j] = c.type[i] as number;
          o.person[j] = c.person[i] as number;
          o.account[j] = c.account[i] as number;
          o.device[j] = c.device[i] as number;
          o.flags[j] = c.flags[i] as number;
        }
        break;
      }
    }
  }
  return { order, columns: o };
}
