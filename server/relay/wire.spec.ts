import { describe, expect, it } from 'vitest';
import { RELAY_WIRE_VERSION, decodeRelayMessage, encodeRelayMessage, type RelayMessage } from './wire.ts';

describe('relay wire format', () => {
	it('round-trips every kind, update bytes exactly (every byte value, empty too)', () => {
		const every = Uint8Array.from({ length: 256 }, (_, i) => i);
		const messages: RelayMessage[] = [
			{ kind: 'update', origin: 'inst-A', boardId: 'b1', seq: 2 ** 40, update: every },
			{ kind: 'update', origin: 'inst-A', boardId: 'b1', seq: 1, update: new Uint8Array() },
			{ kind: 'head', origin: 'x', boardId: '看板', seq: 17 },
			{ kind: 'awareness', origin: 'x', boardId: 'b', update: every.subarray(10, 20) },
			{ kind: 'event', origin: 'x', boardId: 'b', event: { kind: 'awareness-query' } },
			{ kind: 'event', origin: 'x', boardId: 'b', event: { kind: 'deleted' } },
			{ kind: 'event', origin: 'x', boardId: 'b', event: { kind: 'link-reset', access: 'edit' } },
			{ kind: 'event', origin: 'x', boardId: 'b', event: { kind: 'link-reset', access: 'view' } },
			{ kind: 'heartbeat', origin: 'x', intervalMs: 1000 },
			{ kind: 'bye', origin: 'x' }
		];
		for (const message of messages) {
			const decoded = decodeRelayMessage(encodeRelayMessage(message));
			expect(decoded).toEqual(message);
		}
	});

	it('ignores frames of another version, unknown kinds, truncated and trailing bytes', () => {
		const frame = encodeRelayMessage({ kind: 'head', origin: 'x', boardId: 'b', seq: 3 });
		expect(decodeRelayMessage(frame)).not.toBeNull();
		expect(frame[0]).toBe(RELAY_WIRE_VERSION);
		expect(decodeRelayMessage(Uint8Array.of(RELAY_WIRE_VERSION + 1, ...frame.subarray(1)))).toBeNull();
		expect(decodeRelayMessage(Uint8Array.of(RELAY_WIRE_VERSION, 99, 0))).toBeNull();
		// an event this version does not know
		const event = encodeRelayMessage({ kind: 'event', origin: 'x', boardId: 'b', event: { kind: 'deleted' } });
		expect(decodeRelayMessage(Uint8Array.of(...event.subarray(0, -1), 9))).toBeNull();
		expect(decodeRelayMessage(frame.subarray(0, frame.length - 1))).toBeNull();
		expect(decodeRelayMessage(Uint8Array.of(...frame, 0))).toBeNull();
		expect(decodeRelayMessage(new Uint8Array())).toBeNull();
	});
});
