import { useCallback, useEffect, useMemo, useState } from 'react';
import styled from 'styled-components';
import { Button } from '@zendeskgarden/react-buttons';
import { Field, Input } from '@zendeskgarden/react-forms';
import { Alert } from '@zendeskgarden/react-notifications';
import { LG, MD, SM } from '@zendeskgarden/react-typography';
import type { Metrics } from '../../../src/core/report';
import type { RoiInputs, Settings } from '../../../src/core/settings';
import { useI18n } from '../../i18n/I18nProvider';
import { useZafSession } from '../../zaf/ClientProvider';
import { describeError } from '../../zaf/useZafGet';
import { saveSettings } from '../api';
import { formatFigure, formatMoney } from '../transforms/format';
import { parseRoiInputs, roiFor } from '../transforms/roi';
import { TrendChart } from './TrendChart';

const FIELDS: Array<keyof RoiInputs> = [
  'cost_per_ticket',
  'subscription_per_month',
  'implementation_cost',
  'yearly_management_cost',
  'hours_saved_per_week',
  'hourly_rate',
];

const StyledInputs = styled.div`
  display: grid;
  grid-template-columns: repeat(auto-fill, minmax(200px, 1fr));
  gap: ${({ theme }) => theme.space.sm};
  align-items: end;
`;

const StyledResults = styled.dl`
  display: grid;
  grid-template-columns: repeat(auto-fill, minmax(180px, 1fr));
  gap: ${({ theme }) => theme.space.sm};
  dd {
    margin: 0;
  }
`;

export interface IRoiPanelProps {
  metrics: Metrics;
  settings: Settings;
  isAdmin: boolean;
  onSaved: (s: Settings) => void;
  /** The inputs as typed, when they are valid (the page's CSV export uses them); null otherwise. */
  onInputs?: (inputs: RoiInputs | null) => void;
}

const asText = (inputs: RoiInputs) =>
  Object.fromEntries(FIELDS.map((f) => [f, String(inputs[f])])) as Record<keyof RoiInputs, string>;

/** ROI of the portal from its cost and the window's deflection; admins save the inputs as settings. */
export function RoiPanel({ metrics, settings, isAdmin, onSaved, onInputs }: IRoiPanelProps) {
  const { t, locale } = useI18n();
  const session = useZafSession();
  const currency = session.settings.currency;
  const [raw, setRaw] = useState(() => asText(settings.roi));
  const [save, setSave] = useState<
    { status: 'idle' | 'saving' | 'saved' } | { status: 'error'; message: string }
  >({
    status: 'idle',
  });
  const parsed = useMemo(() => {
    try {
      return { inputs: parseRoiInputs(raw), error: null };
    } catch (err) {
      return { inputs: null, error: (err as Error).message };
    }
  }, [raw]);
  const roi = useMemo(() => (parsed.inputs ? roiFor(parsed.inputs, metrics) : null), [parsed, metrics]);
  useEffect(() => onInputs?.(parsed.inputs), [parsed, onInputs]);
  const chart = useMemo(
    () =>
      roi && {
        xs: roi.result.series.map((p) => p.month),
        lines: [
          {
            label: t('nav_bar.roi.gain'),
            values: roi.result.series.map((p) => p.cumulative_gain),
            style: 'main' as const,
          },
          {
            label: t('nav_bar.roi.cost'),
            values: roi.result.series.map((p) => p.cumulative_cost),
            style: 'cost' as const,
          },
        ],
      },
    [roi, t],
  );
  const money = useCallback((v: number) => formatMoney(v, locale, currency), [locale, currency]);
  const onSave = async () => {
    if (!parsed.inputs) return;
    setSave({ status: 'saving' });
    try {
      const { settings: next } = await saveSettings(session, { roi: parsed.inputs });
      onSaved(next);
      setSave({ status: 'saved' });
    } catch (err) {
      setSave({ status: 'error', message: describeError(err) });
    }
  };
  const results: Array<[string, string]> = roi
    ? [
        ['deflected', formatFigure(roi.estimate.perMonth, 'count', locale)],
        ['monthly', money(roi.result.support_savings_monthly + roi.result.labor_savings_monthly)],
        ['yearly', money(roi.result.support_savings_yearly + roi.result.labor_savings_yearly)],
        [
          'roi_percent',
          formatFigure(
            roi.result.roi_percent === null ? null : roi.result.roi_percent / 100,
            'percent',
            locale,
          ),
        ],
        [
          'breakeven',
          roi.result.breakeven_month === null
            ? t('nav_bar.roi.no_breakeven', { months: roi.result.months })
            : t('nav_bar.roi.month', { month: roi.result.breakeven_month }),
        ],
      ]
    : [];
  return (
    <>
      <StyledInputs>
        {FIELDS.map((f) => (
          <Field key={f}>
            <Field.Label>{t(`nav_bar.roi.${f}`)}</Field.Label>
            <Input
              type="number"
              min={0}
              step="any"
              data-testid={`roi-${f}`}
              value={raw[f]}
              onChange={(e) => {
                setRaw({ ...raw, [f]: e.target.value });
                setSave({ status: 'idle' });
              }}
            />
          </Field>
        ))}
        <div>
          <Button
            data-testid="roi-save"
            disabled={!isAdmin || parsed.inputs === null || save.status === 'saving'}
            onClick={() => void onSave()}
          >
            {t('nav_bar.roi.save')}
          </Button>
          {!isAdmin && <SM>{t('nav_bar.admin_only')}</SM>}
        </div>
      </StyledInputs>
      {parsed.error && (
        <Alert type="warning" role="alert">
          <Alert.Paragraph>{parsed.error}</Alert.Paragraph>
        </Alert>
      )}
      {save.status === 'saved' && <MD data-testid="roi-saved">{t('nav_bar.saved')}</MD>}
      {save.status === 'error' && (
        <Alert type="error" role="alert">
          <Alert.Paragraph>{save.message}</Alert.Paragraph>
        </Alert>
      )}
      {roi && (
        <>
          <StyledResults aria-label={t('nav_bar.roi.results')}>
            {results.map(([key, text]) => (
              <div key={key} data-testid={`roi-${key}`}>
                <dt>
                  <SM>{t(`nav_bar.roi.${key}`)}</SM>
                </dt>
                <dd>
                  <LG tag="span" isBold>
                    {text}
                  </LG>
                </dd>
              </div>
            ))}
          </StyledResults>
          <SM>{t(`nav_bar.roi.source_${roi.estimate.source}`)}</SM>
          {chart && (
            <TrendChart
              xs={chart.xs}
              lines={chart.lines}
              isTime={false}
              formatY={money}
              label={t('nav_bar.roi.chart_label', { months: roi.result.months })}
            />
          )}
        </>
      )}
    </>
  );
}
