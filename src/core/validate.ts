import { ValidationError } from './errors.ts';

export interface IntegerRange {
  min: number;
  max: number;
}

/** Checks that a value is an integer within [min, max] and returns it. */
export function requireInteger(field: string, value: unknown, range: IntegerRange): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < range.min || value > range.max) {
    throw new ValidationError(field, value, `an integer from ${range.min.toLocaleString('en-US')} to ${range.max.toLocaleString('en-US')}`);
  }
  return value;
}

/** Checks that a value is a finite number within [min, max] and returns it. */
export function requireNumber(field: string, value: unknown, min: number, max: number, unit = ''): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    const suffix = unit ? ` ${unit}` : '';
    throw new ValidationError(field, value, `a number from ${min}${suffix} to ${max}${suffix}`);
  }
  return value;
}

export function requireOneOf<T extends string>(field: string, value: unknown, options: readonly T[]): T {
  if (typeof value !== 'string' || !(options as readonly string[]).includes(value)) {
    throw new ValidationError(field, value, `one of ${options.join(', ')}`);
  }
  return value as T;
}

export function requireBoolean(field: string, value: unknown): boolean {
  if (typeof value !== 'boolean') throw new ValidationError(field, value, 'true or false');
  return value;
}

/**
 * Runs each check and gathers every ValidationError instead of stopping at the
 * first, so a form or a config import can list all of its problems at once.
 */
export function collectProblems(checks: ReadonlyArray<() => void>): ValidationError[] {
  const problems: ValidationError[] = [];
  for (const check of checks) {
    try {
      check();
    } catch (error) {
      if (error instanceof ValidationError) problems.push(error);
      else throw error;
    }
  }
  return problems;
}
