import { useCallback, useEffect, useMemo, useState } from 'react';
import styled from 'styled-components';
import { Button } from '@zendeskgarden/react-buttons';
import { getColor } from '@zendeskgarden/react-theming';
import { Tabs } from '@zendeskgarden/react-tabs';
import { MD, SM } from '@zendeskgarden/react-typography';
import type { RoiInputs, Settings } from '../../src/core/settings';
import { ErrorNotice } from '../components/ErrorNotice';
import { Loading } from '../components/Loading';
import { useI18n } from '../i18n/I18nProvider';
import { useZafSession } from '../zaf/ClientProvider';
import { fetchMetrics, fetchSettings, type AccountRow, type SegmentFilter } from './api';
import { AccountsPanel } from './components/AccountsPanel';
import { AdoptionPanel } from './components/AdoptionPanel';
import { DataPanel } from './components/DataPanel';
import { KpiTiles } from './components/KpiTiles';
import { RoiPanel } from './components/RoiPanel';
import { SearchPanel } from './components/SearchPanel';
import { SettingsPanel } from './components/SettingsPanel';
import { Toolbar } from './components/Toolbar';
import { TrendSection } from './components/TrendSection';
import { accountCsvRows } from './transforms/accounts';
import { screenCsv, type ScreenFigure } from './transforms/csv';
import { roiCsvRows } from './transforms/roi';
import { buildKpis, type KpiKey } from './transforms/kpis';
import {
  adoptionFigures,
  featureFigures,
  kpiCsvRows,
  searchFigures,
  sectionCsvRows,
} from './transforms/sections';
import { dayEnd, intervalFor, periodQuery, resolveWindow, type WindowChoice } from './transforms/window';
import { shown, useData } from './useData';

const TABS = ['overview', 'adoption', 'search', 'accounts', 'roi', 'settings'] as const;
type Tab = (typeof TABS)[number];

const StyledHeader = styled.div`
  display: flex;
  flex-wrap: wrap;
  gap: ${({ theme }) => theme.space.sm};
  align-items: center;
  justify-content: space-between;
  margin-bottom: ${({ theme }) => theme.space.sm};
`;

const StyledPanel = styled.div`
  display: grid;
  gap: ${({ theme }) => theme.space.md};
  padding-top: ${({ theme }) => theme.space.md};
`;

const StyledData = styled.section`
  margin-top: ${({ theme }) => theme.space.xl};
  padding-top: ${({ theme }) => theme.space.sm};
  border-top: ${({ theme }) => theme.borders.sm};
  border-color: ${({ theme }) => getColor({ theme, variable: 'border.subtle' })};
`;

