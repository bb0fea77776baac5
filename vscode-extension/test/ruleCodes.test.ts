import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DiagnosticLike, ruleCodesAt } from '../src/ruleCodes';

const d = (code: DiagnosticLike['code'], l1: number, c1: number, l2: number, c2: number, source = 'memlens'): DiagnosticLike => ({
  source,
  code,
  range: { start: { line: l1, character: c1 }, end: { line: l2, character: c2 } },
});

describe('ruleCodesAt', () => {
  const diags = [
    d('MEM101', 67, 0, 67, 24),
    d({ value: 'MEM102' }, 67, 0, 67, 12),
    d('E501', 67, 0, 67, 80, 'flake8'),
    d('MEM101', 67, 0, 67, 24),
    d('MEM200', 70, 0, 70, 5),
  ];
  it('returns the MemLens codes under the cursor, narrowest first, without duplicates', () => {
    assert.deepEqual(ruleCodesAt(diags, { line: 67, character: 5 }), ['MEM102', 'MEM101']);
  });
  it('falls back to the diagnostics of the line', () => {
    assert.deepEqual(ruleCodesAt(diags, { line: 67, character: 50 }), ['MEM102', 'MEM101']);
  });
  it('returns nothing elsewhere or for other sources', () => {
    assert.deepEqual(ruleCodesAt(diags, { line: 3, character: 0 }), []);
    assert.deepEqual(ruleCodesAt([d('X1', 0, 0, 0, 3, 'other')], { line: 0, character: 1 }), []);
  });
});
