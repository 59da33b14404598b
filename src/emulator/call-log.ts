/** Every AWS call the emulator served: the benchmark's instrument and the tests' witness. */
import type { ServiceName } from './types.js';

export interface CallRecord {
  readonly seq: number;
  readonly service: ServiceName;
  readonly operation: string;
  readonly region: string;
  readonly status: number;
  /** What fault injection did to the call, if anything. */
  readonly fault?: 'throttled' | 'failed';
}

export interface CallSummary {
  readonly total: number;
  /** `service:Operation` -> count, keys sorted. */
  readonly byOperation: Readonly<Record<string, number>>;
  readonly calls: readonly CallRecord[];
}

export class CallLog {
  private records: CallRecord[] = [];

  add(r: Omit<CallRecord, 'seq'>): void {
    this.records.push({ seq: this.records.length + 1, ...r });
  }

  clear(): void {
    this.records = [];
  }

  summary(): CallSummary {
    const counts = new Map<string, number>();
    for (const r of this.records) counts.set(`${r.service}:${r.operation}`, (counts.get(`${r.service}:${r.operation}`) ?? 0) + 1);
    const byOperation = Object.fromEntries([...counts.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)));
    return { total: this.records.length, byOperation, calls: [...this.records] };
  }
}
