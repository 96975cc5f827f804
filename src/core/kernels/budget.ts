import { formatBytes } from '../units.ts';

/** 1 GiB: what one sweep point may use for a kernel's working memory unless the user raises it. */
export const DEFAULT_BUDGET_BYTES = 1024 ** 3;

/** A run rejected before it allocated anything, because its memory would exceed the budget. */
export class MemoryBudgetError extends Error {
  override readonly name = 'MemoryBudgetError';

  constructor(
    readonly kernel: string,
    readonly seqLen: number,
    readonly requiredBytes: number,
    readonly budgetBytes: number,
    readonly what: string,
  ) {
    super(
      `${kernel} at N = ${seqLen.toLocaleString('en-US')}: ${what} need ${formatBytes(requiredBytes, 'GiB', 3)}, ` +
        `over the ${formatBytes(budgetBytes, 'GiB', 3)} memory budget. Choose a smaller N or a kernel that does not store the scores, or raise the budget.`,
    );
  }
}
