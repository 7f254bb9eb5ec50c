/**
 * Plans saved in checkpoints, fetched once per checkpoint and kept (a checkpoint never changes).
 * Reactive: `get(id)` starts the download and reads as loading, then the plan or the error.
 */
import type { PlanData } from '$lib/model/types.ts';
import { checkpointPlan } from '$lib/sync/review-api.ts';
import { failureText } from '$lib/error-text/api-error-text.ts';
import { m } from '$lib/paraglide/messages.js';

/** A checkpoint's plan as far as it has arrived (`message`: why not, in the UI language). */
export type CheckpointPlan = { status: 'loading' } | { status: 'ready'; plan: PlanData } | { status: 'error'; message: string };

/** Checkpoint plans of one board. */
export class CheckpointPlans {
	readonly #boardId: string;
	readonly #token: () => string;
	#plans = $state<Record<string, CheckpointPlan>>({});

	/** `token` reads the token to use now (it changes when this editor resets the edit link). */
	constructor(boardId: string, token: () => string) {
		this.#boardId = boardId;
		this.#token = token;
	}

	/** The plan of checkpoint `id` (starts fetching it on first call). */
	get(id: string): CheckpointPlan {
		const known = this.#plans[id];
		if (known && known.status !== 'error') return known;
		if (!known) queueMicrotask(() => this.#load(id));
		return known ?? { status: 'loading' };
	}

	/** Try again after an error. */
	retry(id: string): void {
		void this.#load(id);
	}

	async #load(id: string): Promise<void> {
		if (this.#plans[id]?.status === 'ready' || this.#plans[id]?.status === 'loading') return;
		this.#plans[id] = { status: 'loading' };
		try {
			this.#plans[id] = { status: 'ready', plan: await checkpointPlan(this.#boardId, this.#token(), id) };
		} catch (error) {
			this.#plans[id] = { status: 'error', message: failureText(error, m.cp_not_arrived()) };
		}
	}
}
