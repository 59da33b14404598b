import type { AwsService } from '../errors.js';
import { callFailure } from './errors.js';

/**
 * Calls made, by `service:Operation`: one per command sent (the SDK's own retries are not counted). Every
 * reader sends through `call`, which counts the call and turns a failure into an AwsCallError (callFailure).
 */
export class CallCount {
  private readonly counts = new Map<string, number>();

  constructor(private readonly service: AwsService) {}

  add(operation: string): void {
    const key = `${this.service}:${operation}`;
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }

  async call<T>(operation: string, send: () => Promise<T>): Promise<T> {
    this.add(operation);
    try {
      return await send();
    } catch (err) {
      throw callFailure(err, this.service, operation);
    }
  }

  snapshot(): Record<string, number> {
    return Object.fromEntries([...this.counts.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)));
  }
}
