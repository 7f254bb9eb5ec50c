/** Browser client of the board HTTP API (POST /api/boards, GET /api/boards/<id>). */
import type { PlanData } from '$lib/model/types.ts';
// the file directly, not '$lib/markdown' (its index pulls the importer into the browser bundle)
import { fileNameFromContentDisposition } from '$lib/markdown/file-name.ts';
import { isApiErrorCode, type ApiErrorCode } from './api-error-codes.ts';

/** Answer of POST /api/boards. URLs may be relative (`/b/<id>?token=…`) or absolute. */
export interface CreatedBoard {
	id: string;
	editToken: string;
	viewToken: string;
	editUrl: string;
	viewUrl: string;
}

/** Answer of GET /api/boards/<id>. `viewToken`/`viewUrl` are present for edit access when the server shares them. */
export interface BoardInfo {
	id: string;
	title: string;
	createdAt: string | number;
	updatedAt: string | number;
	access: 'edit' | 'view';
	viewToken?: string;
	viewUrl?: string;
}

/** Outcome of looking a board up. `offline` means the server could not be reached. */
export type BoardLookup =
	| { ok: true; info: BoardInfo }
	| { ok: false; reason: 'bad-token' | 'unknown-board' | 'damaged-board' | 'offline' | 'error'; message: string; error?: ApiError };

/**
 * Error with the server's `{ error, code }` answer. `message` is the server's English sentence (for
 * logs); the UI shows `apiErrorText(error)` from `$lib/error-text/api-error-text.ts`, chosen by `code`.
 */
export class ApiError extends Error {
	constructor(
		readonly status: number,
		message: string,
		readonly details?: unknown,
		/** The server says the board's stored data is damaged (500 with `damaged: true`). */
		readonly damaged: boolean = false,
		/** The server's stable reason, when it gave one this client knows. */
		readonly code?: ApiErrorCode,
		/** Seconds to wait before trying again (429). */
		readonly retryAfterSeconds?: number
	) {
		super(message);
	}
}

/** The ApiError of a failed response (its JSON body read when there is one). */
export async function errorOf(response: Response): Promise<ApiError> {
	let message = `Request failed (${response.status})`;
	let details: unknown;
	let damaged = false;
	let code: ApiErrorCode | undefined;
	let retryAfterSeconds: number | undefined;
	try {
		const body = (await response.json()) as { error?: unknown; errors?: unknown; damaged?: unknown; code?: unknown; retryAfterSeconds?: unknown };
		if (typeof body.error === 'string') message = body.error;
		details = body.errors;
		damaged = body.damaged === true;
		if (isApiErrorCode(body.code)) code = body.code;
		if (typeof body.retryAfterSeconds === 'number') retryAfterSeconds = body.retryAfterSeconds;
	} catch {
		// not JSON: keep the generic message
	}
	return new ApiError(response.status, message, details, damaged, code, retryAfterSeconds);
}

/** Create a board. Throws ApiError with the server's message on 4xx/5xx. */
export async function createBoard(
	body: { title?: string; budget?: number; currency?: string; plan?: PlanData },
	fetcher: typeof fetch = fetch
): Promise<CreatedBoard> {
	const response = await fetcher('/api/boards', {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(body)
	});
	if (!response.ok) throw await errorOf(response);
	return (await response.json()) as CreatedBoard;
}

/** Look a board up with a token: access level and title, or why it cannot be opened. */
export async function lookupBoard(id: string, token: string, fetcher: typeof fetch = fetch): Promise<BoardLookup> {
	let response: Response;
	try {
		response = await fetcher(`/api/boards/${encodeURIComponent(id)}`, {
			headers: { authorization: `Bearer ${token}` }
		});
	} catch {
		return { ok: false, reason: 'offline', message: 'The server could not be reached.' };
	}
	if (response.ok) return { ok: true, info: (await response.json()) as BoardInfo };
	const error = await errorOf(response);
	if (response.status === 401 || response.status === 403)
		return { ok: false, reason: 'bad-token', message: error.message };
	if (response.status === 404) return { ok: false, reason: 'unknown-board', message: error.message };
	if (error.damaged) return { ok: false, reason: 'damaged-board', message: error.message };
	return { ok: false, reason: 'error', message: error.message, error };
}

