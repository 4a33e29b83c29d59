// Which requests the reports judge. A load run tags every request with its `phase`
// (lib/k6-and-node/load-shapes.ts); only the measured phase makes figures, charts and thresholds, the
// warm-up and ramps around it are not the load being measured. A run without phases (conformance)
// is judged whole. The local tenant's control API (`/__tenant/…`, e.g. reading its e-mail outbox)
// is the harness talking to its own tenant, never the Authentication API under test.

export const MEASURED_PHASE = 'measured';

export function isControlApi(endpoint: string): boolean {
  return /^[A-Z]+ \/__tenant\//.test(endpoint);
}
