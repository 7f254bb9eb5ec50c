import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import {
	ProtocolError,
	RejectedUpdate,
	applyClientUpdate,
	decodeClientMessage,
	effectOf,
	encodeAwareness,
	encodeSyncStep1,
	encodeSyncStep2,
	encodeUpdate
} from './sync.ts';

const docWithText = (text: string) => {
	const doc = new Y.Doc();
	doc.getText('t').insert(0, text);
	return doc;
};

const frame = (write: (e: encoding.Encoder) => void) => {
	const e = encoding.createEncoder();
	write(e);
	return encoding.toUint8Array(e);
};

describe('decodeClientMessage', () => {
	it('decodes the frames a y-websocket client sends', () => {
		const doc = docWithText('hi');
		expect(decodeClientMessage(encodeSyncStep1(doc)).kind).toBe('sync-step-1');
		expect(decodeClientMessage(encodeSyncStep2(doc)).kind).toBe('sync-step-2');
		const update = encodeUpdate(Y.encodeStateAsUpdate(doc));
		const decoded = decodeClientMessage(update);
		expect(decoded.kind).toBe('update');
		// the frame to relay is the client's own, byte for byte
		if (decoded.kind === 'update') expect(decoded.frame).toBe(update);
		const awareness = new awarenessProtocol.Awareness(doc);
		awareness.setLocalState({ user: { name: 'Ann' } });
		expect(decodeClientMessage(encodeAwareness(awareness, [doc.clientID])).kind).toBe('awareness');
		expect(decodeClientMessage(new Uint8Array([3])).kind).toBe('query-awareness');
		awareness.destroy();
	});

	it.each([
		['an empty frame', new Uint8Array([])],
		['an unknown message type', new Uint8Array([7])],
		['the auth message type', new Uint8Array([2, 0, 0])],
		['an unknown sync type', frame((e) => { encoding.writeVarUint(e, 0); encoding.writeVarUint(e, 9); encoding.writeVarUint8Array(e, new Uint8Array([0])); })],
		['a truncated sync frame', new Uint8Array([0, 2, 50, 1])],
		['trailing bytes', new Uint8Array([...encodeUpdate(Y.encodeStateAsUpdate(docWithText('x'))), 0])],
		['awareness with bad JSON', frame((e) => {
			encoding.writeVarUint(e, 1);
			encoding.writeVarUint8Array(e, frame((a) => { encoding.writeVarUint(a, 1); encoding.writeVarUint(a, 5); encoding.writeVarUint(a, 1); encoding.writeVarString(a, '{nope'); }));
		})]
	])('rejects %s with a ProtocolError', (_name, bytes) => {
		expect(() => decodeClientMessage(bytes)).toThrow(ProtocolError);
	});
});

