/**
 * How the file spells durations and rates (docs/architecture.md, "The file format"), for everything that
 * writes a value back for a person: `export`, and the plan (docs/architecture.md, "Plans": values read as
 * the file writes them).
 */

export function formatDuration(seconds: number): string {
  if (seconds % 86400 === 0) return `${seconds / 86400}d`;
  if (seconds % 3600 === 0) return `${seconds / 3600}h`;
  if (seconds % 60 === 0) return `${seconds / 60}m`;
  return `${seconds}s`;
}

export function formatRate(fraction: number): string {
  return `${Number((fraction * 100).toPrecision(10))}%`;
}

/** A measured rate for a reader, to a hundredth of a percent (4.67%); thresholds use formatRate, exact. */
export function formatMeasuredRate(fraction: number): string {
  return `${Number((fraction * 100).toFixed(2))}%`;
}

/** An ISO 8601 time to the minute, as reports print it (`2026-12-01 16:04 UTC`). */
export function formatMinute(iso: string): string {
  return `${iso.slice(0, 16).replace('T', ' ')} UTC`;
}
