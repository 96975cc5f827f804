import type { CliCommand } from './args.ts';
import { attentionCommand } from './commands/attention.ts';
import { fabricCommand } from './commands/fabric.ts';
import { fitCommand } from './commands/fit.ts';
import { flopsCommand } from './commands/flops.ts';
import { memoryCommand } from './commands/memory.ts';

/** Every command of the command line, in the order --help lists them. */
export const COMMANDS: readonly CliCommand[] = [memoryCommand, fitCommand, flopsCommand, fabricCommand, attentionCommand];
