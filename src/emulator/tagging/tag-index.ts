/**
 * The tag index GetResources reads: AWS's is a separate, eventually consistent copy of the services'
 * tags, not the services' own state (docs/aws-behaviour.md, "The tag index"). This one is rebuilt from the
 * services' state (ServiceHandler.taggableResources) after every request the emulator serves, so it knows
 * *when* each change happened, and it can then show the services' state as it was a while ago.
 *
 * Terms:
 * - A *version* of a resource is what the services' state said about its ARN from a moment on: its tags
 *   (possibly none), or that it was deleted.
 * - A version becomes *visible* `lagMs` after it was recorded ("a just-tagged resource can be missing
 *   for a while"); a deletion `max(lagMs, deletedRetentionMs)` after ("deleted resources have been seen
 *   for minutes to hours"; both docs/aws-behaviour.md, "The tag index"). Until then the index shows the
 *   version before it.
 * - A resource is *listed* when its visible version exists and the resource has had a tag in its life:
 *   GetResources "Returns all the tagged or previously tagged resources" and, without a TagFilter, shows
 *   a resource whose tags were all removed "with an empty tag set" (model, GetResources and TagFilters).
 *   A resource deleted and created again under its ARN starts a new life, untagged until tagged.
 *
 * Algorithm: `record()` compares each resource with the last version of its ARN and appends a version
 * when its tags differ, or a deletion for an ARN no service has any more. Versions that a later visible
 * version hides forever are dropped then, so with both delays 0 the index holds one version per tagged
 * resource. Delays are read when the index is read: a new lagMs applies at once, to the versions kept.
 */
import { listPosition } from '../core/list-order.js';
import type { TaggableResource } from '../types.js';

export interface IndexTiming {
  /** @default 0 */
  readonly lagMs: number;
  /** @default 0 */
  readonly deletedRetentionMs: number;
}

/** A listed resource, with its place in the emulator's list order (core/list-order.ts), computed once per ARN. */
export interface IndexedResource extends TaggableResource {
  readonly position: string;
}

interface Version {
  /** When it was recorded, in the index clock's milliseconds. */
  readonly at: number;
  /** undefined: deleted. */
  readonly tags: ReadonlyMap<string, string> | undefined;
  /** The resource has had a tag at this version or before it, in this life. */
  readonly everTagged: boolean;
}

interface Entry {
  readonly region: string;
  readonly position: string;
  versions: Version[];
}

function sameTags(a: ReadonlyMap<string, string>, b: ReadonlyMap<string, string>): boolean {
  if (a.size !== b.size) return false;
  for (const [k, v] of a) if (b.get(k) !== v) return false;
  return true;
}

export class TagIndex {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly now: () => number,
    private readonly timing: () => IndexTiming,
  ) {}

  reset(): void {
    this.entries.clear();
  }

  /** Take note of the services' state now. */
  record(resources: Iterable<TaggableResource>): void {
    const at = this.now();
    const seen = new Set<string>();
    for (const r of resources) {
      seen.add(r.arn);
      const entry = this.entries.get(r.arn);
      const last = entry?.versions[entry.versions.length - 1];
      if (last?.tags !== undefined && sameTags(last.tags, r.tags)) continue;
      // Not tagged and not known: nothing the index would list, nothing to remember.
      if (!entry && r.tags.size === 0) continue;
      const everTagged = r.tags.size > 0 || (last?.tags !== undefined && last.everTagged);
      const version: Version = { at, tags: new Map(r.tags), everTagged };
      if (entry) entry.versions.push(version);
      else this.entries.set(r.arn, { region: r.region, position: listPosition(r.arn), versions: [version] });
    }
    for (const [arn, entry] of this.entries) {
      const last = entry.versions[entry.versions.length - 1];
      if (!seen.has(arn) && last?.tags !== undefined) entry.versions.push({ at, tags: undefined, everTagged: false });
    }
    this.prune(at);
  }

  /** The resources GetResources lists in `region` now, unordered. */
  listed(region: string): IndexedResource[] {
    const t = this.now();
    const out: IndexedResource[] = [];
    for (const [arn, entry] of this.entries) {
      if (entry.region !== region) continue;
      const shown = this.shownVersion(entry, t);
      if (shown?.tags !== undefined && shown.everTagged) out.push({ region, arn, tags: shown.tags, position: entry.position });
    }
    return out;
  }

  private visibleAt(v: Version): number {
    const { lagMs, deletedRetentionMs } = this.timing();
    return v.at + (v.tags === undefined ? Math.max(lagMs, deletedRetentionMs) : lagMs);
  }

  /** The latest version visible at `t` (versions are in recording order), if any. */
  private shownVersion(entry: Entry, t: number): Version | undefined {
    for (let i = entry.versions.length - 1; i >= 0; i--) {
      const v = entry.versions[i] as Version;
      if (this.visibleAt(v) <= t) return v;
    }
    return undefined;
  }

  /** Drop what the latest visible version hides for good; forget ARNs whose deletion is visible. */
  private prune(t: number): void {
    for (const [arn, entry] of this.entries) {
      const shown = this.shownVersion(entry, t);
      if (!shown) continue;
      const from = entry.versions.lastIndexOf(shown);
      if (from > 0) entry.versions = entry.versions.slice(from);
      if (entry.versions.length === 1 && shown.tags === undefined) this.entries.delete(arn);
    }
  }
}
