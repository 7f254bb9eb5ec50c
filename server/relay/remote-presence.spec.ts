import { describe, expect, it } from 'vitest';
import { decodeAwarenessEntries, encodeAwarenessEntries } from '../awareness-guard.ts';
import { RemotePresence } from './remote-presence.ts';

const state = (clientId: number, clock: number, json = '{"user":{"name":"王芳"}}') => encodeAwarenessEntries([{ clientId, clock, stateJson: json }]);

describe('RemotePresence', () => {
	it('removes a silent instance’s clients, per board, at the next clock', () => {
		const presence = new RemotePresence(4000);
		presence.heard('A', 0, 1000);
		presence.noteAwareness('A', 'b1', state(11, 3), 100);
		presence.noteAwareness('A', 'b2', state(12, 7), 100);
		presence.heard('B', 0, 1000);
		presence.noteAwareness('B', 'b1', state(21, 1), 100);
		presence.heard('B', 4500);
		expect(presence.expire(4000).origins).toEqual([]);
		const gone = presence.expire(4200);
		expect(gone.origins).toEqual(['A']);
		const byBoard = Object.fromEntries(gone.removals.map((r) => [r.boardId, decodeAwarenessEntries(r.update)]));
		expect(byBoard).toEqual({
			b1: [{ clientId: 11, clock: 4, stateJson: 'null' }],
			b2: [{ clientId: 12, clock: 8, stateJson: 'null' }]
		});
		expect(presence.liveOrigins()).toEqual(['B']);
	});

	it('forgets clients that removed themselves and clients that moved to another instance', () => {
		const presence = new RemotePresence(4000);
		presence.noteAwareness('A', 'b', encodeAwarenessEntries([
			{ clientId: 1, clock: 1, stateJson: '{}' },
			{ clientId: 2, clock: 1, stateJson: '{}' },
			{ clientId: 3, clock: 1, stateJson: '{}' }
		]), 0);
		presence.noteAwareness('A', 'b', state(1, 2, 'null'), 0);
		// client 2 reconnected through instance B: A's death must not remove it
		presence.noteAwareness('B', 'b', state(2, 1), 0);
		const removals = presence.forget('A');
		expect(removals.map((r) => r.clientIds)).toEqual([[3]]);
		expect(presence.forget('A')).toEqual([]);
	});

	it('ignores an awareness update that does not decode', () => {
		const presence = new RemotePresence(4000);
		presence.noteAwareness('A', 'b', Uint8Array.of(5, 1), 0);
		expect(presence.forget('A')).toEqual([]);
	});

	it('gives an instance with a slow heartbeat three periods', () => {
		const presence = new RemotePresence(1000);
		presence.heard('A', 0, 2000);
		presence.noteAwareness('A', 'b', state(1, 1), 0);
		expect(presence.expire(5000).origins).toEqual([]);
		expect(presence.expire(6001).origins).toEqual(['A']);
	});
});
