/**
 * The emulator's log: what its services did on their own, beyond answering a request, the way AWS
 * services act on each other inside an account. SES publishing an event to a CloudWatch metric or an
 * SNS topic, an alarm changing state, a notification published to a topic: each is one entry, at info
 * level (debug for what the emulator does not emulate, such as a Firehose destination; warn for what
 * AWS would report as a failure, such as an alarm action naming a topic that does not exist).
 *
 * The call log (call-log.ts) says which requests came; this log says what they caused. It is kept in
 * memory (the last MAX_ENTRIES entries), read with `GET /_emulator/log` or `Emulator.log()`, and each
 * entry at or above `level` also goes to the sink the emulator was started with, if any.
 */
import type { Clock, EmulatorLogger, LogLevel, ServiceName } from './types.js';

export interface LogEntry {
  readonly seq: number;
  /** The emulator clock's time (clock.ts), ISO 8601. */
  readonly time: string;
  readonly level: LogLevel;
  readonly service: ServiceName;
  /** What happened, e.g. `ses:EventPublished`, `cloudwatch:AlarmStateChange`, `sns:Publish`. */
  readonly event: string;
  readonly message: string;
  readonly details?: Readonly<Record<string, unknown>>;
}

export interface LogFilter {
  /** This level and above. @default 'debug' (everything) */
  readonly level?: LogLevel;
  readonly service?: string;
  readonly event?: string;
}

export type LogSink = (entry: LogEntry) => void;

const RANK: Readonly<Record<LogLevel, number>> = { debug: 0, info: 1, warn: 2 };

export const LOG_LEVELS = Object.keys(RANK) as LogLevel[];

export function isLogLevel(s: unknown): s is LogLevel {
  return typeof s === 'string' && Object.hasOwn(RANK, s);
}

/** Entries kept; older ones are dropped, so a long-running sandbox does not grow without bound. */
export const MAX_ENTRIES = 10_000;

export class EmulatorLog implements EmulatorLogger {
  private entries: LogEntry[] = [];
  private seq = 0;

  constructor(
    private readonly clock: Clock,
    private readonly sink?: LogSink,
    private readonly sinkLevel: LogLevel = 'info',
  ) {}

  write(e: Omit<LogEntry, 'seq' | 'time'>): void {
    this.seq += 1;
    const entry: LogEntry = { seq: this.seq, time: this.clock.now().toISOString(), ...e };
    this.entries.push(entry);
    if (this.entries.length > MAX_ENTRIES) this.entries.splice(0, this.entries.length - MAX_ENTRIES);
    if (this.sink && RANK[e.level] >= RANK[this.sinkLevel]) this.sink(entry);
  }

  read(filter: LogFilter = {}): LogEntry[] {
    const min = RANK[filter.level ?? 'debug'];
    return this.entries.filter(
      (e) => RANK[e.level] >= min && (filter.service === undefined || e.service === filter.service) && (filter.event === undefined || e.event === filter.event),
    );
  }

  clear(): void {
    this.entries = [];
  }
}
