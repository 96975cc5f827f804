import { DEVICE_PRESETS } from '../devices/devices.ts';
import { ValidationError } from '../errors.ts';
import { booleanCodec, enumCodec, groupField, integerCodec, numberCodec, type AnyUrlField, type UrlField } from '../scenario/fields.ts';
import type { Scenario } from '../scenario/types.ts';
import { SCALING_LIMITS } from '../scaling/settings.ts';
import { FABRIC_IDS, type FabricId, type FabricParameters } from './presets.ts';

export const GPU_PARALLELISMS = ['tensor', 'sequence'] as const;
export type GpuParallelism = (typeof GPU_PARALLELISMS)[number];

export const FABRIC_METRICS = ['memory', 'compute', 'traffic', 'arrival', 'overflow'] as const;
export type FabricMetric = (typeof FABRIC_METRICS)[number];

/** Injection point of a broadcast: the west edge of every row, or one PE in usable coordinates. */
export type WavefrontSource = { kind: 'west' } | { kind: 'point'; x: number; y: number };

/** A PE in fabric coordinates: column x and row y, reserved edges included. */
export interface FabricPe {
  x: number;
  y: number;
}

/**
 * The heatmap's view, independent of the screen: the point at its centre in
 * fabric coordinates (PE widths, reserved edges included) and the zoom
 * relative to the whole fabric fitting the view (1).
 */
export interface FabricCamera {
  centerX: number;
  centerY: number;
  zoom: number;
}

/** The GPU cluster that runs the same layer beside the wafer. */
export interface GpuClusterSettings {
  gpus: number;
  parallelism: GpuParallelism;
  /** Per-message latency α in seconds. */
  latencySeconds: number;
  /** Per-GPU link bandwidth in bytes per second. */
  linkBandwidth: number;
  /** Device preset whose dense peak gives the compute time. */
  deviceId: string;
}

export interface FabricScenario {
  fabricId: FabricId;
  /** Figures the user changed from the preset; a custom fabric starts from WSE-2's. */
  edits: Partial<FabricParameters>;
  /** Sequence length s the simulation places; the batch comes from the scaling settings. */
  seq: number;
  /** Keys per tile under tiled exact attention. */
  tileKeys: number;
  /** Count the tiled-attention working set; off leaves only stored activations, as the analytic fit does. */
  workingSet: boolean;
  source: WavefrontSource;
  gpu: GpuClusterSettings;
  metric: FabricMetric;
  /** The heatmap's view; undefined shows the whole fabric. */
  camera: FabricCamera | undefined;
  /** The PE whose values are pinned beside the heatmap. */
  pin: FabricPe | undefined;
}

// GPU defaults: about 2 µs to move data between two network nodes (Cerebras blog, "Context is Everything",
// August 2022) and one InfiniBand NDR port of 400 Gb/s, 50 GB/s, per GPU.
export const DEFAULT_GPU_CLUSTER: GpuClusterSettings = {
  gpus: 8,
  parallelism: 'tensor',
  latencySeconds: 2e-6,
  linkBandwidth: 50e9,
  deviceId: 'a100-80gb',
};

export const DEFAULT_FABRIC_SCENARIO: FabricScenario = {
  fabricId: 'wse-2',
  edits: {},
  seq: 2048,
  tileKeys: 64,
  workingSet: true,
  source: { kind: 'west' },
  gpu: DEFAULT_GPU_CLUSTER,
  metric: 'memory',
  camera: undefined,
  pin: undefined,
};

/** Allowed ranges of the fabric parameters, in the units of FabricParameters. */
export const FABRIC_LIMITS: Record<keyof FabricParameters, { min: number; max: number; integer: boolean }> = {
  columns: { min: 1, max: 4096, integer: true },
  rows: { min: 1, max: 4096, integer: true },
  reservedWest: { min: 0, max: 4095, integer: true },
  reservedEast: { min: 0, max: 4095, integer: true },
  reservedNorth: { min: 0, max: 4095, integer: true },
  reservedSouth: { min: 0, max: 4095, integer: true },
  sramBytes: { min: 1, max: 1 << 30, integer: true },
  reserveBytes: { min: 0, max: 1 << 30, integer: true },
  weightTileBytes: { min: 0, max: 1 << 30, integer: true },
  clockHz: { min: 1e6, max: 1e11, integer: false },
  flopsPerCycle: { min: 0.001, max: 1e6, integer: false },
  linkBytesPerCycle: { min: 0.001, max: 1e6, integer: false },
  cyclesPerHop: { min: 0, max: 1e6, integer: false },
  weightBandwidth: { min: 1e6, max: 1e16, integer: false },
};

