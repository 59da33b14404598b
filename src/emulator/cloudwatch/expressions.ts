/**
 * Metric math, the part of it that observability of SES needs (CloudWatch User Guide,
 * using-metric-math, "Metric math syntax and functions"): what GetMetricData and metric-math alarms
 * evaluate, e.g. the rate presets' `IF(sends >= 100, bounces / sends, 0)`.
 *
 * Supported:
 * - numbers, the ids of the request's other queries (a MetricStat's time series or another
 *   expression's result), parentheses, arrays `[m1, m2]`;
 * - arithmetic `+ - * / ^` and unary minus; comparisons `< <= > >= == !=` (1 or 0); `AND`/`&&`,
 *   `OR`/`||`, `NOT` (1 or 0);
 * - `IF(condition, trueValue[, falseValue])`; `FILL(series, value | REPEAT)`; `SUM`, `AVG`, `MIN`,
 *   `MAX` (of an array: a time series, per timestamp; of one time series: a scalar, its statistic over
 *   the whole range); `ABS`, `CEIL`, `FLOOR`; `METRICS()` and `METRICS("substring")` (the request's
 *   MetricStat queries, by id).
 *
 * Semantics (same page): a scalar applies to every point of a time series; two time series combine
 * only at the timestamps both have (a timestamp missing in either is missing in the result, which is
 * why FILL exists); IF takes, at each timestamp of its condition, the value of trueValue (condition
 * not 0) or falseValue, and no point where that value is missing or falseValue is omitted.
 * INFERENCE: a point whose value is not finite (a division by zero) is dropped. Anything else (other
 * functions, Metrics Insights `SELECT` queries, `LINEAR`) is an ExpressionError, which the callers
 * answer as a ValidationError naming the query.
 */

export class ExpressionError extends Error {}

type Series = ReadonlyMap<number, number>;

export type Value =
  | { readonly kind: 'scalar'; readonly v: number }
  | { readonly kind: 'series'; readonly points: Series }
  | { readonly kind: 'array'; readonly items: readonly Series[] };

export interface EvaluationScope {
  /** The value of another query of the request, by id (ExpressionError for an unknown id). */
  resolve(id: string): Value;
  /** The ids of the request's MetricStat queries, for METRICS(). */
  readonly metricIds: readonly string[];
  /** Every period start of the query's range, oldest first: what FILL fills. */
  readonly grid: readonly number[];
}

type Node =
  | { readonly type: 'number'; readonly v: number }
  | { readonly type: 'id'; readonly name: string }
  | { readonly type: 'string'; readonly s: string }
  | { readonly type: 'keyword'; readonly name: string }
  | { readonly type: 'unary'; readonly op: '-' | 'NOT'; readonly arg: Node }
  | { readonly type: 'binary'; readonly op: string; readonly left: Node; readonly right: Node }
  | { readonly type: 'call'; readonly fn: string; readonly args: readonly Node[] }
  | { readonly type: 'array'; readonly items: readonly Node[] };

interface Token {
  readonly kind: 'number' | 'name' | 'string' | 'op';
  readonly text: string;
  readonly at: number;
}

const OPERATORS = ['>=', '<=', '==', '!=', '&&', '||', '+', '-', '*', '/', '^', '>', '<', '(', ')', '[', ']', ','];

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i] as string;
    if (/\s/.test(c)) {
      i += 1;
      continue;
    }
    const num = /^(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/.exec(src.slice(i));
    if (num) {
      out.push({ kind: 'number', text: num[0], at: i });
      i += num[0].length;
      continue;
    }
    const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i));
    if (name) {
      out.push({ kind: 'name', text: name[0], at: i });
      i += name[0].length;
      continue;
    }
    if (c === '"' || c === "'") {
      const end = src.indexOf(c, i + 1);
      if (end < 0) throw new ExpressionError(`unterminated string at position ${i + 1}`);
      out.push({ kind: 'string', text: src.slice(i + 1, end), at: i });
      i = end + 1;
      continue;
    }
    const op = OPERATORS.find((o) => src.startsWith(o, i));
    if (!op) throw new ExpressionError(`unexpected character '${c}' at position ${i + 1}`);
    out.push({ kind: 'op', text: op, at: i });
    i += op.length;
  }
  return out;
}

const FUNCTIONS = ['IF', 'FILL', 'SUM', 'AVG', 'MIN', 'MAX', 'ABS', 'CEIL', 'FLOOR', 'METRICS'];
const KEYWORDS = ['REPEAT', 'LINEAR'];

