// The engine's own errors: what ends a run with one of k6's exit codes.

/** A VU's init code threw: the run cannot have the VUs it planned, and ends with exit code 107 as in k6. */
export class VuInitError extends Error {
  constructor(id: number, cause: string) {
    super(`could not initialise VU ${id}: ${cause}`);
  }
}

/** Thrown by exec.test.abort(): unwinds the iteration; the run then stops with exit code 108. */
export class TestAbort extends Error {}
