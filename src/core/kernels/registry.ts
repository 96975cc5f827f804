import { ValidationError } from '../errors.ts';
import { denseKernel } from './dense.ts';
import { hierarchicalKernel } from './hierarchical.ts';
import { lowRankKernel } from './lowrank.ts';
import { randomFeaturesKernel } from './randomFeatures.ts';
import { tiledKernel } from './tiled.ts';
import { KERNEL_IDS, type AttentionKernel, type KernelId } from './types.ts';
import { windowKernel } from './window.ts';

export const KERNELS: Readonly<Record<KernelId, AttentionKernel>> = {
  dense: denseKernel,
  tiled: tiledKernel,
  window: windowKernel,
  hierarchical: hierarchicalKernel,
  lowrank: lowRankKernel,
  'random-features': randomFeaturesKernel,
};

export function isKernelId(id: string): id is KernelId {
  return (KERNEL_IDS as readonly string[]).includes(id);
}

export function getKernel(id: string): AttentionKernel {
  if (!isKernelId(id)) throw new ValidationError('kernel', id, `one of ${KERNEL_IDS.join(', ')}`);
  return KERNELS[id];
}
