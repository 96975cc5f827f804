import { COMPONENT_KEYS, COMPONENT_LABELS, type ComponentKey } from '../../core/scaling/memory.ts';
import { OKABE_ITO } from '../charts/palette.ts';

/** Bottom-to-top order of the stacked memory chart: fixed parts first, then the parts that grow with s. */
export const STACK_ORDER: readonly ComponentKey[] = ['weights', 'gradients', 'optimizer', 'logits', 'activations', 'kvCache', 'attention'];

export const COMPONENT_COLORS: Record<ComponentKey, string> = {
  weights: OKABE_ITO.blue,
  gradients: OKABE_ITO.skyBlue,
  optimizer: OKABE_ITO.bluishGreen,
  activations: OKABE_ITO.orange,
  attention: OKABE_ITO.vermillion,
  logits: OKABE_ITO.reddishPurple,
  kvCache: OKABE_ITO.yellow,
};

/** Capacity-line colours from d3's Dark2 and Paired schemes, ordered so the first ones differ from the component colours. */
export const DEVICE_COLORS: readonly string[] = ['#7570b3', '#e7298a', '#a6761d', '#666666', '#66a61e', '#1f78b4', '#d95f02', '#1b9e77'];

export { COMPONENT_KEYS, COMPONENT_LABELS };
