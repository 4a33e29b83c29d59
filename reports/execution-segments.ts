// k6 execution segments: the share of a test one runner of a split run executes. k6-operator gives
// runner i of N (1-based) `--execution-segment=(i-1)/N:i/N` and `--execution-segment-sequence=
// 0,1/N,…,1`, writing 0 and 1 as `0` and `1`; k6 itself then decides which VUs, iterations and
// arrival-rate share belong to the segment. A merge holds the runners' segments to the same rule:
// together they must cover the test from 0 to 1, once.

export interface RunnerSegment {
  /** `--execution-segment`, e.g. `1/3:2/3`. */
  segment: string;
  /** `--execution-segment-sequence`, e.g. `0,1/3,2/3,1`. */
  sequence: string;
}

const point = (i: number, n: number) => (i === 0 ? '0' : i === n ? '1' : `${i}/${n}`);

/** The segment flags of runner `index` (1-based) of `count`, as k6-operator writes them. */
export function runnerSegment(index: number, count: number): RunnerSegment {
  return {
    segment: `${point(index - 1, count)}:${point(index, count)}`,
    sequence: Array.from({ length: count + 1 }, (_, i) => point(i, count)).join(','),
  };
}

/** A non-negative rational, kept exact: thirds do not add up in floating point. */
type Fraction = [numerator: number, denominator: number];

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

function reduced([n, d]: Fraction): Fraction {
  const g = gcd(n, d) || 1;
  return [n / g, d / g];
}

const compare = (a: Fraction, b: Fraction) => a[0] * b[1] - b[0] * a[1];

// k6 writes a segment's ends as fractions (1/3), decimals (0.5) or percentages (50%).
function parseFraction(text: string): Fraction | undefined {
  const value = text.trim();
  let m = /^(\d+)\/(\d+)$/.exec(value);
  if (m && Number(m[2]) > 0) return reduced([Number(m[1]), Number(m[2])]);
  m = /^(\d+)(?:\.(\d+))?(%?)$/.exec(value);
  if (!m) return undefined;
  const decimals = m[2] ?? '';
  const denominator = 10 ** decimals.length * (m[3] ? 100 : 1);
  return reduced([Number(m[1] + decimals), denominator]);
}

/** `from:to` (a lone value `x` is k6's `0:x`); undefined when it is not a segment within 0..1. */
function parseSegment(text: string): [from: Fraction, to: Fraction] | undefined {
  const parts = text.includes(':') ? text.split(':') : ['0', text];
  if (parts.length !== 2) return undefined;
  const [from, to] = parts.map(parseFraction);
  if (!from || !to || compare(from, to) >= 0 || compare(to, [1, 1]) > 0) return undefined;
  return [from, to];
}

const show = ([n, d]: Fraction) => (n === 0 ? '0' : n === d ? '1' : `${n}/${d}`);

export interface CoverageProblem {
  /** gap: part of the test no runner ran; overlap: part of it run twice; unreadable: not a segment. */
  kind: 'gap' | 'overlap' | 'unreadable';
  message: string;
}

/** What keeps the runners' segments from covering the test exactly once; undefined when they tile 0 to 1. */
export function segmentCoverage(segments: readonly string[]): CoverageProblem | undefined {
  const parsed = [];
  for (const text of segments) {
    const segment = parseSegment(text);
    if (!segment)
      return { kind: 'unreadable', message: `"${text}" is not an execution segment (from:to, between 0 and 1)` };
    parsed.push({ text, from: segment[0], to: segment[1] });
  }
  parsed.sort((a, b) => compare(a.from, b.from));
  let reached: Fraction = [0, 1];
  let previous: string | undefined;
  for (const s of parsed) {
    const step = compare(s.from, reached);
    if (step > 0) return { kind: 'gap', message: `no runner ran ${show(reached)}:${show(s.from)} of the test` };
    if (step < 0) return { kind: 'overlap', message: `segments ${previous} and ${s.text} overlap` };
    reached = s.to;
    previous = s.text;
  }
  return compare(reached, [1, 1]) < 0
    ? { kind: 'gap', message: `no runner ran ${show(reached)}:1 of the test` }
    : undefined;
}
