export * from './attention.ts';
export * from './fit.ts';
export * from './flops.ts';
export * from './memory.ts';
export * from './parameters.ts';
export * from './recipes.ts';
export * from './settings.ts';
export * from './sweep.ts';
