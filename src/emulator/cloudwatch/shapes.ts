/**
 * The member shapes several CloudWatch operations share (botocore cloudwatch 2010-08-01, `shapes`), in
 * the emulator's one shape system (core/shapes.ts). Only types: the model's constraints are checked by the
 * operations, in the order AWS reports them (alarm-rules.ts, alarms.ts, dashboards.ts, tags.ts).
 */
import { boolean, integer, list, string, structure } from '../core/shapes.js';

export const Text = string();
export const Integer = integer();
export const Names = list(Text);

export const Dimension = structure({ Name: Text, Value: Text });
export const Tag = structure({ Key: Text, Value: Text });
export const TagList = list(Tag);

export const MetricDataQuery = structure({
  Id: Text,
  MetricStat: structure({
    Metric: structure({ Namespace: Text, MetricName: Text, Dimensions: list(Dimension) }),
    Period: Integer,
    Stat: Text,
    Unit: Text,
  }),
  Expression: Text,
  Label: Text,
  ReturnData: boolean,
  Period: Integer,
  AccountId: Text,
});
