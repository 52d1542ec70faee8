import { int32s, float64s, uint8s } from './columns';
import { CLICKED_YES, type EventTable } from './event-table';
import { DEVICES, PORTAL_EVENT_TYPES } from './records';

export const EV_ZERO_RESULT = 1;
export const EV_CLICKED = 2;

/**
 * Portal events as prepare's working columns, in visitor/time order (see {@link groupByVisitor}):
 * sessionizing and counting read these compact arrays sequentially.
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

/**
 * `compareEvents` (sessions.ts) on two rows of a table: the same total order, so that sessions do not
 * depend on whether the events came as objects or as columns.
 */
function compareRows(t: EventTable, a: number, b: number): number {
  return (
    (t.occurredAt[a] as number) - (t.occurredAt[b] as number) ||
    (t.type[a] as number) - (t.type[b] as number) ||
    cmp(t.queries, t.query[a] as number, t.query[b] as number) ||
    cmp(t.articleIds, t.article[a] as number, t.article[b] as number) ||
    cmp(t.personIds, t.person[a] as number, t.person[b] as number) ||
    cmp(t.accountIds, t.account[a] as number, t.account[b] as number) ||
    cmp(DEVICES, t.device[a] as number, t.device[b] as number) ||
    (t.resultCount[a] as number) - (t.resultCount[b] as number) ||
    (t.clicked[a] as number) - (t.clicked[b] as number)
  );
}

/** Interned strings compared as the strings, null (-1) first. */
function cmp(list: readonly string[], a: number, b: number): number {
  if (a === b) return 0;
  if (a < 0) return -1;
  if (b < 0) return 1;
  const x = list[a] as string;
  const y = list[b] as string;
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * The table's events grouped by visitor (counting sort), each group in `compareEvents` (sessions.ts)
 * order: `order` holds table rows, and `columns` the columns permuted into that order, scattered
 * while sorting so that sessionizing then reads every column sequentially. Groups already in time
 * order (the usual case) are only checked, sequentially on the permuted time column.
 * `accountOf` maps the table's account indices to the caller's.
 */
export function groupByVisitor(
  t: EventTable,
  accountOf: Int32Array,
): { order: Int32Array; columns: EventColumns } {
  const n = t.length;
  const visitors = t.visitorIds.length;
  const offsets = int32s(visitors + 1);
  for (let i = 0; i < n; i++) {
    const slot = (t.visitor[i] as number) + 1;
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
    personIds: t.personIds,
    visitorIds: t.visitorIds,
  };
  const { occurredAt, type, person, account, device, resultCount, clicked } = t;
  const put = (k: number, i: number): void => {
    o.time[k] = occurredAt[i] as number;
    o.type[k] = type[i] as number;
    o.person[k] = person[i] as number;
    const a = account[i] as number;
    o.account[k] = a < 0 ? -1 : (accountOf[a] as number);
    o.device[k] = device[i] as number;
    o.flags[k] = (resultCount[i] === 0 ? EV_ZERO_RESULT : 0) | (clicked[i] === CLICKED_YES ? EV_CLICKED : 0);
  };
  for (let i = 0; i < n; i++) {
    const v = t.visitor[i] as number;
    const k = fill[v] as number;
    fill[v] = k + 1;
    order[k] = i;
    o.visitor[k] = v;
    put(k, i);
  }
  const byRow = (a: number, b: number): number => compareRows(t, a, b);
  for (let v = 0; v < visitors; v++) {
    const lo = offsets[v] as number;
    const hi = offsets[v + 1] as number;
    for (let k = lo + 1; k < hi; k++) {
      // Equal times need the full tie-break; a decrease means the group is out of order.
      const dt = (o.time[k - 1] as number) - (o.time[k] as number);
      if (dt > 0 || (dt === 0 && byRow(order[k - 1] as number, order[k] as number) > 0)) {
        order.subarray(lo, hi).sort(byRow);
        for (let j = lo; j < hi; j++) put(j, order[j] as number);
        break;
      }
    }
  }
  return { order, columns: o };
}
