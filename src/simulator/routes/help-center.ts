/** Help Center articles, article search, and help-center user events. */
import type { ArticleInput } from '../../platforms/zendesk/serialize';
import { toZendeskArticle, toZendeskUserEvents } from '../../platforms/zendesk/serialize';
import type { ZendeskArticleSearchResult, ZendeskUserEventType } from '../../platforms/zendesk/types';
import type { Answer, Route, RouteContext } from '../answer';
import { badRequest, notFound, ok, pathId } from '../answer';
import { pageOf } from '../pagination';

function listArticles(_: string[], rc: RouteContext): Answer {
  const arts = rc.tenant.articles;
  const { items, paging } = pageOf(rc.url, 'articles', arts.length, (i) =>
    toZendeskArticle(arts[i]!, { context: rc.zendesk, position: i }),
  );
  return ok({
    articles: items,
    ...paging,
    ...pageFields(rc, paging, arts.length),
    sort_by: 'position',
    sort_order: 'asc',
  });
}

/** Offset-paginated Help Center lists also carry page, per_page and page_count. */
function pageFields(
  rc: RouteContext,
  paging: Record<string, unknown>,
  total: number,
): Record<string, number> {
  if ('meta' in paging) return {};
  const q = rc.url.searchParams;
  const perPage = Number(q.get('per_page') ?? 100);
  return { page: Number(q.get('page') ?? 1), per_page: perPage, page_count: Math.ceil(total / perPage) };
}

function showArticle(params: string[], rc: RouteContext): Answer {
  const id = pathId(params[0]);
  const row = id === null ? undefined : rc.tenant.articleRow(id);
  return row === undefined
    ? notFound()
    : ok({ article: toZendeskArticle(rc.tenant.articles[row]!, { context: rc.zendesk, position: row }) });
}

const words = (s: string): string[] => s.toLowerCase().match(/[a-z0-9]{2,}/g) ?? [];

/** Ranks articles by query words found in the title (3 points) and the body (1 point). */
export function searchArticles(
  articles: readonly ArticleInput[],
  query: string,
): { index: number; score: number }[] {
  const terms = [...new Set(words(query))];
  if (terms.length === 0) return [];
  return articles
    .map((a, index) => {
      const title = new Set(words(a.title));
      const body = new Set(words(a.body));
      const score = terms.reduce((s, t) => s + (title.has(t) ? 3 : 0) + (body.has(t) ? 1 : 0), 0);
      return { index, score };
    })
    .filter((r) => r.score > 0)
    .sort((x, y) => y.score - x.score || x.index - y.index);
}

function snippet(body: string, query: string): string {
  const terms = words(query);
  const text = body
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const lower = text.toLowerCase();
  const at = Math.max(
    0,
    Math.min(...terms.map((t) => lower.indexOf(t)).filter((i) => i >= 0), text.length) - 40,
  );
  let out = text.slice(at, at + 160);
  for (const t of terms) out = out.replace(new RegExp(`\\b(${t})\\b`, 'gi'), '<em>$1</em>');
  return out;
}

function searchArticlesRoute(_: string[], rc: RouteContext): Answer {
  const query = rc.url.searchParams.get('query');
  if (query === null || query.trim() === '') return badRequest('query is required');
  const hits = searchArticles(rc.tenant.articles, query);
  const { items, paging } = pageOf(
    rc.url,
    `search:${query}`,
    hits.length,
    (i): ZendeskArticleSearchResult => {
      const hit = hits[i]!;
      const a = rc.tenant.articles[hit.index]!;
      return {
        ...toZendeskArticle(a, { context: rc.zendesk, position: hit.index }),
        snippet: snippet(a.body, query),
        result_type: 'article',
      };
    },
  );
  return ok({ results: items, ...paging, ...pageFields(rc, paging, hits.length) });
}

const EVENT_TYPES = new Set<string>([
  'help_center_searched',
  'article_viewed',
  'article_search_result_clicked',
  'page_view',
]);

/**
 * `/api/v2/users/{id}/events`: the person's help-center events, filtered by
 * `filter[type]`, `filter[start_time]`/`filter[end_time]` (ISO 8601), cursor-paginated.
 */
function userEvents(params: string[], rc: RouteContext): Answer {
  const id = pathId(params[0]);
  const row = id === null ? undefined : rc.tenant.personRow(id);
  if (row === undefined) return notFound();
  const q = rc.url.searchParams;
  const type = q.get('filter[type]');
  if (type !== null && !EVENT_TYPES.has(type))
    return badRequest(`filter[type] ${type} is not a known event type`);
  const time = (k: string): number | null | undefined => {
    const v = q.get(k);
    if (v === null) return null;
    const t = Date.parse(v);
    return Number.isNaN(t) ? undefined : t;
  };
  const start = time('filter[start_time]');
  const end = time('filter[end_time]');
  if (start === undefined || end === undefined)
    return badRequest('filter[start_time] and filter[end_time] are ISO 8601 times');
  const events = toZendeskUserEvents(rc.tenant.eventsOf(row), {
    context: rc.zendesk,
    articleTitle: (a) => rc.tenant.articleTitle(a),
  }).filter((e) => {
    const at = Date.parse(e.created_at);
    return (
      (type === null || e.type === (type as ZendeskUserEventType)) &&
      (start === null || at >= start) &&
      (end === null || at < end)
    );
  });
  if (!q.has('page[size]')) q.set('page[size]', '100');
  const { items, paging } = pageOf(rc.url, `events:${id}`, events.length, (i) => events[i]!);
  return ok({ data: items, ...paging });
}

export const helpCenterRoutes: Route[] = [
  {
    pattern: /^\/api\/v2\/help_center(?:\/[a-z]{2}(?:-[a-z]{2})?)?\/articles$/,
    endpointClass: 'default',
    handle: listArticles,
  },
  {
    pattern: /^\/api\/v2\/help_center\/articles\/search$/,
    endpointClass: 'default',
    handle: searchArticlesRoute,
  },
  {
    pattern: /^\/api\/v2\/help_center(?:\/[a-z]{2}(?:-[a-z]{2})?)?\/articles\/(\d+)$/,
    endpointClass: 'default',
    handle: showArticle,
  },
  { pattern: /^\/api\/v2\/users\/(\d+)\/events$/, endpointClass: 'default', handle: userEvents },
];
