/** Normalizes a search query for content gaps: lower-case, trimmed, inner whitespace collapsed. */
export function normalizeQuery(query: string): string {
  return query.toLowerCase().trim().replace(/\s+/g, ' ');
}
