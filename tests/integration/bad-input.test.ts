/**
 * Bad input never hurts anyone else: bad frames close only their own socket (4400 / 1009) and
 * store nothing; bad HTTP requests get a 4xx JSON error, never a 5xx.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as encoding from 'lib0/encoding';
import { connect, createBoard, rawSocket, removeDir, startTestServer, storedRows, waitFor, type CreatedBoard, type TestServer } from './helpers.ts';

const MAX_MESSAGE = 64 * 1024;
const MAX_BODY = 16 * 1024;
let server: TestServer;

beforeAll(async () => {
	server = await startTestServer({ MAX_MESSAGE_BYTES: String(MAX_MESSAGE), MAX_BODY_BYTES: String(MAX_BODY) });
});
afterAll(async () => {
	await server.close();
	removeDir(server.dataDir);
});

const syncFrame = (syncType: number, payload: Uint8Array) => {
	const e = encoding.createEncoder();
	encoding.writeVarUint(e, 0);
	encoding.writeVarUint(e, syncType);
	encoding.writeVarUint8Array(e, payload);
	return encoding.toUint8Array(e);
};

describe('bad frames', () => {
	const offenders: Array<[string, (board: CreatedBoard) => Uint8Array | string, number]> = [
		['a frame that does not decode', () => new Uint8Array([0, 0, 40, 1, 2]), 4400],
		['an unknown message type', () => new Uint8Array([9, 1, 2, 3]), 4400],
		['an update Yjs rejects', () => syncFrame(2, new Uint8Array([5, 200, 200, 200, 200, 200, 1])), 4400],
		['a text frame', () => 'hello', 4400],
		['a frame over MAX_MESSAGE_BYTES', () => syncFrame(2, new Uint8Array(MAX_MESSAGE + 1)), 1009]
	];

	it.each(offenders)('%s closes only the offender, stores nothing, and the room goes on', async (_name, make, code) => {
		const board = await createBoard(server.url);
		const a = connect(server.wsUrl, board.id, board.editToken);
		const b = connect(server.wsUrl, board.id, board.editToken);
		await Promise.all([a.synced, b.synced]);
		a.doc.getText('t').insert(0, 'before');
		await waitFor(() => b.doc.getText('t').toString() === 'before', 'the first edit');
		await server.groundwork.rooms.flush();
		const rowsBefore = storedRows(server.dataDir, board.id);

		const offender = rawSocket(server.wsUrl, board.id, board.editToken);
		await offender.opened;
		offender.ws.send(make(board));
		const closed = await offender.closed;
		expect(closed.code).toBe(code);
		await server.groundwork.rooms.flush();
		expect(storedRows(server.dataDir, board.id)).toEqual(rowsBefore);

		b.doc.getText('t').insert(6, ' and after');
		await waitFor(() => a.doc.getText('t').toString() === 'before and after', 'the room to go on');
		expect(a.provider.wsconnected && b.provider.wsconnected).toBe(true);
		expect(server.logs.some((line) => line.includes(board.id) && /bad message|rejected|text frame|connection error/.test(line))).toBe(true);
		a.destroy();
		b.destroy();
	});
});

describe('bad HTTP requests', () => {
	let board: CreatedBoard;
	beforeAll(async () => {
		board = await createBoard(server.url, { title: 'HTTP target' });
	});

	const post = (body: string, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
		fetch(`${server.url}/api/boards`, { method: 'POST', headers, body });

	it.each([
		['malformed JSON', () => post('{"title": '), 400, 'bad-body'],
		['a JSON array', () => post('[1,2]'), 400, 'bad-body'],
		['an unknown field', () => post('{"titel":"x"}'), 400, 'invalid-field'],
		['a float budget', () => post('{"budget": 10.5}'), 400, 'invalid-field'],
		['a negative budget', () => post('{"budget": -1}'), 400, 'invalid-field'],
		['a bad currency', () => post('{"currency":"dollars"}'), 400, 'invalid-field'],
		['a non-string title', () => post('{"title": 5}'), 400, 'invalid-field'],
		['a plan that is not an object', () => post('{"plan": "x"}'), 400, 'invalid-field'],
		['a non-JSON content type', () => post('title=x', { 'content-type': 'application/x-www-form-urlencoded' }), 415, 'bad-body'],
		['an oversized body', () => post(JSON.stringify({ title: 'x'.repeat(MAX_BODY) })), 413, 'too-large'],
		['a wrong method', () => fetch(`${server.url}/api/boards`, { method: 'DELETE' }), 405, 'method-not-allowed'],
		['an unknown endpoint', () => fetch(`${server.url}/api/nothing`), 404, 'no-such-endpoint'],
		['a board read without token', () => fetch(`${server.url}/api/boards/${board.id}`), 401, 'missing-token'],
		['a board read with a wrong token', () => fetch(`${server.url}/api/boards/${board.id}?token=${'A'.repeat(32)}`), 401, 'invalid-token'],
		['an unknown board', () => fetch(`${server.url}/api/boards/${'B'.repeat(22)}`, { headers: { authorization: `Bearer ${board.editToken}` } }), 404, 'no-such-board'],
		['a plan read without token', () => fetch(`${server.url}/api/boards/${board.id}/plan.json`), 401, 'missing-token']
	] as const)('%s gets a %i JSON error with code %s', async (_name, request, status, code) => {
		const res = await request();
		expect(res.status).toBe(status);
		expect(res.headers.get('content-type')).toMatch(/^application\/json/);
		const body = (await res.json()) as { error?: unknown; code?: unknown };
		expect(typeof body.error).toBe('string');
		// a stable reason for scripts and for the app's own words in the UI language
		expect(body.code).toBe(code);
	});

	it('still serves good requests afterwards', async () => {
		const res = await fetch(`${server.url}/api/boards/${board.id}`, { headers: { authorization: `Bearer ${board.viewToken}` } });
		expect(res.status).toBe(200);
		expect(await res.json()).toMatchObject({ id: board.id, title: 'HTTP target', access: 'view' });
	});
});