/** The `token` query parameter of a board URL (relative or absolute), or undefined. */
export function tokenOfUrl(url: string): string | undefined {
	try {
		return new URL(url, 'http://local').searchParams.get('token') ?? undefined;
	} catch {
		return undefined;
	}
}

/** One problem in an imported markdown document (1-based line). */
export interface MarkdownProblem {
	line: number;
	message: string;
}

/** Answer of POST /api/boards/import: like POST /api/boards, plus the plan title and warnings. */
export interface ImportedBoard extends CreatedBoard {
	title?: string;
	warnings?: string[];
}

/**
 * Create a board from a markdown document (POST /api/boards/import, body text/markdown).
 * Throws ApiError; on 400 `details` is the list of { line, message }.
 */
export async function importBoardFromMarkdown(markdown: string, fetcher: typeof fetch = fetch): Promise<ImportedBoard> {
	const response = await fetcher('/api/boards/import', {
		method: 'POST',
		headers: { 'content-type': 'text/markdown; charset=utf-8' },
		body: markdown
	});
	if (!response.ok) throw await errorOf(response);
	return (await response.json()) as ImportedBoard;
}

/** Answer of POST /api/boards/import?check=1: what the document would give, nothing created. */
export interface MarkdownImportCheck {
	title: string;
	/** Lines the importer did not understand ("line 4: heading … is ignored"). */
	warnings: string[];
	/** Number of cards the board would have. */
	cards: number;
}

/**
 * Read a markdown document without creating a board (POST /api/boards/import?check=1), so its
 * warnings can be shown first. Throws ApiError like {@link importBoardFromMarkdown}.
 */
export async function checkMarkdownImport(markdown: string, fetcher: typeof fetch = fetch): Promise<MarkdownImportCheck> {
	const response = await fetcher('/api/boards/import?check=1', {
		method: 'POST',
		headers: { 'content-type': 'text/markdown; charset=utf-8' },
		body: markdown
	});
	if (!response.ok) throw await errorOf(response);
	return (await response.json()) as MarkdownImportCheck;
}

/** Download the board as markdown (GET /api/boards/<id>/export.md) with the server's file name. */
export async function fetchMarkdownExport(
	id: string,
	token: string,
	fetcher: typeof fetch = fetch
): Promise<{ blob: Blob; fileName: string }> {
	const response = await fetcher(`/api/boards/${encodeURIComponent(id)}/export.md`, {
		headers: { authorization: `Bearer ${token}` }
	});
	if (!response.ok) throw await errorOf(response);
	const fileName = fileNameFromContentDisposition(response.headers.get('content-disposition'));
	return { blob: await response.blob(), fileName };
}

/** Answer of POST /api/boards/<id>/links/<edit|view>/reset: both tokens (one of them new) and links. */
export interface ResetLinks {
	id: string;
	link: 'edit' | 'view';
	editToken: string;
	viewToken: string;
	editUrl: string;
	viewUrl: string;
}

/**
 * Replace the board's edit or view link (needs the edit token). The old token stops working at
 * once; people using it are disconnected. Throws ApiError with the server's message.
 */
export async function resetBoardLink(id: string, editToken: string, link: 'edit' | 'view', fetcher: typeof fetch = fetch): Promise<ResetLinks> {
	const response = await fetcher(`/api/boards/${encodeURIComponent(id)}/links/${link}/reset`, {
		method: 'POST',
		headers: { authorization: `Bearer ${editToken}` }
	});
	if (!response.ok) throw await errorOf(response);
	return (await response.json()) as ResetLinks;
}

/** Delete the board for everyone (needs the edit token). Throws ApiError with the server's message. */
export async function deleteBoardOnServer(id: string, editToken: string, fetcher: typeof fetch = fetch): Promise<void> {
	const response = await fetcher(`/api/boards/${encodeURIComponent(id)}`, {
		method: 'DELETE',
		headers: { authorization: `Bearer ${editToken}` }
	});
	if (!response.ok) throw await errorOf(response);
}
