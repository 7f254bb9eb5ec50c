/**
 * Pieces of the markdown reader that only look at marked's tokens and text: list items split into
 * title and notes, milestone titles into title, due month and status, notes blocks unquoted.
 */
import type { Token, Tokens } from 'marked';
import type { MilestoneStatus } from '../model/types.ts';
import { DUE_PATTERN, STATUS_WORDS } from './import-names.ts';
import { normalizeNotes, unquoteNotes } from './notes.ts';

/** Number of line breaks in `text`. */
export function countNewlines(text: string): number {
	let n = 0;
	for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
	return n;
}

/** Length of the blank lines a token's raw text may start with (its first line is after them). */
export function leadingBlankLength(raw: string): number {
	return /^(?:[ \t]*\n)*/.exec(raw)?.[0].length ?? 0;
}

/** The notes a block contributes: a quote unwrapped, anything else as written. */
export function notesOf(token: Token): string {
	return token.type === 'blockquote' ? unquoteNotes(token.raw) : normalizeNotes(token.raw);
}

/** How a block is named in a warning ("a table"). */
export function describe(token: Token): string {
	const names: Record<string, string> = {
		paragraph: 'a paragraph',
		list: 'a list',
		table: 'a table',
		blockquote: 'a quote',
		code: 'a code block',
		html: 'an HTML block'
	};
	return names[token.type] ?? `a ${token.type}`;
}

/**
 * Split a list item into its title (the first block's inline source) and its notes (everything
 * nested under it). Notes are cut from the item's own source text, not from marked's dedented
 * copy, because marked expands tabs there; a single nested quote is unwrapped.
 */
export function splitItem(item: Tokens.ListItem): { title: string; notes: string } {
	const blocks = item.tokens.filter((t) => t.type !== 'checkbox');
	const first = blocks.findIndex((t) => t.type !== 'space');
	const head = blocks[first];
	const isTitle = head !== undefined && (head.type === 'text' || head.type === 'paragraph' || head.type === 'html');
	// In loose task lists marked 17 keeps `[ ] ` in the first paragraph's text (and may strip it
	// from the wrong inline text), so the title is taken from the paragraph's own text.
	let title = '';
	if (isTitle && head.type === 'html') title = head.raw.trim();
	else if (isTitle) {
		const text = (head as Tokens.Text).text;
		title = item.task ? text.replace(/^\[[ xX]\] +/, '') : text;
	}
	const rest = blocks.slice(isTitle ? first + 1 : Math.max(first, 0)).filter((t) => t.type !== 'space');
	if (rest.length === 0) return { title, notes: '' };

	const lines = item.raw.replace(/\n+$/, '').split('\n');
	const marker = /^( {0,3}(?:[-+*]|\d{1,9}[.)]))([ \t]*)/.exec(lines[0]);
	const gap = marker ? marker[2].replace(/\t/g, '    ').length : 1;
	const indent = (marker ? marker[1].length : 2) + (gap >= 1 && gap <= 4 ? gap : 1);
	const titleLines = isTitle ? head.raw.replace(/\n+$/, '').split('\n').length : 0;
	const body = lines
		.slice(Math.max(titleLines, isTitle ? 1 : 0))
		.map((line) => dedent(line, indent))
		.join('\n');
	const single = rest.length === 1 && rest[0].type === 'blockquote';
	return { title, notes: single ? unquoteNotes(body) : normalizeNotes(body) };
}

/** Remove up to `width` columns of leading indentation (a leading tab counts as the whole indent). */
function dedent(line: string, width: number): string {
	if (line.startsWith('\t')) return line.slice(1);
	let i = 0;
	while (i < width && line[i] === ' ') i++;
	return line.slice(i);
}

/**
 * Split `Sign the lease (due 2027-03, doing)` into title, due month and status. The parenthesis is
 * only taken when every part of it is `due <month>` or a status word; `Sign lease — due 2027-03`
 * is understood too, and so is the Chinese form `签下租约（截止 2027-03，进行中）`.
 */
export function splitMilestoneText(text: string): { title: string; due?: string; status?: MilestoneStatus } {
	const paren = /\s*\(([^()]*)\)$/.exec(text) ?? /\s*（([^（）]*)）$/.exec(text);
	if (paren) {
		const parts = paren[1].split(/\s*[,;·，；、]\s*/).map((p) => p.trim()).filter((p) => p !== '');
		let due: string | undefined;
		let status: MilestoneStatus | undefined;
		let understood = parts.length > 0;
		for (const part of parts) {
			const dueMatch = DUE_PATTERN.exec(part);
			const word = STATUS_WORDS.get(part.toLowerCase().replace(/\s+/g, ' '));
			if (dueMatch && due === undefined) due = dueMatch[1];
			else if (word && status === undefined) status = word;
			else understood = false;
		}
		if (understood) return { title: text.slice(0, paren.index).trim(), due, status };
	}
	const dash = /\s+(?:[—–-]\s*)?due\s*:?\s*(\S+)$/i.exec(text);
	if (dash) return { title: text.slice(0, dash.index).trim(), due: dash[1] };
	return { title: text };
}
