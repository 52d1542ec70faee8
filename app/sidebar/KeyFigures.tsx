import styled from 'styled-components';
import { getColor } from '@zendeskgarden/react-theming';
import { SM } from '@zendeskgarden/react-typography';
import type { AccountKeyFigures } from '../../src/core/health/types';
import { useI18n } from '../i18n/I18nProvider';
import { formatFigure } from './format';

const StyledGrid = styled.dl`
  display: grid;
  grid-template-columns: 1fr auto;
  gap: ${({ theme }) => `${theme.space.xxs} ${theme.space.sm}`};
  margin: 0;
  dt {
    color: ${({ theme }) => getColor({ theme, variable: 'foreground.subtle' })};
  }
  dd {
    margin: 0;
    text-align: end;
    font-variant-numeric: tabular-nums;
  }
`;

export interface IKeyFiguresProps {
  figures: AccountKeyFigures;
  labelledBy: string;
}

/** The account's figures at a glance, as a term–value list screen readers read in pairs. */
export function KeyFigures({ figures: f, labelledBy }: IKeyFiguresProps) {
  const { t, locale } = useI18n();
  const pct = (v: number | null) => formatFigure(v, 'rate', locale);
  const count = (v: number | null) => formatFigure(v, 'count', locale);
  const rows: Array<[string, string]> = [
    [
      t('sidebar.kf.open'),
      t('sidebar.kf.open_value', { open: count(f.open_tickets), urgent: count(f.urgent_open_tickets) }),
    ],
    [
      t('sidebar.kf.csat'),
      `${pct(f.csat.value)} · ${t('sidebar.kf.predicted', { value: pct(f.predicted_csat) })}`,
    ],
    [t('sidebar.kf.fcr'), pct(f.fcr.value)],
    [t('sidebar.kf.tap'), pct(f.ticket_after_portal_rate.value)],
    [t('sidebar.kf.portal_users'), count(f.active_portal_users)],
    [
      t('sidebar.kf.volume'),
      f.baseline_tickets === null
        ? count(f.tickets_in_window)
        : t('sidebar.kf.volume_value', {
            count: count(f.tickets_in_window),
            baseline: count(f.baseline_tickets),
          }),
    ],
  ];
  return (
    <StyledGrid aria-labelledby={labelledBy} data-testid="key-figures">
      {rows.map(([term, value]) => (
        <SM key={term} tag="div" style={{ display: 'contents' }}>
          <dt>{term}</dt>
          <dd>{value}</dd>
        </SM>
      ))}
    </StyledGrid>
  );
}
