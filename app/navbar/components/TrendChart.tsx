import { useEffect, useRef } from 'react';
import styled, { useTheme } from 'styled-components';
import { getColor } from '@zendeskgarden/react-theming';
import uPlot from 'uplot';

/** uPlot's own stylesheet, reduced to the layout rules it needs (the app has no CSS loader). */
const StyledChart = styled.div`
  .uplot,
  .u-wrap {
    position: relative;
  }
  .u-over,
  .u-under {
    position: absolute;
  }
  .u-over {
    overflow: hidden;
  }
  .u-axis {
    position: absolute;
  }
  .u-legend {
    display: none;
  }
  canvas {
    display: block;
  }
`;

const STYLE_COLOR = {
  main: 'foreground.primary',
  progress: 'foreground.primary',
  target: 'foreground.success',
  cost: 'foreground.danger',
} as const;

const StyledFigure = styled.figure`
  margin: 0;
`;

const StyledLegend = styled.ul`
  display: flex;
  flex-wrap: wrap;
  gap: ${({ theme }) => theme.space.md};
  margin: ${({ theme }) => theme.space.xs} 0 0;
  padding: 0;
  list-style: none;
  font-size: ${({ theme }) => theme.fontSizes.sm};
`;

const StyledSwatch = styled.span<{ $color: string; $isDashed: boolean }>`
  display: inline-block;
  width: 16px;
  margin-inline-end: ${({ theme }) => theme.space.xxs};
  vertical-align: middle;
  border-top: 2px ${({ $isDashed }) => ($isDashed ? 'dashed' : 'solid')} ${({ $color }) => $color};
`;

export interface ChartLine {
  label: string;
  values: Array<number | null>;
  /** 'target' lines are thin, 'progress' dashed, 'main' solid. */
  style: 'main' | 'progress' | 'target' | 'cost';
}

export interface ITrendChartProps {
  /** x values: seconds since the epoch for time axes, else plain numbers (e.g. months). */
  xs: number[];
  lines: ChartLine[];
  /** Vertical markers at x (settings events such as the portal launch). */
  markers?: Array<{ x: number; label: string }>;
  isTime: boolean;
  formatY: (v: number) => string;
  /** Accessible summary of what the chart shows. */
  label: string;
  height?: number;
}

/** A uPlot line chart in Garden colours; redrawn when the data or theme changes. */
export function TrendChart({
  xs,
  lines,
  markers = [],
  isTime,
  formatY,
  label,
  height = 220,
}: ITrendChartProps) {
  const theme = useTheme();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return undefined;
    const color = (variable: string) => getColor({ theme, variable });
    const axisStroke = color('foreground.subtle');
    const grid = { stroke: color('border.subtle'), width: 1 };
    const palette = {
      main: color(STYLE_COLOR.main),
      progress: color(STYLE_COLOR.progress),
      target: color(STYLE_COLOR.target),
      cost: color(STYLE_COLOR.cost),
    };
    const opts: uPlot.Options = {
      width: Math.max(320, el.clientWidth),
      height,
      scales: { x: { time: isTime } },
      legend: { show: false },
      cursor: { drag: { x: false, y: false } },
      axes: [
        // Months (ROI) are whole numbers: no tick at month 2.5.
        isTime ? { stroke: axisStroke, grid } : { stroke: axisStroke, grid, incrs: [1, 2, 3, 6, 12, 24] },
        { stroke: axisStroke, grid, size: 64, values: (_u, vals) => vals.map((v) => formatY(v)) },
      ],
      series: [
        {},
        ...lines.map((l) => ({
          label: l.label,
          stroke: palette[l.style],
          width: l.style === 'target' ? 1 : 2,
          dash: l.style === 'progress' || l.style === 'target' ? [6, 4] : undefined,
          spanGaps: false,
          points: { show: l.style === 'main' || l.style === 'progress' ? xs.length < 40 : false },
        })),
      ],
      hooks: {
        draw: [
          (u) => {
            const { ctx } = u;
            ctx.save();
            ctx.strokeStyle = color('foreground.warning');
            ctx.setLineDash([2, 3]);
            for (const m of markers) {
              const x = u.valToPos(m.x, 'x', true);
              ctx.beginPath();
              ctx.moveTo(x, u.bbox.top);
              ctx.lineTo(x, u.bbox.top + u.bbox.height);
              ctx.stroke();
            }
            ctx.restore();
          },
        ],
      },
    };
    const chart = new uPlot(opts, [xs, ...lines.map((l) => l.values)] as uPlot.AlignedData, el);
    const resize = new ResizeObserver(() => chart.setSize({ width: Math.max(320, el.clientWidth), height }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      chart.destroy();
    };
  }, [xs, lines, markers, isTime, formatY, height, theme]);
  return (
    <StyledFigure>
      <StyledChart ref={ref} role="img" aria-label={label} data-testid="chart" />
      <StyledLegend aria-hidden>
        {lines.map((l) => (
          <li key={l.label}>
            <StyledSwatch
              $color={getColor({ theme, variable: STYLE_COLOR[l.style] })}
              $isDashed={l.style !== 'main' && l.style !== 'cost'}
            />
            {l.label}
          </li>
        ))}
      </StyledLegend>
    </StyledFigure>
  );
}
