import styled from 'styled-components';
import { getColor } from '@zendeskgarden/react-theming';
import type { HealthTrendPoint } from '../../src/core/health/types';
import { sparklineSegments } from './format';

const WIDTH = 96;
const HEIGHT = 28;

const StyledSvg = styled.svg`
  flex: none;
  overflow: visible;
  polyline {
    fill: none;
    stroke: ${({ theme }) => getColor({ theme, variable: 'foreground.primary' })};
    stroke-width: 2;
    stroke-linejoin: round;
    stroke-linecap: round;
  }
  line {
    stroke: ${({ theme }) => getColor({ theme, variable: 'border.default' })};
    stroke-dasharray: 2 3;
  }
`;

export interface ISparklineProps {
  points: readonly HealthTrendPoint[];
  /** The text alternative: what the line shows, in words. */
  label: string;
}

/** The health trend as a tiny inline SVG, with the 70-point "healthy" line for reference. */
export function Sparkline({ points, label }: ISparklineProps) {
  const healthyY = HEIGHT - 0.7 * HEIGHT;
  return (
    <StyledSvg
      role="img"
      aria-label={label}
      width={WIDTH}
      height={HEIGHT}
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      data-testid="health-sparkline"
    >
      <line x1={0} x2={WIDTH} y1={healthyY} y2={healthyY} />
      {sparklineSegments(points, WIDTH, HEIGHT).map((segment) => (
        <polyline key={segment} points={segment} />
      ))}
    </StyledSvg>
  );
}
