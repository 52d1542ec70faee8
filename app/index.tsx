import { createRoot } from 'react-dom/client';
import { App } from './App';
import { schemeFromUrl } from './theme/theme';
import { ClientProvider } from './zaf/ClientProvider';
import { initClient, NotInZendeskError } from './zaf/connect';

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');

try {
  const client = initClient();
  const root = createRoot(container);
  // Zendesk destroys the frame's app (ticket closed, app reloaded): unmounting runs every
  // effect's cleanup, so observers and event handlers go with it.
  client.on('app.willDestroy', () => root.unmount());
  root.render(
    <ClientProvider client={client}>
      <App initialScheme={schemeFromUrl(window.location.search)} />
    </ClientProvider>,
  );
} catch (err) {
  if (!(err instanceof NotInZendeskError)) throw err;
  container.textContent = err.message;
}