describe('applyClientUpdate', () => {
	const updateOf = (edit: (doc: Y.Doc) => void, base?: Y.Doc) => {
		const doc = new Y.Doc();
		if (base) Y.applyUpdate(doc, Y.encodeStateAsUpdate(base));
		const before = Y.encodeStateVector(doc);
		edit(doc);
		return { doc, update: Y.encodeStateAsUpdate(doc, before) };
	};

	it('applies an update once and says whether it changed the doc', () => {
		const server = new Y.Doc();
		const { update } = updateOf((d) => d.getText('t').insert(0, 'hello'));
		expect(applyClientUpdate(server, update, 'client')).toBe(true);
		expect(server.getText('t').toString()).toBe('hello');
		expect(applyClientUpdate(server, update, 'client')).toBe(false); // a duplicate adds nothing
		expect(applyClientUpdate(server, Y.encodeStateAsUpdate(new Y.Doc()), 'client')).toBe(false); // empty step 2
	});

	it('counts a deletion and an update parked for missing dependencies as changes', () => {
		const server = new Y.Doc();
		const first = updateOf((d) => d.getText('t').insert(0, 'ab'));
		const second = updateOf((d) => d.getText('t').insert(2, 'cd'), first.doc);
		expect(applyClientUpdate(server, second.update, 'client')).toBe(true); // parked: must be stored
		expect(server.getText('t').toString()).toBe('');
		expect(applyClientUpdate(server, first.update, 'client')).toBe(true);
		expect(server.getText('t').toString()).toBe('abcd');
		const deletion = updateOf((d) => d.getText('t').delete(0, 1), server);
		expect(applyClientUpdate(server, deletion.update, 'client')).toBe(true);
		expect(server.getText('t').toString()).toBe('bcd');
	});

	it('rejects garbage without touching the doc', () => {
		const server = docWithText('kept');
		const before = Y.encodeStateAsUpdate(server);
		let error: unknown;
		try {
			applyClientUpdate(server, new Uint8Array([5, 200, 200, 200, 200, 200, 1]), 'client');
		} catch (e) {
			error = e;
		}
		expect(error).toBeInstanceOf(RejectedUpdate);
		expect(error).toBeInstanceOf(ProtocolError);
		expect((error as RejectedUpdate).touchedDoc).toBe(false);
		expect(Buffer.from(Y.encodeStateAsUpdate(server)).equals(Buffer.from(before))).toBe(true);
	});

	it('reports a doc that a bad delete set left half-changed', () => {
		const server = new Y.Doc();
		const { update } = updateOf((d) => d.getText('t').insert(0, 'x'));
		expect(update[update.length - 1]).toBe(0); // an empty delete set ends a pure insertion
		const broken = new Uint8Array([...update.subarray(0, -1), 3]); // three clients' deletions announced, none there
		let error: unknown;
		try {
			applyClientUpdate(server, broken, 'client');
		} catch (e) {
			error = e;
		}
		expect(error).toBeInstanceOf(RejectedUpdate);
		expect((error as RejectedUpdate).touchedDoc).toBe(true);
		expect(server.getText('t').toString()).toBe('x'); // the structs were in before the delete set failed
	});
});

describe('effectOf', () => {
	const serverDoc = docWithText('server');
	const awareness = new awarenessProtocol.Awareness(serverDoc);
	awareness.setLocalState(null);
	const room = { doc: serverDoc, awareness };

	it('answers sync step 1 with exactly what the client lacks', () => {
		const client = new Y.Doc();
		const effect = effectOf(decodeClientMessage(encodeSyncStep1(client)), room, 'view');
		expect(effect.kind).toBe('reply');
		if (effect.kind !== 'reply') return;
		// Feed the reply to the client as the provider would.
		const decoder = decoding.createDecoder(effect.frame);
		decoding.readVarUint(decoder);
		syncProtocol.readSyncMessage(decoder, encoding.createEncoder(), client, 'server');
		expect(client.getText('t').toString()).toBe('server');
	});

	it('applies updates from editors and drops them from viewers', () => {
		const updateFrame = encodeUpdate(Y.encodeStateAsUpdate(docWithText('x')));
		const update = decodeClientMessage(updateFrame);
		expect(effectOf(update, room, 'edit')).toMatchObject({ kind: 'apply-update', frame: updateFrame });
		expect(effectOf(update, room, 'view').kind).toBe('drop');
		const step2 = decodeClientMessage(encodeSyncStep2(docWithText('y')));
		expect(effectOf(step2, room, 'view').kind).toBe('drop');
		// a step 2 is relayed as an update frame, which the room encodes
		expect(effectOf(step2, room, 'edit')).toMatchObject({ kind: 'apply-update', frame: null });
		// a viewer's update is never applied, yet a malformed one is still bad input (4400)
		const garbled = decodeClientMessage(encodeUpdate(new Uint8Array([5, 255, 255, 255, 7])));
		expect(() => effectOf(garbled, room, 'view')).toThrow(ProtocolError);
	});

	it('lets viewers send awareness and answers awareness queries', () => {
		const other = new awarenessProtocol.Awareness(new Y.Doc());
		other.setLocalState({ user: 'viewer' });
		const msg = decodeClientMessage(encodeAwareness(other, [other.clientID]));
		expect(effectOf(msg, room, 'view').kind).toBe('apply-awareness');
		expect(effectOf(decodeClientMessage(new Uint8Array([3])), room, 'view').kind).toBe('reply');
		other.destroy();
	});
});
