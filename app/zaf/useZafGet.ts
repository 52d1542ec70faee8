import { useCallback, useEffect, useState } from 'react';
import { useClient } from './ClientProvider';

export type Loadable<T> =
  { status: 'loading' } | { status: 'ready'; value: T } | { status: 'error'; message: string };

/** Runs an async read once per `key` change and tracks it; `reload` runs it again. */
export function useLoadable<T>(load: () => Promise<T>, key: string): Loadable<T> & { reload: () => void } {
  const [state, setState] = useState<Loadable<T>>({ status: 'loading' });
  const [round, setRound] = useState(0);
  useEffect(() => {
    let isCurrent = true;
    setState({ status: 'loading' });
    load().then(
      (value) => isCurrent && setState({ status: 'ready', value }),
      (err: unknown) => isCurrent && setState({ status: 'error', message: describeError(err) }),
    );
    return () => {
      isCurrent = false;
    };
    // `load` is a fresh closure each render; `key` says when it means something new.
  }, [key, round]);
  const reload = useCallback(() => setRound((r) => r + 1), []);
  return { ...state, reload };
}

/** Reads one ZAF data path (e.g. 'ticket.organization'), failing on a per-path error. */
export function useZafGet<T>(path: string): Loadable<T> & { reload: () => void } {
  const client = useClient();
  return useLoadable(async () => {
    const result = await client.get(path);
    const err = result.errors?.[path];
    if (err) throw new Error(err.message);
    return result[path] as T;
  }, path);
}

/** A message for any rejection: Errors, jqXHR-like request failures, strings. */
export function describeError(err: unknown): string {
  if (err instanceof Error) return err.message;
  if (typeof err === 'string') return err;
  if (err && typeof err === 'object' && 'status' in err) {
    const e = err as { status: number; statusText?: string; responseText?: string };
    const body = e.responseText ? `: ${e.responseText.slice(0, 200)}` : '';
    return `HTTP ${e.status}${e.statusText ? ` ${e.statusText}` : ''}${body}`;
  }
  return String(err);
}
