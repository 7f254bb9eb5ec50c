import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import {
	ProtocolError,
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
		['garbage as an update', frame((e) => { encoding.writeVarUint(e, 0); encoding.writeVarUint(e, 2); encoding.writeVarUint8Array(e, new Uint8Array([200, 200, 200, 200, 1])); })],
		['trailing bytes', new Uint8Array([...encodeUpdate(Y.encodeStateAsUpdate(docWithText('x'))), 0])],
		['awareness with bad JSON', frame((e) => {
			encoding.writeVarUint(e, 1);
			encoding.writeVarUint8Array(e, frame((a) => { encoding.writeVarUint(a, 1); encoding.writeVarUint(a, 5); encoding.writeVarUint(a, 1); encoding.writeVarString(a, '{nope'); }));
		})]
	])('rejects %s with a ProtocolError', (_name, bytes) => {
		expect(() => decodeClientMessage(bytes)).toThrow(ProtocolError);
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
		const update = decodeClientMessage(encodeUpdate(Y.encodeStateAsUpdate(docWithText('x'))));
		expect(effectOf(update, room, 'edit').kind).toBe('apply-update');
		expect(effectOf(update, room, 'view').kind).toBe('drop');
		const step2 = decodeClientMessage(encodeSyncStep2(docWithText('y')));
		expect(effectOf(step2, room, 'view').kind).toBe('drop');
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
