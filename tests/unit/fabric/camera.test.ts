import { describe, expect, it } from 'vitest';
import { DEFAULT_SCENARIO } from '../../../src/core/scenario/types.ts';
import { decodeScenario, scenarioQuery } from '../../../src/core/scenario/url.ts';
import { fitCamera, sameCamera, scenarioCamera, screenCamera } from '../../../src/ui/fabric/camera.ts';

// WSE-2 is 757 × 996 PEs, reserved edges included.
const COLUMNS = 757;
const ROWS = 996;
const VIEW = { width: 900, height: 600 };

describe('fabric view in the URL', () => {
  it('round-trips view and pin', () => {
    const { scenario, ignored } = decodeScenario('?view=fabric&fab.cam=4.5,101.5,24&fab.pin=4,101');
    expect(ignored).toEqual([]);
    expect(scenario.fabric.camera).toEqual({ centerX: 4.5, centerY: 101.5, zoom: 24 });
    expect(scenario.fabric.pin).toEqual({ x: 4, y: 101 });
    const query = scenarioQuery(scenario);
    expect(query).toContain('fab.cam=4.5,101.5,24');
    expect(query).toContain('fab.pin=4,101');
    expect(decodeScenario(query).scenario).toEqual(scenario);
  });

  it('rounds the view as written', () => {
    const { scenario } = decodeScenario('?fab.cam=10.04,20.06,3.14159');
    expect(scenario.fabric.camera).toEqual({ centerX: 10, centerY: 20.1, zoom: 3.142 });
  });

  it('leaves the whole-fabric view out', () => {
    expect(DEFAULT_SCENARIO.fabric.camera).toBeUndefined();
    expect(DEFAULT_SCENARIO.fabric.pin).toBeUndefined();
    expect(scenarioQuery(DEFAULT_SCENARIO)).not.toMatch(/fab\.(cam|pin)/);
  });

  it('ignores invalid values and names them', () => {
    const cases: [string, string, RegExp][] = [
      ['fab.cam', '1,2', /expected x,y,zoom: the view's centre/],
      ['fab.cam', '1,2,0.1', /a zoom from 0.5 to 100,000/],
      ['fab.cam', '-3,2,4', /centre in fabric PEs \(0 to 4096\)/],
      ['fab.cam', '1,,4', /expected x,y,zoom/],
      ['fab.pin', '4096,3', /expected a PE as x,y in fabric coordinates from 0 to 4095/],
      ['fab.pin', '1.5,3', /expected a PE as x,y/],
    ];
    for (const [key, raw, message] of cases) {
      const { scenario, ignored } = decodeScenario(`?${key}=${encodeURIComponent(raw)}`);
      expect(ignored.map((field) => field.key)).toEqual([key]);
      expect(ignored[0]!.reason).toMatch(message);
      expect(scenario.fabric.camera).toBeUndefined();
      expect(scenario.fabric.pin).toBeUndefined();
    }
  });

  it('none clears a view', () => {
    const { scenario, ignored } = decodeScenario('?fab.cam=none&fab.pin=none');
    expect(ignored).toEqual([]);
    expect(scenario.fabric.camera).toBeUndefined();
    expect(scenario.fabric.pin).toBeUndefined();
  });
});

describe('heatmap camera', () => {
  it('maps the fitted view to no camera', () => {
    expect(scenarioCamera(fitCamera(VIEW, COLUMNS, ROWS), VIEW, COLUMNS, ROWS)).toBeUndefined();
    expect(screenCamera(undefined, VIEW, COLUMNS, ROWS)).toEqual(fitCamera(VIEW, COLUMNS, ROWS));
  });

  it('puts the camera centre in the view centre', () => {
    const screen = screenCamera({ centerX: 4.5, centerY: 101.5, zoom: 40 }, VIEW, COLUMNS, ROWS);
    // Fit scale: min(900 / 757, 600 / 996) × 0.98.
    expect(screen.k).toBeCloseTo((600 / 996) * 0.98 * 40, 10);
    expect(screen.x + 4.5 * screen.k).toBeCloseTo(450, 10);
    expect(screen.y + 101.5 * screen.k).toBeCloseTo(300, 10);
  });

  it('keeps a view across view sizes', () => {
    const camera = { centerX: 300.5, centerY: 700, zoom: 12.5 };
    for (const view of [VIEW, { width: 1920, height: 1080 }, { width: 375, height: 500 }]) {
      expect(scenarioCamera(screenCamera(camera, view, COLUMNS, ROWS), view, COLUMNS, ROWS)).toEqual(camera);
    }
  });

  it('compares cameras as the URL rounds them', () => {
    expect(sameCamera({ centerX: 1.01, centerY: 2, zoom: 3 }, { centerX: 1.04, centerY: 2, zoom: 3 })).toBe(true);
    expect(sameCamera({ centerX: 1.01, centerY: 2, zoom: 3 }, { centerX: 1.2, centerY: 2, zoom: 3 })).toBe(false);
    expect(sameCamera(undefined, undefined)).toBe(true);
    expect(sameCamera(undefined, { centerX: 1, centerY: 2, zoom: 3 })).toBe(false);
  });
});
