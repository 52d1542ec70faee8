import { lazy, Suspense, useCallback, useState, type ComponentType, type LazyExoticComponent } from 'react';
import { ThemeProvider } from '@zendeskgarden/react-theming';
import { I18nProvider } from './i18n/I18nProvider';
import { GlobalStyle } from './theme/GlobalStyle';
import { gardenTheme, schemeFromEvent, type ColorScheme } from './theme/theme';
import { useZafEvent, useZafSession } from './zaf/ClientProvider';
import type { LocationName } from './zaf/types';

/** One lazily loaded component per manifest location: an agent downloads only the one it opens. */
const LOCATIONS: Record<LocationName, LazyExoticComponent<ComponentType>> = {
  ticket_sidebar: lazy(() => import(/* webpackChunkName: "ticket_sidebar" */ './locations/TicketSidebar')),
  organization_sidebar: lazy(
    () => import(/* webpackChunkName: "organization_sidebar" */ './locations/OrganizationSidebar'),
  ),
  nav_bar: lazy(() => import(/* webpackChunkName: "nav_bar" */ './locations/NavBar')),
};

function isLocationName(name: string): name is LocationName {
  return name in LOCATIONS;
}

export interface IAppProps {
  /** The scheme from the frame URL, used until Zendesk reports a change. */
  initialScheme: ColorScheme;
}

/** The registered app: theme, translations, and the component for this frame's location. */
export function App({ initialScheme }: IAppProps) {
  const { context } = useZafSession();
  const [scheme, setScheme] = useState<ColorScheme>(initialScheme);
  useZafEvent(
    'colorScheme.changed',
    useCallback((data: unknown) => setScheme(schemeFromEvent(data)), []),
  );
  const Location = isLocationName(context.location) ? LOCATIONS[context.location] : null;
  return (
    <ThemeProvider theme={gardenTheme(scheme)}>
      <GlobalStyle />
      <I18nProvider>
        <Suspense fallback={null}>{Location && <Location />}</Suspense>
      </I18nProvider>
    </ThemeProvider>
  );
}
