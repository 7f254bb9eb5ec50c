/**
 * Collecting a fan-out run (child/fanout-clients.ts `collect`) and saying plainly what a shortfall
 * means. A loaded machine once reported our server "missing 6,209 deliveries" while it held every
 * key: the old fixed 15 s window had simply closed while the readers were still catching up. Now
 * `collect` waits while deliveries keep arriving and stops only when everything arrived, when
 * nothing arrived for {@link COLLECT}.quietMs, or at {@link COLLECT}.capMs; and the verdict tells
 * apart a machine too slow to finish within the cap (harness), sockets the server closed, and
 * deliveries that stopped with every socket open (real loss).
 */
import type { Child } from './children.ts';

/** How `collect` waits (env BENCH_COLLECT_QUIET_MS, BENCH_COLLECT_CAP_MS). */
export const COLLECT = {
	/** No delivery at all for this long (ms of the readers' own running time) ends the wait: the rest is not coming. */
	quietMs: Number(process.env.BENCH_COLLECT_QUIET_MS) || 15_000,
	/** Upper bound of one wait (ms), even while deliveries still trickle in. */
	capMs: Number(process.env.BENCH_COLLECT_CAP_MS) || 180_000
} as const;

/** What one client child answers to `collect`. */
export interface Collected {
	latenciesMs: Float64Array;
	/** Measured deliveries that did not arrive. */
	missing: number;
	lastReceiveNs: number;
	/** Per Y.Doc reader: keys of the run present with the right value. */
	docKeys: number[];
	/** Why the wait ended: everything arrived, nothing arrived for quietMs, or the cap. */
	stopped: 'complete' | 'quiet' | 'cap';
	waitedMs: number;
	delivered: number;
	expected: number;
	/** Sockets still short of something. */
	socketsShort: number;
	/** The first few measured updates still lacking, each with how many sockets lack it. */
	missingKeys: { k: number; sockets: number }[];
	/** Sockets that closed since connect (the harness closes none before exit), with their close codes. */
	closed: { index: number; code: number }[];
}

/** Asks `child` to collect with the harness's wait settings. */
export function collect(child: Child): Promise<Collected> {
	return child.call<Collected>('collect', { quietMs: COLLECT.quietMs, capMs: COLLECT.capMs });
}

/** Running totals of the collects of one implementation (or shape) over its runs. */
export class CollectTally {
	delivered = 0;
	expected = 0;
	longestWaitMs = 0;
	/** Runs that ended at the cap / on a quiet spell with deliveries missing. */
	capped = 0;
	quiet = 0;
	/** Close codes of sockets closed under the clients, by child label and socket index (each counted once). */
	readonly closed = new Map<string, number>();
	convergedDocs = true;
	/** One line per run that ended short (which child, why, what was lacking). */
	readonly shortRuns: string[] = [];

	add(label: string, c: Collected, total: number): void {
		this.delivered += c.delivered;
		this.expected += c.expected;
		this.longestWaitMs = Math.max(this.longestWaitMs, c.waitedMs);
		if (c.stopped === 'cap') this.capped++;
		if (c.stopped === 'quiet') this.quiet++;
		for (const { index, code } of c.closed) this.closed.set(`${label}#${index}`, code);
		this.convergedDocs &&= c.docKeys.every((n) => n === total);
		if (c.delivered < c.expected) {
			const lacking = c.missingKeys.map(({ k, sockets }) => `#${k}×${sockets}`).join(' ');
			this.shortRuns.push(`${label}: ${c.stopped} after ${(c.waitedMs / 1000).toFixed(1)} s, ${c.delivered}/${c.expected}, ${c.socketsShort} socket(s) short, lacking ${lacking}`);
		}
	}

	get missing(): number {
		return this.expected - this.delivered;
	}

	/**
	 * One sentence on what arrived and, when something did not, what that means. `serverKeys` /
	 * `expectedKeys`: what a fresh client synced from the server afterwards (null when not known);
	 * `serverLog`: the server's warning lines, quoted when sockets were closed.
	 */
	verdict(serverKeys: number | null, expectedKeys: number, serverLog: readonly string[] = []): { ok: boolean; text: string } {
		const n = (v: number) => v.toLocaleString('en-US');
		const waited = `${(this.longestWaitMs / 1000).toFixed(1)} s`;
		const stored =
			serverKeys === null ? '' : serverKeys === expectedKeys ? `; the server stored all ${n(expectedKeys)} keys` : `; the server holds ${n(serverKeys)} of ${n(expectedKeys)} keys (LOST IN THE STORE)`;
		if (this.missing === 0 && this.closed.size === 0) {
			const docs = this.convergedDocs ? '' : '; but a Y.Doc reader did NOT converge';
			return { ok: this.convergedDocs && (serverKeys === null || serverKeys === expectedKeys), text: `all ${n(this.expected)} deliveries arrived (longest collect ${waited})${docs}${stored}` };
		}
		const got = `${n(this.delivered)} of ${n(this.expected)} deliveries arrived (${n(this.missing)} missing)`;
		// the cause first: the table shows only the start of the line
		const causes: string[] = [];
		if (this.capped > 0) {
			causes.push(
				`collect timed out after ${waited} (its cap; ${this.capped} run(s)) with ${n(this.delivered)} of ${n(this.expected)} delivered and more still arriving: the machine was too loaded to finish — a harness limit, not loss (raise BENCH_COLLECT_CAP_MS or run on a quieter machine)`
			);
		}
		if (this.closed.size > 0) {
			const codes = [...new Set(this.closed.values())].join(', ');
			const warned = serverLog.filter((l) => /slow|dead peer|storage|drop|closing/i.test(l)).slice(0, 3);
			causes.push(`${this.closed.size} socket(s) were closed under the clients (codes ${codes})${warned.length > 0 ? `, server said: ${warned.join(' | ')}` : ''}: the server dropped clients, not the harness`);
		}
		if (this.quiet > 0 && this.closed.size === 0) {
			causes.push(
				`nothing more arrived for ${COLLECT.quietMs / 1000} s (${this.quiet} run(s)) while every socket stayed open: deliveries stopped short — LOSS between the server and its readers, unless the server process itself stalled that long`
			);
		}
		return { ok: false, text: `${causes.join('; ')}; ${got}, longest collect ${waited}${stored}; short runs: ${this.shortRuns.slice(0, 4).join(' | ')}` };
	}
}
