import { ValidationError } from '../errors.ts';
import { collectProblems, requireInteger, requireNumber } from '../validate.ts';
import { FABRIC_PRESETS, findFabricPreset, type FabricParameters } from './presets.ts';
import { FABRIC_LIMITS, type FabricScenario } from './scenario.ts';

/** The usable part of a fabric: the PEs left after the reserved I/O edges. */
export interface FabricGeometry {
  columns: number;
  rows: number;
  usableColumns: number;
  usableRows: number;
  /** Fabric coordinates of usable PE (0, 0). */
  originX: number;
  originY: number;
}

/** Returns the fabric's parameters: the preset with the user's edits. A custom fabric starts from WSE-2. */
export function resolveFabricParameters(fabric: Pick<FabricScenario, 'fabricId' | 'edits'>): FabricParameters {
  const preset = findFabricPreset(fabric.fabricId) ?? findFabricPreset('wse-2') ?? FABRIC_PRESETS[0]!;
  const merged = { ...preset.parameters };
  for (const [name, value] of Object.entries(fabric.edits) as [keyof FabricParameters, number | undefined][]) {
    if (value !== undefined) merged[name] = value;
  }
  return merged;
}

export function fabricGeometry(parameters: FabricParameters): FabricGeometry {
  return {
    columns: parameters.columns,
    rows: parameters.rows,
    usableColumns: parameters.columns - parameters.reservedWest - parameters.reservedEast,
    usableRows: parameters.rows - parameters.reservedNorth - parameters.reservedSouth,
    originX: parameters.reservedWest,
    originY: parameters.reservedNorth,
  };
}

/** Collects every problem with the parameters, each naming the field, its value and the allowed range. */
export function findFabricProblems(parameters: FabricParameters): ValidationError[] {
  const problems = collectProblems(
    (Object.keys(FABRIC_LIMITS) as (keyof FabricParameters)[]).map((name) => () => {
      const limits = FABRIC_LIMITS[name];
      if (limits.integer) requireInteger(name, parameters[name], limits);
      else requireNumber(name, parameters[name], limits.min, limits.max);
    }),
  );
  if (problems.length > 0) return problems;
  const geometry = fabricGeometry(parameters);
  if (geometry.usableColumns < 1) {
    problems.push(new ValidationError('reservedWest', parameters.reservedWest, `reserved west + east columns below the ${parameters.columns} columns`, 'Reduce the reserved columns or add columns.'));
  }
  if (geometry.usableRows < 1) {
    problems.push(new ValidationError('reservedNorth', parameters.reservedNorth, `reserved north + south rows below the ${parameters.rows} rows`, 'Reduce the reserved rows or add rows.'));
  }
  // With no SRAM left after the reserve and the double-buffered weight tile, not even one token fits.
  const fixedBytes = parameters.reserveBytes + 2 * parameters.weightTileBytes;
  if (parameters.sramBytes <= fixedBytes) {
    problems.push(new ValidationError(
      'sramBytes', parameters.sramBytes,
      `more than the ${fixedBytes.toLocaleString('en-US')} bytes every PE keeps: a ${parameters.reserveBytes.toLocaleString('en-US')}-byte reserve plus 2 × ${parameters.weightTileBytes.toLocaleString('en-US')} bytes of weight tile`,
      'Raise the SRAM per PE or lower the reserve or the weight tile.',
    ));
  }
  return problems;
}
