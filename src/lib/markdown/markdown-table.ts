/** GFM tables as the markdown export writes them. */
/** A GFM table (columns: a ColumnSpec or just a header); `cells` are already escaped. Numeric columns are right-aligned; empty cells are one space. */
export function table(columns: readonly { header: string; numeric?: boolean; names?: readonly string[] }[], rows: readonly string[][]): string {
	const line = (cells: readonly string[]) =>
		`|${cells.map((cell) => (cell === '' ? ' ' : ` ${cell} `)).join('|')}|`;
	return [
		line(columns.map((c) => c.header)),
		line(columns.map((c) => (c.numeric ? '---:' : '---'))),
		...rows.map(line)
	].join('\n');
}
