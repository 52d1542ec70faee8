import styled, { css } from 'styled-components';
import { getColor } from '@zendeskgarden/react-theming';
import { Progress } from '@zendeskgarden/react-loaders';
import { Tooltip } from '@zendeskgarden/react-tooltips';
import { SM, XL } from '@zendeskgarden/react-typography';
import { useI18n } from '../../i18n/I18nProvider';
import { formatChange, formatFigure } from '../transforms/format';
import type { Kpi, KpiKey } from '../transforms/kpis';

const StyledGrid = styled.ul`
  display: grid;
  grid-template-columns: repeat(auto-fill, minmax(200px, 1fr));
  gap: ${({ theme }) => theme.space.sm};
  margin: 0;
  padding: 0;
  list-style: none;
`;

const StyledTile = styled.button<{ $isSelected: boolean }>`
  display: grid;
  gap: ${({ theme }) => theme.space.xxs};
  width: 100%;
  height: 100%;
  padding: ${({ theme }) => theme.space.sm};
  border: ${({ theme }) => theme.borders.sm};
  border-color: ${({ theme }) => getColor({ theme, variable: 'border.default' })};
  border-radius: ${({ theme }) => theme.borderRadii.md};
  background: ${({ theme }) => getColor({ theme, variable: 'background.default' })};
  color: inherit;
  text-align: start;
  cursor: pointer;
  ${({ $isSelected, theme }) =>
    $isSelected &&
    css`
      border-color: ${getColor({ theme, variable: 'border.primaryEmphasis' })};
      box-shadow: inset 0 0 0 1px ${getColor({ theme, variable: 'border.primaryEmphasis' })};
    `}
  &:focus-visible {
    outline: 2px solid ${({ theme }) => getColor({ theme, variable: 'border.primaryEmphasis' })};
  }
`;

const StyledName = styled(SM)`
  color: ${({ theme }) => getColor({ theme, variable: 'foreground.subtle' })};
  text-decoration: underline dotted;
`;

const StyledChange = styled(SM)<{ $trend: Kpi['trend'] }>`
  color: ${({ theme, $trend }) =>
    getColor({
      theme,
      variable:
        $trend === 'better'
          ? 'foreground.success'
          : $trend === 'worse'
            ? 'foreground.danger'
            : 'foreground.subtle',
    })};
`;

/** The definition again for screen readers and keyboard users, who get no hover. */
const StyledHidden = styled.span`
  position: absolute;
  width: 1px;
  height: 1px;
  overflow: hidden;
  clip: rect(0 0 0 0);
  white-space: nowrap;
`;

export interface IKpiTilesProps {
  kpis: Kpi[];
  showPrevious: boolean;
  showBaseline: boolean;
  selected: KpiKey;
  onSelect: (key: KpiKey) => void;
}

/** One tile per KPI: value, change, baseline, progress to target; the definition on hover or focus. */
export function KpiTiles({ kpis, showPrevious, showBaseline, selected, onSelect }: IKpiTilesProps) {
  const { t, locale } = useI18n();
  return (
    <StyledGrid aria-label={t('nav_bar.kpi.heading')}>
      {kpis.map((k) => {
        const name = t(`nav_bar.metric.${k.key}`);
        return (
          <li key={k.key}>
            <StyledTile
              type="button"
              $isSelected={selected === k.key}
              aria-pressed={selected === k.key}
              aria-describedby={`definition-${k.key}`}
              data-testid={`kpi-${k.key}`}
              onClick={() => onSelect(k.key)}
            >
              <Tooltip content={t(`nav_bar.definition.${k.key}`)} size="large" type="light">
                <StyledName tag="span">{name}</StyledName>
              </Tooltip>
              <StyledHidden id={`definition-${k.key}`}>{t(`nav_bar.definition.${k.key}`)}</StyledHidden>
              <XL tag="span" isBold data-testid="kpi-value">
                {formatFigure(k.value, k.kind, locale, t('nav_bar.no_data'))}
              </XL>
              {k.rate && k.rate.denominator > 0 && (
                <SM tag="span">
                  {t('nav_bar.kpi.of', {
                    numerator: formatFigure(k.rate.numerator, 'count', locale),
                    denominator: formatFigure(k.rate.denominator, 'count', locale),
                  })}
                </SM>
              )}
              {k.key === 'csat' && (
                <SM tag="span" data-testid="kpi-predicted">
                  {t('nav_bar.kpi.predicted', {
                    value: formatFigure(k.predicted, 'percent', locale, t('nav_bar.no_data')),
                  })}
                </SM>
              )}
              {showPrevious && (
                <StyledChange tag="span" $trend={k.trend} data-testid="kpi-change">
                  {t('nav_bar.kpi.vs_previous', { change: formatChange(k.change, k.kind, locale) })}
                </StyledChange>
              )}
              {showBaseline && (
                <SM tag="span" data-testid="kpi-baseline">
                  {k.baseline === null
                    ? t('nav_bar.kpi.no_baseline')
                    : t('nav_bar.kpi.vs_baseline', {
                        baseline: formatFigure(k.baseline, k.kind, locale),
                        change: formatChange(k.changeVsBaseline, k.kind, locale),
                      })}
                </SM>
              )}
              {k.progress !== null && k.target !== null && (
                <>
                  <SM tag="span">
                    {t('nav_bar.kpi.target', {
                      target: formatFigure(k.target, k.kind, locale),
                      progress: formatFigure(k.progress, 'percent', locale),
                    })}
                  </SM>
                  <Progress
                    size="small"
                    value={k.progress * 100}
                    aria-label={t('nav_bar.kpi.progress_label', { name })}
                  />
                </>
              )}
            </StyledTile>
          </li>
        );
      })}
    </StyledGrid>
  );
}
