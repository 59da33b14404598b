/**
 * The member shapes SNS's operations share (SNS model, 2010-03-31), in the emulator's one shape system
 * (core/shapes.ts). Attribute values are strings whatever they hold (JSON policies, `true`, numbers): the
 * operations check them (topics.ts, subscriptions.ts).
 */
import { list, map, string, structure } from '../core/shapes.js';

export const Text = string();
/** `Attributes.entry.N.key` / `.value` on the wire. */
export const Attributes = map(Text, Text);
/** `Tags.member.N.Key` / `.Value`; tags.ts checks the members. */
export const Tags = list(structure({ Key: Text, Value: Text }));
export const TagKeys = list(Text);

/** GetTopicAttributes' and GetSubscriptionAttributes' output: the XML must know Attributes is a map. */
export const AttributesOutput = structure({ Attributes });
