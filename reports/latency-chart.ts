import { parseMetricKey, thresholdAggregate } from './metric-key.ts';
import type { EndpointTimeline, PhaseSpan, TimelineSecond } from './metrics-timeline.ts';
import { MEASURED_PHASE } from './measured-phase.ts';
import type { ThresholdRow } from './run-summary.ts';
import { xmlEscape } from './xml-escape.ts';

// One endpoint's run as a picture: latency percentiles over time above, the rate achieved (and the
// failed requests in it) below, on a shared time axis. The series are the measured phase only; the
// phases around it are shaded and named, so a reader sees what was left out and why. The endpoint's
// latency thresholds are drawn as lines, crossed ones in red. Plain SVG, so it renders in Allure's
// attachment viewer, in a browser and in a CI artifact preview without any script.

export interface ChartContext {
  phases: readonly PhaseSpan[];
  /** The endpoint's thresholds (summary.json rows); latency ones are drawn, rate ones named. */
  thresholds: readonly ThresholdRow[];
}

const WIDTH = 760;
const LEFT = 56;
const RIGHT = 16;
const PLOT_W = WIDTH - LEFT - RIGHT;
const LAT_TOP = 48;
const LAT_H = 170;
const RATE_TOP = LAT_TOP + LAT_H + 34;
const RATE_H = 70;
const HEIGHT = RATE_TOP + RATE_H + 30;
const MAX_POINTS = PLOT_W / 2;

const SERIES = [
  { key: 'p50', label: 'p50', colour: '#2b8a3e' },
  { key: 'p95', label: 'p95', colour: '#e67700' },
  { key: 'p99', label: 'p99', colour: '#c92a2a' },
] as const;

/**
 * Merges neighbouring seconds so a long run still fits the width. A bin keeps the worst
 * percentile of its seconds (a latency spike must not be averaged away) and the mean rate.
 */
export function binSeconds(seconds: TimelineSecond[], maxPoints: number): TimelineSecond[] {
  if (seconds.length <= maxPoints) return seconds;
  const span = seconds[seconds.length - 1].t - seconds[0].t + 1;
  const width = Math.ceil(span / maxPoints);
  const bins = new Map<number, TimelineSecond & { n: number }>();
  for (const s of seconds) {
    const key = Math.floor((s.t - seconds[0].t) / width);
    const bin = bins.get(key);
    if (!bin) bins.set(key, { ...s, t: seconds[0].t + key * width, n: 1 });
    else {
      bin.requests += s.requests;
      bin.errors += s.errors;
      bin.p50 = Math.max(bin.p50, s.p50);
      bin.p95 = Math.max(bin.p95, s.p95);
      bin.p99 = Math.max(bin.p99, s.p99);
      bin.n++;
    }
  }
  // requests and errors become per-second means, so the rate axis still reads "per second"
  return [...bins.values()].map(({ n: _n, ...b }) => ({
    ...b,
    requests: b.requests / width,
    errors: b.errors / width,
  }));
}

/** A round axis maximum (1, 2 or 5 × 10ⁿ) at or above the value. */
export function niceCeiling(value: number): number {
  if (value <= 0) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  return [1, 2, 5, 10].map((m) => m * magnitude).find((v) => v >= value) as number;
}

/** A tick label: at most two decimals, and no trailing zeros after the point (100, 12.5, 0.25). */
export const fmt = (v: number) => {
  const text = v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2);
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
};

function axis(top: number, height: number, max: number, unit: string): string {
  const ticks = [0, 0.5, 1].map((f) => {
    const y = top + height - f * height;
    return `<line x1="${LEFT}" x2="${WIDTH - RIGHT}" y1="${y}" y2="${y}" stroke="#e9ecef"/><text x="${LEFT - 6}" y="${y + 4}" text-anchor="end">${fmt(f * max)}</text>`;
  });
  return `${ticks.join('')}<text x="${LEFT - 6}" y="${top - 8}" text-anchor="end">${unit}</text>`;
}

// A threshold line far above the data would flatten the series into the axis: past this many times
// the worst p99 it is named at the top edge instead of drawn to scale.
const THRESHOLD_HEADROOM = 4;