/** Zoom relative to the whole fabric fitting the view. The heatmap narrows it to what its viewport allows. */
export const FABRIC_ZOOM_LIMITS = { min: 0.5, max: 100_000 };
/** Largest fabric coordinate a view centre or a pin may name, the largest fabric side. */
const MAX_FABRIC_COORDINATE = 4095;

export const FABRIC_SEQ_LIMITS = { min: 1, max: SCALING_LIMITS.seq.max };
export const TILE_KEYS_LIMITS = { min: 1, max: 1_000_000 };
export const GPU_LIMITS = {
  gpus: { min: 1, max: 100_000 },
  latencyMicroseconds: { min: 0, max: 1e6 },
  linkGigabytesPerSecond: { min: 0.001, max: 1e6 },
};

/** URL key and the factor from the URL's unit to the parameter's unit. */
const PARAMETER_KEYS: Record<keyof FabricParameters, { key: string; scale: number }> = {
  columns: { key: 'fab.cols', scale: 1 },
  rows: { key: 'fab.rows', scale: 1 },
  reservedWest: { key: 'fab.rw', scale: 1 },
  reservedEast: { key: 'fab.re', scale: 1 },
  reservedNorth: { key: 'fab.rn', scale: 1 },
  reservedSouth: { key: 'fab.rs', scale: 1 },
  sramBytes: { key: 'fab.sram', scale: 1 },
  reserveBytes: { key: 'fab.res', scale: 1 },
  weightTileBytes: { key: 'fab.tile', scale: 1 },
  clockHz: { key: 'fab.ghz', scale: 1e9 },
  flopsPerCycle: { key: 'fab.flops', scale: 1 },
  linkBytesPerCycle: { key: 'fab.link', scale: 1 },
  cyclesPerHop: { key: 'fab.hop', scale: 1 },
  weightBandwidth: { key: 'fab.wbw', scale: 1e9 },
};

export function fabricParameterKey(name: keyof FabricParameters): string {
  return PARAMETER_KEYS[name].key;
}

/** Field of one edited fabric parameter; absent means the preset's value. */
function editField(name: keyof FabricParameters): UrlField<Scenario, number | undefined> {
  const { key, scale } = PARAMETER_KEYS[name];
  const limits = FABRIC_LIMITS[name];
  const codec = limits.integer ? integerCodec(key, limits.min / scale, limits.max / scale) : numberCodec(key, limits.min / scale, limits.max / scale);
  return {
    key,
    get: (scenario) => scenario.fabric.edits[name],
    set: (scenario, value) => ({ ...scenario, fabric: { ...scenario.fabric, edits: { ...scenario.fabric.edits, [name]: value } } }),
    parse: (raw) => codec.parse(raw) * scale,
    format: (value) => codec.format((value ?? 0) / scale),
  };
}

const sourceCodec = {
  parse(raw: string): WavefrontSource {
    if (raw === 'west') return { kind: 'west' };
    const match = /^(\d{1,4}),(\d{1,4})$/.exec(raw.trim());
    if (!match) throw new ValidationError('fab.src', raw, '"west" or a PE as x,y in usable coordinates, e.g. 375,497');
    return { kind: 'point', x: Number(match[1]), y: Number(match[2]) };
  },
  format: (source: WavefrontSource) => (source.kind === 'west' ? 'west' : `${source.x},${source.y}`),
  equals: (a: WavefrontSource, b: WavefrontSource) => sourceCodec.format(a) === sourceCodec.format(b),
};

/** Rounds a camera as the URL writes it: centres to 0.1 PE and the zoom to four significant digits. */
export function roundCamera(camera: FabricCamera): FabricCamera {
  return { centerX: Math.round(camera.centerX * 10) / 10, centerY: Math.round(camera.centerY * 10) / 10, zoom: Number(camera.zoom.toPrecision(4)) };
}

/** Text of an absent camera or pin, for a URL that must clear one a preset sets. */
const NONE = 'none';

