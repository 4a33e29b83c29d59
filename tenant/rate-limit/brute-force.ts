// Brute-force protection (docs/auth0-api.md §4.5): failed logins counted per IP + identifier; at the threshold the
// pair is blocked and every further attempt, even with the right password, is refused. A successful
// login resets the count, as Auth0's does; a block lasts for this tenant's life (real blocks last
// until unblocked or 30 days), and a password change lifts it.
export class BruteForceProtection {
  private failures = new Map<string, number>();

  constructor(private threshold: number) {}

  setThreshold(threshold: number): void {
    this.threshold = threshold;
  }

  private key(ip: string, identifier: string): string {
    return `${ip}\u0000${identifier.toLowerCase()}`;
  }

  isBlocked(ip: string, identifier: string): boolean {
    return (this.failures.get(this.key(ip, identifier)) ?? 0) >= this.threshold;
  }

  recordFailure(ip: string, identifier: string): void {
    const key = this.key(ip, identifier);
    this.failures.set(key, (this.failures.get(key) ?? 0) + 1);
  }

  recordSuccess(ip: string, identifier: string): void {
    this.failures.delete(this.key(ip, identifier));
  }

  unblockIdentifier(identifier: string): void {
    const suffix = `\u0000${identifier.toLowerCase()}`;
    for (const key of this.failures.keys()) if (key.endsWith(suffix)) this.failures.delete(key);
  }
}
