/**
 * A linear-time bound on how deeply markdown nests, checked before any parser sees the text:
 * block quotes inside block quotes and lists inside lists make the parsers (marked, Tiptap) and the
 * rich-text conversion recurse once per level, and thousands of levels cost seconds or overflow the
 * stack. No plan a person writes needs more than a handful.
 */

/** Deepest nesting accepted: `>` markers plus indentation steps (two columns each) before a line's text. */
export const MAX_MARKDOWN_DEPTH = 32;

/** Where markdown nests too deeply. */
export interface NestingProblem {
	/** 1-based line number. */
	readonly line: number;
	readonly message: string;
}

/**
 * The first line of `text` nested deeper than `maxDepth`, or null. A line's depth is the number of
 * `>` markers in its leading run of markers and blanks plus its indentation in steps of two
 * columns (a tab is four; a list marker counts as one step, a marker's own blank not at all). Lines inside fenced code blocks are not counted (code keeps its
 * indentation).
 */
export function findDeepNesting(text: string, maxDepth: number = MAX_MARKDOWN_DEPTH): NestingProblem | null {
	let line = 1;
	let start = 0;
	let fence: string | null = null;
	while (start <= text.length) {
		let end = text.indexOf('\n', start);
		if (end === -1) end = text.length;
		let quotes = 0;
		let columns = 0;
		let i = start;
		for (; i < end; i++) {
			const c = text.charCodeAt(i);
			if (c === 62 /* > */) {
				quotes++;
				if (text.charCodeAt(i + 1) === 32) i++; // the marker's own blank
			} else if (c === 32 /* space */) columns++;
			else if (c === 9 /* tab */) columns += 4;
			else if (c === 45 /* - */ || c === 42 /* * */ || c === 43 /* + */) {
				// a list marker followed by a blank opens a level; anything else is text
				const next = text.charCodeAt(i + 1);
				if (next !== 32 && next !== 9) break;
				columns += 2;
				i++; // the marker's own blank
			} else break;
			if (quotes + Math.floor(columns / 2) > maxDepth && fence === null) {
				return { line, message: `markdown nested more than ${maxDepth} levels deep (block quotes or lists)` };
			}
		}
		const rest = text.slice(i, Math.min(end, i + 3));
		if (rest === '```' || rest === '~~~') fence = fence === null ? rest : fence === rest ? null : fence;
		start = end + 1;
		line++;
	}
	return null;
}
