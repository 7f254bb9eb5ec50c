/**
 * Reaching the store's database at start, when it may not be up yet (containers started together,
 * a Postgres restarting): retry with backoff for a bounded time (`STORE_CONNECT_TIMEOUT_MS`),
 * one clear log line per failed attempt, then give up with an error that says what was tried.
 * Only "cannot be reached right now" errors (storage-errors.ts `isStorageUnavailable`: refused,
 * unreachable, DNS not yet resolvable, the server starting up) are retried; a wrong password, a
 * database that does not exist or a schema newer than this code fail at once — waiting would
 * not fix them.
 */
import type { Logger } from '../log.ts';
import { isStorageUnavailable } from '../storage-errors.ts';

/** First pause between attempts (ms); it doubles up to {@link MAX_DELAY_MS}. */
export const FIRST_DELAY_MS = 250;
/** Longest pause between attempts (ms). */
export const MAX_DELAY_MS = 5_000;

/** The database stayed unreachable for the whole connect timeout. */
export class StoreConnectError extends Error {
	readonly attempts: number;
	constructor(message: string, attempts: number, cause: unknown) {
		super(message, { cause });
		this.name = 'StoreConnectError';
		this.attempts = attempts;
	}
}

/** Options of {@link connectWithRetry}. */
export interface ConnectRetryOptions {
	/** Keep trying this long (ms) from the first attempt; 0 = one attempt only. */
	readonly timeoutMs: number;
	readonly log: Logger;
	/** What is being reached, for the log lines and the error ("the Postgres store"). */
	readonly what: string;
	/** Fields added to every log line (never the URL: it may hold a password). */
	readonly fields?: Record<string, unknown>;
}

const messageOf = (error: unknown): string => {
	if (!(error instanceof Error)) return String(error);
	// pg reports a refused connection to a host with several addresses as an AggregateError with no message
	if (!error.message && error instanceof AggregateError && error.errors.length > 0) return messageOf(error.errors[0]);
	const code = (error as { code?: unknown }).code;
	return typeof code === 'string' && !error.message.includes(code) ? `${error.message} (${code})` : error.message;
};

/**
 * Runs `open` until it resolves; retries unavailability errors with backoff until `timeoutMs`
 * has passed, then rejects with a {@link StoreConnectError}. Other errors reject at once.
 */
export async function connectWithRetry<T>(open: () => Promise<T>, options: ConnectRetryOptions): Promise<T> {
	const { timeoutMs, log, what, fields = {} } = options;
	const started = Date.now();
	let delay = FIRST_DELAY_MS;
	for (let attempt = 1; ; attempt++) {
		try {
			const value = await open();
			if (attempt > 1) log.info(`reached ${what}`, { ...fields, attempt, afterMs: Date.now() - started });
			return value;
		} catch (error) {
			if (!isStorageUnavailable(error)) throw error;
			const elapsed = Date.now() - started;
			const left = timeoutMs - elapsed;
			if (left <= 0) {
				const seconds = Math.round(elapsed / 100) / 10;
				log.error(`could not reach ${what}; giving up`, { ...fields, attempt, elapsedMs: elapsed, error: messageOf(error) });
				throw new StoreConnectError(
					`could not reach ${what} after ${attempt} attempt${attempt === 1 ? '' : 's'} in ${seconds} s (STORE_CONNECT_TIMEOUT_MS=${timeoutMs}): ${messageOf(error)}`,
					attempt,
					error
				);
			}
			const wait = Math.min(delay, left);
			log.warn(`could not reach ${what}; retrying`, { ...fields, attempt, retryInMs: wait, givingUpInMs: left, error: messageOf(error) });
			await new Promise((resolve) => setTimeout(resolve, wait));
			delay = Math.min(delay * 2, MAX_DELAY_MS);
		}
	}
}
