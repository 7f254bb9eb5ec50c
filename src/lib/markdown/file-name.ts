/**
 * File names for exported plans, shared by the HTTP route, the browser download and the CLI so all
 * three name the file the same way.
 */

const UNSAFE = /[\\/:*?"<>|\u0000-\u001f\u007f]+/g;
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)$/i;
/** Longest base name (in user-perceived characters) before `.md`. */
const MAX_BASE = 120;

/**
 * `<title>.md` made safe for every file system: path separators, reserved punctuation and
 * control characters become spaces, whitespace collapses, leading/trailing dots and spaces go,
 * the name is cut to 120 characters (whole graphemes, so an emoji is never split), and an empty result falls back to `plan.md`.
 * CJK and emoji are kept (`上海咖啡 🚀.md`).
 */
export function exportFileName(title: string): string {
	let base = title.replace(UNSAFE, ' ').replace(/\s+/g, ' ').trim().replace(/^[.\s]+|[.\s]+$/g, '');
	const graphemes = Array.from(new Intl.Segmenter('en', { granularity: 'grapheme' }).segment(base), (s) => s.segment);
	base = graphemes.slice(0, MAX_BASE).join('').trim();
	if (base === '') base = 'plan';
	if (WINDOWS_RESERVED.test(base)) base = `${base} plan`;
	return `${base}.md`;
}

/** RFC 5987 `value-chars`: UTF-8 percent-encoding without the characters attr-char excludes. */
function encodeRfc5987(value: string): string {
	return encodeURIComponent(value).replace(
		/['()*]/g,
		(c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`
	);
}

/**
 * A `Content-Disposition: attachment` header value for `fileName` (use {@link exportFileName}).
 * ASCII names give `attachment; filename="plan.md"`; other names add an ASCII fallback (non-ASCII
 * as `_`) plus the exact name as RFC 5987 `filename*=UTF-8''…`, which every current browser uses.
 */
export function contentDisposition(fileName: string): string {
	const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
	if (ascii === fileName) return `attachment; filename="${ascii}"`;
	return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeRfc5987(fileName)}`;
}

/**
 * The file name a `Content-Disposition` header names (for browser downloads done with fetch):
 * `filename*=UTF-8''…` when present (RFC 5987), else `filename="…"`, else `fallback`. Path parts
 * are never returned (only the last segment is kept).
 */
export function fileNameFromContentDisposition(header: string | null | undefined, fallback = 'plan.md'): string {
	if (!header) return fallback;
	let name: string | undefined;
	const extended = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(header);
	if (extended) {
		try {
			name = decodeURIComponent(extended[1].trim());
		} catch {
			name = undefined;
		}
	}
	name ??= /filename\s*=\s*"([^"]*)"/i.exec(header)?.[1] ?? /filename\s*=\s*([^;\s]+)/i.exec(header)?.[1];
	const last = name?.split(/[\\/]/).pop()?.trim();
	return last ? last : fallback;
}
