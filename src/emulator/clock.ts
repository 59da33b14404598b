/**
 * The emulator's clock: the real one by default, or set by a test, like fault injection
 * (`PUT /_emulator/clock`, `Emulator.setClock`), so that metrics can be put, events sent and alarms
 * evaluated at chosen times without waiting for them.
 *
 * - `{}`: the real clock.
 * - `{"at": "2026-03-01T10:00:00Z"}` (or epoch milliseconds): time stands still at that instant until
 *   the clock is set again; a test moves it by setting a later `at`.
 * - `{"offsetMs": -7200000}`: the real clock, shifted (here two hours into the past); time runs.
 *
 * Nothing runs on a timer: whatever depends on time (alarm evaluation) is computed when a request
 * comes, from the clock's time then.
 */
import type { Clock } from './types.js';

export interface ClockSetting {
  /** A fixed instant: ISO 8601, or epoch milliseconds. */
  readonly at?: string | number;
  /** Milliseconds added to the real clock; not with `at`. */
  readonly offsetMs?: number;
}

/** Check a setting; a readable Error for a bad one (the admin API answers it as 400). */
export function parseClockSetting(raw: unknown): ClockSetting {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new Error(`the clock setting must be an object: {} (the real clock), {"at": "2026-03-01T10:00:00Z"} or {"offsetMs": -3600000}; got ${JSON.stringify(raw)}`);
  }
  const r = raw as Record<string, unknown>;
  const unknown = Object.keys(r).filter((k) => k !== 'at' && k !== 'offsetMs');
  if (unknown.length > 0) throw new Error(`unknown clock setting ${unknown.join(', ')}; the settings are at and offsetMs`);
  if (r.at !== undefined && r.offsetMs !== undefined) throw new Error('the clock takes at or offsetMs, not both');
  if (r.at !== undefined) {
    const t = typeof r.at === 'number' ? r.at : typeof r.at === 'string' ? Date.parse(r.at) : Number.NaN;
    if (!Number.isFinite(t)) throw new Error(`clock setting at must be an ISO 8601 time or epoch milliseconds; got ${JSON.stringify(r.at)}`);
    return { at: r.at as string | number };
  }
  if (r.offsetMs !== undefined) {
    if (typeof r.offsetMs !== 'number' || !Number.isFinite(r.offsetMs)) throw new Error(`clock setting offsetMs must be a number of milliseconds; got ${JSON.stringify(r.offsetMs)}`);
    return { offsetMs: r.offsetMs };
  }
  return {};
}

export class EmulatorClock implements Clock {
  private setting: ClockSetting = {};
  private fixed: number | undefined;

  constructor(private readonly real: () => number = () => Date.now()) {}

  /** Replace the setting; throws a readable Error (and keeps the old one) for a bad setting. */
  set(raw: unknown): void {
    const setting = parseClockSetting(raw);
    this.setting = setting;
    this.fixed = setting.at === undefined ? undefined : typeof setting.at === 'number' ? setting.at : Date.parse(setting.at);
  }

  /** The setting and the time it gives now. */
  get(): ClockSetting & { readonly now: string } {
    return { ...this.setting, now: this.now().toISOString() };
  }

  now(): Date {
    return new Date(this.fixed ?? this.real() + (this.setting.offsetMs ?? 0));
  }
}
