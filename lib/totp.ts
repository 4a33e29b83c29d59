// TOTP (RFC 6238) over HMAC-SHA1 (RFC 4226), six digits, 30-second steps: the codes an authenticator
// app shows for users.mfa.otpSecret. crypto.subtle is a web global in k6 and Node.

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function decodeBase32(text: string): Uint8Array<ArrayBuffer> {
  const clean = text.replace(/[\s=-]/g, '').toUpperCase();
  const out: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const ch of clean) {
    const value = BASE32.indexOf(ch);
    if (value < 0) throw new Error(`the OTP secret is not base32 (character ${JSON.stringify(ch)})`);
    buffer = (buffer << 5) | value;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out.push((buffer >> bits) & 255);
    }
  }
  return new Uint8Array(out);
}

export async function totp(secretBase32: string, atMs = Date.now(), stepSeconds = 30, digits = 6): Promise<string> {
  const counter = Math.floor(atMs / 1000 / stepSeconds);
  const message = new Uint8Array(8);
  // The counter is a 64-bit big-endian integer; JavaScript bit operations are 32-bit, so split it.
  const high = Math.floor(counter / 2 ** 32);
  const low = counter >>> 0;
  [
    high >>> 24,
    (high >>> 16) & 255,
    (high >>> 8) & 255,
    high & 255,
    low >>> 24,
    (low >>> 16) & 255,
    (low >>> 8) & 255,
    low & 255,
  ].forEach((b, i) => (message[i] = b));
  const key = await crypto.subtle.importKey('raw', decodeBase32(secretBase32), { name: 'HMAC', hash: 'SHA-1' }, false, [
    'sign',
  ]);
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, message));
  const offset = mac[mac.length - 1] & 15;
  const binary = ((mac[offset] & 127) << 24) | (mac[offset + 1] << 16) | (mac[offset + 2] << 8) | mac[offset + 3];
  return String(binary % 10 ** digits).padStart(digits, '0');
}
