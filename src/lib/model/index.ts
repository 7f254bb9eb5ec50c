/** Public surface of the plan model: the only code that knows the board's Yjs shape. */
export * from './types.ts';
export * from './month.ts';
export * from './origin.ts';
export * from './ids.ts';
export * from './fields.ts';
export * from './layout.ts';
export * from './meta.ts';
export * from './migrations.ts';
export * from './board.ts';
export * from './cards.ts';
export * from './observe.ts';
export * from './plan-data.ts';
export * from './validate.ts';
export * from './first-screen.ts';
