/** The bits of the Groundwork HTTP API the benchmark needs. */
import type { CreatedBoard } from '../../../src/lib/sync/board-api.ts';

export type { CreatedBoard };

/** Creates a board through POST /api/boards (body as the API takes it, e.g. `{ plan }`). */
export async function createBoard(baseUrl: string, body: unknown = {}): Promise<CreatedBoard> {
	const res = await fetch(`${baseUrl}/api/boards`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(body)
	});
	if (res.status !== 201) throw new Error(`POST /api/boards answered ${res.status}: ${(await res.text()).slice(0, 500)}`);
	return (await res.json()) as CreatedBoard;
}

/** `ws://…/sync/<id>?token=<token>` for a board on a server at `baseUrl` (http://…). */
export function syncUrl(baseUrl: string, id: string, token: string): string {
	return `${baseUrl.replace(/^http/, 'ws')}/sync/${id}?token=${encodeURIComponent(token)}`;
}
