/** Calls made, by `service:Operation`: one per command sent (the SDK's own retries are not counted). */
export class CallCount {
  private readonly counts = new Map<string, number>();

  constructor(private readonly service: string) {}

  add(operation: string): void {
    const key = `${this.service}:${operation}`;
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }

  snapshot(): Record<string, number> {
    return Object.fromEntries([...this.counts.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)));
  }
}
