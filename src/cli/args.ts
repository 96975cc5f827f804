import { parseArgs } from 'node:util';

/** A command-line failure with a message for the user and the process exit code. */
export class CliError extends Error {
  override readonly name = 'CliError';
  constructor(message: string, readonly exitCode = 2) {
    super(message);
  }
}

export interface OptionSpec {
  type: 'string' | 'boolean';
  /** What the option sets, with its unit. */
  help: string;
  /** The default as shown in --help. */
  defaultText?: string;
  /** The value placeholder shown in --help, as N or LIST. */
  valueName?: string;
}

export type OptionSpecs = Record<string, OptionSpec>;

export interface CliCommand {
  name: string;
  summary: string;
  run(argv: string[]): Promise<number>;
}

/** Parses argv against the specs; unknown options and missing values raise CliError. */
export function parseOptions(argv: string[], specs: OptionSpecs, commandName: string): Record<string, string | boolean | undefined> {
  const options: Record<string, { type: 'string' | 'boolean' }> = { help: { type: 'boolean' } };
  for (const [name, spec] of Object.entries(specs)) options[name] = { type: spec.type };
  try {
    const { values } = parseArgs({ args: argv, options, strict: true, allowPositionals: false });
    return values as Record<string, string | boolean | undefined>;
  } catch (error) {
    // A value that starts with a dash reads as an option, so the message names the option and the value.
    const dashValue = /Option '(--[\w-]+)' argument is ambiguous/.exec((error as Error).message);
    if (dashValue) {
      const value = argv[argv.indexOf(dashValue[1]!) + 1] ?? '';
      throw new CliError(`${dashValue[1]}: "${value}" is invalid; a value cannot start with "-" (no option takes a negative number).\nRun "npm run --silent cli -- ${commandName} --help" for the options.`);
    }
    throw new CliError(`${(error as Error).message}\nRun "npm run --silent cli -- ${commandName} --help" for the options.`);
  }
}

/** Formats the option list for --help, one line per option with its unit and default. */
export function formatHelp(usage: string, summary: string, specs: OptionSpecs): string {
  const rows = Object.entries(specs).map(([name, spec]) => {
    const flag = spec.type === 'string' ? `--${name} ${spec.valueName ?? 'VALUE'}` : `--${name}`;
    const suffix = spec.defaultText ? ` (default: ${spec.defaultText})` : '';
    return `  ${flag.padEnd(30)} ${spec.help}${suffix}`;
  });
  return `${summary}\n\nUsage: ${usage}\n\nOptions:\n${rows.join('\n')}\n  ${'--help'.padEnd(30)} Show this help.\n`;
}

export function writeJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}
