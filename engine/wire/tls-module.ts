import { createRequire } from 'node:module';
import type Tls from 'node:tls';

// node:tls is loaded when a run first needs it (an https:// request, TLS options to check): a
// loopback test over plain HTTP never pays its memory.
let tls: typeof Tls | undefined;

export const loadTls = (): typeof Tls => (tls ??= createRequire(import.meta.url)('node:tls') as typeof Tls);
