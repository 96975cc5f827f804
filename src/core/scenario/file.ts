import type { Scenario } from './types.ts';
import { decodeScenario, encodeScenario, type IgnoredField } from './url.ts';

/** The "format" value that marks a seqscope scenario file. */
export const SCENARIO_FILE_FORMAT = 'seqscope-scenario';

/** Largest scenario file read, in characters; a scenario is a few kilobytes at most. */
export const MAX_SCENARIO_FILE_CHARS = 1_000_000;

/**
 * A scenario as a JSON file: the URL fields that differ from the defaults, by
 * their URL names, so a file goes through the same validation as a link.
 */
export function formatScenarioFile(scenario: Scenario): string {
  const params = encodeScenario(scenario);
  const fields: Record<string, string> = {};
  for (const [key, value] of params) if (key !== 'v') fields[key] = value;
  return `${JSON.stringify({ format: SCENARIO_FILE_FORMAT, version: Number(params.get('v')), fields }, null, 2)}\n`;
}

export type ScenarioFileResult =
  | { ok: true; scenario: Scenario; ignored: IgnoredField[] }
  | { ok: false; problems: IgnoredField[] };

function reject(value: string, reason: string): ScenarioFileResult {
  return { ok: false, problems: [{ key: 'file', value, reason }] };
}

/**
 * Reads a scenario file. A file that is not a scenario file is rejected as a
 * whole. Inside a valid file, each invalid field keeps its default and is
 * listed in `ignored`, as for a URL.
 */
export function parseScenarioFile(text: string, fileName = 'file'): ScenarioFileResult {
  if (text.length > MAX_SCENARIO_FILE_CHARS) return reject(fileName, `larger than ${MAX_SCENARIO_FILE_CHARS.toLocaleString('en-US')} characters; expected a seqscope scenario file`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return reject(fileName, `not valid JSON (${(error as Error).message}); expected a seqscope scenario file`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return reject(fileName, 'expected a JSON object with format, version and fields');
  const record = parsed as Record<string, unknown>;
  if (record.format !== SCENARIO_FILE_FORMAT) return reject(fileName, `"format" is ${JSON.stringify(record.format) ?? 'missing'}; expected "${SCENARIO_FILE_FORMAT}"`);
  const fields = record.fields;
  if (typeof fields !== 'object' || fields === null || Array.isArray(fields)) return reject(fileName, '"fields" must be an object of URL field names to text values');

  const params = new URLSearchParams();
  const ignored: IgnoredField[] = [];
  if (record.version !== undefined) params.set('v', String(record.version));
  for (const [key, value] of Object.entries(fields as Record<string, unknown>)) {
    if (key === 'v') continue;
    if (typeof value === 'string') params.append(key, value);
    else if (typeof value === 'boolean') params.append(key, value ? '1' : '0');
    else if (typeof value === 'number') params.append(key, String(value));
    else ignored.push({ key, value: JSON.stringify(value) ?? String(value), reason: 'expected text, a number or a boolean' });
  }
  const decoded = decodeScenario(params);
  return { ok: true, scenario: decoded.scenario, ignored: [...ignored, ...decoded.ignored] };
}
