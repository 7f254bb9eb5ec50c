/**
 * The store as the rest of the server sees it: the async contract (store/contract.ts) and the
 * embedded default, SQLite (store/sqlite.ts). Kept as one import path for the server's modules.
 */
export type * from './store/contract.ts';
export type { BoardStore as Store } from './store/contract.ts';
export { applyStoredState, foldState } from './store/state.ts';
export { DATABASE_FILE, openSqliteStore, openSqliteStore as openStore, type SqliteStore, type SqliteStoreOptions } from './store/sqlite.ts';
