// Average score over time as a plain SVG line chart (no chart library): 0–100 on the y axis, one
// point per period, optional threshold lines for the performance bands. Sized to its container.
import { useLayoutEffect, useRef, useState } from 'react';

export interface TrendPoint {
  /** Shown under the x axis, e.g. "Nov 3" or "2026-W45". */
  label: string;
  /** Average score 0–100; null when the period has no evaluations (the line breaks there). */
  value: number | null;
  count: number;
}

export interface Threshold {
  value: number;
  label: string;
}

const HEIGHT = 220;
const PAD = { top: 14, right: 16, bottom: 30, left: 40 };

export function TrendChart({ points, thresholds = [], testId }: { points: TrendPoint[]; thresholds?: Threshold[]; testId?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(640);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setWidth(el.clientWidth || 640));
    ro.observe(el);
    setWidth(el.clientWidth || 640);
    return () => ro.disconnect();
  }, []);

  const plotW = Math.max(40, width - PAD.left - PAD.right);
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const n = points.length;
  const x = (i: number) => PAD.left + (n <= 1 ? plotW / 2 : (i / (n - 1)) * plotW);
  const y = (v: number) => PAD.top + (1 - Math.max(0, Math.min(100, v)) / 100) * plotH;

  // Break the line where a period has no data.
  const segments: string[] = [];
  let current = '';
  points.forEach((p, i) => {
    if (p.value === null) {
      if (current) segments.push(current);
      current = '';
      return;
    }
    current += `${current ? 'L' : 'M'}${x(i).toFixed(1)},${y(p.value).toFixed(1)}`;
  });
  if (current) segments.push(current);

  // Labels no closer than ~64 px.
  const labelEvery = Math.max(1, Math.ceil((n * 64) / plotW));

  return (
    <div className="trend" ref={ref} data-testid={testId} data-points={points.filter((p) => p.value !== null).length}>
      {n === 0 ? (
        <div className="trend-empty subtle">No evaluations in this period.</div>
      ) : (
        <svg width={width} height={HEIGHT} role="img" aria-label="Average score over time">
          {[0, 25, 50, 75, 100].map((v) => (
            <g key={v}>
              <line x1={PAD.left} x2={PAD.left + plotW} y1={y(v)} y2={y(v)} className="trend-grid" />
              <text x={PAD.left - 8} y={y(v) + 4} className="trend-axis" textAnchor="end">
                {v}
              </text>
            </g>
          ))}
          {thresholds.map((t) => (
            <g key={t.label}>
              <line x1={PAD.left} x2={PAD.left + plotW} y1={y(t.value)} y2={y(t.value)} className="trend-threshold" />
              <text x={PAD.left + plotW} y={y(t.value) - 4} className="trend-threshold-label" textAnchor="end">
                {t.label} · {t.value}
              </text>
            </g>
          ))}
          {segments.map((d, i) => (
            <path key={i} d={d} className="trend-line" />
          ))}
          {points.map((p, i) =>
            p.value === null ? null : (
              <circle key={i} cx={x(i)} cy={y(p.value)} r={n > 60 ? 2 : 3.5} className="trend-dot">
                <title>{`${p.label}: ${p.value.toFixed(1)} average over ${p.count} evaluation${p.count === 1 ? '' : 's'}`}</title>
              </circle>
            ),
          )}
          {points.map((p, i) => {
            // Every labelEvery-th period, and the last one when it is not crowded by the previous label.
            const show = i % labelEvery === 0 || (i === n - 1 && (n - 1) % labelEvery >= labelEvery / 2);
            if (!show) return null;
            const anchor = n === 1 ? 'middle' : i === 0 ? 'start' : i === n - 1 ? 'end' : 'middle';
            return (
              <text key={`l${i}`} x={x(i)} y={HEIGHT - 10} className="trend-axis" textAnchor={anchor}>
                {p.label}
              </text>
            );
          })}
        </svg>
      )}
    </div>
  );
}
