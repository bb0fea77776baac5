import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describePartial } from '../src/partialAnalysis';

describe('describePartial', () => {
  it('shows nothing for a complete analysis', () => {
    assert.equal(describePartial([]), undefined);
  });

  it('names the one function that was cut and says why in the tooltip', () => {
    const shown = describePartial([{ scope: 'crackline', line: 120, cause: 'STEPS', detail: 'step budget: loop at line 120' }]);
    assert.equal(shown?.text, '$(warning) MemLens: crackline partly analyzed');
    assert.match(shown?.tooltip ?? '', /`crackline` \(line 120\): step budget: loop at line 120/);
  });

  it('counts several parts and lists each', () => {
    const shown = describePartial([
      { scope: '<module>', line: 1, cause: 'STEPS', detail: 'step budget ran out' },
      { scope: 'Parser.parse', line: 40, cause: 'TIME', detail: 'time budget' },
    ]);
    assert.equal(shown?.text, '$(warning) MemLens: 2 parts partly analyzed');
    assert.match(shown?.tooltip ?? '', /the module \(line 1\): step budget ran out\n- `Parser.parse` \(line 40\): time budget/);
  });
});
