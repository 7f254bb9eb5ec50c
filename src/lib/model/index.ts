/** Public surface of the plan model: the only code that knows the board's Yjs shape. */
export * from './core.ts';
export * from './plan-data.ts';
export * from './notes.ts';
export * from './restore.ts';
