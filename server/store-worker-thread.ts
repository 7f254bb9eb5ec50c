/**
 * The store worker's thread (started by startStoreWorker in store-worker.ts; see there for why):
 * its own SQLite connection for WAL checkpoints and for reading and encoding folds. Runs only as a
 * worker thread. Every failure is reported to the main thread, which logs it: a checkpoint or fold
 * that fails is answered with its error and the next request tries again; a database that cannot
 * be opened is reported as fatal.
 */
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import * as Y from 'yjs';
import type { FoldRequest, FromStoreWorker, StoreWorkerData, ToStoreWorker } from './store-worker.ts';

if (!parentPort) throw new Error('store-worker-thread.ts runs only as a worker thread (see store-worker.ts)');
const port = parentPort;
const data = workerData as StoreWorkerData;
const closed = new Int32Array(data.closed);
const post = (message: FromStoreWorker) => port.postMessage(message);
const messageOf = (error: unknown) => String((error instanceof Error && error.message) || error);

let db: Database.Database | null = null;
try {
	db = new Database(data.file, { fileMustExist: true });
	db.pragma(`synchronous = ${data.sync}`);
	db.pragma('busy_timeout = 5000');
} catch (error) {
	db = null;
	post({ error: messageOf(error), fatal: true });
}

interface StoredRows {
	readonly snapshot: Uint8Array | null;
	readonly updates: readonly { readonly data: Uint8Array }[];
}

/** Prepared on the first fold: checkpoints need no statements (nor the schema). */
let readRows: ((boardId: string, throughSeq: number) => StoredRows) | null = null;

function prepareRead(connection: Database.Database) {
	const selectSnapshot = connection.prepare<[string], { through_seq: number; data: Uint8Array }>(
		'SELECT through_seq, data FROM snapshots WHERE board_id = ?'
	);
	const selectUpdates = connection.prepare<[string, number, number], { data: Uint8Array }>(
		'SELECT data FROM updates WHERE board_id = ? AND seq > ? AND seq <= ? ORDER BY seq'
	);
	// one read transaction: the snapshot and the updates after it are seen at the same moment
	return connection.transaction((boardId: string, throughSeq: number): StoredRows => {
		const snapshot = selectSnapshot.get(boardId);
		const from = snapshot ? snapshot.through_seq : 0;
		return { snapshot: snapshot ? snapshot.data : null, updates: from < throughSeq ? selectUpdates.all(boardId, from, throughSeq) : [] };
	});
}

function fold({ key, boardId, throughSeq }: FoldRequest): void {
	try {
		if (!db) throw new Error('no database connection');
		readRows ??= prepareRead(db);
		const { snapshot, updates } = readRows(boardId, throughSeq);
		if (updates.length === 0) return post({ key, state: null, throughSeq });
		const doc = new Y.Doc();
		try {
			doc.transact(() => {
				if (snapshot) Y.applyUpdate(doc, snapshot);
				for (const row of updates) Y.applyUpdate(doc, row.data);
			});
			post({ key, state: Y.encodeStateAsUpdate(doc), throughSeq });
		} finally {
			doc.destroy();
		}
	} catch (error) {
		post({ key, error: messageOf(error) });
	}
}

function checkpoint(): void {
	if (!db) return;
	try {
		const [result] = db.pragma('wal_checkpoint(PASSIVE)') as { busy: number; log: number; checkpointed: number }[];
		// commits racing the checkpoints can keep the WAL from ever being fully copied, and only a
		// fully copied WAL is restarted from its beginning: past the limit, wait for the writer once
		if (result && result.log > data.restartFrames) db.pragma('wal_checkpoint(RESTART)');
	} catch (error) {
		post({ error: messageOf(error) });
	}
}

function close(): void {
	try {
		db?.close();
	} finally {
		db = null;
		Atomics.store(closed, 0, 1);
		Atomics.notify(closed, 0);
		port.close();
	}
}

port.on('message', (message: ToStoreWorker) => {
	if (message === 'checkpoint') checkpoint();
	else if (message === 'close') close();
	else fold(message.fold);
});
