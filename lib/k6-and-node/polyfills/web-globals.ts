// Injected at the top of every bundle. k6's runtime may lack some web globals that the bundled
// libraries (jose, zod) use; each polyfill installs itself only when the global is missing, so a
// runtime that has the real thing keeps it.
import { Utf8Decoder, Utf8Encoder } from './utf8.ts';
import { decodeBase64, encodeBase64 } from './base64.ts';

const g = globalThis as unknown as Record<string, unknown>;

if (typeof g.TextEncoder === 'undefined') g.TextEncoder = Utf8Encoder;
if (typeof g.TextDecoder === 'undefined') g.TextDecoder = Utf8Decoder;
if (typeof g.btoa === 'undefined') g.btoa = encodeBase64;
if (typeof g.atob === 'undefined') g.atob = decodeBase64;
