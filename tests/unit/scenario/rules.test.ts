import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../src/core/errors.ts';
import { applyUserEdit, findRuleProblems } from '../../../src/core/scenario/rules.ts';
import { DEFAULT_SCENARIO } from '../../../src/core/scenario/types.ts';

function editError(key: string, raw: string, scenario = DEFAULT_SCENARIO): ValidationError {
  try {
    applyUserEdit(scenario, key, raw);
  } catch (error) {
    if (error instanceof ValidationError) return error;
    throw error;
  }
  throw new Error(`expected ${key}=${raw} to be rejected`);
}

describe('scenario rules', () => {
  it('default scenario breaks none', () => {
    expect(findRuleProblems(DEFAULT_SCENARIO)).toEqual([]);
  });

  it('longest below shortest is rejected', () => {
    const error = editError('smax', '1');
    expect(error.field).toBe('smax');
    expect(error.message).toContain('expected at least the shortest sequence (512)');
  });

  it('shortest above longest is rejected', () => {
    expect(editError('smin', '100000').message).toContain('expected at most the longest sequence (65,536)');
  });

  it('tensor parallelism must divide the heads', () => {
    // GPT-J has 16 heads.
    expect(editError('tp', '3').message).toBe("tp: 3 is invalid; expected a divisor of the model's 16 attention heads. Tensor parallelism gives each device whole heads.");
    expect(applyUserEdit(DEFAULT_SCENARIO, 'tp', '8').scaling.tensorParallel).toBe(8);
  });

  it('model change can break the tp rule', () => {
    const scenario = applyUserEdit(DEFAULT_SCENARIO, 'tp', '16');
    const gpt2xl = applyUserEdit(scenario, 'model', 'gpt2-xl');
    expect(findRuleProblems(gpt2xl).map((problem) => problem.field)).toEqual(['tp']);
  });

  it('valid edits pass through', () => {
    expect(applyUserEdit(DEFAULT_SCENARIO, 'smax', '131072').scaling.seqMax).toBe(131072);
  });
});
