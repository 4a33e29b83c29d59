// What the rate-limit rules read: one bucket driven past empty by sequential requests, as the client
// saw it. Runtime-neutral, so the same record comes from a k6 scenario or a test fixture.

/** One response of a drive. Header names are lower-case (see checks/exchange.ts). */
export interface DriveSample {
  /** 1-based position of the request in the drive. */
  n: number;
  status: number;
  headers: Record<string, string>;
  body: string;
  /** The client's clock when the response arrived, epoch milliseconds. */
  atMs: number;
}

/** The bucket as documented (docs/auth0-api.md §4.4) or as configured on the target. */
export interface DocumentedBucket {
  /** Burst: the bucket size, what X-RateLimit-Limit should say. */
  burst: number;
  /** Sustained rate: tokens added per second (per-minute limits divided by 60). */
  refillPerSecond: number;
}

export interface BucketDrive {
  bucket: DocumentedBucket;
  /** Every response of the drive, in the order the requests were sent, one at a time. */
  samples: DriveSample[];
  /** The first request sent once the first 429's Reset time had passed, when the drive waited for it. */
  recovery?: DriveSample;
  /** Seconds the target's clock may differ from ours when reading Reset. */
  clockSkewSeconds: number;
}
