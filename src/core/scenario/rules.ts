import { ValidationError } from '../errors.ts';
import { resolveModel } from './resolve.ts';
import type { Scenario } from './types.ts';
import { applyScenarioField } from './url.ts';

/**
 * Returns the rules a scenario breaks that involve more than one field: the
 * sequence range must not be reversed, and tensor parallelism splits attention
 * heads across devices, so t must divide the model's head count (Megatron-LM
 * shards heads this way).
 */
export function findRuleProblems(scenario: Scenario): ValidationError[] {
  const problems: ValidationError[] = [];
  const { seqMin, seqMax, tensorParallel } = scenario.scaling;
  if (seqMin > seqMax) {
    problems.push(new ValidationError('smin', seqMin, `at most the longest sequence (${seqMax.toLocaleString('en-US')})`, 'Raise the longest sequence first, or lower this one.'));
  }
  const model = resolveModel(scenario.model);
  if (model && model.heads % tensorParallel !== 0) {
    problems.push(new ValidationError('tp', tensorParallel, `a divisor of the model's ${model.heads} attention heads`, 'Tensor parallelism gives each device whole heads.'));
  }
  return problems;
}

/**
 * Applies a user's edit of one field and checks the rules that involve other
 * fields. Throws ValidationError, naming the edited field, when the edit breaks one.
 */
export function applyUserEdit(scenario: Scenario, key: string, raw: string): Scenario {
  const next = applyScenarioField(scenario, key, raw);
  const problem = findRuleProblems(next).find((candidate) => candidate.field === key || (key === 'smax' && candidate.field === 'smin'));
  if (problem) {
    if (key === 'smax') throw new ValidationError('smax', next.scaling.seqMax, `at least the shortest sequence (${next.scaling.seqMin.toLocaleString('en-US')})`, 'Lower the shortest sequence first, or raise this one.');
    throw problem;
  }
  return next;
}
