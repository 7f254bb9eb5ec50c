/**
 * Reading GFM tables written by the export or by a person: columns are matched by header name
 * (case-insensitively, with synonyms, in any order), unknown columns are reported and skipped,
 * computed columns are skipped silently, and every row knows its source line.
 */
import type { Tokens } from 'marked';
import type { InlineContent } from './inline-text.ts';
import { headerKey, type ColumnSpec } from './vocabulary.ts';

/** One body row of a table. */
export interface TableRow<K extends string> {
	/** 1-based source line of the row. */
	line: number;
	/** The cell of a field, or undefined when the table has no such column. */
	cell(key: K): InlineContent | undefined;
	/** Comments found in any cell of the row, in order (card tags). */
	comments: string[];
}

/** A table whose columns were matched to fields. */
export interface TableReading<K extends string> {
	/** Fields whose column is present. */
	present: Set<K>;
	rows: TableRow<K>[];
}

/** Reads the inline markdown of one cell (source text, source line) as plain text and comments. */
export type InlineReader = (text: string, line: number) => InlineContent;

/** Where problems go: a line and a message. */
export interface Reporter {
	warn(line: number, message: string): void;
	error(line: number, message: string): void;
}

/**
 * Match a table's header to `specs` and read its rows. `required` fields missing from the header
 * are errors (null is returned); other missing fields are simply absent. `name` is used in
 * messages ("Team table"). Cells are read lazily through `inline`: columns nobody asks for (and
 * computed ones) are never parsed.
 */
export function readTable<K extends string>(
	table: Tokens.Table,
	line: number,
	name: string,
	specs: Record<K, ColumnSpec>,
	required: readonly NoInfer<K>[],
	report: Reporter,
	inline: InlineReader
): TableReading<K> | null {
	const index = new Map<K, number>();
	const keys = Object.keys(specs) as K[];
	table.header.forEach((cell, i) => {
		const label = inline(cell.text, line).text;
		const key = headerKey(label);
		const field = keys.find((k) => specs[k].names.includes(key));
		if (field === undefined) {
			report.warn(line, `${name}: column "${label}" is not one this format knows; it is ignored`);
		} else if (index.has(field)) {
			report.warn(line, `${name}: column "${label}" repeats ${specs[field].header}; the first one is used`);
		} else if (!specs[field].computed) {
			index.set(field, i);
		}
	});
	const missing = required.filter((k) => !index.has(k));
	if (missing.length > 0) {
		report.error(
			line,
			`${name} needs a ${missing.map((k) => `"${specs[k].header}"`).join(' and a ')} column`
		);
		return null;
	}
	const rows = table.rows.map((cells, r): TableRow<K> => {
		const rowLine = line + 2 + r;
		const read = new Map<number, InlineContent>();
		const cellAt = (i: number): InlineContent => {
			let content = read.get(i);
			if (!content) {
				content = inline(cells[i]?.text ?? '', rowLine);
				read.set(i, content);
			}
			return content;
		};
		return {
			line: rowLine,
			cell: (key) => {
				const i = index.get(key);
				return i === undefined ? undefined : cellAt(i);
			},
			get comments() {
				return [...index.values()].sort((a, b) => a - b).flatMap((i) => cellAt(i).comments);
			}
		};
	});
	return { present: new Set(index.keys()), rows };
}
