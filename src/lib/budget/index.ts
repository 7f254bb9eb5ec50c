/** Public surface of the budget maths: pure functions on PlanData and integer money. */
export * from './summarize.ts';
export * from './money.ts';
export * from './glance.ts';
export * from './typed-money.ts';
