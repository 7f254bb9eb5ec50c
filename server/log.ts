import type { LogFormat, LogLevel } from './config.ts';

/** Structured context of a log line (board id, close code, …). Values are redacted before output. */
export type LogFields = Record<string, unknown>;

/** The server's logger: one line per call, never containing a token. */
export interface Logger {
	debug(message: string, fields?: LogFields): void;
	info(message: string, fields?: LogFields): void;
	warn(message: string, fields?: LogFields): void;
	error(message: string, fields?: LogFields): void;
}

const LEVELS: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/** Field names whose values are never logged. */
const SECRET_FIELD = /token|authorization|secret|password|cookie/i;

/** Matches `token=<value>` in URLs and text; the value is replaced by `REDACTED`. */
const TOKEN_PARAM = /([?&#;]|\b)(token=)[^&#\s"']*/gi;
/** Matches `Bearer <value>`. */
const BEARER = /(bearer\s+)[^\s"']+/gi;

/** Removes token values from a URL or any text (`?token=abc` → `?token=REDACTED`, `Bearer abc` → `Bearer REDACTED`). */
export function redact(text: string): string {
	return text.replace(TOKEN_PARAM, '$1$2REDACTED').replace(BEARER, '$1REDACTED');
}

function redactValue(key: string, value: unknown): unknown {
	if (SECRET_FIELD.test(key)) return 'REDACTED';
	if (typeof value === 'string') return redact(value);
	if (value instanceof Error) return redact(value.stack ?? `${value.name}: ${value.message}`);
	return value;
}

/** Options of {@link createLogger}. `write` receives each finished line without newline. */
export interface LoggerOptions {
	format: LogFormat;
	level: LogLevel;
	write?: (line: string) => void;
	now?: () => Date;
}

/**
 * Creates a logger that writes one line per entry: JSON (`{"time","level","msg",...fields}`) or
 * plain (`time LEVEL msg key=value …`). Field values and the message are passed through
 * {@link redact}; fields named like token/authorization are replaced wholesale.
 */
export function createLogger(options: LoggerOptions): Logger {
	const write = options.write ?? ((line: string) => process.stdout.write(line + '\n'));
	const now = options.now ?? (() => new Date());
	const threshold = LEVELS[options.level];

	const emit = (level: LogLevel, message: string, fields: LogFields = {}) => {
		if (LEVELS[level] < threshold) return;
		const clean: LogFields = {};
		for (const [key, value] of Object.entries(fields)) {
			if (value !== undefined) clean[key] = redactValue(key, value);
		}
		const time = now().toISOString();
		const msg = redact(message);
		if (options.format === 'json') {
			write(JSON.stringify({ time, level, msg, ...clean }));
			return;
		}
		const parts = Object.entries(clean).map(([key, value]) => {
			const text = typeof value === 'string' ? value : JSON.stringify(value);
			return `${key}=${/[\s"=]/.test(text) ? JSON.stringify(text) : text}`;
		});
		write([time, level.toUpperCase(), msg, ...parts].join(' ').replace(/\n/g, '\\n'));
	};

	return {
		debug: (message, fields) => emit('debug', message, fields),
		info: (message, fields) => emit('info', message, fields),
		warn: (message, fields) => emit('warn', message, fields),
		error: (message, fields) => emit('error', message, fields)
	};
}