/** Parse an expression; ExpressionError when it is not in the supported subset. */
export function parseExpression(src: string): Node {
  const tokens = tokenize(src);
  let pos = 0;
  const peek = (): Token | undefined => tokens[pos];
  const isOp = (text: string): boolean => peek()?.kind === 'op' && peek()?.text === text;
  const isWord = (word: string): boolean => peek()?.kind === 'name' && peek()?.text.toUpperCase() === word;
  const expect = (text: string): void => {
    if (!isOp(text)) throw new ExpressionError(`expected '${text}' ${peek() ? `at position ${(peek() as Token).at + 1}` : 'at the end'}`);
    pos += 1;
  };

  const or = (): Node => {
    let left = and();
    while (isOp('||') || isWord('OR')) {
      pos += 1;
      left = { type: 'binary', op: 'OR', left, right: and() };
    }
    return left;
  };
  const and = (): Node => {
    let left = not();
    while (isOp('&&') || isWord('AND')) {
      pos += 1;
      left = { type: 'binary', op: 'AND', left, right: not() };
    }
    return left;
  };
  const not = (): Node => {
    if (isWord('NOT')) {
      pos += 1;
      return { type: 'unary', op: 'NOT', arg: not() };
    }
    return comparison();
  };
  const comparison = (): Node => {
    const left = additive();
    const t = peek();
    if (t?.kind === 'op' && ['>=', '<=', '==', '!=', '>', '<'].includes(t.text)) {
      pos += 1;
      return { type: 'binary', op: t.text, left, right: additive() };
    }
    return left;
  };
  const additive = (): Node => {
    let left = multiplicative();
    while (isOp('+') || isOp('-')) {
      const op = (peek() as Token).text;
      pos += 1;
      left = { type: 'binary', op, left, right: multiplicative() };
    }
    return left;
  };
  const multiplicative = (): Node => {
    let left = power();
    while (isOp('*') || isOp('/')) {
      const op = (peek() as Token).text;
      pos += 1;
      left = { type: 'binary', op, left, right: power() };
    }
    return left;
  };
  const power = (): Node => {
    const base = unary();
    if (isOp('^')) {
      pos += 1;
      return { type: 'binary', op: '^', left: base, right: power() };
    }
    return base;
  };
  const unary = (): Node => {
    if (isOp('-')) {
      pos += 1;
      return { type: 'unary', op: '-', arg: unary() };
    }
    return primary();
  };
  const list = (close: string): Node[] => {
    const items: Node[] = [];
    if (isOp(close)) {
      pos += 1;
      return items;
    }
    for (;;) {
      items.push(or());
      if (isOp(',')) {
        pos += 1;
        continue;
      }
      expect(close);
      return items;
    }
  };
  const primary = (): Node => {
    const t = peek();
    if (!t) throw new ExpressionError('unexpected end of expression');
    pos += 1;
    if (t.kind === 'number') return { type: 'number', v: Number(t.text) };
    if (t.kind === 'string') return { type: 'string', s: t.text };
    if (t.kind === 'op' && t.text === '(') {
      const inner = or();
      expect(')');
      return inner;
    }
    if (t.kind === 'op' && t.text === '[') return { type: 'array', items: list(']') };
    if (t.kind === 'name') {
      if (isOp('(')) {
        const fn = t.text.toUpperCase();
        if (!FUNCTIONS.includes(fn)) throw new ExpressionError(`the function ${t.text} is not supported by the ses-reconcile emulator (it supports ${FUNCTIONS.join(', ')})`);
        pos += 1;
        return { type: 'call', fn, args: list(')') };
      }
      if (KEYWORDS.includes(t.text.toUpperCase())) return { type: 'keyword', name: t.text.toUpperCase() };
      if (t.text === 'SELECT' || t.text === 'select') throw new ExpressionError('Metrics Insights queries (SELECT) are not supported by the ses-reconcile emulator');
      return { type: 'id', name: t.text };
    }
    throw new ExpressionError(`unexpected '${t.text}' at position ${t.at + 1}`);
  };

  const node = or();
  if (pos < tokens.length) throw new ExpressionError(`unexpected '${(tokens[pos] as Token).text}' at position ${(tokens[pos] as Token).at + 1}`);
  return node;
}

