/**
 * Card notes inside the plan document. Notes are markdown of their own (headings, lists, code…),
 * so the export wraps them in a block quote: whatever they contain stays inside the quote and can
 * never be mistaken for the plan's own headings, tables or lists. Import unwraps the quote from the
 * source text itself, so the notes come back byte for byte (in their normalised form).
 */

/**
 * Canonical form of a card's notes as the document carries them: `\r\n` / `\r` → `\n`, blank
 * lines at the start and all whitespace at the end removed (markdown gives it no meaning, and
 * list items lose it). Empty string when there are no
 * notes (undefined, empty or whitespace only).
 */
export function normalizeNotes(notes: string | undefined): string {
	if (notes === undefined) return '';
	return notes
		.replace(/\r\n?/g, '\n')
		.replace(/^(?:[ \t]*\n)+/, '')
		.trimEnd();
}

/**
 * Notes as a block quote, each line prefixed with `indent` + `> ` (an empty line with `>` alone).
 * `indent` nests the quote in a list item (`'  '`). Returns null when there are no notes.
 */
export function quoteNotes(notes: string | undefined, indent: string): string | null {
	const text = normalizeNotes(notes);
	if (text === '') return null;
	return text
		.split('\n')
		.map((line) => (line === '' ? `${indent}>` : `${indent}> ${line}`))
		.join('\n');
}

/**
 * Inverse of {@link quoteNotes} on the raw source lines of one block quote (indentation already
 * removed): strips `>` and one following space from each line; lazy continuation lines written
 * without `>` are kept as they are. The result is normalised with {@link normalizeNotes}.
 */
export function unquoteNotes(raw: string): string {
	return normalizeNotes(
		raw
			.split('\n')
			.map((line) => line.replace(/^ {0,3}> ?/, ''))
			.join('\n')
	);
}
