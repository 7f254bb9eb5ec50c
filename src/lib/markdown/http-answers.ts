/**
 * The HTTP shapes of markdown export and import, as pure functions, so the server routes stay a
 * few lines long and the answers are testable without a server:
 * - `GET /api/boards/<id>/export.md` → {@link markdownExportAnswer}
 * - `POST /api/boards/import` → {@link markdownImportAnswer} (then create the board like
 *   `POST /api/boards` with `plan`).
 */
import type { PlanData } from '../model/types.ts';
import { planToMarkdown } from './export.ts';
import { contentDisposition, exportFileName } from './file-name.ts';
import { markdownToPlan, type MarkdownImportError } from './import.ts';

/** Body and headers of a successful export (status 200). */
export interface MarkdownExportAnswer {
	body: string;
	headers: Record<string, string>;
}

/**
 * The export download: `text/markdown; charset=utf-8`, `Content-Disposition: attachment` named
 * `<title>.md` (RFC 5987 `filename*` when the title is not ASCII), byte length, no caching (the
 * board changes), nosniff.
 */
export function markdownExportAnswer(plan: PlanData): MarkdownExportAnswer {
	const body = planToMarkdown(plan);
	return {
		body,
		headers: {
			'content-type': 'text/markdown; charset=utf-8',
			'content-disposition': contentDisposition(exportFileName(plan.title)),
			'content-length': String(new TextEncoder().encode(body).byteLength),
			'cache-control': 'no-store',
			'x-content-type-options': 'nosniff'
		}
	};
}

/** Media types `POST /api/boards/import` accepts as a raw markdown body. */
export const MARKDOWN_MEDIA_TYPES = ['text/markdown', 'text/x-markdown', 'text/plain'] as const;

/**
 * Whether a Content-Type header names a markdown body (`text/markdown`, `text/x-markdown`,
 * `text/plain`, any parameters). A missing header counts as markdown.
 */
export function isMarkdownContentType(header: string | undefined): boolean {
	if (header === undefined || header.trim() === '') return true;
	const type = header.split(';')[0].trim().toLowerCase();
	return (MARKDOWN_MEDIA_TYPES as readonly string[]).includes(type);
}

/** Outcome of reading an import body: the plan to create, or the 400 answer to send. */
export type MarkdownImportAnswer =
	| { ok: true; plan: PlanData; warnings: string[] }
	| { ok: false; status: 400; body: { error: string; errors: MarkdownImportError[] } };

/**
 * Read an import body (UTF-8 text). On failure: status 400 with
 * `{ error: "line 12: …", errors: [{ line, message }, …] }` — the first problem as the sentence,
 * all of them listed. Never throws.
 */
export function markdownImportAnswer(text: string): MarkdownImportAnswer {
	const result = markdownToPlan(text);
	if (result.ok) return result;
	const first = result.errors[0];
	return {
		ok: false,
		status: 400,
		body: {
			error: first ? `line ${first.line}: ${first.message}` : 'the markdown could not be read',
			errors: result.errors
		}
	};
}
