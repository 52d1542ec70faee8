import styled from 'styled-components';
import { getColor } from '@zendeskgarden/react-theming';
import { SM } from '@zendeskgarden/react-typography';
import type { HealthFactor } from '../../src/core/health/types';
import { useI18n } from '../i18n/I18nProvider';
import { factorReason, orderFactors } from './format';

const StyledList = styled.ul`
  display: grid;
  gap: ${({ theme }) => theme.space.xxs};
  margin: 0;
  padding: 0;
  list-style: none;
`;

const StyledItem = styled.li`
  display: flex;
  justify-content: space-between;
  gap: ${({ theme }) => theme.space.xs};
`;

const StyledPoints = styled(SM)`
  flex: none;
  font-variant-numeric: tabular-nums;
  color: ${({ theme }) => getColor({ theme, variable: 'foreground.subtle' })};
`;

export interface IFactorListProps {
  factors: readonly HealthFactor[];
  labelledBy: string;
}

const StyledMissing = styled(SM)`
  color: ${({ theme }) => getColor({ theme, variable: 'foreground.subtle' })};
`;

/** Each factor with its points and why, the costliest first; those without data in one line. */
export function FactorList({ factors, labelledBy }: IFactorListProps) {
  const { t, locale } = useI18n();
  const ordered = orderFactors(factors);
  const counted = ordered.filter((f) => f.value !== null);
  const missing = ordered.filter((f) => f.value === null);
  return (
    <>
      <StyledList aria-labelledby={labelledBy} data-testid="health-factors">
        {counted.map((f) => (
          <StyledItem key={f.key} data-factor={f.key}>
            <SM>{factorReason(f, t, locale)}</SM>
            <StyledPoints>{t('sidebar.points', { points: f.points.toFixed(1) })}</StyledPoints>
          </StyledItem>
        ))}
      </StyledList>
      {missing.length > 0 && (
        <StyledMissing data-testid="factors-missing">
          {t('sidebar.factors_missing', {
            list: missing.map((f) => t(`sidebar.factor.${f.key}`)).join(', '),
          })}
        </StyledMissing>
      )}
    </>
  );
}
