import { useCallback, useEffect, useState } from 'react';
import { callBackend } from '../backend/client';
import { useZafSession, type ZafSession } from '../zaf/ClientProvider';
import { sidebarDataFromBackend, sidebarPath } from './from-backend';
import { LOAD_END_MARK, LOAD_START_MARK } from './marks';
import type { SidebarData, SidebarTarget } from './model';

export type SidebarState =
  | { status: 'loading' }
  /** `refreshing`: a cached answer is shown while this open's request is under way. */
  | { status: 'ready'; data: SidebarData; refreshing: boolean }
  | { status: 'error'; error: unknown };

const CACHE_PREFIX = 'portal-pulse:sidebar:';
/** An answer older than this is not shown even while refreshing: it could mislead. */
const CACHE_MAX_AGE_MS = 24 * 3_600_000;

function cacheKey(session: ZafSession, target: SidebarTarget): string {
  return `${CACHE_PREFIX}${session.context.account.subdomain}:${session.settings.mode}:${target.ticketId ?? ''}:${target.organizationId ?? ''}`;
}

function readCache(key: string): SidebarData | null {
  try {
    const raw = window.localStorage.getItem(key);
    if (!raw) return null;
    const { at, data } = JSON.parse(raw) as { at: number; data: SidebarData };
    return Date.now() - at < CACHE_MAX_AGE_MS ? data : null;
  } catch {
    return null;
  }
}

function writeCache(key: string, data: SidebarData): void {
  try {
    window.localStorage.setItem(key, JSON.stringify({ at: Date.now(), data }));
  } catch {
    // Storage full or disabled: the sidebar still works, only without the instant redraw.
  }
}

async function load(session: ZafSession, target: SidebarTarget): Promise<SidebarData> {
  if (session.settings.mode === 'backend')
    return sidebarDataFromBackend(await callBackend<unknown>(session, sidebarPath(target)));
  // Live mode's engine is its own chunk: backend installs never download it.
  const { loadLive } = await import(/* webpackChunkName: "sidebar_live" */ '../live/load-live');
  return loadLive(session, target);
}

/**
 * One load per open: the last answer for the same record is drawn at once from local storage,
 * and this open's request replaces it when it arrives.
 */
export function useSidebarData(target: SidebarTarget | null): SidebarState & { reload: () => void } {
  const session = useZafSession();
  const [state, setState] = useState<SidebarState>({ status: 'loading' });
  const [round, setRound] = useState(0);
  const key = target ? cacheKey(session, target) : null;
  useEffect(() => {
    if (!target || !key) return undefined;
    let isCurrent = true;
    const cached = round === 0 ? readCache(key) : null;
    setState(cached ? { status: 'ready', data: cached, refreshing: true } : { status: 'loading' });
    performance.mark(LOAD_START_MARK);
    load(session, target).then(
      (data) => {
        performance.mark(LOAD_END_MARK);
        if (!isCurrent) return;
        writeCache(key, data);
        setState({ status: 'ready', data, refreshing: false });
      },
      (error: unknown) => isCurrent && setState({ status: 'error', error }),
    );
    return () => {
      isCurrent = false;
    };
    // `target` is a fresh object each render; `key` says when it names another record.
  }, [key, round]);
  const reload = useCallback(() => setRound((r) => r + 1), []);
  return { ...state, reload };
}
