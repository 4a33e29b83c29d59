import type { Logger } from '../logger.ts';
import type { MetricRegistry } from '../metrics/registry.ts';
import { RemoteWriteClient } from './prometheus-remote-write-client.ts';
import type { RemoteWriteConfig } from './prometheus-remote-write-config.ts';
import { encodeWriteRequest, type TimeSeries } from './prometheus-remote-write-schema.ts';
import { SeriesTable } from './prometheus-remote-write-series.ts';

// Prometheus's stale marker: a NaN with this exact bit pattern ends a series at once, rather than five
// minutes after its last sample.
const STALE_NAN = new Float64Array(new BigUint64Array([0x7ff0000000000002n]).buffer)[0];

/**
 * `--out experimental-prometheus-rw`: k6's remote-write output. Samples are aggregated into series as
 * they arrive (the hot path does no I/O and no encoding); every push interval the series updated since
 * the last push are encoded and sent, one push at a time, without the run waiting for it. At the end
 * the last values are pushed, then stale markers when asked for.
 */
export class PrometheusRemoteWriteOutput {
  private readonly table: SeriesTable;
  private readonly client: RemoteWriteClient;
  private readonly timer: NodeJS.Timeout;
  private pushing: Promise<void> | undefined;
  private closing: Promise<void> | undefined;

  constructor(
    private readonly config: RemoteWriteConfig,
    registry: MetricRegistry,
    private readonly log: Logger,
  ) {
    this.table = new SeriesTable(config);
    this.client = new RemoteWriteClient(config);
    registry.onSample((metric, value, tags) => this.table.add(metric, value, tags));
    this.timer = setInterval(() => {
      // A push still under way holds the next one back; the values are cumulative, so none is lost.
      this.pushing ??= this.flush().finally(() => (this.pushing = undefined));
    }, config.pushIntervalMs);
    this.timer.unref();
  }

  private async flush(): Promise<void> {
    const started = performance.now();
    if (!(await this.send(this.table.takeUpdated()))) return;
    const took = performance.now() - started;
    if (took > this.config.pushIntervalMs)
      this.log(
        'warn',
        `Successful flushed time series to remote write endpoint but it took ${(took / 1000).toFixed(3)}s while flush period is ${this.config.pushIntervalMs / 1000}s. Some samples may be dropped.`,
      );
  }

  private async send(series: TimeSeries[]): Promise<boolean> {
    if (series.length === 0) return true;
    try {
      await this.client.store(encodeWriteRequest(series));
      return true;
    } catch (error) {
      this.log('error', `Failed to send the time series data to the endpoint: ${(error as Error).message}`);
      return false;
    }
  }

  /** Pushes the last values (and stale markers when configured) and lets go of the connection. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      clearInterval(this.timer);
      await this.pushing;
      await this.flush();
      // One millisecond after the last values, so that the marker never collides with a sample (k6).
      if (this.config.staleMarkers) await this.send(this.table.everySeriesAt(Date.now() + 1, STALE_NAN));
      this.client.close();
    })();
    return this.closing;
  }
}
