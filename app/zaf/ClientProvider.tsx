import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { whenRegistered } from './registration';
import { parseSettings, type AppSettings } from './settings';
import type { ZafClient, ZafContext, ZafMetadata } from './types';

/** Everything a location needs from Zendesk once the app is registered. */
export interface ZafSession {
  client: ZafClient;
  context: ZafContext;
  metadata: ZafMetadata;
  settings: AppSettings;
}

const SessionContext = createContext<ZafSession | null>(null);

export interface IClientProviderProps {
  /** The SDK client, already initialised (the handshake is under way). */
  client: ZafClient;
  children: ReactNode;
}

/** Renders nothing until Zendesk has registered the app, then provides the session. */
export function ClientProvider({ client, children }: IClientProviderProps) {
  const [session, setSession] = useState<ZafSession | null>(null);
  useEffect(() => {
    let isCurrent = true;
    void whenRegistered(client).then(({ context, metadata }) => {
      if (isCurrent)
        setSession({ client, context, metadata, settings: parseSettings(metadata.settings ?? {}) });
    });
    return () => {
      isCurrent = false;
    };
  }, [client]);
  if (!session) return null;
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

/** The registered session; throws when used outside `ClientProvider`. */
export function useZafSession(): ZafSession {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useZafSession/useClient must be used inside <ClientProvider>');
  return session;
}

/** The ZAF client; throws when used outside `ClientProvider`. */
export function useClient(): ZafClient {
  return useZafSession().client;
}

/** Subscribes to a ZAF event for the component's lifetime. */
export function useZafEvent(event: string, handler: (data: unknown) => void): void {
  const client = useClient();
  useEffect(() => {
    client.on(event, handler);
    return () => client.off(event, handler);
  }, [client, event, handler]);
}
