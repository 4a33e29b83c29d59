// Messages the tenant would have emailed or texted. Readable only through the loopback control API
// (GET /__tenant/outbox), which is the contract the harness's flows read codes and links from.

export interface OutboxMessage {
  to: string;
  channel: 'email' | 'sms';
  kind: 'otp' | 'link' | 'reset' | 'verification';
  code?: string;
  link?: string;
  sentAt: string;
}

const MAX_MESSAGES = 10_000;

export class Outbox {
  private readonly messages: OutboxMessage[] = [];

  send(message: Omit<OutboxMessage, 'sentAt'>): void {
    if (this.messages.length >= MAX_MESSAGES) this.messages.shift();
    this.messages.push({ ...message, sentAt: new Date().toISOString() });
  }

  /** Messages to one address or phone number (all when `to` is absent), oldest first. */
  list(to?: string): OutboxMessage[] {
    if (to === undefined) return [...this.messages];
    const wanted = to.toLowerCase();
    return this.messages.filter((m) => m.to.toLowerCase() === wanted);
  }
}