/** The query ids an expression refers to (for ordering and cycle detection). */
export function referencedIds(node: Node): string[] {
  switch (node.type) {
    case 'id':
      return [node.name];
    case 'unary':
      return referencedIds(node.arg);
    case 'binary':
      return [...referencedIds(node.left), ...referencedIds(node.right)];
    case 'call':
      return node.args.flatMap(referencedIds);
    case 'array':
      return node.items.flatMap(referencedIds);
    default:
      return [];
  }
}

const finite = (points: Iterable<[number, number]>): Map<number, number> => new Map([...points].filter(([, v]) => Number.isFinite(v)));

function mapSeries(s: Series, f: (v: number) => number): Series {
  return finite([...s].map(([t, v]) => [t, f(v)]));
}

function apply(a: Value, b: Value, f: (x: number, y: number) => number): Value {
  if (a.kind === 'array') return { kind: 'array', items: a.items.map((s) => asSeries(apply({ kind: 'series', points: s }, b, f))) };
  if (b.kind === 'array') return { kind: 'array', items: b.items.map((s) => asSeries(apply(a, { kind: 'series', points: s }, f))) };
  if (a.kind === 'scalar' && b.kind === 'scalar') return { kind: 'scalar', v: f(a.v, b.v) };
  if (a.kind === 'scalar' && b.kind === 'series') return { kind: 'series', points: mapSeries(b.points, (y) => f(a.v, y)) };
  if (a.kind === 'series' && b.kind === 'scalar') return { kind: 'series', points: mapSeries(a.points, (x) => f(x, b.v)) };
  const left = (a as { points: Series }).points;
  const right = (b as { points: Series }).points;
  return { kind: 'series', points: finite([...left].filter(([t]) => right.has(t)).map(([t, x]) => [t, f(x, right.get(t) as number)])) };
}

function asSeries(v: Value): Series {
  if (v.kind !== 'series') throw new ExpressionError('expected a time series');
  return v.points;
}

const truth = (x: number): number => (x !== 0 ? 1 : 0);

const BINARY: Readonly<Record<string, (x: number, y: number) => number>> = {
  '+': (x, y) => x + y,
  '-': (x, y) => x - y,
  '*': (x, y) => x * y,
  '/': (x, y) => x / y,
  '^': (x, y) => x ** y,
  '>': (x, y) => (x > y ? 1 : 0),
  '>=': (x, y) => (x >= y ? 1 : 0),
  '<': (x, y) => (x < y ? 1 : 0),
  '<=': (x, y) => (x <= y ? 1 : 0),
  '==': (x, y) => (x === y ? 1 : 0),
  '!=': (x, y) => (x !== y ? 1 : 0),
  AND: (x, y) => truth(x) & truth(y),
  OR: (x, y) => truth(x) | truth(y),
};

type Reducer = (values: number[]) => number;
const REDUCERS: Readonly<Record<string, Reducer>> = {
  SUM: (vs) => vs.reduce((a, b) => a + b, 0),
  AVG: (vs) => vs.reduce((a, b) => a + b, 0) / vs.length,
  MIN: (vs) => Math.min(...vs),
  MAX: (vs) => Math.max(...vs),
};

function reduce(fn: string, v: Value): Value {
  const r = REDUCERS[fn] as Reducer;
  if (v.kind === 'scalar') return v;
  if (v.kind === 'series') {
    const values = [...v.points.values()];
    // INFERENCE: the statistic of an empty series is no value; shown as an empty series.
    return values.length === 0 ? { kind: 'series', points: new Map() } : { kind: 'scalar', v: r(values) };
  }
  const byTime = new Map<number, number[]>();
  for (const s of v.items) for (const [t, x] of s) byTime.set(t, [...(byTime.get(t) ?? []), x]);
  return { kind: 'series', points: finite([...byTime].map(([t, xs]) => [t, r(xs)])) };
}

function valueAt(v: Value, t: number): number | undefined {
  if (v.kind === 'scalar') return v.v;
  if (v.kind === 'series') return v.points.get(t);
  throw new ExpressionError('IF takes scalars or single time series');
}

