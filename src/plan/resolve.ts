/**
 * Topic references by name become ARNs once the account and Region are known, so a destination the file
 * writes as `sns: { topic: alerts }` compares equal to the `TopicArn` AWS reports.
 */
import { topicArn } from '../model/arn.js';
import { canonicalize } from '../model/canonical.js';
import type { Resource, TopicRef } from '../model/resources.js';
import { stateOf, type State } from '../model/state.js';


export function resolveTopicRefs(state: State, region: string, accountId: string): State {
  const ref = (t: TopicRef): TopicRef => ('topic' in t ? { arn: topicArn(region, accountId, t.topic) } : t);
  const resolve = (r: Resource): Resource => {
    if (r.kind === 'eventDestination' && r.target.type === 'sns') return canonicalize({ ...r, target: { ...r.target, topic: ref(r.target.topic) } });
    if (r.kind === 'alarm')
      return canonicalize({
        ...r,
        alarmActions: r.alarmActions.map(ref),
        okActions: r.okActions.map(ref),
        insufficientDataActions: r.insufficientDataActions.map(ref),
      });
    return r;
  };
  return stateOf([...state.values()].map(resolve));
}
