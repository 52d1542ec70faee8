/**
 * Zeroed typed arrays for the engine's large columns, backed by SharedArrayBuffer.
 *
 * V8 counts the bytes of every ordinary ArrayBuffer as the isolate's external memory and, for
 * each ~64 MB allocated, starts a full mark-compact of the whole heap. When a million-ticket
 * tenant is prepared that heap holds ~6 million input records, so each collection costs seconds,
 * and preparing allocates several hundred MB of columns: that alone was most of prepare's time
 * (measured: 600 MB in 40 arrays = 15 s CPU of GC at that heap size). SharedArrayBuffer memory is
 * accounted per process and does not start those collections; it is still freed when the arrays
 * are collected. The arrays are never shared between threads.
 *
 * A browser frame that is not cross-origin isolated (a Zendesk app frame) has no
 * SharedArrayBuffer; there a plain ArrayBuffer does the same for the engine's single-threaded use.
 */
const Backing: ArrayBufferConstructor | SharedArrayBufferConstructor =
  typeof SharedArrayBuffer === 'function' ? SharedArrayBuffer : ArrayBuffer;

/** Zeroed bytes on the engine's backing (see above). */
export function zeroedBuffer(bytes: number): ArrayBufferLike {
  return new Backing(bytes);
}

export function float64s(n: number): Float64Array {
  return new Float64Array(new Backing(n * 8));
}

export function float32s(n: number): Float32Array {
  return new Float32Array(new Backing(n * 4));
}

export function int32s(n: number): Int32Array {
  return new Int32Array(new Backing(n * 4));
}

export function uint32s(n: number): Uint32Array {
  return new Uint32Array(new Backing(n * 4));
}

export function uint8s(n: number): Uint8Array {
  return new Uint8Array(new Backing(n));
}
