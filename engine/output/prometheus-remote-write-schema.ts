import protobuf from 'protobufjs';
import snappy from 'snappyjs';

// The messages of Prometheus's remote-write protocol 1.0 that a sender fills in (prompb/remote.proto
// and prompb/types.proto: same message names and field numbers; the read-side messages, exemplars
// and metadata are left out). A body is a WriteRequest, protobuf-encoded, then snappy-compressed in
// the block format (not the framed one).
const REMOTE_WRITE_PROTO = `
syntax = "proto3";
package prometheus;

message WriteRequest {
  repeated TimeSeries timeseries = 1;
}

message TimeSeries {
  // Sorted by name; __name__ is the metric's name.
  repeated Label labels = 1;
  repeated Sample samples = 2;
  repeated Histogram histograms = 4;
}

message Label {
  string name = 1;
  string value = 2;
}

message Sample {
  double value = 1;
  int64 timestamp = 2; // milliseconds since the epoch
}

// A native (sparse, exponential) histogram; integer counts only.
message Histogram {
  oneof count { uint64 count_int = 1; double count_float = 2; }
  double sum = 3;
  // Buckets grow by 2^(2^-schema) each.
  sint32 schema = 4;
  double zero_threshold = 5;
  oneof zero_count { uint64 zero_count_int = 6; double zero_count_float = 7; }
  repeated BucketSpan negative_spans = 8;
  // Each count as the difference from the previous bucket's.
  repeated sint64 negative_deltas = 9;
  repeated BucketSpan positive_spans = 11;
  repeated sint64 positive_deltas = 12;
  int64 timestamp = 15;
}

// A run of consecutive buckets; offset is the gap from the previous span (the first: the index).
message BucketSpan {
  sint32 offset = 1;
  uint32 length = 2;
}
`;

export interface Label {
  name: string;
  value: string;
}

interface Sample {
  value: number;
  timestamp: number;
}

export interface BucketSpan {
  offset: number;
  length: number;
}

export interface NativeHistogram {
  countInt: number;
  sum: number;
  schema: number;
  zeroThreshold: number;
  zeroCountInt: number;
  negativeSpans: BucketSpan[];
  negativeDeltas: number[];
  positiveSpans: BucketSpan[];
  positiveDeltas: number[];
  timestamp: number;
}

export interface TimeSeries {
  labels: Label[];
  samples?: Sample[];
  histograms?: NativeHistogram[];
}

const root = protobuf.parse(REMOTE_WRITE_PROTO).root;
const WriteRequest = root.lookupType('prometheus.WriteRequest');

/** The body of a remote-write POST: the series as a WriteRequest, snappy-compressed. */
export function encodeWriteRequest(timeseries: TimeSeries[]): Uint8Array {
  return snappy.compress(WriteRequest.encode({ timeseries }).finish());
}

/** Reads a remote-write body back into plain objects (int64 fields as numbers). */
export function decodeWriteRequest(body: Uint8Array): { timeseries: TimeSeries[] } {
  const message = WriteRequest.decode(snappy.uncompress(body));
  return WriteRequest.toObject(message, { longs: Number, arrays: true, defaults: false }) as {
    timeseries: TimeSeries[];
  };
}
