import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LOAD_FLOW_NAMES } from '../../lib/k6-and-node/load-flow-names.ts';
import { loadSettingsFrom, parseMix, parseThresholds } from '../../lib/k6-and-node/load-settings.ts';
import { shapeLengthS, shapeScenarios, SHAPES, type ShapeRequest } from '../../lib/k6-and-node/load-shapes.ts';
import { measuredThresholds } from '../../lib/load/measured-thresholds.ts';

describe('load settings', () => {
  it('--mix weights become shares that sum to 1; unknown flows and zero totals are refused by name', () => {
    assert.deepEqual(parseMix('userinfo=3,signup=1', LOAD_FLOW_NAMES), [
      { flow: 'userinfo', share: 0.75 },
      { flow: 'signup', share: 0.25 },
    ]);
    assert.throws(() => parseMix('nope=1', LOAD_FLOW_NAMES), /--mix: unknown flow "nope"/);
    assert.throws(() => parseMix('userinfo=0', LOAD_FLOW_NAMES), /at least one flow a weight above 0/);
  });

  it('--threshold takes an optional endpoint and maps to k6 expressions', () => {
    assert.deepEqual(parseThresholds(['p95<500', 'POST /oauth/token:p99<800', 'error_rate<0.01']), [
      { endpoint: undefined, metric: 'p95', expression: 'p(95)<500' },
      { endpoint: 'POST /oauth/token', metric: 'p99', expression: 'p(99)<800' },
      { endpoint: undefined, metric: 'error_rate', expression: 'rate<0.01' },
    ]);
    assert.throws(() => parseThresholds(['fast please']), /--threshold: "fast please"/);
  });

  it('defaults come from the shape; the mix defaults to every flow', () => {
    const s = loadSettingsFrom({ HARNESS_LOAD_SHAPE: 'average' }, LOAD_FLOW_NAMES);
    assert.equal(s.rate, 20);
    assert.equal(s.durationS, 300);
    assert.equal(s.model, 'open');
    assert.equal(s.sampleEvery, 20);
    assert.equal(s.mix.length, LOAD_FLOW_NAMES.length);
    assert.throws(
      () => loadSettingsFrom({ HARNESS_LOAD_SHAPE: 'wobbly' }, LOAD_FLOW_NAMES),
      /--shape: "wobbly" is not one of/,
    );
  });
});

describe('load shapes', () => {
  const mix = [
    { flow: 'userinfo', share: 0.5 },
    { flow: 'signup', share: 0.5 },
  ];
  /** The scenarios of a one-runner open-model run of `mix` at 10/s for 20 s, but for what `changes` says. */
  const scenariosOf = (changes: Partial<ShapeRequest>) =>
    shapeScenarios({
      shape: 'smoke',
      model: 'open',
      rate: 10,
      durationS: 20,
      mix,
      maxVUs: 10,
      runners: 1,
      ...changes,
    }) as Record<string, Record<string, unknown>>;

  it('every shape is open model by default: arrival-rate executors, one scenario per flow and phase, each tagged', () => {
    for (const shape of SHAPES) {
      const list = Object.values(scenariosOf({ shape })) as unknown as {
        executor: string;
        exec: string;
        tags: { phase: string; flow: string };
      }[];
      assert.ok(
        list.every((s) => s.executor.endsWith('arrival-rate')),
        shape,
      );
      assert.ok(
        list.some((s) => s.tags.phase === 'measured'),
        `${shape} has a measured phase`,
      );
      assert.ok(list.every((s) => s.exec === s.tags.flow));
    }
  });

  it("ramps are tagged apart from the measured hold, which starts after them at the flow's share of the rate", () => {
    const scenarios = scenariosOf({ shape: 'average' });
    assert.deepEqual(Object.keys(scenarios), [
      'userinfo_ramp_up',
      'userinfo_measured',
      'userinfo_ramp_down',
      'signup_ramp_up',
      'signup_measured',
      'signup_ramp_down',
    ]);
    assert.equal(scenarios.userinfo_ramp_up.executor, 'ramping-arrival-rate');
    assert.equal(scenarios.userinfo_measured.executor, 'constant-arrival-rate');
    assert.equal(scenarios.userinfo_measured.rate, 300); // 5/s as per minute
    assert.equal(scenarios.userinfo_measured.startTime, '4s');
    assert.equal(shapeLengthS('average', 20), 4 + 20 + 1);
  });

  it("each arrival-rate scenario pre-allocates VUs for its own share of the rate, not the whole run's", () => {
    const scenarios = scenariosOf({
      rate: 40,
      durationS: 5,
      mix: [
        { flow: 'userinfo', share: 0.9 },
        { flow: 'signup', share: 0.1 },
      ],
      maxVUs: 30,
    });
    assert.equal(scenarios.userinfo_measured.preAllocatedVUs, 30, '36/s, capped at maxVUs');
    assert.equal(scenarios.signup_measured.preAllocatedVUs, 4, '4/s');
    assert.equal(scenarios.signup_measured.maxVUs, 30);
  });

  it('a split run pre-allocates VUs for every runner: k6 shares them out between execution segments', () => {
    const userinfoOnly: Partial<ShapeRequest> = { durationS: 5, mix: [{ flow: 'userinfo', share: 1 }], maxVUs: 200 };
    const scenarios = scenariosOf({ ...userinfoOnly, rate: 6, runners: 3 });
    // 6/s over three runners is 2/s each: two VUs each, six in all (one run alone would get six too).
    assert.equal(scenarios.userinfo_measured.preAllocatedVUs, 6);
    const sparse = scenariosOf({ ...userinfoOnly, rate: 1, runners: 4 });
    assert.equal(sparse.userinfo_measured.preAllocatedVUs, 8, 'at least two for each of the four runners');
  });

  it('the closed model uses VU executors', () => {
    const scenarios = scenariosOf({ model: 'closed', rate: 2, durationS: 5 });
    assert.equal(scenarios.userinfo_measured.executor, 'constant-vus');
  });

  it('thresholds hold on the measured phase per endpoint, with user thresholds scoped to their endpoint', () => {
    const t = measuredThresholds(
      ['POST /oauth/token', 'GET /userinfo'],
      parseThresholds(['GET /userinfo:p95<200', 'error_rate<0.05']),
      false,
    );
    assert.deepEqual(t['http_req_duration{endpoint:GET /userinfo,phase:measured}'], ['max>=0', 'p(95)<200']);
    assert.deepEqual(t['http_req_duration{endpoint:POST /oauth/token,phase:measured}'], ['max>=0']);
    assert.deepEqual(t['http_req_failed{endpoint:POST /oauth/token,phase:measured}'], ['rate>=0', 'rate<0.05']);
    const aborting = measuredThresholds(['GET /userinfo'], parseThresholds(['p99<100']), true);
    assert.deepEqual(aborting['http_req_duration{endpoint:GET /userinfo,phase:measured}'][1], {
      threshold: 'p(99)<100',
      abortOnFail: true,
      delayAbortEval: '5s',
    });
  });
});
