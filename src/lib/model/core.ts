/**
 * The plan model without the markdown converters: everything the browser's live board needs.
 * `index.ts` adds plan data ⇄ Yjs (toPlanData/applyPlanData) and notes as markdown, which pull in
 * Tiptap's markdown support.
 */
export * from './types.ts';
export * from './month.ts';
export * from './origin.ts';
export * from './ids.ts';
export * from './fields.ts';
export * from './cost-bound.ts';
export * from './layout.ts';
export * from './meta.ts';
export * from './migrations.ts';
export * from './board.ts';
export * from './cards.ts';
export * from './card-order.ts';
export * from './review-fields.ts';
export * from './reviews.ts';
export * from './observe.ts';
export * from './validate.ts';
export * from './first-screen.ts';
export * from './card-batch.ts';
export * from './notes-text.ts';
export * from './titles.ts';
