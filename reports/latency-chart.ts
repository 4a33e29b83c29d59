import type { EndpointTimeline, TimelineSecond } from './metrics-timeline.ts';
import { xmlEscape } from './xml-escape.ts';

// One endpoint's run as a picture: latency percentiles over time above, the rate achieved (and the
// errors in it) below, on a shared time axis. Plain SVG, so it renders in Allure's attachment
// viewer, in a browser and in a CI artifact preview without any script.

const WIDTH = 760;
const LEFT = 56;
const RIGHT = 16;
const PLOT_W = WIDTH - LEFT - RIGHT;
const LAT_TOP = 34;
const LAT_H = 170;
const RATE_TOP = LAT_TOP + LAT_H + 34;
const RATE_H = 70;
const HEIGHT = RATE_TOP + RATE_H + 30;
const MAX_POINTS = PLOT_W / 2;

export const SERIES = [
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

export function latencyChartSvg(timeline: EndpointTimeline): string {
  const seconds = binSeconds(timeline.seconds, MAX_POINTS);
  const t0 = seconds[0]?.t ?? 0;
  const t1 = Math.max(t0 + 1, (seconds[seconds.length - 1]?.t ?? 0) + 1);
  const x = (t: number) => LEFT + ((t - t0) / (t1 - t0)) * PLOT_W;
  const latMax = niceCeiling(Math.max(0, ...seconds.map((s) => s.p99)));
  const rateMax = niceCeiling(Math.max(0, ...seconds.map((s) => s.requests)));
  const yLat = (v: number) => LAT_TOP + LAT_H - (v / latMax) * LAT_H;
  const yRate = (v: number) => RATE_TOP + RATE_H - (v / rateMax) * RATE_H;
  const barW = Math.max(1, PLOT_W / Math.max(1, t1 - t0) - 1);

  const lines = SERIES.map(({ key, colour }) => {
    const pts = seconds
      .filter((s) => s.requests > 0)
      .map((s) => `${x(s.t + 0.5).toFixed(1)},${yLat(s[key]).toFixed(1)}`);
    if (pts.length === 1)
      return `<circle cx="${pts[0].split(',')[0]}" cy="${pts[0].split(',')[1]}" r="3" fill="${colour}"/>`;
    return `<polyline fill="none" stroke="${colour}" stroke-width="1.6" points="${pts.join(' ')}"/>`;
  });
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
      `<text x="${(LEFT + f * PLOT_W).toFixed(1)}" y="${HEIGHT - 8}" text-anchor="middle">${fmt(t0 + f * (t1 - t0))} s</text>`,
  );

  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="system-ui, sans-serif" font-size="11" fill="#343a40">`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="#fff"/>`,
    `<text x="${WIDTH - RIGHT}" y="14" text-anchor="end" font-size="13" font-weight="600">${xmlEscape(timeline.endpoint)}</text>`,
    axis(LAT_TOP, LAT_H, latMax, 'ms'),
    ...legend,
    ...lines,
    axis(RATE_TOP, RATE_H, rateMax, 'req/s'),
    `<text x="${LEFT + 8}" y="${RATE_TOP - 8}">rate achieved (red: unexpected status)</text>`,
    ...bars,
    ...timeTicks,
    '</svg>',
  ].join('\n');
}
