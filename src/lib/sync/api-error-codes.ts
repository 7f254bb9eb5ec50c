/**
 * Stable reasons the HTTP API gives with its errors: `{ "error": "<English sentence>", "code": "<code>" }`.
 * Scripts may branch on `code`; the app shows its own words for it in the UI language (see
 * `$lib/error-text/api-error-text.ts`). The English `error` stays for people reading the API by hand.
 * Pure data: the server imports this file by relative path.
 */
export const API_ERROR_CODES = [
	'bad-url',
	'bad-body',
	'too-large',
	'invalid-field',
	'invalid-plan',
	'unreadable-markdown',
	'invalid-query',
	'rate-limited',
	'busy',
	'missing-token',
	'invalid-token',
	'no-such-board',
	'no-content',
	'view-only',
	'no-such-checkpoint',
	'too-many-checkpoints',
	'method-not-allowed',
	'no-such-endpoint',
	'storage-unavailable',
	'damaged',
	'internal'
] as const;

/** One of {@link API_ERROR_CODES}. */
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

/** True when `value` is a code this version knows (an older client may meet a newer server's code). */
export function isApiErrorCode(value: unknown): value is ApiErrorCode {
	return typeof value === 'string' && (API_ERROR_CODES as readonly string[]).includes(value);
}

/** The code of a refused board build: 413 too large, 503 busy, else the input could not be read. */
export function buildErrorCode(status: number, kind: 'plan' | 'markdown'): ApiErrorCode {
	if (status === 413) return 'too-large';
	if (status === 503) return 'busy';
	return kind === 'markdown' ? 'unreadable-markdown' : 'invalid-plan';
}
