/**
 * Which other instances are alive, from their heartbeats: an instance silent for longer than
 * allowed (its own announced period × 3, at least `deadAfterMs`) counts as gone, and the relay
 * tells every room to drop the presence states it published. No I/O, no timers: the relay feeds
 * it what it hears and asks it, on its own clock, who went quiet.
 */
export class InstanceLiveness {
	/** origin → { last heard (ms, caller's clock), allowed silence (ms) } */
	private readonly origins = new Map<string, { lastHeard: number; deadAfterMs: number }>();

	/** @param deadAfterMs least silence (ms) after which an instance counts as gone. */
	constructor(private readonly deadAfterMs: number) {}

	/** Heard from `origin` at `now`; `intervalMs` is its heartbeat period when this was a heartbeat. */
	heard(origin: string, now: number, intervalMs?: number): void {
		const known = this.origins.get(origin);
		const deadAfterMs = Math.max(this.deadAfterMs, 3 * (intervalMs ?? 0));
		if (!known) this.origins.set(origin, { lastHeard: now, deadAfterMs });
		else {
			known.lastHeard = now;
			if (intervalMs !== undefined) known.deadAfterMs = deadAfterMs;
		}
	}

	/** `origin` said goodbye: true when it was counted alive until now. */
	forget(origin: string): boolean {
		return this.origins.delete(origin);
	}

	/** Forgets and returns the instances silent for too long at `now`. */
	expire(now: number): string[] {
		const gone: string[] = [];
		for (const [origin, known] of this.origins) {
			if (now - known.lastHeard <= known.deadAfterMs) continue;
			this.origins.delete(origin);
			gone.push(origin);
		}
		return gone;
	}

	/** Instances counted alive. */
	alive(): string[] {
		return [...this.origins.keys()];
	}
}
