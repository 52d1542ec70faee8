/** Strings numbered 0, 1, 2, … in order of first sight. */
export class Interner {
  readonly ids: string[] = [];
  private readonly index = new Map<string, number>();

  /** The string's number, or -1 for null. */
  id(s: string | null): number {
    if (s === null) return -1;
    let i = this.index.get(s);
    if (i === undefined) {
      i = this.ids.length;
      this.index.set(s, i);
      this.ids.push(s);
    }
    return i;
  }
}

/**
 * Person and account ids of one dataset, numbered once for all record kinds: a ticket's
 * requester, an event's person and a person record share a number, so prepare joins them
 * by index instead of by id.
 */
export interface SharedIds {
  people: Interner;
  accounts: Interner;
}

export function sharedIds(): SharedIds {
  return { people: new Interner(), accounts: new Interner() };
}