function call(node: Extract<Node, { type: 'call' }>, scope: EvaluationScope): Value {
  const arity = (min: number, max = min): void => {
    if (node.args.length < min || node.args.length > max) throw new ExpressionError(`${node.fn} takes ${min === max ? min : `${min} to ${max}`} arguments, not ${node.args.length}`);
  };
  switch (node.fn) {
    case 'IF': {
      arity(2, 3);
      const [cond, yes, no] = node.args.map((a) => evaluateNode(a, scope)) as [Value, Value, Value | undefined];
      if (cond.kind === 'scalar') return cond.v !== 0 ? yes : (no ?? { kind: 'series', points: new Map() });
      const out = new Map<number, number>();
      for (const [t, c] of asSeries(cond)) {
        const chosen = c !== 0 ? yes : no;
        const v = chosen === undefined ? undefined : valueAt(chosen, t);
        if (v !== undefined && Number.isFinite(v)) out.set(t, v);
      }
      return { kind: 'series', points: out };
    }
    case 'FILL': {
      arity(2);
      const target = evaluateNode(node.args[0] as Node, scope);
      const how = node.args[1] as Node;
      const fill = (s: Series): Series => {
        if (how.type === 'keyword') {
          if (how.name !== 'REPEAT') throw new ExpressionError(`FILL(…, ${how.name}) is not supported by the ses-reconcile emulator (it supports a value and REPEAT)`);
          const out = new Map<number, number>();
          let last: number | undefined;
          for (const t of scope.grid) {
            last = s.get(t) ?? last;
            if (last !== undefined) out.set(t, last);
          }
          return out;
        }
        const with_ = evaluateNode(how, scope);
        return new Map(
          scope.grid
            .map((t) => [t, s.get(t) ?? valueAt(with_, t)] as [number, number | undefined])
            .filter((p): p is [number, number] => p[1] !== undefined && Number.isFinite(p[1])),
        );
      };
      if (target.kind === 'array') return { kind: 'array', items: target.items.map(fill) };
      return { kind: 'series', points: fill(asSeries(target)) };
    }
    case 'SUM':
    case 'AVG':
    case 'MIN':
    case 'MAX':
      arity(1);
      return reduce(node.fn, evaluateNode(node.args[0] as Node, scope));
    case 'ABS':
    case 'CEIL':
    case 'FLOOR': {
      arity(1);
      const f = node.fn === 'ABS' ? Math.abs : node.fn === 'CEIL' ? Math.ceil : Math.floor;
      const v = evaluateNode(node.args[0] as Node, scope);
      if (v.kind === 'scalar') return { kind: 'scalar', v: f(v.v) };
      if (v.kind === 'series') return { kind: 'series', points: mapSeries(v.points, f) };
      return { kind: 'array', items: v.items.map((s) => mapSeries(s, f)) };
    }
    case 'METRICS': {
      arity(0, 1);
      const filter = node.args[0];
      if (filter && filter.type !== 'string') throw new ExpressionError('METRICS takes a string');
      const ids = scope.metricIds.filter((id) => !filter || id.includes(filter.s));
      return { kind: 'array', items: ids.map((id) => asSeries(scope.resolve(id))) };
    }
    default:
      throw new ExpressionError(`the function ${node.fn} is not supported`);
  }
}

function evaluateNode(node: Node, scope: EvaluationScope): Value {
  switch (node.type) {
    case 'number':
      return { kind: 'scalar', v: node.v };
    case 'id':
      return scope.resolve(node.name);
    case 'string':
    case 'keyword':
      throw new ExpressionError(`${node.type === 'string' ? `"${node.s}"` : node.name} is not a value here`);
    case 'unary': {
      const v = evaluateNode(node.arg, scope);
      return node.op === '-' ? apply({ kind: 'scalar', v: 0 }, v, (_, y) => -y) : apply({ kind: 'scalar', v: 0 }, v, (_, y) => (y === 0 ? 1 : 0));
    }
    case 'binary':
      return apply(evaluateNode(node.left, scope), evaluateNode(node.right, scope), BINARY[node.op] as (x: number, y: number) => number);
    case 'call':
      return call(node, scope);
    case 'array':
      return { kind: 'array', items: node.items.flatMap((n) => { const v = evaluateNode(n, scope); return v.kind === 'array' ? v.items : [asSeries(v)]; }) };
  }
}

/**
 * The time series an expression gives: a scalar becomes that value at every period of the range; an
 * array is an ExpressionError (the emulator returns one result per expression).
 */
export function evaluateExpression(node: Node, scope: EvaluationScope): Series {
  const v = evaluateNode(node, scope);
  if (v.kind === 'scalar') return Number.isFinite(v.v) ? new Map(scope.grid.map((t) => [t, v.v])) : new Map();
  if (v.kind === 'array') {
    if (v.items.length === 1) return v.items[0] as Series;
    throw new ExpressionError('the expression returns several time series; the ses-reconcile emulator returns one per expression');
  }
  return v.points;
}

export type { Node as ExpressionNode };
