/** Review mode's pure parts: the plan diff and review grouping. */
export * from './types.ts';
export * from './diff.ts';
export * from './groups.ts';
