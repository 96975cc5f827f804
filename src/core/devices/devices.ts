import { memoryUnitBytes, type MemoryUnit } from '../units.ts';

/**
 * Accounting mode for a device's memory. "all" counts weights, gradients, optimizer state and
 * activations against the device's memory (a GPU). "weight-streaming" counts only
 * what stays on chip: weights and optimizer state live off-wafer and are streamed
 * in one layer at a time, so only activations (and, in inference, the KV cache)
 * count against on-wafer SRAM.
 */
export type MemoryMode = 'all' | 'weight-streaming';

export interface Device {
  id: string;
  name: string;
  kind: 'gpu' | 'tpu' | 'wafer';
  /** Capacity as the datasheet states it, read in memoryUnit. */
  memory: number;
  memoryUnit: MemoryUnit;
  /** Dense fp16/bf16 peak in FLOP/s; sparse figures are twice this and not used. */
  peakFlops: number;
  /** Memory bandwidth in bytes per second. */
  memoryBandwidth: number;
  memoryMode: MemoryMode;
  source: string;
  note?: string;
}

export function deviceCapacityBytes(device: Pick<Device, 'memory' | 'memoryUnit'>): number {
  return device.memory * memoryUnitBytes(device.memoryUnit);
}

const NVIDIA = 'NVIDIA datasheet';

export const DEVICE_PRESETS: readonly Device[] = [
  { id: 'v100-32gb', name: 'V100 SXM2 32GB', kind: 'gpu', memory: 32, memoryUnit: 'GB', peakFlops: 125e12, memoryBandwidth: 900e9, memoryMode: 'all', source: `${NVIDIA}: Tesla V100 (Volta).` },
  { id: 'a100-40gb', name: 'A100 40GB SXM', kind: 'gpu', memory: 40, memoryUnit: 'GB', peakFlops: 312e12, memoryBandwidth: 1555e9, memoryMode: 'all', source: `${NVIDIA}: A100 Tensor Core GPU.` },
  {
    id: 'a100-80gb', name: 'A100 80GB SXM', kind: 'gpu', memory: 80, memoryUnit: 'GB', peakFlops: 312e12, memoryBandwidth: 2039e9, memoryMode: 'all',
    source: `${NVIDIA}: A100 Tensor Core GPU.`,
    note: 'nvidia-smi reports 81,920 MiB (80 GiB = 85.9 GB); switch the unit to GiB to use that figure.',
  },
  { id: 'h100-80gb', name: 'H100 SXM 80GB', kind: 'gpu', memory: 80, memoryUnit: 'GB', peakFlops: 989e12, memoryBandwidth: 3.35e12, memoryMode: 'all', source: `${NVIDIA}: H100 Tensor Core GPU.` },
  { id: 'h200', name: 'H200 SXM 141GB', kind: 'gpu', memory: 141, memoryUnit: 'GB', peakFlops: 989e12, memoryBandwidth: 4.8e12, memoryMode: 'all', source: 'NVIDIA H200 product brief.' },
  {
    id: 'b200', name: 'B200 192GB', kind: 'gpu', memory: 192, memoryUnit: 'GB', peakFlops: 2250e12, memoryBandwidth: 8e12, memoryMode: 'all',
    source: 'NVIDIA B200 announcements.',
    note: 'Sources disagree: HGX and DGX listings give 180 GB per GPU; bandwidth about 8 TB/s.',
  },
  { id: 'mi300x', name: 'AMD MI300X', kind: 'gpu', memory: 192, memoryUnit: 'GB', peakFlops: 1307e12, memoryBandwidth: 5.3e12, memoryMode: 'all', source: 'AMD Instinct MI300X datasheet.' },
  { id: 'tpu-v4', name: 'TPU v4', kind: 'tpu', memory: 32, memoryUnit: 'GiB', peakFlops: 275e12, memoryBandwidth: 1.2e12, memoryMode: 'all', source: 'Google Cloud TPU documentation, TPU v4.' },
  { id: 'tpu-v5p', name: 'TPU v5p', kind: 'tpu', memory: 95, memoryUnit: 'GB', peakFlops: 459e12, memoryBandwidth: 2.77e12, memoryMode: 'all', source: 'Google Cloud TPU documentation, TPU v5p.' },
  {
    id: 'wse-1', name: 'Cerebras WSE-1 (CS-1)', kind: 'wafer', memory: 18, memoryUnit: 'GB', peakFlops: 400_000 * 8 * 1.1e9, memoryBandwidth: 9e15, memoryMode: 'weight-streaming',
    source: 'Cerebras WSE-1 announcement (400,000 cores, 18 GB SRAM, 9 PB/s).',
    note: 'Peak is an estimate: 400,000 cores × 8 FLOPs per cycle × 1.1 GHz, the WSE-2 per-core rate.',
  },
  {
    id: 'wse-2', name: 'Cerebras WSE-2 (CS-2)', kind: 'wafer', memory: 40, memoryUnit: 'GB', peakFlops: 7.5e15, memoryBandwidth: 20e15, memoryMode: 'weight-streaming',
    source: 'Cerebras WSE-2 announcement as reported by AnandTech (850,000 cores, 40 GB SRAM, 20 PB/s); peak derived from Andromeda, 16 CS-2 = 120 PFLOP/s.',
  },
  {
    id: 'wse-3', name: 'Cerebras WSE-3 (CS-3)', kind: 'wafer', memory: 44, memoryUnit: 'GB', peakFlops: 893_064 * 8 * 1.1e9, memoryBandwidth: 21e15, memoryMode: 'weight-streaming',
    source: "Cerebras WSE-3 announcement as reported by Tom's Hardware (900,000 cores, 44 GB SRAM, 21 PB/s).",
    note: 'Peak is an estimate: 893,064 PEs × 8 FLOPs per cycle × 1.1 GHz, the WSE-2 per-PE rate.',
  },
];

const devicesById = new Map(DEVICE_PRESETS.map((device) => [device.id, device]));

export function findDevicePreset(id: string): Device | undefined {
  return devicesById.get(id);
}

export const DEFAULT_DEVICE_IDS: readonly string[] = ['a100-80gb', 'h100-80gb', 'wse-2'];

