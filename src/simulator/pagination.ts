/**
 * Zendesk's pagination shapes, as pure functions: the incremental-export cursor
 * (base64 of "seconds.0||id|", as Zendesk's own), cursor pagination (`page[size]`,
 * `page[after]`, `meta`, `links`) and offset pagination (`page`, `per_page`, `next_page`).
 */

/** Zendesk's incremental cursor: "MTY5NTA1MjY2My4wfHwyOHw=" is "1695052663.0||28|". */
export function encodeIncrementalCursor(ts: number, id: number): string {
  return Buffer.from(`${ts}.0||${id}|`).toString('base64');
}

export function decodeIncrementalCursor(cursor: string): { ts: number; id: number } | null {
  const m = /^(\d+)\.0\|\|(\d+)\|$/.exec(Buffer.from(cursor, 'base64').toString('utf8'));
  return m ? { ts: Number(m[1]), id: Number(m[2]) } : null;
}

/** Cursor pagination's opaque cursor: base64 of {"o": order, "v": position}, like Zendesk's {"o":"id","v":…}. */
export function encodePageCursor(order: string, position: number): string {
  return Buffer.from(JSON.stringify({ o: order, v: position })).toString('base64');
}

export function decodePageCursor(cursor: string, order: string): number | null {
  try {
    const v: unknown = JSON.parse(Buffer.from(cursor, 'base64').toString('utf8'));
    if (typeof v === 'object' && v !== null && 'o' in v && 'v' in v && v.o === order && Number.isInteger(v.v))
      return v.v as number;
  } catch {
    // An unreadable cursor is answered like any invalid parameter, below.
  }
  return null;
}

export interface CursorPage {
  meta: { has_more: boolean; after_cursor: string | null; before_cursor: string | null };
  links: { prev: string | null; next: string | null };
}

/** Builds `meta` and `links` for a page holding positions [from, from + count) of an ordered list. */
export function cursorPage(
  url: URL,
  order: string,
  from: number,
  count: number,
  hasMore: boolean,
  size: number,
): CursorPage {
  const after = count > 0 ? encodePageCursor(order, from + count) : null;
  const before = count > 0 && from > 0 ? encodePageCursor(order, from) : null;
  const link = (key: 'page[after]' | 'page[before]', cursor: string | null): string | null => {
    if (cursor === null) return null;
    const u = new URL(url.toString());
    u.searchParams.delete('page[after]');
    u.searchParams.delete('page[before]');
    u.searchParams.set(key, cursor);
    u.searchParams.set('page[size]', String(size));
    return u.toString();
  };
  return {
    meta: { has_more: hasMore, after_cursor: after, before_cursor: before },
    links: { prev: link('page[before]', before), next: hasMore ? link('page[after]', after) : null },
  };
}

export class PaginationError extends Error {}

export interface PageRequest {
  /** Cursor mode when the request used page[size]/page[after]; offset mode otherwise. */
  mode: 'cursor' | 'offset';
  from: number;
  size: number;
}

/**
 * Reads a list request's paging: `page[size]` (≤ 100) with `page[after]`/`page[before]`,
 * or `per_page` (≤ 100) with `page` (1-based).
 */
export function readPageRequest(
  q: URLSearchParams,
  order: string,
  defaultSize = 100,
  maxSize = 100,
): PageRequest {
  const sizeParam = q.get('page[size]');
  const after = q.get('page[after]');
  const before = q.get('page[before]');
  if (sizeParam !== null || after !== null || before !== null) {
    const size = sizeParam === null ? defaultSize : Number(sizeParam);
    if (!Number.isInteger(size) || size < 1 || size > maxSize)
      throw new PaginationError(`page[size] must be an integer from 1 to ${maxSize}`);
    let from = 0;
    if (after !== null) {
      const p = decodePageCursor(after, order);
      if (p === null) throw new PaginationError('page[after] is not a valid cursor');
      from = p;
    } else if (before !== null) {
      const p = decodePageCursor(before, order);
      if (p === null) throw new PaginationError('page[before] is not a valid cursor');
      from = Math.max(0, p - size);
    }
    return { mode: 'cursor', from, size };
  }
  const perPage = q.get('per_page') === null ? defaultSize : Number(q.get('per_page'));
  const page = q.get('page') === null ? 1 : Number(q.get('page'));
  if (!Number.isInteger(perPage) || perPage < 1 || perPage > maxSize)
    throw new PaginationError(`per_page must be an integer from 1 to ${maxSize}`);
  if (!Number.isInteger(page) || page < 1) throw new PaginationError('page must be a positive integer');
  return { mode: 'offset', from: (page - 1) * perPage, size: perPage };
}

/** Offset pagination's `next_page`/`previous_page`/`count` for a list of `total` items. */
export function offsetPage(
  url: URL,
  req: PageRequest,
  total: number,
): { next_page: string | null; previous_page: string | null; count: number } {
  const page = Math.floor(req.from / req.size) + 1;
  const link = (p: number): string => {
    const u = new URL(url.toString());
    u.searchParams.set('page', String(p));
    u.searchParams.set('per_page', String(req.size));
    return u.toString();
  };
  return {
    next_page: req.from + req.size < total ? link(page + 1) : null,
    previous_page: page > 1 ? link(page - 1) : null,
    count: total,
  };
}

/** One page of a list of `total` items read by position, with Zendesk's paging fields for the mode asked. */
export function pageOf<T>(
  url: URL,
  order: string,
  total: number,
  at: (position: number) => T,
): { items: T[]; paging: Record<string, unknown> } {
  const req = readPageRequest(url.searchParams, order);
  const items: T[] = [];
  for (let p = req.from; p < Math.min(total, req.from + req.size); p++) items.push(at(p));
  if (req.mode === 'cursor') {
    const hasMore = req.from + items.length < total;
    const page = cursorPage(url, order, req.from, items.length, hasMore, req.size);
    return { items, paging: { meta: page.meta, links: page.links } };
  }
  return { items, paging: offsetPage(url, req, total) };
}
