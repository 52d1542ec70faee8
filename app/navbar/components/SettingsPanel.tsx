import { useState } from 'react';
import styled from 'styled-components';
import { Button } from '@zendeskgarden/react-buttons';
import { Field, Fieldset, Input } from '@zendeskgarden/react-forms';
import { Alert } from '@zendeskgarden/react-notifications';
import { MD } from '@zendeskgarden/react-typography';
import type { Settings } from '../../../src/core/settings';
import { useI18n } from '../../i18n/I18nProvider';
import { useZafSession } from '../../zaf/ClientProvider';
import { describeError } from '../../zaf/useZafGet';
import { saveSettings } from '../api';
import {
  formFromSettings,
  patchFromForm,
  TARGET_KEYS,
  WEIGHT_KEYS,
  type SettingsForm,
} from '../transforms/settings-form';

const StyledGrid = styled.div`
  display: grid;
  grid-template-columns: repeat(auto-fill, minmax(200px, 1fr));
  gap: ${({ theme }) => theme.space.sm};
  margin-bottom: ${({ theme }) => theme.space.md};
`;

/** Targets, baseline, launch date and health weights; only admins see this tab. */
export function SettingsPanel({ settings, onSaved }: { settings: Settings; onSaved: (s: Settings) => void }) {
  const { t } = useI18n();
  const session = useZafSession();
  const [form, setForm] = useState<SettingsForm>(() => formFromSettings(settings));
  const [state, setState] = useState<
    { kind: 'idle' | 'saving' | 'saved' } | { kind: 'error'; message: string }
  >({
    kind: 'idle',
  });
  const onSave = async () => {
    try {
      const patch = patchFromForm(form);
      setState({ kind: 'saving' });
      const { settings: next } = await saveSettings(session, patch);
      onSaved(next);
      setState({ kind: 'saved' });
    } catch (err) {
      setState({ kind: 'error', message: describeError(err) });
    }
  };
  const input = (
    label: string,
    value: string,
    set: (v: string) => void,
    type = 'number',
    testId?: string,
  ) => (
    <Field key={label}>
      <Field.Label>{label}</Field.Label>
      <Input
        type={type}
        min={0}
        step="any"
        value={value}
        data-testid={testId}
        onChange={(e) => set(e.target.value)}
      />
    </Field>
  );
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void onSave();
      }}
    >
      <Fieldset>
        <Fieldset.Legend>{t('nav_bar.settings.targets')}</Fieldset.Legend>
        <StyledGrid>
          {TARGET_KEYS.map((k) =>
            input(
              t(
                k === 'self_service_score'
                  ? 'nav_bar.settings.target_ratio'
                  : 'nav_bar.settings.target_percent',
                {
                  name: t(`nav_bar.metric.${k}`),
                },
              ),
              form.targets[k],
              (v) => setForm({ ...form, targets: { ...form.targets, [k]: v } }),
              'number',
              `target-${k}`,
            ),
          )}
        </StyledGrid>
      </Fieldset>
      <Fieldset>
        <Fieldset.Legend>{t('nav_bar.settings.baseline')}</Fieldset.Legend>
        <StyledGrid>
          {input(t('nav_bar.settings.baseline_tickets_per_day'), form.baseline_tickets_per_day, (v) =>
            setForm({ ...form, baseline_tickets_per_day: v }),
          )}
          {input(
            t('nav_bar.settings.baseline_from'),
            form.baseline_from,
            (v) => setForm({ ...form, baseline_from: v }),
            'date',
          )}
          {input(
            t('nav_bar.settings.baseline_to'),
            form.baseline_to,
            (v) => setForm({ ...form, baseline_to: v }),
            'date',
          )}
          {input(
            t('nav_bar.settings.portal_launch_date'),
            form.portal_launch_date,
            (v) => setForm({ ...form, portal_launch_date: v }),
            'date',
          )}
        </StyledGrid>
      </Fieldset>
      <Fieldset>
        <Fieldset.Legend>{t('nav_bar.settings.weights')}</Fieldset.Legend>
        <StyledGrid>
          {WEIGHT_KEYS.map((k) =>
            input(t(`nav_bar.factor.${k}`), form.weights[k], (v) =>
              setForm({ ...form, weights: { ...form.weights, [k]: v } }),
            ),
          )}
        </StyledGrid>
      </Fieldset>
      <Button type="submit" isPrimary disabled={state.kind === 'saving'} data-testid="settings-save">
        {t('nav_bar.settings.save')}
      </Button>
      {state.kind === 'saved' && <MD data-testid="settings-saved">{t('nav_bar.saved')}</MD>}
      {state.kind === 'error' && (
        <Alert type="error" role="alert">
          <Alert.Paragraph>{state.message}</Alert.Paragraph>
        </Alert>
      )}
    </form>
  );
}
