/**
 * The SQLite store's worker thread (started by startStoreWorker in sqlite-background.ts), with its
 * own connection to the database: runs PASSIVE WAL checkpoints and reads + encodes a board's
 * snapshot and updates as one state (the main connection writes it). Says 'ready' once its
 * connection is open. Runs only as a worker thread.
 */
import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import type { FromStoreWorker, StoreWorkerData, ToStoreWorker } from './sqlite-worker-protocol.ts';
import { foldState } from './state.ts';

if (!parentPort) throw new Error('sqlite-worker.ts runs only as a worker thread (see sqlite-background.ts)');
const port = parentPort;
const data = workerData as StoreWorkerData;
const closed = new Int32Array(data.closed);

const send = (message: FromStoreWorker, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);
const messageOf = (error: unknown) => String((error instanceof Error && error.message) || error);

interface StoredRows {
	readonly snapshot: Buffer | null;
	readonly fromSeq: number;
	readonly updates: { seq: number; data: Buffer }[];
}

let db: Database.Database | null = null;
try {
	db = new Database(data.file, { fileMustExist: true });
	db.pragma(`synchronous = ${data.sync}`);
	db.pragma('busy_timeout = 5000');
} catch (error) {
	db = null;
	send({ error: messageOf(error), fatal: true });
}

/** Prepared on the first fold: checkpoints need no statements (nor the schema). */
let readRows: ((boardId: string) => StoredRows) | null = null;
const prepareRead = (conn: Database.Database) => {
	const selectSnapshot = conn.prepare<[string], { through_seq: number; data: Buffer }>('SELECT through_seq, data FROM snapshots WHERE board_id = ?');
	const selectUpdates = conn.prepare<[string, number], { seq: number; data: Buffer }>(
		'SELECT seq, data FROM updates WHERE board_id = ? AND seq > ? ORDER BY seq'
	);
	// one read transaction: the snapshot and the updates after it are seen at the same moment
	return conn.transaction((boardId: string): StoredRows => {
		const snapshot = selectSnapshot.get(boardId);
		const fromSeq = snapshot ? snapshot.through_seq : 0;
		return { snapshot: snapshot ? snapshot.data : null, fromSeq, updates: selectUpdates.all(boardId, fromSeq) };
	});
};

const fold = (key: number, boardId: string) => {
	try {
		if (!db) throw new Error('no database connection');
		readRows ??= prepareRead(db);
		const { snapshot, fromSeq, updates } = readRows(boardId);
		if (updates.length === 0) return send({ key, state: null, fromSeq, throughSeq: fromSeq, folded: 0 });
		const state = foldState(snapshot, updates.map((row) => row.data));
		send({ key, state, fromSeq, throughSeq: updates[updates.length - 1].seq, folded: updates.length }, [state.buffer as ArrayBuffer]);
	} catch (error) {
		send({ key, error: messageOf(error) });
	}
};

const checkpoint = (conn: Database.Database) => {
	try {
		const [result] = conn.pragma('wal_checkpoint(PASSIVE)') as { log: number }[];
		// commits racing the checkpoints can keep the WAL from ever being fully copied, and only
		// a fully copied WAL is restarted from its beginning: past the limit, wait for the writer once
		if (result && result.log > data.restartFrames) conn.pragma('wal_checkpoint(RESTART)');
	} catch (error) {
		send({ error: messageOf(error) });
	}
};

port.on('message', (message: ToStoreWorker) => {
	if (message === 'checkpoint') {
		if (db) checkpoint(db);
	} else if (message === 'close') {
		try {
			db?.close();
		} finally {
			db = null;
			Atomics.store(closed, 0, 1);
			Atomics.notify(closed, 0);
			port.close();
		}
	} else if (message.fold) fold(message.fold.key, message.fold.boardId);
});
if (db) send('ready');
