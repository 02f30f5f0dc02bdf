// A small inline-SVG step chart of running servers over the last minutes: enough to see a farm
// come up, lose a server and heal, without a chart library.
import type { SeriesPoint } from '../lib/running-series';
import { sparklineSummary } from '../lib/sparkline-summary';
import './running-sparkline.css';

const WIDTH = 280;
const HEIGHT = 56;
const PAD = 4;

export function RunningSparkline({
  points,
  windowMinutes,
  everRan,
}: {
  points: SeriesPoint[];
  windowMinutes: number;
  /** Whether any server of the farm ever ran: an empty chart then says "none lately", not "none yet". */
  everRan: boolean;
}) {
  const summary = sparklineSummary(points, windowMinutes, everRan);
  const from = points[0]?.at ?? 0;
  const to = points[points.length - 1]?.at ?? 1;
  // The scale needs a height of at least 1 server; the caption reports the real peak.
  const scale = Math.max(1, summary.peak);
  const x = (at: number) => PAD + ((at - from) / Math.max(1, to - from)) * (WIDTH - 2 * PAD);
  const y = (n: number) => HEIGHT - PAD - (n / scale) * (HEIGHT - 2 * PAD);
  let path = '';
  points.forEach((p, i) => {
    path +=
      i === 0
        ? `M${x(p.at).toFixed(1)},${y(p.running).toFixed(1)}`
        : `H${x(p.at).toFixed(1)}V${y(p.running).toFixed(1)}`;
  });
  return (
    <figure className="sparkline">
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        width={WIDTH}
        height={HEIGHT}
        role="img"
        aria-label={summary.label}
      >
        <line x1={PAD} x2={WIDTH - PAD} y1={HEIGHT - PAD} y2={HEIGHT - PAD} className="sparkline-axis" />
        <path d={`${path}V${HEIGHT - PAD}H${x(from)}Z`} className="sparkline-area" />
        <path d={path} className="sparkline-line" />
      </svg>
      <figcaption>
        {summary.empty ? (
          <span className="muted">{summary.empty}</span>
        ) : (
          <>
            <strong>{summary.now}</strong> running{' '}
            <span className="muted">
              · peak {summary.peak} · last {windowMinutes} min
            </span>
          </>
        )}
      </figcaption>
    </figure>
  );
}