/** Saves text as a file from inside the app's frame. */
function download(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function useIsAdmin(): boolean {
  const { client } = useZafSession();
  const [isAdmin, setIsAdmin] = useState(false);
  useEffect(() => {
    let isCurrent = true;
    client.get('currentUser.role').then(
      (r) => isCurrent && setIsAdmin(r['currentUser.role'] === 'admin'),
      () => undefined,
    );
    return () => {
      isCurrent = false;
    };
  }, [client]);
  return isAdmin;
}

/** The metrics page for support leads: window and filters on top, one tab per question. */
export function MetricsPage({ backendUrl }: { backendUrl: string }) {
  const { t } = useI18n();
  const session = useZafSession();
  const isAdmin = useIsAdmin();
  const [choice, setChoice] = useState<WindowChoice>({ kind: 'preset', preset: '30d' });
  // Presets end at the newest data (known after the first answer), not at today: imports lag.
  const [anchor, setAnchor] = useState(() => dayEnd(Date.now()));
  const [compare, setCompare] = useState({ previous: true, baseline: true });
  const [segment, setSegment] = useState<SegmentFilter>({});
  const [tab, setTab] = useState<Tab>('overview');
  const [selectedKpi, setSelectedKpi] = useState<KpiKey>('ticket_after_portal_rate');
  const [savedSettings, setSavedSettings] = useState<{ settings: Settings; version: number } | null>(null);
  const [accountRows, setAccountRows] = useState<AccountRow[]>([]);
  const [roiInputs, setRoiInputs] = useState<RoiInputs | null>(null);

  const period = useMemo(() => resolveWindow(choice, anchor), [choice, anchor]);
  const settingsVersion = savedSettings?.version ?? 0;
  const metrics = useData(
    () => fetchMetrics(session, period, segment),
    JSON.stringify([period, segment, settingsVersion]),
  );
  const fetchedSettings = useData(() => fetchSettings(session), 'settings');
  const settings = savedSettings?.settings ?? shown(fetchedSettings)?.settings ?? null;
  const value = shown(metrics);

  useEffect(() => {
    if (metrics.status !== 'ready' || choice.kind !== 'preset' || metrics.value.data_as_of === null) return;
    const end = dayEnd(Date.parse(metrics.value.data_as_of));
    if (end !== anchor) setAnchor(end);
  }, [metrics, choice, anchor]);

  const kpis = useMemo(
    () =>
      value &&
      buildKpis(
        value.report.metrics,
        value.previous.report.metrics,
        value.baseline?.report.metrics ?? null,
        settings?.targets ?? null,
      ),
    [value, settings],
  );
  const onSaved = useCallback(
    (s: Settings) => setSavedSettings((prev) => ({ settings: s, version: (prev?.version ?? 0) + 1 })),
    [],
  );

  const exportCsv = () => {
    if (!value || !kpis) return;
    const m = value.report.metrics;
    const figures: ScreenFigure[] = kpiCsvRows(kpis);
    if (tab === 'adoption')
      figures.push(...sectionCsvRows('adoption', [...adoptionFigures(m), ...featureFigures(m)]));
    if (tab === 'search') {
      figures.push(...sectionCsvRows('search', searchFigures(m)));
      figures.push(
        ...m.content_gaps.map((g) => ({ section: 'content_gap', metric: g.query, value: g.count })),
      );
    }
    if (tab === 'accounts') figures.push(...accountCsvRows(accountRows));
    if (tab === 'roi' && roiInputs) figures.push(...roiCsvRows(roiInputs, m));
    const q = periodQuery(period);
    download(
      `portal-pulse-${tab}-${q.from.slice(0, 10)}-${q.to.slice(0, 10)}.csv`,
      screenCsv(figures, { ...q, dataAsOf: value.data_as_of }),
    );
  };

  const visibleTabs = TABS.filter((x) => x !== 'settings' || isAdmin);
  const loadingOrError =
    metrics.status === 'error' ? (
      <ErrorNotice message={metrics.message} onRetry={metrics.reload} />
    ) : (
      <Loading />
    );

  return (
    <>
      <StyledHeader>
        <SM data-testid="window-label" aria-live="polite">
          {t('nav_bar.window_label', {
            from: periodQuery(period).from.slice(0, 10),
            to: new Date(period.to - 1).toISOString().slice(0, 10),
            as_of: value?.data_as_of?.slice(0, 16).replace('T', ' ') ?? '–',
          })}
          {metrics.status === 'loading' && value ? ` ${t('nav_bar.updating')}` : ''}
        </SM>
        <Button size="small" data-testid="export-csv" disabled={!value} onClick={exportCsv}>
          {t('nav_bar.export_csv')}
        </Button>
      </StyledHeader>
      <Toolbar
        choice={choice}
        period={period}
        onChoice={setChoice}
        compare={compare}
        onCompare={setCompare}
        segment={segment}
        onSegment={setSegment}
      />
      <Tabs selectedItem={tab} onChange={(item: Tab) => setTab(item)}>
        <Tabs.TabList>
          {visibleTabs.map((x) => (
            <Tabs.Tab key={x} item={x} data-testid={`tab-${x}`}>
              {t(`nav_bar.tabs.${x}`)}
            </Tabs.Tab>
          ))}
        </Tabs.TabList>
        <Tabs.TabPanel item="overview">
          <StyledPanel>
            {kpis ? (
              <KpiTiles
                kpis={kpis}
                showPrevious={compare.previous}
                showBaseline={compare.baseline}
                selected={selectedKpi}
                onSelect={setSelectedKpi}
              />
            ) : (
              loadingOrError
            )}
            {tab === 'overview' && (
              <TrendSection
                kpi={selectedKpi}
                period={period}
                interval={intervalFor(period)}
                segment={segment}
                settings={settings}
              />
            )}
          </StyledPanel>
        </Tabs.TabPanel>
        <Tabs.TabPanel item="adoption">
          <StyledPanel>
            {value ? <AdoptionPanel metrics={value.report.metrics} /> : loadingOrError}
          </StyledPanel>
        </Tabs.TabPanel>
        <Tabs.TabPanel item="search">
          <StyledPanel>{value ? <SearchPanel metrics={value.report.metrics} /> : loadingOrError}</StyledPanel>
        </Tabs.TabPanel>
        <Tabs.TabPanel item="accounts">
          <StyledPanel>{tab === 'accounts' && <AccountsPanel onRows={setAccountRows} />}</StyledPanel>
        </Tabs.TabPanel>
        <Tabs.TabPanel item="roi">
          <StyledPanel>
            {value && settings ? (
              <RoiPanel
                metrics={value.report.metrics}
                settings={settings}
                isAdmin={isAdmin}
                onSaved={onSaved}
                onInputs={setRoiInputs}
              />
            ) : (
              loadingOrError
            )}
          </StyledPanel>
        </Tabs.TabPanel>
        {isAdmin && (
          <Tabs.TabPanel item="settings">
            <StyledPanel>
              {settings ? <SettingsPanel settings={settings} onSaved={onSaved} /> : <Loading />}
            </StyledPanel>
          </Tabs.TabPanel>
        )}
      </Tabs>
      <StyledData aria-labelledby="data-heading">
        <MD tag="h2" id="data-heading" isBold>
          {t('nav_bar.backend_heading')}
        </MD>
        <DataPanel backendUrl={backendUrl} />
      </StyledData>
    </>
  );
}
