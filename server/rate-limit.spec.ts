import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { clientAddress, createAddressLimiter, RateBucket } from './rate-limit.ts';

const request = (remoteAddress: string, forwarded?: string) =>
	({ socket: { remoteAddress }, headers: forwarded ? { 'x-forwarded-for': forwarded } : {} }) as unknown as IncomingMessage;

describe('RateBucket', () => {
	it('allows a burst of twice the rate by default, then one per 1/rate seconds', () => {
		const bucket = new RateBucket(10, 0);
		let taken = 0;
		while (bucket.take(0)) taken++;
		expect(taken).toBe(20);
		expect(bucket.waitMs(0)).toBe(100);
		expect(bucket.take(99)).toBe(false);
		expect(bucket.take(100)).toBe(true);
		expect(bucket.take(100)).toBe(false);
		expect(bucket.isFull(100 + 2000)).toBe(true);
	});
});

describe('clientAddress', () => {
	it('uses the peer address, IPv4-mapped shown as IPv4, IPv6 per /64', () => {
		expect(clientAddress(request('::ffff:10.0.0.7'), false)).toBe('10.0.0.7');
		expect(clientAddress(request('2001:db8:1:2:aaaa:bbbb:cccc:dddd'), false)).toBe('2001:db8:1:2::/64');
	});

	it('reads the last X-Forwarded-For hop only behind a trusted proxy', () => {
		expect(clientAddress(request('127.0.0.1', '1.1.1.1, 203.0.113.9'), true)).toBe('203.0.113.9');
		expect(clientAddress(request('127.0.0.1', '203.0.113.9'), false)).toBe('127.0.0.1');
	});
});

describe('createAddressLimiter', () => {
	it('limits each address on its own and says how long to wait', () => {
		let now = 0;
		const limiter = createAddressLimiter({ perMinute: 6, burst: 3, trustProxy: false, now: () => now });
		const a = request('10.0.0.1');
		expect([limiter.check(a), limiter.check(a), limiter.check(a)]).toEqual([null, null, null]);
		expect(limiter.check(a)).toBe(10); // one token per 10 s
		expect(limiter.check(request('10.0.0.2'))).toBeNull();
		now = 10_000;
		expect(limiter.check(a)).toBeNull();
	});
});
