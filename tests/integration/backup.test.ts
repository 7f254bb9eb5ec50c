/**
 * The backup commands the README documents, run against a live store while an editor keeps
 * writing through the real server: `VACUUM INTO` and the sqlite3 shell's `.backup` give a
 * consistent copy (integrity_check ok) that a server started on it serves, with every edit that
 * had been relayed before the backup began.
 */
import Database from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../server/store.ts';
import { addCard, createOrigin, listCardIds } from '../../src/lib/model/index.ts';
import { connect, createBoard, removeDir, startTestServer, tempDataDir, waitFor } from './helpers.ts';

const SQLITE3 = '/usr/bin/sqlite3';
const cleanup: (() => unknown)[] = [];
afterEach(async () => {
	for (const fn of cleanup.splice(0).reverse()) await fn();
});

type Copy = (source: string, target: string) => void;
const vacuumInto: Copy = (source, target) => {
	const db = new Database(source, { readonly: true });
	try {
		db.exec(`VACUUM INTO '${target.replace(/'/g, "''")}'`);
	} finally {
		db.close();
	}
};
const shellBackup: Copy = (source, target) => {
	execFileSync(SQLITE3, [source, `.backup '${target}'`]);
};

describe.each([
	['VACUUM INTO', vacuumInto, true],
	['sqlite3 .backup', shellBackup, existsSync(SQLITE3)]
] as const)('backup of a live store with %s', (_name, copy, available) => {
	it.runIf(available)('is consistent and restores into a working server, with every relayed edit', async () => {
		const server = await startTestServer();
		cleanup.push(() => removeDir(server.dataDir));
		cleanup.push(() => server.close());
		const board = await createBoard(server.url, { plan: { title: '备份演练', currency: 'CNY', budget: 1_000_000_000, startMonth: '2027-01', horizonMonths: 12, cards: [] } });
		const writer = connect(server.wsUrl, board.id, board.editToken);
		const witness = connect(server.wsUrl, board.id, board.viewToken);
		cleanup.push(() => writer.destroy(), () => witness.destroy());
		await Promise.all([writer.synced, witness.synced]);

		// an editor keeps adding cards while the backup runs
		let writing = true;
		let written = 0;
		const origin = createOrigin('user', 'test');
		const loop = (async () => {
			while (writing) {
				addCard(writer.doc, 'opportunity', { title: `机会 ${written++}` }, origin);
				await new Promise((r) => setTimeout(r, 2));
			}
		})();
		await waitFor(() => listCardIds(witness.doc).length >= 50, 'edits relayed before the backup');
		const relayedBefore = new Set(listCardIds(witness.doc));

		const restored = tempDataDir();
		cleanup.push(() => removeDir(restored));
		mkdirSync(restored, { recursive: true });
		copy(join(server.dataDir, DATABASE_FILE), join(restored, DATABASE_FILE));
		await waitFor(() => listCardIds(witness.doc).length >= relayedBefore.size + 20, 'edits going on during the backup');
		writing = false;
		await loop;

		const check = new Database(join(restored, DATABASE_FILE), { readonly: true });
		expect(check.pragma('integrity_check', { simple: true })).toBe('ok');
		check.close();

		const second = await startTestServer({}, restored);
		cleanup.push(() => second.close());
		const reader = connect(second.wsUrl, board.id, board.viewToken);
		cleanup.push(() => reader.destroy());
		await reader.synced;
		const back = new Set(listCardIds(reader.doc));
		for (const id of relayedBefore) expect(back.has(id)).toBe(true);
		expect((await fetch(`${second.url}/api/boards/${board.id}?token=${board.editToken}`)).status).toBe(200);
	});
});
