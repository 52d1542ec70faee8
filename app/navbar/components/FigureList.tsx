import styled from 'styled-components';
import { getColor } from '@zendeskgarden/react-theming';
import { Tooltip } from '@zendeskgarden/react-tooltips';
import { LG, SM } from '@zendeskgarden/react-typography';
import { useI18n } from '../../i18n/I18nProvider';
import { formatFigure, type FigureKind } from '../transforms/format';

const StyledList = styled.dl`
  display: grid;
  grid-template-columns: repeat(auto-fill, minmax(160px, 1fr));
  gap: ${({ theme }) => theme.space.sm};
  margin: 0;
  div {
    padding: ${({ theme }) => theme.space.sm};
    border: ${({ theme }) => theme.borders.sm};
    border-color: ${({ theme }) => getColor({ theme, variable: 'border.subtle' })};
    border-radius: ${({ theme }) => theme.borderRadii.md};
  }
  dd {
    margin: 0;
  }
`;

export interface Figure {
  key: string;
  value: number | null;
  kind: FigureKind;
}

/** Labelled figures with their definitions on hover (adoption, search). */
export function FigureList({ figures, label }: { figures: Figure[]; label: string }) {
  const { t, locale } = useI18n();
  return (
    <StyledList aria-label={label}>
      {figures.map((f) => (
        <div key={f.key} data-testid={`figure-${f.key}`}>
          <dt>
            <Tooltip content={t(`nav_bar.definition.${f.key}`)} size="large" type="light">
              <SM tag="span" tabIndex={0}>
                {t(`nav_bar.metric.${f.key}`)}
              </SM>
            </Tooltip>
          </dt>
          <dd>
            <LG tag="span" isBold>
              {formatFigure(f.value, f.kind, locale, t('nav_bar.no_data'))}
            </LG>
          </dd>
        </div>
      ))}
    </StyledList>
  );
}
