/**
 * What the UI says about a failed API request, in the UI language: the server's stable `code`
 * (see `$lib/sync/api-error-codes.ts`) picks the message; the server's English `error` sentence is
 * never shown in the app. An error without a known code says the request failed, with its status.
 */
import { m } from '$lib/paraglide/messages.js';
import type { ApiErrorCode } from '$lib/sync/api-error-codes.ts';
import { ApiError } from '$lib/sync/board-api.ts';

/** What an ApiError-like value carries for this purpose. */
export interface ApiFailure {
	status: number;
	code?: ApiErrorCode;
	/** Seconds to wait (429). */
	retryAfterSeconds?: number;
}

const TEXT: Record<Exclude<ApiErrorCode, 'rate-limited'>, () => string> = {
	'bad-url': m.api_bad_url,
	'bad-body': m.api_bad_body,
	'too-large': m.api_too_large,
	'invalid-field': m.api_invalid_field,
	'invalid-plan': m.api_invalid_plan,
	'unreadable-markdown': m.api_unreadable_markdown,
	'invalid-query': m.api_invalid_query,
	busy: m.api_busy,
	'missing-token': m.api_missing_token,
	'invalid-token': m.api_invalid_token,
	'no-such-board': m.api_no_such_board,
	'no-content': m.api_no_content,
	'view-only': m.api_view_only,
	'no-such-checkpoint': m.api_no_such_checkpoint,
	'too-many-checkpoints': m.api_too_many_checkpoints,
	'method-not-allowed': m.api_method_not_allowed,
	'no-such-endpoint': m.api_not_found,
	'storage-unavailable': m.api_storage_unavailable,
	damaged: m.api_damaged,
	internal: m.api_internal
};

/** The sentence to show for a failed request (status 0: the server could not be reached). */
export function apiErrorText(failure: ApiFailure): string {
	if (failure.status === 0) return m.api_unreachable();
	if (failure.code === 'rate-limited') {
		return failure.retryAfterSeconds ? m.api_rate_limited({ seconds: failure.retryAfterSeconds }) : m.api_rate_limited_soon();
	}
	if (failure.code) return TEXT[failure.code]();
	return m.api_failed({ status: failure.status });
}

/**
 * The sentence for anything a request threw: an ApiError in words chosen by its code, a network
 * failure (fetch's TypeError) as "could not be reached", anything else as `fallback`.
 */
export function failureText(error: unknown, fallback: string): string {
	if (error instanceof ApiError) return apiErrorText(error);
	if (error instanceof TypeError) return m.api_unreachable();
	return fallback;
}
