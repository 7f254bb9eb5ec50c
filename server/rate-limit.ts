/**
 * Rate limits: a token bucket, and per-client-address buckets for costly requests such as
 * creating and importing boards. Memory stays bounded: an address whose bucket has refilled is
 * the same as an unknown one and is forgotten.
 */
import type { IncomingMessage } from 'node:http';

/**
 * A token bucket holding at most `capacity` tokens, refilled at `perSecond` tokens a second.
 * `now` is a monotonic clock in ms (performance.now()).
 */
export class RateBucket {
	private tokens: number;
	private last: number;
	private readonly capacity: number;
	private readonly perMs: number;

	constructor(perSecond: number, now: number, capacity: number = 2 * perSecond) {
		this.capacity = Math.max(1, capacity);
		this.tokens = this.capacity;
		this.perMs = perSecond / 1000;
		this.last = now;
	}

	private refill(now: number): void {
		this.tokens = Math.min(this.capacity, this.tokens + Math.max(0, now - this.last) * this.perMs);
		this.last = now;
	}

	/** Takes one token if there is one. */
	take(now: number): boolean {
		this.refill(now);
		if (this.tokens < 1) return false;
		this.tokens -= 1;
		return true;
	}

	/** Milliseconds until a token is available (0 when one is). */
	waitMs(now: number): number {
		this.refill(now);
		return this.tokens >= 1 ? 0 : Math.ceil((1 - this.tokens) / this.perMs);
	}

	/** True when the bucket is full again (it then behaves like a new one). */
	isFull(now: number): boolean {
		this.refill(now);
		return this.tokens >= this.capacity;
	}
}

/**
 * The client address a limit applies to: the socket's peer, or with `trustProxy` the last address
 * in `X-Forwarded-For` (the one the proxy in front of us saw). IPv4-mapped IPv6 is shown as IPv4;
 * other IPv6 addresses count per /64 (one subscriber's usual allocation).
 */
export function clientAddress(req: IncomingMessage, trustProxy: boolean): string {
	let address = req.socket.remoteAddress ?? 'unknown';
	if (trustProxy) {
		const forwarded = req.headers['x-forwarded-for'];
		const last = (Array.isArray(forwarded) ? forwarded.join(',') : forwarded ?? '').split(',').pop()?.trim();
		if (last) address = last;
	}
	if (address.startsWith('::ffff:') && address.includes('.')) return address.slice(7);
	if (address.includes(':')) return address.split(':').slice(0, 4).join(':') + '::/64';
	return address;
}

/** Per-address limiter: `check(req)` takes one token for the request's address. */
export interface AddressLimiter {
	/** Null when the request may go on, else the seconds to wait (for `Retry-After`). */
	check(req: IncomingMessage): number | null;
}

/** Options of {@link createAddressLimiter}. */
export interface AddressLimiterOptions {
	/** Requests allowed per minute and address, on average. */
	readonly perMinute: number;
	/** Requests allowed at once from a fresh address. */
	readonly burst: number;
	/** Read the address from X-Forwarded-For (behind a reverse proxy). */
	readonly trustProxy: boolean;
	/** Monotonic clock in ms; default performance.now. */
	readonly now?: () => number;
}

/** Above this many tracked addresses, refilled buckets are swept out on the next check. */
const SWEEP_ABOVE = 10_000;

/** Creates a per-address limiter (token buckets keyed by {@link clientAddress}). */
export function createAddressLimiter({ perMinute, burst, trustProxy, now = () => performance.now() }: AddressLimiterOptions): AddressLimiter {
	const buckets = new Map<string, RateBucket>();
	return {
		check(req) {
			const at = now();
			if (buckets.size > SWEEP_ABOVE) for (const [key, bucket] of buckets) if (bucket.isFull(at)) buckets.delete(key);
			const key = clientAddress(req, trustProxy);
			let bucket = buckets.get(key);
			if (!bucket) {
				bucket = new RateBucket(perMinute / 60, at, burst);
				buckets.set(key, bucket);
			}
			if (bucket.take(at)) return null;
			return Math.max(1, Math.ceil(bucket.waitMs(at) / 1000));
		}
	};
}
