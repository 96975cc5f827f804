import { KiB } from '../units.ts';

/** The geometry and speeds of a wafer-scale fabric; every figure is editable in the view and the command line. */
export interface FabricParameters {
  /** Fabric columns W, including reserved I/O columns. */
  columns: number;
  /** Fabric rows H, including reserved rows. */
  rows: number;
  /** Columns reserved for host I/O on the west and east edges, and rows on the north and south edges. */
  reservedWest: number;
  reservedEast: number;
  reservedNorth: number;
  reservedSouth: number;
  /** SRAM per PE in bytes. */
  sramBytes: number;
  /** Code, stack and runtime reserve per PE in bytes. */
  reserveBytes: number;
  /** One buffer of the streamed weight tile per PE in bytes; the tile is double-buffered. */
  weightTileBytes: number;
  clockHz: number;
  /** fp16 FLOPs per PE per cycle. */
  flopsPerCycle: number;
  /** Bytes per router link per cycle, one direction. */
  linkBytesPerCycle: number;
  cyclesPerHop: number;
  /** Off-wafer weight bandwidth in bytes per second. */
  weightBandwidth: number;
}

export interface FabricPreset {
  id: string;
  name: string;
  parameters: FabricParameters;
  /** True when the grid is not published and was chosen to match the core count. */
  approximateGrid: boolean;
  source: string;
}

// Reserved edges: the Cerebras SDK memcpy layout offsets a program by 4 columns and 1 row and needs
// width + 7 and height + 1. The split into 4 west, 3 east, 1 north and 1 south is an assumption.
const WSE2_LIKE: Omit<FabricParameters, 'columns' | 'rows'> = {
  reservedWest: 4,
  reservedEast: 3,
  reservedNorth: 1,
  reservedSouth: 1,
  // 48 KB per PE: ALCF AI-testbed documentation for the CS-2.
  sramBytes: 48 * KiB,
  reserveBytes: 6 * KiB,
  weightTileBytes: 1 * KiB,
  // About 1.1 GHz: Hot Chips 34 talk on WSE-2 (secondary source, not on a datasheet).
  clockHz: 1.1e9,
  // 7.5 PFLOP/s per CS-2 (Andromeda: 16 CS-2 = 120 PFLOP/s) is about 8 fp16 FLOPs per PE per cycle.
  flopsPerCycle: 8,
  // One 32-bit wavelet per link per cycle: Cerebras SDK, "Computing with Cerebras".
  linkBytesPerCycle: 4,
  // Hop latency is not published; one cycle per hop is an assumption.
  cyclesPerHop: 1,
  // 12 × 100 GbE I/O, the CS-1 and CS-3 figure; an assumption for the CS-2.
  weightBandwidth: 150e9,
};

export const FABRIC_PRESETS: readonly FabricPreset[] = [
  {
    id: 'wse-1',
    name: 'WSE-1 (CS-1), approximate grid',
    // 400,000 cores; the SDK does not expose a WSE-1 fabric, so 633 × 633 (400,689 PEs) is an approximation.
    parameters: { ...WSE2_LIKE, columns: 633, rows: 633 },
    approximateGrid: true,
    source: 'Cerebras WSE-1 announcement: 400,000 cores, 18 GB SRAM. The grid is approximate: a square of about 400,000 PEs.',
  },
  {
    id: 'wse-2',
    name: 'WSE-2 (CS-2), 757 × 996',
    parameters: { ...WSE2_LIKE, columns: 757, rows: 996 },
    approximateGrid: false,
    source: 'Cerebras SDK CSL tutorial "gemv-01-complete-program" (SDK 2.10): --fabric-dims=757,996.',
  },
  {
    id: 'wse-3',
    name: 'WSE-3 (CS-3), 762 × 1172',
    parameters: { ...WSE2_LIKE, columns: 762, rows: 1172 },
    approximateGrid: false,
    source: 'Cerebras SDK fabric dimensions for WSE-3: 762 × 1172 (893,064 PEs); per-PE SRAM about 48 KB, derived from 44 GB.',
  },
];

export const FABRIC_IDS = ['wse-1', 'wse-2', 'wse-3', 'custom'] as const;
export type FabricId = (typeof FABRIC_IDS)[number];

export function findFabricPreset(id: string): FabricPreset | undefined {
  return FABRIC_PRESETS.find((preset) => preset.id === id);
}
