import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** What a token allows on a board. */
export type Access = 'edit' | 'view';

/** Random bytes in a board id (128 bits → 22 base64url characters). */
export const BOARD_ID_BYTES = 16;
/** Random bytes in an edit token (192 bits → 32 base64url characters); view tokens have the same length. */
export const TOKEN_BYTES = 24;

const BOARD_ID_PATTERN = /^[A-Za-z0-9_-]{22}$/;
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{32}$/;

/** A new random board id: 128 bits, base64url, 22 characters. */
export function newBoardId(): string {
	// never a leading '-': the id is typed on command lines (npm run export -- <id>)
	for (;;) {
		const id = randomBytes(BOARD_ID_BYTES).toString('base64url');
		if (!id.startsWith('-')) return id;
	}
}

/** A new random access token: 192 bits, base64url, 32 characters. Only its hash is ever stored. */
export function newToken(): string {
	return randomBytes(TOKEN_BYTES).toString('base64url');
}

/** True when `id` has the shape of a board id (cheap pre-check before touching the store). */
export function isBoardId(id: string): boolean {
	return BOARD_ID_PATTERN.test(id);
}

/** SHA-256 of a token (32 bytes); what the store keeps instead of the token. */
export function hashToken(token: string): Buffer {
	return createHash('sha256').update(token, 'utf8').digest();
}

/** The stored token hashes of one board. */
export interface BoardSecrets {
	readonly editHash: Uint8Array;
	readonly viewHash: Uint8Array;
}

