/**
 * `npm run export -- <boardId> [--out …]` against a real store while the real server runs and a
 * real provider edits the board.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planToMarkdown } from '../../src/lib/markdown/index.ts';
import { createOrigin, listCardIds, updateCard, type PlanData } from '../../src/lib/model/index.ts';
import { connect, createBoard, removeDir, startTestServer, type TestServer } from './helpers.ts';

const SCRIPT = fileURLToPath(new URL('../../scripts/export.ts', import.meta.url));

function runExport(dataDir: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
	return new Promise((resolve) => {
		execFile(
			process.execPath,
			['--import', import.meta.resolve('tsx'), SCRIPT, ...args],
			{ env: { ...process.env, DATA_DIR: dataDir }, encoding: 'utf8' },
			(error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr })
		);
	});
}

const plan: PlanData = {
	title: '上海 coffee | v2',
	currency: 'CNY',
	budget: 1_000_000_000,
	startMonth: '2027-01',
	horizonMonths: 12,
	cards: [
		{ id: 'role-1', kind: 'role', title: 'Barista', headcount: 4, monthlyCost: 1_200_000, startMonth: '2027-02', notes: 'Latte **art** required' },
		{ id: 'spend-1', kind: 'spend', title: 'Launch', category: 'marketing', amount: 5_000_000, recurrence: 'once', startMonth: '2027-03' }
	]
};

describe('npm run export (CLI)', () => {
	let server: TestServer;
	let boardId: string;
	let expected: string;

	beforeAll(async () => {
		server = await startTestServer();
		const board = await createBoard(server.url, { plan });
		boardId = board.id;
		// an edit through y-websocket, so the store holds an update log, not just the first snapshot
		const client = connect(server.wsUrl, board.id, board.editToken);
		await client.synced;
		expect(listCardIds(client.doc)).toContain('role-1');
		updateCard(client.doc, 'role-1', { title: 'Head barista' }, createOrigin('user'));
		let answer: { plan: PlanData } | undefined;
		for (const deadline = Date.now() + 15_000; Date.now() < deadline; ) {
			const res = await fetch(`${server.url}/api/boards/${board.id}/plan.json?token=${board.viewToken}`);
			answer = (await res.json()) as { plan: PlanData };
			if (answer.plan.cards.some((c) => c.title === 'Head barista')) break;
			await new Promise((r) => setTimeout(r, 20));
		}
		expect(answer?.plan.cards.some((c) => c.title === 'Head barista')).toBe(true);
		expected = planToMarkdown(answer!.plan);
		client.destroy();
	});

	afterAll(async () => {
		await server?.close();
		removeDir(server.dataDir);
	});

	it('prints the same document as the live board, while the server runs', async () => {
		const { code, stdout } = await runExport(server.dataDir, [boardId]);
		expect(code).toBe(0);
		expect(stdout).toBe(expected);
		expect(stdout).toContain('| Head barista <!-- id=role-1 ');
	});

	it('--out writes a file; --out <dir>/ names it after the title', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'gw-export-'));
		try {
			const file = join(dir, 'plan.md');
			const named = await runExport(server.dataDir, [boardId, '--out', file]);
			expect(named.code).toBe(0);
			expect(readFileSync(file, 'utf8')).toBe(expected);
			const intoDir = await runExport(server.dataDir, [boardId, '--out', `${dir}/`]);
			expect(intoDir.code).toBe(0);
			expect(readdirSync(dir).sort()).toEqual(['plan.md', '上海 coffee v2.md']);
		} finally {
			removeDir(dir);
		}
	});

	it('fails clearly for an unknown board, a missing store and bad arguments', async () => {
		const unknown = await runExport(server.dataDir, ['no-such-board']);
		expect(unknown.code).toBe(1);
		expect(unknown.stderr).toContain('no board "no-such-board"');
		const empty = mkdtempSync(join(tmpdir(), 'gw-empty-'));
		try {
			const missing = await runExport(empty, [boardId]);
			expect(missing.code).toBe(1);
			expect(missing.stderr).toContain('no Groundwork store');
			expect(readdirSync(empty)).toEqual([]); // nothing created
		} finally {
			removeDir(empty);
		}
		const bad = await runExport(server.dataDir, ['--bogus']);
		expect(bad.code).toBe(2);
		expect(bad.stderr).toContain('usage: npm run export');
	});
});
