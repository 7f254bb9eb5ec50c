/** Browser client of the review HTTP API: checkpoints of a board and the plan saved in one. */
import type { PlanData } from '$lib/model/types.ts';
import type { CheckpointInfo, CheckpointList } from '$lib/review/types.ts';
import { ApiError, errorOf } from './board-api.ts';

export type { CheckpointInfo };

function base(boardId: string): string {
	return `/api/boards/${encodeURIComponent(boardId)}/checkpoints`;
}

async function call<T>(url: string, token: string, init: RequestInit = {}, fetcher: typeof fetch = fetch): Promise<T> {
	let response: Response;
	try {
		response = await fetcher(url, { ...init, headers: { ...(init.headers ?? {}), authorization: `Bearer ${token}` } });
	} catch {
		throw new ApiError(0, 'The server could not be reached. Check the connection and try again.'); // shown as api_unreachable
	}
	if (!response.ok) throw await errorOf(response);
	return (await response.json()) as T;
}

/** Save a checkpoint (edit token). Throws ApiError (403 for a view link). */
export function saveCheckpoint(boardId: string, token: string, name: string, fetcher?: typeof fetch): Promise<CheckpointInfo> {
	return call(base(boardId), token, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name }) }, fetcher);
}

/** The board's checkpoints (any token). */
export async function listCheckpoints(boardId: string, token: string, fetcher?: typeof fetch): Promise<CheckpointInfo[]> {
	return (await call<CheckpointList>(base(boardId), token, {}, fetcher)).checkpoints;
}

/** The plan saved in checkpoint `checkpointId` (notes as markdown). */
export async function checkpointPlan(boardId: string, token: string, checkpointId: string, fetcher?: typeof fetch): Promise<PlanData> {
	const url = `${base(boardId)}/${encodeURIComponent(checkpointId)}/plan.json`;
	return (await call<{ plan: PlanData }>(url, token, {}, fetcher)).plan;
}
