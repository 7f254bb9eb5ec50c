/**
 * Scenario 6, markdown export: `planToMarkdown` (src/lib/markdown) of synthetic plans of 1,000
 * and 10,000 cards, plus the whole `export.md` path for a board (`toPlanData` of the live Y.Doc,
 * which turns every card's rich-text notes into markdown, then `planToMarkdown`). The ratio of
 * time per card at 10,000 to time per card at 1,000 shows whether the cost grows linearly
 * (1.0 = perfectly linear). Each figure is the median of several warm runs.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import * as Y from 'yjs';
import { ROOT } from '../lib/children.ts';
import { syntheticPlan } from '../lib/plans.ts';
import type { Row } from '../lib/report.ts';
import type { Scenario, ScenarioResult } from '../lib/scenario.ts';
import { median, nowMs } from '../lib/stats.ts';

type ToMarkdown = (plan: ReturnType<typeof syntheticPlan>) => string;

/**
 * Median ms per task: every task runs twice to warm up (JIT, Tiptap's schema), then the tasks
 * take turns `runs` times, so a slow spell of a shared machine hits every size alike.
 */
function timeTasks(tasks: (() => unknown)[], runs: number): number[] {
	for (let w = 0; w < 2; w++) for (const task of tasks) task();
	const times = tasks.map((): number[] => []);
	for (let i = 0; i < runs; i++) {
		tasks.forEach((task, t) => {
			const t0 = nowMs();
			task();
			times[t].push(nowMs() - t0);
		});
	}
	return times.map(median);
}

/** Scenario 6 (see file comment). */
export const exportScenario: Scenario = {
	name: 'export',
	title: 'Export',
	async run(ctx): Promise<ScenarioResult> {
		const na = (why: string): ScenarioResult => ({
			rows: [{ scenario: 'export', metric: 'markdown export', unit: 'ms', ours: null, baseline: null, note: `n/a (${why})` }],
			notes: []
		});
		if (!existsSync(join(ROOT, 'src', 'lib', 'markdown', 'index.ts'))) return na('src/lib/markdown missing');
		const markdown = (await import('../../../src/lib/markdown/index.ts')) as { planToMarkdown?: ToMarkdown };
		const toMarkdown = markdown.planToMarkdown;
		if (typeof toMarkdown !== 'function') return na('planToMarkdown not exported yet');
		const model = await import('../../../src/lib/model/index.ts');

		const runs = ctx.quick ? 3 : 7;
		const sizes = [1_000, 10_000] as const;
		ctx.log(`export: ${sizes.join(' and ')} cards, ${runs} runs each`);
		const plans = sizes.map((n) => syntheticPlan(n));
		const docs = plans.map((plan) => {
			const doc = new Y.Doc();
			model.applyPlanData(doc, plan, model.createOrigin('import'));
			return doc;
		});
		let bytes = 0;
		const [plain1k, plain10k, doc1k, doc10k] = timeTasks(
			[
				() => toMarkdown(plans[0]),
				() => (bytes = toMarkdown(plans[1]).length),
				() => toMarkdown(model.toPlanData(docs[0])),
				() => toMarkdown(model.toPlanData(docs[1]))
			],
			runs
		);
		for (const doc of docs) doc.destroy();
		const plain = [plain1k, plain10k];
		const viaDoc = [doc1k, doc10k];
		const per = (ms: number, n: number) => (ms * 1000) / n;
		const rows: Row[] = [
			{ scenario: 'export', metric: 'planToMarkdown, 1,000 cards', unit: 'ms', ours: plain[0], baseline: null },
			{ scenario: 'export', metric: 'planToMarkdown, 10,000 cards', unit: 'ms', ours: plain[1], baseline: null },
			{ scenario: 'export', metric: 'per card: 10,000 vs 1,000', unit: 'µs', ours: per(plain[1], sizes[1]), baseline: per(plain[0], sizes[0]), target: { kind: 'max', value: 1.5 } },
			{ scenario: 'export', metric: 'export.md path, 1,000 cards', unit: 'ms', ours: viaDoc[0], baseline: null },
			{ scenario: 'export', metric: 'export.md path, 10,000 cards', unit: 'ms', ours: viaDoc[1], baseline: null },
			{ scenario: 'export', metric: 'export.md path per card: 10k vs 1k', unit: 'µs', ours: per(viaDoc[1], sizes[1]), baseline: per(viaDoc[0], sizes[0]), target: { kind: 'max', value: 1.5 } }
		];
		return {
			rows,
			notes: [`export: synthetic plans (every kind, notes on every fifth card; 10,000 cards → ${(bytes / 1024).toFixed(0)} KiB of markdown); median of ${runs} warm runs taking turns; ratio 1.0 = linear growth`]
		};
	}
};
