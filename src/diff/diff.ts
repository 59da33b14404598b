/**
 * diffStates(desired, actual): one ResourceDiff per resource that differs, keyed and ordered by
 * ResourceKey, compared in the file's shape (model/view.ts). Both sides are canonical already; the only adjustment here is for fields the file leaves
 * unmanaged on purpose (`sendingEnabled` omitted: docs/architecture.md, "The file format"), which take the live value before comparing.
 */
import type { ResourceDiff } from '../model/change.js';
import { compareKeys } from '../model/key.js';
import type { ConfigurationSet, Resource, Tenant } from '../model/resources.js';
import type { State } from '../model/state.js';
import { fieldDiffs } from './fields.js';
import { fileView, NO_CONTEXT, type ViewContext } from '../model/view.js';

/** The desired resource with unmanaged fields set to what AWS has. */
export function withUnmanaged(desired: Resource, actual: Resource): Resource {
  if (desired.kind === 'configurationSet' && actual.kind === 'configurationSet' && desired.sendingEnabled === undefined) {
    const s: ConfigurationSet = { ...desired, sendingEnabled: actual.sendingEnabled };
    if (s.sendingEnabled === undefined) delete (s as { sendingEnabled?: boolean }).sendingEnabled;
    return s;
  }
  if (desired.kind === 'tenant' && actual.kind === 'tenant') {
    // Left out of the file: whatever the tenant has stays (sending as a set's; suppression is AWS's to default).
    const t: Tenant = { ...desired, sendingEnabled: desired.sendingEnabled ?? actual.sendingEnabled, suppression: desired.suppression ?? actual.suppression };
    if (t.sendingEnabled === undefined) delete (t as { sendingEnabled?: boolean }).sendingEnabled;
    if (t.suppression === undefined) delete (t as { suppression?: unknown }).suppression;
    return t;
  }
  return desired;
}

/** `ctx`: how the plan shows references (model/view.ts), so a difference is one the reader can see. */
export function diffStates(desired: State, actual: State, ctx: ViewContext = NO_CONTEXT): ResourceDiff[] {
  const keys = [...new Set([...desired.keys(), ...actual.keys()])].sort(compareKeys);
  const out: ResourceDiff[] = [];
  for (const key of keys) {
    const want = desired.get(key);
    const have = actual.get(key);
    if (want && !have) out.push({ kind: 'create', key, after: want });
    else if (!want && have) out.push({ kind: 'delete', key, before: have });
    else if (want && have) {
      const after = withUnmanaged(want, have);
      const fields = fieldDiffs(fileView(have, ctx), fileView(after, ctx));
      if (fields.length > 0) out.push({ kind: 'update', key, before: have, after, fields });
    }
  }
  return out;
}