interface ThresholdLine {
  label: string;
  limit: number;
  ok: boolean;
}

/** The endpoint's http_req_duration thresholds with a numeric limit (`p(95)<500` → 500 ms). */
function latencyLines(thresholds: readonly ThresholdRow[]): ThresholdLine[] {
  return thresholds.flatMap((t) => {
    if (parseMetricKey(t.metric).name !== 'http_req_duration') return [];
    const limit = Number(/[<>]=?\s*(-?[\d.]+)\s*$/.exec(t.expression)?.[1]);
    if (!Number.isFinite(limit) || !thresholdAggregate(t.expression)) return [];
    return [{ label: t.expression.replace(/\s+/g, ''), limit, ok: t.ok }];
  });
}

const PHASE_LABEL: Record<string, string> = {
  warmup: 'warm-up',
  'ramp-up': 'ramp-up',
  'ramp-down': 'ramp-down',
  [MEASURED_PHASE]: 'measured',
};

export function latencyChartSvg(
  timeline: EndpointTimeline,
  context: ChartContext = { phases: [], thresholds: [] },
): string {
  const seconds = binSeconds(timeline.seconds, MAX_POINTS);
  const { phases } = context;
  const t0 = Math.min(seconds[0]?.t ?? Infinity, ...phases.map((p) => p.from));
  const last = Math.max((seconds[seconds.length - 1]?.t ?? -Infinity) + 1, ...phases.map((p) => p.to));
  const from = Number.isFinite(t0) ? t0 : 0;
  const t1 = Math.max(from + 1, Number.isFinite(last) ? last : 1);
  const x = (t: number) => LEFT + ((t - from) / (t1 - from)) * PLOT_W;
  const worst = Math.max(0, ...seconds.map((s) => s.p99));
  const thresholdLines = latencyLines(context.thresholds);
  const drawn = thresholdLines.filter((l) => l.limit <= Math.max(worst, 1) * THRESHOLD_HEADROOM);
  const offScale = thresholdLines.filter((l) => !drawn.includes(l));
  const latMax = niceCeiling(Math.max(worst, ...drawn.map((l) => l.limit)));
  const rateMax = niceCeiling(Math.max(0, ...seconds.map((s) => s.requests)));
  const yLat = (v: number) => LAT_TOP + LAT_H - (v / latMax) * LAT_H;
  const yRate = (v: number) => RATE_TOP + RATE_H - (v / rateMax) * RATE_H;
  const barW = Math.max(1, PLOT_W / Math.max(1, t1 - from) - 1);

  const phaseMarks = phases.map((p) => {
    const [x0, x1] = [x(p.from), x(p.to)];
    const label = PHASE_LABEL[p.name] ?? p.name;
    const measured = p.name === MEASURED_PHASE;
    const shade = measured
      ? ''
      : `<rect x="${x0.toFixed(1)}" y="${LAT_TOP}" width="${(x1 - x0).toFixed(1)}" height="${RATE_TOP + RATE_H - LAT_TOP}" fill="#f1f3f5"><title>${xmlEscape(label)}: not measured</title></rect>`;
    const edge = `<line x1="${x0.toFixed(1)}" x2="${x0.toFixed(1)}" y1="${LAT_TOP}" y2="${RATE_TOP + RATE_H}" stroke="#adb5bd" stroke-dasharray="2 3"/>`;
    const name = `<text x="${((x0 + x1) / 2).toFixed(1)}" y="${LAT_TOP + 12}" text-anchor="middle" fill="#868e96">${xmlEscape(measured ? label : `${label} (left out)`)}</text>`;
    return shade + edge + name;
  });
  const lines = SERIES.map(({ key, colour }) => {
    const pts = seconds
      .filter((s) => s.requests > 0)
      .map((s) => `${x(s.t + 0.5).toFixed(1)},${yLat(s[key]).toFixed(1)}`);
    if (pts.length === 1)
      return `<circle cx="${pts[0].split(',')[0]}" cy="${pts[0].split(',')[1]}" r="3" fill="${colour}"/>`;
    return `<polyline fill="none" stroke="${colour}" stroke-width="1.6" points="${pts.join(' ')}"/>`;
  });
  const thresholdLine = (l: ThresholdLine, y: number, label: string) => {
    const colour = l.ok ? '#495057' : '#e03131';
    return `<line class="threshold" x1="${LEFT}" x2="${WIDTH - RIGHT}" y1="${y.toFixed(1)}" y2="${y.toFixed(1)}" stroke="${colour}" stroke-width="1.2" stroke-dasharray="6 4"><title>threshold ${xmlEscape(l.label)} ${l.ok ? 'held' : 'crossed'}</title></line>${label}`;
  };
  const thresholdMarks = [
    ...drawn.map((l) => {
      const y = yLat(l.limit);
      const label = `<text x="${WIDTH - RIGHT - 4}" y="${(y - 4).toFixed(1)}" text-anchor="end" fill="${l.ok ? '#495057' : '#e03131'}">${xmlEscape(l.label)} ms${l.ok ? '' : ' crossed'}</text>`;
      return thresholdLine(l, y, label);
    }),
    // Far above the data: drawn on the top edge, with their limits named.
    ...offScale.map((l) => thresholdLine(l, LAT_TOP, '')),
    offScale.length
      ? `<text x="${WIDTH - RIGHT - 4}" y="${LAT_TOP - 4}" text-anchor="end" fill="#495057">↑ above this scale: ${xmlEscape(offScale.map((l) => `${l.label} ms ${l.ok ? 'held' : 'crossed'}`).join(', '))}</text>`
      : '',
  ];
  const rateThresholds = context.thresholds
    .filter((t) => parseMetricKey(t.metric).name === 'http_req_failed')
    .map((t) => `${t.expression.replace(/\s+/g, '')} ${t.ok ? 'held' : 'CROSSED'}`);
  const bars = seconds.map((s) => {
    const ok = s.requests - s.errors;
    const okBar = `<rect x="${x(s.t).toFixed(1)}" y="${yRate(s.requests).toFixed(1)}" width="${barW.toFixed(1)}" height="${(yRate(s.errors) - yRate(s.requests)).toFixed(1)}" fill="#4c6ef5"><title>${fmt(ok)} ok/s</title></rect>`;
    const errBar = s.errors
      ? `<rect x="${x(s.t).toFixed(1)}" y="${yRate(s.errors).toFixed(1)}" width="${barW.toFixed(1)}" height="${(RATE_TOP + RATE_H - yRate(s.errors)).toFixed(1)}" fill="#fa5252"><title>${fmt(s.errors)} errors/s</title></rect>`
      : '';
    return okBar + errBar;
  });
  const legend = SERIES.map(
    ({ label, colour }, i) =>
      `<rect x="${LEFT + 8 + i * 70}" y="${LAT_TOP - 22}" width="12" height="3" fill="${colour}"/><text x="${LEFT + 24 + i * 70}" y="${LAT_TOP - 17}">${label}</text>`,
  );
  const timeTicks = [0, 0.25, 0.5, 0.75, 1].map(
    (f) =>
      `<text x="${(LEFT + f * PLOT_W).toFixed(1)}" y="${HEIGHT - 8}" text-anchor="middle">${fmt(from + f * (t1 - from))} s</text>`,
  );

  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="system-ui, sans-serif" font-size="11" fill="#343a40">`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="#fff"/>`,
    `<text x="${LEFT}" y="14" font-size="13" font-weight="600">${xmlEscape(timeline.endpoint)}</text>`,
    ...phaseMarks,
    axis(LAT_TOP, LAT_H, latMax, 'ms'),
    ...legend,
    ...lines,
    ...thresholdMarks,
    axis(RATE_TOP, RATE_H, rateMax, 'req/s'),
    `<text x="${LEFT + 8}" y="${RATE_TOP - 8}">${xmlEscape(`rate achieved (red: failed requests)${rateThresholds.length ? `; failed-request threshold ${rateThresholds.join(', ')}` : ''}`)}</text>`,
    ...bars,
    ...timeTicks,
    '</svg>',
  ].join('\n');
}