function sameHash(a: Uint8Array, b: Uint8Array): boolean {
	return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Which access `token` grants on a board, or null. Both hashes are always compared, in constant
 * time, so timing reveals neither which token matched nor how much of it.
 */
export function accessFor(secrets: BoardSecrets, token: string | null | undefined): Access | null {
	const wellFormed = typeof token === 'string' && TOKEN_PATTERN.test(token);
	const hash = hashToken(wellFormed ? token : '');
	const edit = sameHash(hash, secrets.editHash);
	const view = sameHash(hash, secrets.viewHash);
	if (!wellFormed) return null;
	return edit ? 'edit' : view ? 'view' : null;
}

/** Why a token does not open a board; each entry point turns it into its own answer (HTTP status, close code, page). */
export type AccessRefusal = 'missing-token' | 'unknown-board' | 'invalid-token';

/** The outcome of {@link checkAccess}: the board and what the token allows on it, or why not. */
export type AccessCheck<B extends BoardSecrets> =
	| { readonly ok: true; readonly board: B; readonly access: Access; readonly token: string }
	| { readonly ok: false; readonly reason: AccessRefusal };

/**
 * The one token → access decision of every entry point (the sync endpoint, the HTTP API, the board
 * page): no token → `missing-token` (the store is not touched); an id that is not a board id or
 * names no board → `unknown-board`; a token that is neither of the board's → `invalid-token`.
 * `findBoard` is the store's (async) lookup; it is only called with well-formed ids.
 */
export async function checkAccess<B extends BoardSecrets>(
	boardId: string,
	token: string | null | undefined,
	findBoard: (id: string) => B | undefined | Promise<B | undefined>
): Promise<AccessCheck<B>> {
	if (!token) return { ok: false, reason: 'missing-token' };
	const board = isBoardId(boardId) ? await findBoard(boardId) : undefined;
	if (!board) return { ok: false, reason: 'unknown-board' };
	const access = accessFor(board, token);
	return access ? { ok: true, board, access, token } : { ok: false, reason: 'invalid-token' };
}

/** A fresh board's credentials: the tokens (shown once, to the creator) and their hashes (stored). */
export interface NewCredentials {
	readonly id: string;
	readonly editToken: string;
	readonly viewToken: string;
	readonly editHash: Buffer;
	readonly viewHash: Buffer;
}

/**
 * The view token that belongs to an edit token: HMAC-SHA256(editToken, label), cut to
 * {@link TOKEN_BYTES}. Whoever holds the edit token can thus recover the view link (to share it)
 * without the server storing any token; the view token reveals nothing about the edit token.
 */
export function viewTokenFor(editToken: string): string {
	return createHmac('sha256', editToken).update('groundwork view token v1').digest().subarray(0, TOKEN_BYTES).toString('base64url');
}

/** Generates a board id plus an edit token (random) and its view token (derived), with their hashes. */
export function newCredentials(): NewCredentials {
	const editToken = newToken();
	const viewToken = viewTokenFor(editToken);
	return { id: newBoardId(), editToken, viewToken, editHash: hashToken(editToken), viewHash: hashToken(viewToken) };
}

/**
 * The token of an HTTP request: `Authorization: Bearer <token>` wins over `?token=`.
 * Returns null when neither is present.
 */
export function tokenFromRequest(authorization: string | undefined, url: URL): string | null {
	if (authorization) {
		const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
		if (match) return match[1];
	}
	return url.searchParams.get('token');
}

/** A board's sealed view token (see {@link sealViewToken}); null = the view token derived by {@link viewTokenFor}. */
export interface ViewSeal {
	readonly viewSealed: Uint8Array | null;
}

const SEAL_IV_BYTES = 12;
const SEAL_TAG_BYTES = 16;
const sealKey = (editToken: string) => createHmac('sha256', editToken).update('groundwork view seal v1').digest();

/**
 * The view token encrypted under a key derived from the edit token (AES-256-GCM; iv ‖ tag ‖
 * ciphertext). Once a link was reset the view token is random, not derived; stored like this, the
 * edit token still recovers it (to show it in Share) and the server keeps no readable token.
 */
export function sealViewToken(viewToken: string, editToken: string): Buffer {
	const iv = randomBytes(SEAL_IV_BYTES);
	const cipher = createCipheriv('aes-256-gcm', sealKey(editToken), iv);
	const sealed = Buffer.concat([cipher.update(viewToken, 'utf8'), cipher.final()]);
	return Buffer.concat([iv, cipher.getAuthTag(), sealed]);
}

/**
 * The view token of a board for a holder of its edit token: opened from the seal when the links
 * were ever reset, else derived. Throws if the seal does not open with this token (it is not the
 * board's edit token).
 */
export function viewTokenOf(board: ViewSeal, editToken: string): string {
	if (!board.viewSealed) return viewTokenFor(editToken);
	const data = Buffer.from(board.viewSealed);
	const decipher = createDecipheriv('aes-256-gcm', sealKey(editToken), data.subarray(0, SEAL_IV_BYTES));
	decipher.setAuthTag(data.subarray(SEAL_IV_BYTES, SEAL_IV_BYTES + SEAL_TAG_BYTES));
	return Buffer.concat([decipher.update(data.subarray(SEAL_IV_BYTES + SEAL_TAG_BYTES)), decipher.final()]).toString('utf8');
}

/** A board's new link tokens after a reset, with what the store keeps of them. */
export interface ResetCredentials {
	readonly editToken: string;
	readonly viewToken: string;
	readonly editHash: Buffer;
	readonly viewHash: Buffer;
	readonly viewSealed: Buffer;
}

/**
 * New tokens for resetting one link of a board, given its current edit token: `edit` draws a new
 * edit token and keeps the view token (re-sealed under the new edit token); `view` draws a new
 * view token and keeps the edit token.
 */
export function resetCredentials(board: ViewSeal, currentEditToken: string, link: Access): ResetCredentials {
	const editToken = link === 'edit' ? newToken() : currentEditToken;
	const viewToken = link === 'view' ? newToken() : viewTokenOf(board, currentEditToken);
	return { editToken, viewToken, editHash: hashToken(editToken), viewHash: hashToken(viewToken), viewSealed: sealViewToken(viewToken, editToken) };
}
