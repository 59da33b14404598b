import { describe, expect, it } from 'vitest';
import { clip, compactJson } from '../../../src/render/field-lines.js';

describe('clip', () => {
  it('leaves a short value alone', () => {
    expect(clip('"abc"', 10)).toBe('"abc"');
  });

  it('cuts a long value to the width, marking the cut', () => {
    const out = clip('x'.repeat(100), 20);
    expect(out).toHaveLength(20);
    expect(out.endsWith('…')).toBe(true);
  });

  it('keeps the first difference in view when it lies past the width', () => {
    const before = `${'a'.repeat(200)}BEFORE${'z'.repeat(100)}`;
    const out = clip(before, 40, 200);
    expect(out).toHaveLength(40);
    expect(out.startsWith('…')).toBe(true);
    expect(out).toContain('BEFORE');
  });

  it('shows the end of a value that differs near its end', () => {
    const out = clip(`${'a'.repeat(200)}END`, 40, 200);
    expect(out.endsWith('aEND')).toBe(true);
    expect(out).toHaveLength(40);
  });
});

describe('compactJson', () => {
  it('writes one line with keys in code-unit order', () => {
    expect(compactJson({ b: 1, a: [{ d: 2, c: 'x\ny' }], u: undefined })).toBe('{"a":[{"c":"x\\ny","d":2}],"b":1}');
  });
});
