import { describe, expect, it } from 'vitest';
import { InstanceLiveness } from './liveness.ts';

describe('InstanceLiveness', () => {
	it('counts an instance gone after the allowed silence, once', () => {
		const live = new InstanceLiveness(4000);
		live.heard('A', 0, 1000);
		live.heard('B', 0, 1000);
		live.heard('B', 3000);
		expect(live.expire(4000)).toEqual([]);
		expect(live.expire(4001)).toEqual(['A']);
		expect(live.expire(5000)).toEqual([]);
		expect(live.alive()).toEqual(['B']);
		expect(live.expire(7001)).toEqual(['B']);
	});

	it('allows three of an instance’s own heartbeat periods when that is longer', () => {
		const live = new InstanceLiveness(1000);
		live.heard('A', 0, 2000);
		live.heard('A', 10); // any message counts as a sign of life, and keeps the period
		expect(live.expire(6010)).toEqual([]);
		expect(live.expire(6011)).toEqual(['A']);
	});

	it('forgets an instance that said goodbye', () => {
		const live = new InstanceLiveness(1000);
		live.heard('A', 0);
		expect(live.forget('A')).toBe(true);
		expect(live.forget('A')).toBe(false);
		expect(live.expire(10_000)).toEqual([]);
	});
});
