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
    time: new Float64Array(n),
    visitor: new Int32Array(n),
    type: new Uint8Array(n),
    person: new Int32Array(n),
    account: new Int32Array(n),
    device: new Uint8Array(n),
    flags: new Uint8Array(n),
    personIds: [],
    visitorIds: [],
  };
  const visitors = new Map<string, number>();
  const persons = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const e = events[i] as PortalEvent;
    c.time[i] = e.occurred_at;
    let v = visitors.get(e.visitor_id);
    if (v === undefined) {
      v = c.visitorIds.length;
      visitors.set(e.visitor_id, v);
      c.visitorIds.push(e.visitor_id);
    }
    c.visitor[i] = v;
    c.type[i] = TYPE_CODE.get(e.type) ?? 0;
    let pIdx = -1;
    if (e.person_id !== null) {
      pIdx = persons.get(e.person_id) ?? -1;
      if (pIdx < 0) {
        pIdx = c.personIds.length;
        persons.set(e.person_id, pIdx);
        c.personIds.push(e.person_id);
      }
    }
    c.person[i] = pIdx;
    c.account[i] = internAccount(e.account_id);
    c.device[i] = DEVICE_CODE.get(e.device) ?? 0;
    c.flags[i] = (e.result_count === 0 ? EV_ZERO_RESULT : 0) | (e.clicked_result === true ? EV_CLICKED : 0);
  }
  return c;
}

/**
 * Event indices grouped by visitor (counting sort), each group in {@link compareEvents} order.
 * Groups already in time order (the usual case) are only checked, on the time column.
 */
export function orderByVisitorAndTime(events: PortalEvent[], c: EventColumns): Int32Array {
  const visitors = c.visitorIds.length;
  const offsets = new Int32Array(visitors + 1);
  for (let i = 0; i < c.visitor.length; i++) {
    const slot = (c.visitor[i] as number) + 1;
    offsets[slot] = (offsets[slot] as number) + 1;
  }
  for (let v = 0; v < visitors; v++) offsets[v + 1] = (offsets[v + 1] as number) + (offsets[v] as number);
  const fill = offsets.slice(0, visitors);
  const order = new Int32Array(c.visitor.length);
  for (let i = 0; i < c.visitor.length; i++) {
    const v = c.visitor[i] as number;
    order[fill[v] as number] = i;
    fill[v] = (fill[v] as number) + 1;
  }
  const cmp = (a: number, b: number): number =>
    (c.time[a] as number) - (c.time[b] as number) ||
    compareEvents(events[a] as PortalEvent, events[b] as PortalEvent);
  for (let v = 0; v < visitors; v++) {
    const lo = offsets[v] as number;
    const hi = offsets[v + 1] as number;
    for (let k = lo + 1; k < hi; k++) {
      const a = order[k - 1] as number;
      const b = order[k] as number;
      // Equal times need the full tie-break; a decrease means the group is out of order.
      if (
        (c.time[a] as number) > (c.time[b] as number) ||
        ((c.time[a] as number) === (c.time[b] as number) && cmp(a, b) > 0)
      ) {
        order.subarray(lo, hi).sort(cmp);
        break;
      }
    }
  }
  return order;
}
