/**
 * Inline markdown of the reader (headings, table cells, list item titles) read within limits.
 * Inline parsing in marked is quadratic on hostile input (`*a*a*a…`), so only the text the plan
 * needs is parsed inline — notes and computed tables never are.
 */
import { Lexer } from 'marked';
import { normalizeInline, readInline, type InlineContent } from './inline-text.ts';
import type { ImportReport } from './import-report.ts';

/** One text longer than this is taken literally (validation then refuses it as too long)… */
const MAX_INLINE_SOURCE = 12_000;
/** …and the sum of squared lengths parsed is capped (≈1–2 s of the worst input; real plans use <1%). */
const INLINE_COST_BUDGET = 1_000_000_000;

/** Reads inline markdown for one document, keeping count of the cost spent. */
export class InlineBudget {
	private cost = 0;

	constructor(private readonly report: ImportReport) {}

	/** Plain text and comments of one piece of inline markdown, within the parsing limits. */
	read(text: string, line: number): InlineContent {
		if (text.length > MAX_INLINE_SOURCE) return { text: normalizeInline(text), comments: [] };
		this.cost += text.length * text.length;
		if (this.cost > INLINE_COST_BUDGET) {
			this.report.warnOnce('budget', line, 'the document has too much text in titles and tables; the rest is not read');
			this.report.error(line, 'too much text in titles and tables to read in one document');
			return { text: '', comments: [] };
		}
		return readInline(Lexer.lexInline(text, { gfm: true }));
	}
}
