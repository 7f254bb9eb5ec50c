/**
 * `npm run bench` — the Groundwork benchmark harness (issue 6). Runs every scenario, each beside
 * a baseline measured in the same run, and prints ONE table (scenario, metric, ours, baseline,
 * ratio, target, result) with the machine and date.
 *
 *   npm run bench                          full run (~4 min on two cores; needs `npm run build` for the browser)
 *   npm run bench -- --quick               short run (~1.5 min), same scenarios with fewer samples
 *   npm run bench -- --json out.json       also write the results as JSON
 *   npm run bench -- --readme perf.md      also write the README Performance section (markdown)
 *   npm run bench -- --only fanout,export  run some scenarios (fanout cluster-fanout durable durable-pg cold-load memory rss browser export follow)
 *   npm run bench -- --cpu-prof dir        child processes write V8 CPU profiles into dir
 *
 * Exit code 0 when every scenario ran (missed targets are reported, not fatal); 2 when a scenario
 * failed or timed out (BENCH_SCENARIO_TIMEOUT_S, default 1800): it gets one "(scenario failed)" /
 * "(scenario timed out)" row and no figures, the others still run; 1 on a crash.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { childDefaults } from './lib/children.ts';
import { machineInfo } from './lib/machine.ts';
import { describeMachine, renderReadme, renderTable, score, type BenchReport, type Row } from './lib/report.ts';
import type { Scenario } from './lib/scenario.ts';
import { browser } from './scenarios/browser.ts';
import { clusterFanout } from './scenarios/cluster-fanout.ts';
import { coldLoad } from './scenarios/cold-load.ts';
import { durable } from './scenarios/durable.ts';
import { durablePostgres } from './scenarios/durable-postgres.ts';
import { exportScenario } from './scenarios/export.ts';
import { fanout } from './scenarios/fanout.ts';
import { follow } from './scenarios/follow.ts';
import { memory } from './scenarios/memory.ts';
import { serverRss } from './scenarios/server-rss.ts';

/** A scenario that ran longer than {@link TIMEOUT_S}: reported as such, the run goes on. */
class ScenarioTimeout extends Error {}

/** Longest a scenario may run, seconds (env BENCH_SCENARIO_TIMEOUT_S; default 30 min). */
const TIMEOUT_S = Number(process.env.BENCH_SCENARIO_TIMEOUT_S) || 1800;

/** Every scenario, in table order. */
const SCENARIOS: readonly Scenario[] = [fanout, clusterFanout, durable, durablePostgres, coldLoad, memory, serverRss, browser, exportScenario, follow];

interface Options {
	quick: boolean;
	json: string | null;
	readme: string | null;
	only: string[] | null;
	cpuProf: string | null;
}

function parseArgs(argv: string[]): Options {
	const options: Options = { quick: false, json: null, readme: null, only: null, cpuProf: null };
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		const value = () => {
			const v = argv[++i];
			if (!v) throw new Error(`${arg} needs a value`);
			return v;
		};
		if (arg === '--quick') options.quick = true;
		else if (arg === '--json') options.json = resolve(value());
		else if (arg === '--readme') options.readme = resolve(value());
		else if (arg === '--only') options.only = value().split(',').map((s) => s.trim());
		else if (arg === '--cpu-prof') options.cpuProf = resolve(value());
		else if (arg === '--help' || arg === '-h') {
			process.stdout.write('usage: npm run bench -- [--quick] [--json file] [--readme file] [--only a,b] [--cpu-prof dir]\n');
			process.exit(0);
		} else throw new Error(`unknown option ${arg}`);
	}
	const unknown = options.only?.filter((name) => !SCENARIOS.some((s) => s.name === name)) ?? [];
	if (unknown.length > 0) throw new Error(`unknown scenario ${unknown.join(', ')}; known: ${SCENARIOS.map((s) => s.name).join(', ')}`);
	return options;
}

async function main(): Promise<void> {
	const options = parseArgs(process.argv.slice(2));
	if (options.cpuProf) {
		mkdirSync(options.cpuProf, { recursive: true });
		childDefaults.cpuProfDir = options.cpuProf;
	}
	const started = Date.now();
	const machine = machineInfo();
	const date = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
	const log = (message: string) => process.stderr.write(`[bench ${((Date.now() - started) / 1000).toFixed(0).padStart(3)}s] ${message}\n`);
	const rows: Row[] = [];
	const notes: string[] = [];
	const failed: string[] = [];
	for (const scenario of SCENARIOS) {
		if (options.only && !options.only.includes(scenario.name)) continue;
		log(`${scenario.title}…`);
		const t0 = Date.now();
		let timer: NodeJS.Timeout | undefined;
		try {
			const timedOut = new Promise<never>((_, reject) => {
				timer = setTimeout(() => reject(new ScenarioTimeout(`timed out after ${TIMEOUT_S} s (BENCH_SCENARIO_TIMEOUT_S)`)), TIMEOUT_S * 1000);
			});
			const result = await Promise.race([scenario.run({ quick: options.quick, log }), timedOut]);
			rows.push(...result.rows);
			notes.push(...result.notes);
		} catch (error) {
			const message = error instanceof Error ? error.message : String(error);
			const what = error instanceof ScenarioTimeout ? 'timed out' : 'failed';
			log(`${scenario.title} ${what}: ${error instanceof Error ? error.stack : message}`);
			failed.push(`${scenario.name} (${what}: ${message.split('\n')[0].slice(0, 200)})`);
			// no figures at all from it: a partial run's ratios would compare unlike things
			rows.push({ scenario: scenario.title.toLowerCase(), metric: `(scenario ${what})`, unit: '', ours: null, baseline: null, note: `${what}: ${message.split('\n')[0].slice(0, 100)}` });
		} finally {
			clearTimeout(timer);
		}
		log(`${scenario.title} done in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
	}
	const args = process.argv.slice(2).filter((a, i, all) => !['--json', '--readme', '--cpu-prof'].includes(a) && !['--json', '--readme', '--cpu-prof'].includes(all[i - 1]));
	const report: BenchReport = {
		date,
		command: `npm run bench${args.length > 0 ? ` -- ${args.join(' ')}` : ''}`,
		quick: options.quick,
		machine,
		durationSeconds: (Date.now() - started) / 1000,
		rows: rows.map(score),
		notes,
		failed
	};
	process.stdout.write(
		`\nGroundwork benchmark — ${report.date}${report.quick ? ' (quick)' : ''}\n${describeMachine(machine)}\n\n${renderTable(report.rows)}\n\n` +
			(notes.length > 0 ? `${notes.map((n) => `* ${n}`).join('\n')}\n` : '') +
			`\n${report.rows.filter((r) => r.result === 'FAIL').length} of ${report.rows.filter((r) => r.target).length} targets missed` +
			`${report.rows.filter((r) => r.target && r.result === 'n/a').length ? `, ${report.rows.filter((r) => r.target && r.result === 'n/a').length} not measured` : ''}; ${Math.round(report.durationSeconds)} s.\n` +
			(failed.length ? `\nINCOMPLETE RUN — ${failed.length} scenario(s) produced no figures: ${failed.join('; ')}\n` : '')
	);
	if (options.json) writeFileSync(options.json, `${JSON.stringify(report, null, '\t')}\n`);
	if (options.readme) writeFileSync(options.readme, renderReadme(report));
	process.exit(failed.length > 0 ? 2 : 0);
}

main().catch((error: unknown) => {
	process.stderr.write(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
	process.exit(1);
});
