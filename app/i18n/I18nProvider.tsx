import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useClient } from '../zaf/ClientProvider';
import { pickLocale, translate, type Dictionary, type Locale } from './translate';

export interface I18n {
  locale: Locale;
  t: (key: string, vars?: Record<string, string | number>) => string;
}

const I18nContext = createContext<I18n | null>(null);

/** Each locale is its own chunk, fetched only by agents who use it. */
async function loadDictionary(locale: Locale): Promise<Dictionary> {
  const mod = (await import(
    /* webpackChunkName: "locale-[request]" */ `../../translations/${locale}.json`
  )) as { default: Dictionary };
  return mod.default;
}

export interface II18nProviderProps {
  children: ReactNode;
}

/**
 * Loads the agent's language (from `currentUser.locale`) and only that: a test holds every
 * locale to every English key, so no fallback dictionary is fetched with each frame.
 */
export function I18nProvider({ children }: II18nProviderProps) {
  const client = useClient();
  const [dicts, setDicts] = useState<{ locale: Locale; dict: Dictionary } | null>(null);
  useEffect(() => {
    let isCurrent = true;
    void (async () => {
      const result = await client.get('currentUser.locale').catch(() => ({}) as Record<string, unknown>);
      const locale = pickLocale(result['currentUser.locale'] as string | undefined);
      const dict = await loadDictionary(locale);
      if (isCurrent) setDicts({ locale, dict });
    })();
    return () => {
      isCurrent = false;
    };
  }, [client]);
  const value = useMemo<I18n | null>(
    () =>
      dicts && {
        locale: dicts.locale,
        t: (key, vars) => translate(dicts.dict, key, vars),
      },
    [dicts],
  );
  if (!value) return null;
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

/** Translation for the current agent; throws outside `I18nProvider`. */
export function useI18n(): I18n {
  const i18n = useContext(I18nContext);
  if (!i18n) throw new Error('useI18n must be used inside <I18nProvider>');
  return i18n;
}
