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
