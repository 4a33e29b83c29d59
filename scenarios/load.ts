// The load suite: the flows of lib/load/load-flows.ts mixed by weight, in a k6 load shape (smoke,
// average, stress, spike, soak, breakpoint), open model by default. Per-endpoint latency and error
// thresholds hold on the measured phase only; one response in N is checked for conformance.
import { flowEndpoints, LOAD_FLOWS, type LoadRun } from '../lib/load/load-flows.ts';
import { LOAD_FLOW_NAMES, type LoadFlowName } from '../lib/k6-and-node/load-flow-names.ts';
import { loadSettingsFrom } from '../lib/k6-and-node/load-settings.ts';
import { LOAD_SHAPE_FILE, loadShapeRecord } from '../lib/load/load-shape-record.ts';
import { loadSetup } from '../lib/load/load-setup.ts';
import { shapeScenarios } from '../lib/k6-and-node/load-shapes.ts';
import { measuredThresholds } from '../lib/load/measured-thresholds.ts';
import { openHarnessConfig } from '../lib/open-harness-config.ts';
import { SUMMARY_TREND_STATS, summaryOutputs } from '../lib/summary-outputs.ts';

const config = openHarnessConfig();
const settings = loadSettingsFrom(__ENV, LOAD_FLOW_NAMES);
const flows = settings.mix.map((m) => m.flow);

export const options = {
  scenarios: shapeScenarios(settings),
  thresholds: measuredThresholds(flowEndpoints(flows), settings.thresholds, settings.shape === 'breakpoint'),
  noConnectionReuse: settings.noConnectionReuse,
  // The hard ceiling off this machine (cli/load-options.ts); k6 delays requests beyond it.
  ...(settings.maxRps > 0 ? { rps: settings.maxRps } : {}),
  setupTimeout: '120s',
  summaryTrendStats: SUMMARY_TREND_STATS,
};

export function setup(): Promise<LoadRun> {
  return loadSetup(config, settings);
}

const flow = (name: LoadFlowName) => (run: LoadRun) => LOAD_FLOWS[name].run(run, name);

export const client_credentials_post = flow('client_credentials_post');
export const client_credentials_basic = flow('client_credentials_basic');
export const client_credentials_private_key_jwt = flow('client_credentials_private_key_jwt');
export const client_credentials_mtls = flow('client_credentials_mtls');
export const password_realm = flow('password_realm');
export const authorization_code_pkce = flow('authorization_code_pkce');
export const refresh_rotation = flow('refresh_rotation');
export const userinfo = flow('userinfo');
export const discovery_jwks = flow('discovery_jwks');
export const signup = flow('signup');
export const passwordless_start = flow('passwordless_start');

export function handleSummary(data: Parameters<typeof summaryOutputs>[0]): Record<string, string> {
  const dir = __ENV.HARNESS_OUT || 'out/raw';
  return { ...summaryOutputs(data, 'load'), [`${dir}/${LOAD_SHAPE_FILE}`]: JSON.stringify(loadShapeRecord(settings)) };
}