const cameraCodec = {
  parse(raw: string): FabricCamera | undefined {
    if (raw === NONE) return undefined;
    const parts = raw.split(',').map((part) => (part.trim() === '' ? Number.NaN : Number(part)));
    const [centerX, centerY, zoom] = parts;
    const centreOk = (value: number | undefined) => value !== undefined && Number.isFinite(value) && value >= 0 && value <= MAX_FABRIC_COORDINATE + 1;
    const zoomOk = zoom !== undefined && Number.isFinite(zoom) && zoom >= FABRIC_ZOOM_LIMITS.min && zoom <= FABRIC_ZOOM_LIMITS.max;
    if (parts.length !== 3 || !centreOk(centerX) || !centreOk(centerY) || !zoomOk) {
      throw new ValidationError(
        'fab.cam',
        raw,
        `x,y,zoom: the view's centre in fabric PEs (0 to ${MAX_FABRIC_COORDINATE + 1}) and a zoom from ${FABRIC_ZOOM_LIMITS.min} to ${FABRIC_ZOOM_LIMITS.max.toLocaleString('en-US')}, e.g. 375.5,497,24`,
        'Leave it out to show the whole fabric.',
      );
    }
    return roundCamera({ centerX: centerX!, centerY: centerY!, zoom: zoom! });
  },
  format(camera: FabricCamera | undefined): string {
    if (!camera) return NONE;
    const rounded = roundCamera(camera);
    return `${rounded.centerX},${rounded.centerY},${rounded.zoom}`;
  },
  equals: (a: FabricCamera | undefined, b: FabricCamera | undefined) => cameraCodec.format(a) === cameraCodec.format(b),
};

const pinCodec = {
  parse(raw: string): FabricPe | undefined {
    if (raw === NONE) return undefined;
    const match = /^(\d{1,4}),(\d{1,4})$/.exec(raw.trim());
    if (!match || Number(match[1]) > MAX_FABRIC_COORDINATE || Number(match[2]) > MAX_FABRIC_COORDINATE) {
      throw new ValidationError('fab.pin', raw, `a PE as x,y in fabric coordinates from 0 to ${MAX_FABRIC_COORDINATE}, reserved edges included, e.g. 380,500`);
    }
    return { x: Number(match[1]), y: Number(match[2]) };
  },
  format: (pe: FabricPe | undefined) => (pe ? `${pe.x},${pe.y}` : NONE),
  equals: (a: FabricPe | undefined, b: FabricPe | undefined) => pinCodec.format(a) === pinCodec.format(b),
};

function gpuField<K extends keyof GpuClusterSettings>(key: string, name: K, codec: Pick<UrlField<Scenario, GpuClusterSettings[K]>, 'parse' | 'format'>): UrlField<Scenario, GpuClusterSettings[K]> {
  return {
    key,
    get: (scenario) => scenario.fabric.gpu[name],
    set: (scenario, value) => ({ ...scenario, fabric: { ...scenario.fabric, gpu: { ...scenario.fabric.gpu, [name]: value } } }),
    ...codec,
  };
}

function scaledNumberCodec(key: string, min: number, max: number, scale: number) {
  const codec = numberCodec(key, min, max);
  return { parse: (raw: string) => codec.parse(raw) * scale, format: (value: number) => codec.format(value / scale) };
}

const gpuDeviceIds = DEVICE_PRESETS.filter((device) => device.kind !== 'wafer').map((device) => device.id);

/** URL fields of the fabric slice; each reads and writes scenario.fabric. */
export const FABRIC_URL_FIELDS: readonly AnyUrlField<Scenario>[] = [
  groupField('fab.id', 'fabric', 'fabricId', enumCodec('fab.id', FABRIC_IDS)),
  ...(Object.keys(PARAMETER_KEYS) as (keyof FabricParameters)[]).map(editField),
  groupField('fab.s', 'fabric', 'seq', integerCodec('fab.s', FABRIC_SEQ_LIMITS.min, FABRIC_SEQ_LIMITS.max)),
  groupField('fab.tk', 'fabric', 'tileKeys', integerCodec('fab.tk', TILE_KEYS_LIMITS.min, TILE_KEYS_LIMITS.max)),
  groupField('fab.ws', 'fabric', 'workingSet', booleanCodec('fab.ws')),
  groupField('fab.src', 'fabric', 'source', sourceCodec),
  gpuField('fab.gpus', 'gpus', integerCodec('fab.gpus', GPU_LIMITS.gpus.min, GPU_LIMITS.gpus.max)),
  gpuField('fab.par', 'parallelism', enumCodec('fab.par', GPU_PARALLELISMS)),
  gpuField('fab.alpha', 'latencySeconds', scaledNumberCodec('fab.alpha', GPU_LIMITS.latencyMicroseconds.min, GPU_LIMITS.latencyMicroseconds.max, 1e-6)),
  gpuField('fab.gbw', 'linkBandwidth', scaledNumberCodec('fab.gbw', GPU_LIMITS.linkGigabytesPerSecond.min, GPU_LIMITS.linkGigabytesPerSecond.max, 1e9)),
  gpuField('fab.gdev', 'deviceId', enumCodec('fab.gdev', gpuDeviceIds)),
  groupField('fab.metric', 'fabric', 'metric', enumCodec('fab.metric', FABRIC_METRICS)),
  groupField('fab.cam', 'fabric', 'camera', cameraCodec),
  groupField('fab.pin', 'fabric', 'pin', pinCodec),
];
