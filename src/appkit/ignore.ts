/**
 * Matching for `.zcliignore` lines: `*` within a path segment, `**` across segments, and a
 * pattern naming a folder covers what is inside it.
 */
function patternToRegExp(pattern: string): RegExp {
  const clean = pattern.replace(/^\.?\//, '').replace(/\/$/, '');
  let out = '';
  for (let i = 0; i < clean.length; i++) {
    const c = clean[i]!;
    if (c === '*' && clean[i + 1] === '*') {
      out += '.*';
      i++;
      if (clean[i + 1] === '/') i++;
    } else if (c === '*') out += '[^/]*';
    else if (c === '?') out += '[^/]';
    else out += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${out}(/.*)?$`);
}

export function ignoreMatcher(patterns: string[]): (relPath: string) => boolean {
  const regexps = patterns.map(patternToRegExp);
  return (relPath) => regexps.some((r) => r.test(relPath));
}
