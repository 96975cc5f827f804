import { describe, expect, it } from 'vitest';
import { findFabricProblems, fabricGeometry, resolveFabricParameters } from '../../../src/core/fabric/geometry.ts';
import { fabricRunInput } from '../../../src/core/fabric/input.ts';
import { FABRIC_URL_FIELDS } from '../../../src/core/fabric/scenario.ts';
import { ValidationError } from '../../../src/core/errors.ts';
import { DEFAULT_SCENARIO } from '../../../src/core/scenario/types.ts';
import { decodeScenario, scenarioQuery } from '../../../src/core/scenario/url.ts';

describe('fabric scenario', () => {
  it('URL keys all start with fab.', () => {
    for (const field of FABRIC_URL_FIELDS) expect(field.key).toMatch(/^fab\./);
  });

  it('round-trips edits through the URL', () => {
    const query = '?view=fabric&fab.id=wse-3&fab.sram=40960&fab.ghz=0.85&fab.wbw=300&fab.s=8192&fab.src=10,20&fab.gpus=16&fab.par=sequence&fab.alpha=1&fab.metric=arrival';
    const { scenario, ignored } = decodeScenario(query);
    expect(ignored).toEqual([]);
    expect(scenario.fabric.fabricId).toBe('wse-3');
    expect(scenario.fabric.edits.sramBytes).toBe(40960);
    expect(scenario.fabric.edits.clockHz).toBeCloseTo(0.85e9, 0);
    expect(scenario.fabric.edits.weightBandwidth).toBe(300e9);
    expect(scenario.fabric.source).toEqual({ kind: 'point', x: 10, y: 20 });
    expect(scenario.fabric.gpu.latencySeconds).toBeCloseTo(1e-6, 15);
    expect(decodeScenario(scenarioQuery(scenario)).scenario).toEqual(scenario);
  });

  it('leaves defaults out of the URL', () => {
    expect(scenarioQuery(DEFAULT_SCENARIO)).not.toContain('fab.');
  });

  it('ignores an out-of-range field and names it', () => {
    const { scenario, ignored } = decodeScenario('?fab.sram=-5&fab.src=west&fab.cols=abc');
    expect(ignored.map((field) => field.key)).toEqual(['fab.sram', 'fab.cols']);
    expect(ignored[0]!.reason).toContain('an integer from 1');
    expect(scenario.fabric.edits).toEqual({});
  });

  it('applies edits over the preset', () => {
    const parameters = resolveFabricParameters({ fabricId: 'wse-3', edits: { reservedWest: 0 } });
    expect(parameters.columns).toBe(762);
    expect(parameters.rows).toBe(1172);
    expect(fabricGeometry(parameters).usableColumns).toBe(759);
  });

  it('rejects reserved edges wider than the fabric', () => {
    const parameters = resolveFabricParameters({ fabricId: 'custom', edits: { columns: 6, reservedWest: 4, reservedEast: 3 } });
    const problems = findFabricProblems(parameters);
    expect(problems).toHaveLength(1);
    expect(problems[0]!.field).toBe('reservedWest');
  });

  it('run input names an invalid wavefront source', () => {
    const scenario = { ...DEFAULT_SCENARIO, fabric: { ...DEFAULT_SCENARIO.fabric, source: { kind: 'point' as const, x: 900, y: 3 } } };
    expect(() => fabricRunInput(scenario)).toThrow(ValidationError);
    expect(() => fabricRunInput(scenario)).toThrow(/source: "900,3" is invalid/);
  });
});
