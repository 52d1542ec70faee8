/**
 * The floor for the sidebar's open-to-render time: a bare Garden "hello" app that registers
 * with ZAF the same way and renders one line, marking the moment as the health card does.
 */
import { useEffect } from 'react';
import { createRoot } from 'react-dom/client';
import { DEFAULT_THEME, ThemeProvider } from '@zendeskgarden/react-theming';
import { MD } from '@zendeskgarden/react-typography';
import { initClient } from '../app/zaf/connect';
import { whenRegistered } from '../app/zaf/registration';
import { HEALTH_CARD_MARK } from '../app/sidebar/marks';

function Hello() {
  useEffect(() => void performance.mark(HEALTH_CARD_MARK), []);
  return (
    <ThemeProvider theme={DEFAULT_THEME}>
      <MD>Hello</MD>
    </ThemeProvider>
  );
}

const client = initClient();
void whenRegistered(client).then(() => createRoot(document.getElementById('root')!).render(<Hello />));
