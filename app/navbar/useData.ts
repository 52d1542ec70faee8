import { useCallback, useEffect, useRef, useState } from 'react';
import { describeError } from '../zaf/useZafGet';

export type Fetched<T> =
  | { status: 'loading'; previous: T | null }
  | { status: 'ready'; value: T }
  | { status: 'error'; message: string; httpStatus: number | null };

function httpStatusOf(err: unknown): number | null {
  return err && typeof err === 'object' && 'status' in err && typeof err.status === 'number'
    ? err.status
    : null;
}

/**
 * A proxy timeout (status 0) or a gateway error: the backend may still be preparing the tenant's
 * data after a restart, which can outlast the proxy's timeout, so the same call soon succeeds.
 */
const isTransient = (status: number | null) =>
  status === 0 || status === 502 || status === 503 || status === 504;
const RETRIES = 3;
const RETRY_DELAY_MS = 2000;

/**
 * Loads once per `key`, keeping the last value while the next loads so a filter change redraws in
 * place instead of flashing a skeleton; a late answer for an old key is dropped. Transient
 * failures are retried a few times before they are shown.
 */
export function useData<T>(load: () => Promise<T>, key: string | null): Fetched<T> & { reload: () => void } {
  const [state, setState] = useState<Fetched<T>>({ status: 'loading', previous: null });
  const [round, setRound] = useState(0);
  const last = useRef<T | null>(null);
  useEffect(() => {
    if (key === null) return undefined;
    let isCurrent = true;
    setState({ status: 'loading', previous: last.current });
    let timer: ReturnType<typeof setTimeout> | undefined;
    const attempt = (retriesLeft: number) =>
      load().then(
        (value) => {
          if (!isCurrent) return;
          last.current = value;
          setState({ status: 'ready', value });
        },
        (err: unknown) => {
          if (!isCurrent) return;
          const httpStatus = httpStatusOf(err);
          if (retriesLeft > 0 && isTransient(httpStatus)) {
            timer = setTimeout(() => attempt(retriesLeft - 1), RETRY_DELAY_MS);
            return;
          }
          setState({ status: 'error', message: describeError(err), httpStatus });
        },
      );
    attempt(RETRIES);
    return () => {
      isCurrent = false;
      clearTimeout(timer);
    };
    // `load` is a fresh closure each render; `key` says when it means something new.
  }, [key, round]);
  const reload = useCallback(() => setRound((r) => r + 1), []);
  return { ...state, reload };
}

/** The value to draw: the fresh one, or the previous one while the next loads. */
export function shown<T>(f: Fetched<T>): T | null {
  if (f.status === 'ready') return f.value;
  if (f.status === 'loading') return f.previous;
  return null;
}
