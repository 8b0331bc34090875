// A metric's points as a line, drawn as SVG (no chart library: it keeps the bundle small), with the same
// data as a table for screen readers and for reading exact values.
import type { Metric } from '../api/types';

const W = 640, H = 220, PAD_L = 56, PAD_R = 16, PAD_T = 16, PAD_B = 32;

export function formatValue(value: number, unit: Metric['unit']): string {
  const n = Number.isInteger(value) ? value.toLocaleString() : value.toLocaleString(undefined, { maximumFractionDigits: 2 });
  switch (unit) {
    case 'USD': return `$${n}`;
    case 'percent': return `${n}%`;
    default: return n;
  }
}

export function MetricChart({ name, points }: { name: string; points: Metric[] }) {
  if (points.length === 0) return null;
  const unit = points[points.length - 1].unit;
  const times = points.map((p) => Date.parse(p.recordedAt));
  const values = points.map((p) => p.value);
  const t0 = Math.min(...times), t1 = Math.max(...times);
  let v0 = Math.min(...values), v1 = Math.max(...values);
  if (v0 === v1) { v0 -= 1; v1 += 1; }
  const x = (t: number) => PAD_L + (t1 === t0 ? (W - PAD_L - PAD_R) / 2 : ((t - t0) / (t1 - t0)) * (W - PAD_L - PAD_R));
  const y = (v: number) => PAD_T + (1 - (v - v0) / (v1 - v0)) * (H - PAD_T - PAD_B);
  const line = points.map((p, i) => `${x(times[i]).toFixed(1)},${y(p.value).toFixed(1)}`).join(' ');
  const latest = points[points.length - 1];
  const day = (t: number) => new Date(t).toLocaleDateString();

  return (
    <figure className="chart" data-testid={`chart-${name}`}>
      <figcaption>
        <strong>{name}</strong>: latest {formatValue(latest.value, unit)} ({points.length} point{points.length === 1 ? '' : 's'})
      </figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} role="img"
           aria-label={`${name} from ${day(t0)} to ${day(t1)}, between ${formatValue(Math.min(...values), unit)} and ${formatValue(Math.max(...values), unit)}`}>
        <line className="axis" x1={PAD_L} y1={H - PAD_B} x2={W - PAD_R} y2={H - PAD_B} />
        <line className="axis" x1={PAD_L} y1={PAD_T} x2={PAD_L} y2={H - PAD_B} />
        <text className="tick" x={PAD_L - 6} y={y(v1) + 4} textAnchor="end">{formatValue(v1, unit)}</text>
        <text className="tick" x={PAD_L - 6} y={y(v0) + 4} textAnchor="end">{formatValue(v0, unit)}</text>
        <text className="tick" x={PAD_L} y={H - 10}>{day(t0)}</text>
        <text className="tick" x={W - PAD_R} y={H - 10} textAnchor="end">{day(t1)}</text>
        <polyline className="series" points={line} />
        {points.map((p, i) => (
          <circle key={p.id} className="point" cx={x(times[i])} cy={y(p.value)} r={3.5}>
            <title>{`${new Date(p.recordedAt).toLocaleString()}: ${formatValue(p.value, unit)}`}</title>
          </circle>
        ))}
      </svg>
      <details>
        <summary>Data as a table</summary>
        <table>
          <thead><tr><th scope="col">When</th><th scope="col">Value</th></tr></thead>
          <tbody>
            {points.map((p) => (
              <tr key={p.id}><td>{new Date(p.recordedAt).toLocaleString()}</td><td>{formatValue(p.value, p.unit)}</td></tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
