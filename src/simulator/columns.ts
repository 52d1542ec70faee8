/** Append-only numeric columns backed by typed arrays (no per-element boxing at 1M rows). */

type TypedArray = Float64Array | Int32Array | Uint8Array;

class Column<A extends TypedArray> {
  private data: A;
  length = 0;

  constructor(private readonly make: (n: number) => A) {
    this.data = make(1024);
  }

  push(v: number): number {
    if (this.length === this.data.length) {
      const bigger = this.make(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length] = v;
    return this.length++;
  }

  get(i: number): number {
    return this.data[i] as number;
  }

  set(i: number, v: number): void {
    this.data[i] = v;
  }

  /** A view of the filled part (shares memory; valid until the next push that grows). */
  view(): A {
    return this.data.subarray(0, this.length) as A;
  }
}

export class Float64Column extends Column<Float64Array> {
  constructor() {
    super((n) => new Float64Array(n));
  }
}

export class Int32Column extends Column<Int32Array> {
  constructor() {
    super((n) => new Int32Array(n));
  }
}

export class Uint8Column extends Column<Uint8Array> {
  constructor() {
    super((n) => new Uint8Array(n));
  }
}

/**
 * Groups row indices by a key index (e.g. tickets by requester) in compressed sparse
 * row form: `rows(k)` lists the rows whose key is k, in row order.
 */
export class GroupIndex {
  private readonly offsets: Int32Array;
  private readonly members: Int32Array;
  private readonly extra = new Map<number, number[]>();

  constructor(keys: Int32Array, keyCount: number) {
    this.offsets = new Int32Array(keyCount + 1);
    for (const k of keys) if (k >= 0) (this.offsets[k + 1] as number)++;
    for (let k = 0; k < keyCount; k++)
      this.offsets[k + 1] = (this.offsets[k + 1] as number) + (this.offsets[k] as number);
    const fill = this.offsets.slice(0, keyCount);
    this.members = new Int32Array(this.offsets[keyCount] as number);
    keys.forEach((k, row) => {
      if (k >= 0) this.members[(fill[k] as number)++] = row;
    });
  }

  /** Adds a row after construction (live mode). */
  add(key: number, row: number): void {
    const list = this.extra.get(key);
    if (list) list.push(row);
    else this.extra.set(key, [row]);
  }

  rows(key: number): number[] {
    const base =
      key >= 0 && key + 1 < this.offsets.length
        ? Array.from(this.members.subarray(this.offsets[key] as number, this.offsets[key + 1] as number))
        : [];
    const more = this.extra.get(key);
    return more ? base.concat(more) : base;
  }
}

/** Lookup from a numeric id to a row: sorted ids with binary search, plus a map for late additions. */
export class IdIndex {
  private readonly ids: Float64Array;
  private readonly rowsById: Int32Array;
  private readonly extra = new Map<number, number>();

  constructor(ids: Float64Array) {
    const order = Array.from(ids.keys()).sort((a, b) => (ids[a] as number) - (ids[b] as number));
    this.ids = Float64Array.from(order, (r) => ids[r] as number);
    this.rowsById = Int32Array.from(order);
  }

  add(id: number, row: number): void {
    this.extra.set(id, row);
  }

  find(id: number): number | undefined {
    let lo = 0;
    let hi = this.ids.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const v = this.ids[mid] as number;
      if (v === id) return this.rowsById[mid] as number;
      if (v < id) lo = mid + 1;
      else hi = mid - 1;
    }
    return this.extra.get(id);
  }
}
