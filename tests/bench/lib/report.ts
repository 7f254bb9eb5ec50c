/**
 * Result rows of the benchmark and their three renderings: the console table, the JSON file
 * (`--json`) and the README's markdown Performance section (`--readme`).
 */
import type { MachineInfo } from './machine.ts';

/**
 * How a row passes: `max` = ratio (ours / baseline) at most `value`; `min` = ratio at least
 * `value`; `abs-max` = our figure itself at most `value` (in the row's unit).
 */
export interface Target {
	readonly kind: 'max' | 'min' | 'abs-max';
	readonly value: number;
	/**
	 * Measurement resolution added to an `abs-max` bound (unit of the row). Frame deltas from
	 * requestAnimationFrame jitter around 16.67 ms by a few tenths on time; a late frame costs a
	 * whole extra 16.7 ms, so 0.5 ms of slack separates the two without hiding a dropped frame.
	 */
	readonly slack?: number;
}

/** One line of the table. `ours` / `baseline` are in `unit`; null when not measured. */
export interface Row {
	readonly scenario: string;
	readonly metric: string;
	/** Unit of `ours` and `baseline`, e.g. 'ms', 'updates/s', 'MiB'. */
	readonly unit: string;
	readonly ours: number | null;
	readonly baseline: number | null;
	readonly target?: Target;
	/** Shown instead of figures when the row could not be measured, e.g. 'n/a (board page missing)'. */
	readonly note?: string;
}

/** A row with its derived ratio and verdict. */
export interface ScoredRow extends Row {
	/** ours / baseline, or null when either is missing. */
	readonly ratio: number | null;
	/** 'pass' | 'FAIL' | '—' (no target) | 'n/a' (not measured). */
	readonly result: 'pass' | 'FAIL' | '—' | 'n/a';
}

/** Everything one run produced. */
export interface BenchReport {
	readonly date: string;
	readonly command: string;
	readonly quick: boolean;
	readonly machine: MachineInfo;
	readonly durationSeconds: number;
	readonly rows: readonly ScoredRow[];
	/** Free-text findings of the scenarios (convergence checks, sample counts…). */
	readonly notes: readonly string[];
	/** Scenarios that failed or timed out, with why (empty: every scenario ran). */
	readonly failed: readonly string[];
}

/** Adds ratio and verdict to a row. */
export function score(row: Row): ScoredRow {
	const measured = row.ours !== null && Number.isFinite(row.ours);
	const ratio = measured && row.baseline !== null && row.baseline > 0 ? row.ours! / row.baseline : null;
	let result: ScoredRow['result'] = '—';
	if (!measured) result = 'n/a';
	else if (row.target) {
		const t = row.target;
		const ok = t.kind === 'abs-max' ? row.ours! <= t.value + (t.slack ?? 0) : ratio === null ? null : t.kind === 'max' ? ratio <= t.value : ratio >= t.value;
		result = ok === null ? 'n/a' : ok ? 'pass' : 'FAIL';
	}
	return { ...row, ratio, result };
}

/** A figure with three significant digits (integers ≥ 1000 grouped) plus its unit. */
export function formatValue(value: number | null, unit: string): string {
	if (value === null || !Number.isFinite(value)) return '—';
	const abs = Math.abs(value);
	const text =
		abs >= 1000 ? Math.round(value).toLocaleString('en-US') : abs >= 100 ? value.toFixed(0) : abs >= 10 ? value.toFixed(1) : abs >= 1 ? value.toFixed(2) : value.toPrecision(2);
	return `${text} ${unit}`;
}

function formatTarget(target: Target | undefined, unit: string): string {
	if (!target) return '—';
	if (target.kind === 'abs-max') return `≤ ${target.value} ${unit}`;
	return `${target.kind === 'max' ? '≤' : '≥'} ${target.value}×`;
}

function cells(row: ScoredRow): string[] {
	if (row.note && row.ours === null) return [row.scenario, row.metric, row.note, '', '', formatTarget(row.target, row.unit), 'n/a'];
	return [
		row.scenario,
		row.metric,
		formatValue(row.ours, row.unit),
		formatValue(row.baseline, row.unit),
		row.ratio === null ? '—' : `${row.ratio.toFixed(2)}×`,
		formatTarget(row.target, row.unit),
		row.result
	];
}

const HEADER = ['scenario', 'metric', 'ours', 'baseline', 'ratio', 'target', 'result'];

/** The table as aligned plain text for the terminal. */
export function renderTable(rows: readonly ScoredRow[]): string {
	const body = rows.map(cells);
	const widths = HEADER.map((h, i) => Math.max(h.length, ...body.map((r) => r[i].length)));
	const line = (r: string[]) => r.map((c, i) => (i >= 2 && i <= 4 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ').trimEnd();
	return [line(HEADER), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

/** One line describing the machine, e.g. `Intel Xeon, 2 cores, 23.5 GiB RAM, Linux 6.1, Node v20.20.2`. */
export function describeMachine(m: MachineInfo): string {
	return `${m.cpu}, ${m.cores} cores, ${(m.memoryBytes / 2 ** 30).toFixed(1)} GiB RAM, ${m.os}, Node ${m.node}, Chromium ${m.chromium ?? 'not found'}`;
}

/** The README "Performance" section: command, machine, date and the table in markdown. */
export function renderReadme(report: BenchReport): string {
	const esc = (s: string) => s.replace(/\|/g, '\\|');
	const rows = report.rows.map((r) => `| ${cells(r).map(esc).join(' | ')} |`);
	return [
		'## Performance',
		'',
		'Every figure is measured beside a baseline in the same run and reported as a ratio, because',
		'absolute times on shared machines are noisy. Reproduce with:',
		'',
		'```sh',
		'npm run build   # the browser scenario runs the built app',
		report.command,
		'```',
		'',
		`Last run: ${report.date} on ${describeMachine(report.machine)}${report.quick ? ' (quick run)' : ''}, ${Math.round(report.durationSeconds)} s.`,
		'',
		...(report.failed.length > 0 ? [`**Incomplete run**: ${report.failed.join('; ')}.`, ''] : []),
		'What each baseline is: fan-out — a bare `ws` relay of the same bytes (no Yjs, no store), same',
		'client processes, 100 updates/s, ours and floor alternating in segments (each percentile is the',
		'median of the per-segment percentiles); durable appends — raw better-sqlite3 batched inserts of the same',
		'bytes, same WAL/sync settings; cold load — `Y.applyUpdate` of the compacted snapshot in a fresh',
		'process; memory — the same boards held as bare Y.Docs (per board) and the start RSS (after close);',
		'browser — a static HTML page of the same cards (panned with a bare CSS transform); export — time',
		'per card at 1,000 cards (ratio 1.0 = linear growth).',
		'',
		`| ${HEADER.join(' | ')} |`,
		`|${HEADER.map((_, i) => (i >= 2 && i <= 4 ? '---:' : '---')).join('|')}|`,
		...rows,
		'',
		...(report.notes.length > 0 ? ['Notes:', '', ...report.notes.map((n) => `- ${n}`), ''] : [])
	].join('\n');
}
