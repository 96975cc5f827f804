import { ValidationError } from '../errors.ts';

/**
 * One scenario field as it appears in the URL: its query-parameter name, how
 * to read it from and write it into a scenario, and how to parse and format
 * its text. parse throws ValidationError for a value outside the field's type
 * or range; the codec then keeps the default and reports the field.
 */
export interface UrlField<S, T = unknown> {
  key: string;
  get(scenario: S): T;
  set(scenario: S, value: T): S;
  parse(raw: string): T;
  format(value: T): string;
  /** Equality used to leave default values out of the URL; defaults to ===. */
  equals?(a: T, b: T): boolean;
}

/** A field of any value type, for lists that mix them. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyUrlField<S> = UrlField<S, any>;

/** Builds a field whose value sits at scenario[group][name]. */
export function groupField<S, G extends keyof S, K extends keyof S[G]>(
  key: string,
  group: G,
  name: K,
  codec: Pick<UrlField<S, S[G][K]>, 'parse' | 'format' | 'equals'>,
): UrlField<S, S[G][K]> {
  return {
    key,
    get: (scenario) => scenario[group][name],
    set: (scenario, value) => ({ ...scenario, [group]: { ...scenario[group], [name]: value } }),
    ...codec,
  };
}

export const integerCodec = (key: string, min: number, max: number) => ({
  parse(raw: string): number {
    const value = /^-?\d+$/.test(raw.trim()) ? Number(raw) : Number.NaN;
    if (!Number.isSafeInteger(value) || value < min || value > max) {
      throw new ValidationError(key, raw, `an integer from ${min.toLocaleString('en-US')} to ${max.toLocaleString('en-US')}`);
    }
    return value;
  },
  format: (value: number) => String(value),
});

export const numberCodec = (key: string, min: number, max: number) => ({
  parse(raw: string): number {
    const value = raw.trim() === '' ? Number.NaN : Number(raw);
    if (!Number.isFinite(value) || value < min || value > max) {
      throw new ValidationError(key, raw, `a number from ${min.toLocaleString('en-US')} to ${max.toLocaleString('en-US')}`);
    }
    return value;
  },
  format: (value: number) => String(value),
});

export const booleanCodec = (key: string) => ({
  parse(raw: string): boolean {
    if (raw === '1' || raw === 'true') return true;
    if (raw === '0' || raw === 'false') return false;
    throw new ValidationError(key, raw, '1 or 0');
  },
  format: (value: boolean) => (value ? '1' : '0'),
});

export const enumCodec = <T extends string>(key: string, options: readonly T[]) => ({
  parse(raw: string): T {
    if (!(options as readonly string[]).includes(raw)) throw new ValidationError(key, raw, `one of ${options.join(', ')}`);
    return raw as T;
  },
  format: (value: T) => value,
});

/**
 * A value that is partly invalid: the codec keeps `kept` (the valid part) and
 * reports the rest. The URL decoder applies `kept`; strict callers such as the
 * command line treat it as the ValidationError it is.
 */
export class PartiallyValidError<T = unknown> extends ValidationError {
  readonly kept: T;

  constructor(field: string, value: unknown, allowed: string, hint: string, kept: T) {
    super(field, value, allowed, hint);
    this.kept = kept;
  }
}

/**
 * A comma-separated list of ids, each checked by isKnown. Unknown ids are
 * reported and the known ones kept; a list with no known id is invalid.
 * `allowed` describes the known ids in the error message.
 */
export const idListCodec = (key: string, isKnown: (id: string) => boolean, maxItems = 32, allowed = 'known ids') => ({
  parse(raw: string): string[] {
    const ids = raw.split(',').map((id) => id.trim()).filter((id) => id !== '');
    if (ids.length > maxItems) throw new ValidationError(key, raw, `at most ${maxItems} ids`);
    const known = [...new Set(ids.filter(isKnown))];
    const unknown = ids.filter((id) => !isKnown(id));
    if (unknown.length > 0 && known.length > 0) {
      throw new PartiallyValidError(key, unknown.join(','), allowed, `Not found: ${unknown.join(', ')}.`, known);
    }
    if (unknown.length > 0) throw new ValidationError(key, raw, allowed, `Not found: ${unknown.join(', ')}.`);
    return known;
  },
  format: (ids: string[]) => ids.join(','),
  equals: (a: string[], b: string[]) => a.length === b.length && a.every((id, i) => id === b[i]),
});

/** Reads a query string, with or without its leading "?", or passes parsed parameters through. */
export function toSearchParams(query: string | URLSearchParams): URLSearchParams {
  if (typeof query !== 'string') return query;
  return new URLSearchParams(query.startsWith('?') ? query.slice(1) : query);
}
