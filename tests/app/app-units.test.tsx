import fc from 'fast-check';
import { renderToString } from 'react-dom/server';
import { describeError } from '../../app/zaf/useZafGet';
import { ClientProvider, useClient } from '../../app/zaf/ClientProvider';
import { parseSettings } from '../../app/zaf/settings';
import { pickLocale, translate } from '../../app/i18n/translate';
import { schemeFromEvent, schemeFromUrl } from '../../app/theme/theme';
import type { ZafClient } from '../../app/zaf/types';
import { resolveZafPath } from '../../src/workbench/zaf-data';

describe('parseSettings', () => {
  it('reads what Zendesk hands over, strings included', () => {
    expect(
      parseSettings({
        backend_url: ' https://pulse.example.com/ ',
        cost_per_ticket: '12.5',
        currency: 'eur',
      }),
    ).toEqual({
      backendUrl: 'https://pulse.example.com',
      mode: 'backend',
      costPerTicket: 12.5,
      currency: 'EUR',
    });
  });

  it('falls back to live mode and defaults for blank or broken values', () => {
    expect(parseSettings({ backend_url: '', cost_per_ticket: '', currency: 'euros' })).toEqual({
      backendUrl: null,
      mode: 'live',
      costPerTicket: 15,
      currency: 'USD',
    });
    expect(parseSettings({ backend_url: 'pulse.example.com', cost_per_ticket: '-3' })).toMatchObject({
      backendUrl: null,
      costPerTicket: 15,
    });
  });

  it('never throws and always yields a usable cost and a three-letter currency', () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.constantFrom('backend_url', 'cost_per_ticket', 'currency'), fc.anything()),
        (raw) => {
          const s = parseSettings(raw);
          expect(s.costPerTicket).toBeGreaterThanOrEqual(0);
          expect(s.currency).toMatch(/^[A-Z]{3}$/);
          expect(s.mode).toBe(s.backendUrl ? 'backend' : 'live');
        },
      ),
    );
  });
});

describe('translate', () => {
  const en = { a: { b: 'Hello {{name}}, {{ count }} new', c: 'English only' } };
  const de = { a: { b: 'Hallo {{name}}, {{count}} neu' } };

  it('fills placeholders, and shows a missing key as itself', () => {
    expect(translate(de, 'a.b', { name: 'Ada', count: 3 })).toBe('Hallo Ada, 3 neu');
    expect(translate(de, 'a.c', {})).toBe('a.c');
    expect(translate(de, 'a.missing', {})).toBe('a.missing');
    expect(translate(en, 'a.b', { name: 'Ada' })).toBe('Hello Ada, {{ count }} new');
  });

  it('maps Zendesk locales to the ones shipped', () => {
    expect(['de', 'fr-CA', 'es-419', 'en-US', 'pt-BR', undefined].map(pickLocale)).toEqual([
      'de',
      'fr',
      'es',
      'en',
      'en',
      'en',
    ]);
  });
});

describe('color scheme', () => {
  it('follows the frame URL and the colorScheme.changed event, light by default', () => {
    expect(schemeFromUrl('?origin=x&colorScheme=dark')).toBe('dark');
    expect(schemeFromUrl('?origin=x')).toBe('light');
    expect(schemeFromEvent('dark')).toBe('dark');
    expect(schemeFromEvent({ colorScheme: 'weird' })).toBe('light');
  });
});

describe('ClientProvider and useClient', () => {
  const pending: ZafClient = {
    context: () => new Promise(() => undefined),
    metadata: () => new Promise(() => undefined),
  } as unknown as ZafClient;

  it('renders nothing until Zendesk has registered the app', () => {
    expect(
      renderToString(
        <ClientProvider client={pending}>
          <p>app</p>
        </ClientProvider>,
      ),
    ).toBe('');
  });

  it('throws when used outside the provider', () => {
    function Uses() {
      useClient();
      return null;
    }
    expect(() => renderToString(<Uses />)).toThrow('must be used inside <ClientProvider>');
  });
});

describe('describeError', () => {
  it('describes errors, request failures and strings', () => {
    expect(describeError(new Error('boom'))).toBe('boom');
    expect(describeError({ status: 401, statusText: 'Unauthorized', responseText: '{"error":"x"}' })).toBe(
      'HTTP 401 Unauthorized: {"error":"x"}',
    );
    expect(describeError({ status: 0, statusText: 'error' })).toBe('HTTP 0 error');
    expect(describeError('nope')).toBe('nope');
  });
});

describe('resolveZafPath', () => {
  const data = { ticket: { id: 7, organization: null, requester: { name: 'Ada' } }, currentUser: { id: 1 } };

  it('walks dotted paths of the location, with null for a ticket without organization', () => {
    expect(resolveZafPath(data, 'ticket.requester.name')).toBe('Ada');
    expect(resolveZafPath(data, 'ticket.organization')).toBeNull();
    expect(resolveZafPath(data, 'ticket.organization.name')).toBeUndefined();
  });

  it('fails for objects the location does not have, as Zendesk does', () => {
    expect(() => resolveZafPath(data, 'organization.name')).toThrow(
      'Could not find handler for: "organization.name"',
    );
  });
});
