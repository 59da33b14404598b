/**
 * An exported file's text: the schema comment editors read, a header saying where it came from, the
 * document in block style with the file's own key order (stack first, then topics, sets, alarms,
 * dashboards), and `#` comments where something was left out. `yaml` quotes what needs quoting (a name
 * such as `yes`, `on` or `1e3`, or one with `: `), so every name reads back as itself.
 */
import { Document, isMap, isScalar, isSeq, visit, type Scalar, type YAMLMap } from 'yaml';

/** The schema's published address ($id), as in the README's quick start. */
export const SCHEMA_COMMENT = ' yaml-language-server: $schema=https://github.com/ses-reconcile/ses-reconcile/raw/main/schema/ses-reconcile.schema.json';

export interface Comment {
  /** The top-level key it stands before (`alarms`), or undefined for the end of the file. */
  readonly before?: string;
  readonly text: string;
}

/** Short lists and small maps of plain values on one line, as the examples write them (`events: [SEND, BOUNCE]`). */
const FLOW_WIDTH = 72;

function flowShort(d: Document): void {
  visit(d, {
    Seq(_key, node) {
      if (node.items.every((i) => isScalar(i)) && String(node).length <= FLOW_WIDTH) node.flow = true;
    },
    Map(_key, node, path) {
      // Below a resource's own level only (a set, a topic stay blocks), with at most three plain values.
      const depth = path.filter((p) => isMap(p) || isSeq(p)).length;
      if (depth >= 3 && node.items.length <= 3 && node.items.every((p) => isScalar(p.value)) && String(node).length <= FLOW_WIDTH) node.flow = true;
    },
  });
}

export function yamlOf(doc: object, header: readonly string[], comments: readonly Comment[]): string {
  const d = new Document(doc);
  flowShort(d);
  d.commentBefore = [SCHEMA_COMMENT, '', ...header.map((l) => ` ${l}`)].join('\n');
  const top = d.contents;
  const trailing: string[] = [];
  for (const c of comments) {
    const pair = c.before !== undefined && isMap(top) ? (top as YAMLMap<Scalar, unknown>).items.find((p) => p.key.value === c.before) : undefined;
    const lines = c.text.split('\n').map((l) => ` ${l}`).join('\n');
    if (pair) pair.key.commentBefore = pair.key.commentBefore ? `${pair.key.commentBefore}\n${lines}` : lines;
    else trailing.push(lines);
  }
  if (trailing.length > 0) d.comment = trailing.join('\n');
  return d.toString({ lineWidth: 0, flowCollectionPadding: true });
}
