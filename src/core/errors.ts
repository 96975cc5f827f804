/**
 * An input that is outside its allowed range or of the wrong type. The message
 * names the field, the value and what is allowed, so it can be shown as is.
 */
export class ValidationError extends Error {
  override readonly name = 'ValidationError';
  readonly field: string;
  readonly value: unknown;
  readonly allowed: string;
  /** Advice for the user, when the allowed range alone does not say what to do. */
  readonly hint: string | undefined;

  constructor(field: string, value: unknown, allowed: string, hint?: string) {
    const problem = value === undefined ? `${field} is missing` : `${field}: ${describeValue(value)} is invalid`;
    super(`${problem}; expected ${allowed}.${hint ? ` ${hint}` : ''}`);
    this.field = field;
    this.value = value;
    this.allowed = allowed;
    this.hint = hint;
  }
}

/** A Hugging Face config.json that cannot be turned into a model, with every problem found. */
export class ConfigImportError extends Error {
  override readonly name = 'ConfigImportError';
  readonly problems: readonly ValidationError[];

  constructor(message: string, problems: readonly ValidationError[] = []) {
    super(problems.length === 0 ? message : `${message}\n${problems.map((p) => `- ${p.message}`).join('\n')}`);
    this.problems = problems;
  }
}

/** Renders a value for an error message: strings quoted, long values shortened. */
export function describeValue(value: unknown): string {
  let text: string;
  if (typeof value === 'string') text = JSON.stringify(value);
  else if (value === undefined) text = 'missing';
  else if (typeof value === 'number' || typeof value === 'boolean' || value === null) text = String(value);
  else {
    try {
      text = JSON.stringify(value) ?? String(value);
    } catch {
      text = String(value);
    }
  }
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
