import { useCallback, useMemo, useState } from 'react';
import styled from 'styled-components';
import { Field, Select } from '@zendeskgarden/react-forms';
import { Well } from '@zendeskgarden/react-notifications';
import { LG, SM } from '@zendeskgarden/react-typography';
import type { Settings } from '../../../src/core/settings';
import type { I18n } from '../../i18n/I18nProvider';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { useI18n } from '../../i18n/I18nProvider';
import { useZafSession } from '../../zaf/ClientProvider';
import { fetchSettingsHistory, fetchTrend, type SegmentFilter, type SettingsChange } from '../api';
import { formatFigure } from '../transforms/format';
import { KPI_SPECS, type KpiKey } from '../transforms/kpis';
import { markersWithin, trendData } from '../transforms/trend';
import type { Period } from '../transforms/window';
import { shown, useData } from '../useData';
import { TrendChart, type ChartLine } from './TrendChart';

type Translate = I18n['t'];

const StyledHead = styled.div`
  display: flex;
  flex-wrap: wrap;
  gap: ${({ theme }) => theme.space.md};
  align-items: flex-end;
  justify-content: space-between;
`;

export interface ITrendSectionProps {
  kpi: KpiKey;
  period: Period;
  interval: 'day' | 'week';
  /** The page's segment filters, so the trend shows the same slice as the tiles. */
  segment: SegmentFilter;
  settings: Settings | null;
}

/** Settings that change what the figures mean, drawn as markers on every trend. */
function settingsEvents(settings: Settings | null, changes: SettingsChange[], t: Translate) {
  const events: Array<{ at: number; label: string }> = changes.map((c) => ({
    at: Date.parse(c.at),
    label: t('nav_bar.trend.settings_changed', {
      date: c.at.slice(0, 10),
      keys: c.keys.join(', '),
    }),
  }));
  if (!settings) return events;
  if (settings.portal_launch_date !== null)
    events.push({ at: settings.portal_launch_date, label: t('nav_bar.trend.portal_launch') });
  if (settings.baseline.from !== null)
    events.push({ at: settings.baseline.from, label: t('nav_bar.trend.baseline_start') });
  if (settings.baseline.to !== null)
    events.push({ at: settings.baseline.to, label: t('nav_bar.trend.baseline_end') });
  return events;
}

/** The selected KPI over the window, day by day or week by week, with its target and markers. */
export function TrendSection({ kpi, period, interval: suggested, segment, settings }: ITrendSectionProps) {
  const { t, locale } = useI18n();
  const [chosen, setChosen] = useState<'auto' | 'day' | 'week'>('auto');
  const interval = chosen === 'auto' ? suggested : chosen;
  const session = useZafSession();
  const spec = KPI_SPECS[kpi];
  const trend = useData(
    () => fetchTrend(session, spec.series, period, interval, segment),
    `${spec.series}|${period.from}|${period.to}|${interval}|${JSON.stringify(segment)}`,
  );
  const value = shown(trend);
  const target = spec.target && settings ? settings.targets[spec.target] : null;
  const name = t(`nav_bar.metric.${kpi}`);
  const seriesName = kpi === 'ticket_volume' ? t('nav_bar.metric.deflected_tickets_vs_baseline') : name;
  const data = useMemo(() => (value ? trendData(value.series.points, target) : null), [value, target]);
  const lines = useMemo<ChartLine[]>(() => {
    if (!data) return [];
    const out: ChartLine[] = [
      { label: seriesName, values: data.done, style: 'main' },
      { label: t('nav_bar.trend.in_progress'), values: data.inProgress, style: 'progress' },
    ];
    if (data.target) out.push({ label: t('nav_bar.trend.target'), values: data.target, style: 'target' });
    return out;
  }, [data, seriesName, t]);
  const history = useData(
    () => fetchSettingsHistory(session, period),
    `${period.from}|${period.to}|${settings ? JSON.stringify(settings) : ''}`,
  );
  const changes = shown(history);
  const markers = useMemo(
    () => markersWithin(settingsEvents(settings, changes ?? [], t), period.from, period.to),
    [settings, changes, t, period],
  );
  const kind = kpi === 'ticket_volume' ? 'count' : spec.kind;
  const formatY = useCallback((v: number) => formatFigure(v, kind, locale), [kind, locale]);

  let body;
  if (trend.status === 'error')
    body =
      trend.httpStatus === 404 ? (
        <Well isRecessed>
          <Well.Paragraph>{t('nav_bar.not_available')}</Well.Paragraph>
        </Well>
      ) : (
        <ErrorNotice message={trend.message} onRetry={trend.reload} />
      );
  else if (!data) body = <Loading />;
  else
    body = (
      <>
        <TrendChart
          xs={data.xs}
          lines={lines}
          markers={markers}
          isTime
          formatY={formatY}
          label={t('nav_bar.trend.chart_label', {
            name: seriesName,
            interval: t(`nav_bar.trend.${interval}`),
          })}
        />
        <SM>
          {t('nav_bar.trend.legend')}
          {markers.length > 0 && ` ${markers.map((m) => m.label).join(', ')}`}
        </SM>
      </>
    );
  return (
    <section aria-labelledby="trend-heading" data-testid="trend">
      <StyledHead>
        <LG tag="h2" id="trend-heading" isBold>
          {t('nav_bar.trend.heading', { name: seriesName })}
        </LG>
        <Field>
          <Field.Label isRegular>{t('nav_bar.trend.interval')}</Field.Label>
          <Select
            isCompact
            data-testid="interval-select"
            value={chosen}
            onChange={(e) => setChosen(e.target.value as typeof chosen)}
          >
            <option value="auto">
              {t('nav_bar.trend.auto', { interval: t(`nav_bar.trend.${suggested}`) })}
            </option>
            <option value="day">{t('nav_bar.trend.daily')}</option>
            <option value="week">{t('nav_bar.trend.weekly')}</option>
          </Select>
        </Field>
      </StyledHead>
      {body}
    </section>
  );
}
