import { describe, expect, it } from 'vitest';
import { defaultMeta } from '../model/meta.ts';
import { MILESTONE_STATUSES } from '../model/types.ts';
import { markdownToPlan } from './import.ts';
import { COMPUTED_NAMES, FIGURE_NAMES, GOAL_PREFIXES, LOOSE_NAMES, matchPrefix, nameKey, NOTES_PREFIXES, OPPORTUNITY_NAMES, RISK_NAMES, SECTION_NAMES, STATUS_WORDS } from './import-names.ts';
import { FIGURE, isPlaceholderText, PLACEHOLDER, REVIEW_WORDS, SECTION, SUBSECTION, TEAM_COLUMNS, RISK_COLUMNS, SPEND_COLUMNS, ACTION_COLUMNS, DECISION_COLUMNS, headerKey, type ColumnSpec } from './vocabulary.ts';
import { exportWords } from './export-words.ts';
import { readCategory, readRecurrence } from './import-values.ts';

describe('the reader knows every word the export writes', () => {
	it('reads each section heading, sub-heading, heading prefix, figure label and status of vocabulary.ts', () => {
		expect(Object.entries(SECTION).map(([section, name]) => [section, SECTION_NAMES.get(nameKey(name))])).toEqual(
			Object.keys(SECTION).map((section) => [section, section])
		);
		expect(LOOSE_NAMES.has(nameKey(SUBSECTION.looseMilestones))).toBe(true);
		expect(RISK_NAMES.has(nameKey(SUBSECTION.risks))).toBe(true);
		expect(OPPORTUNITY_NAMES.has(nameKey(SUBSECTION.opportunities))).toBe(true);
		expect(COMPUTED_NAMES.has(nameKey(SUBSECTION.byCategory)) && COMPUTED_NAMES.has(nameKey(SUBSECTION.byMonth))).toBe(true);
		expect(matchPrefix(GOAL_PREFIXES, `${SUBSECTION.goalPrefix}覆盖十个城市`)?.[0]).toBe(SUBSECTION.goalPrefix);
		expect(matchPrefix(NOTES_PREFIXES, `${SUBSECTION.notesPrefix}产品经理`)?.[0]).toBe(SUBSECTION.notesPrefix);
		expect(Object.entries(FIGURE).map(([figure, label]) => [figure, FIGURE_NAMES.get(nameKey(label))])).toEqual(
			Object.keys(FIGURE).map((figure) => [figure, figure])
		);
		for (const status of MILESTONE_STATUSES) expect(STATUS_WORDS.get(status)).toBe(status);
	});

	it('reads every word the Chinese export writes as the same field (one vocabulary, no copies)', () => {
		const zh = exportWords('zh-CN');
		expect(Object.entries(zh.section).map(([section, name]) => [section, SECTION_NAMES.get(nameKey(name))])).toEqual(
			Object.keys(SECTION).map((section) => [section, section])
		);
		expect(LOOSE_NAMES.has(nameKey(zh.subsection.looseMilestones))).toBe(true);
		expect(RISK_NAMES.has(nameKey(zh.subsection.risks))).toBe(true);
		expect(OPPORTUNITY_NAMES.has(nameKey(zh.subsection.opportunities))).toBe(true);
		expect(COMPUTED_NAMES.has(nameKey(zh.subsection.byCategory)) && COMPUTED_NAMES.has(nameKey(zh.subsection.byMonth))).toBe(true);
		expect(matchPrefix(GOAL_PREFIXES, `${zh.subsection.goalPrefix}覆盖十个城市`)?.[0]).toBe(zh.subsection.goalPrefix);
		expect(matchPrefix(NOTES_PREFIXES, `${zh.subsection.notesPrefix}产品经理`)?.[0]).toBe(zh.subsection.notesPrefix);
		for (const key of ['budget', 'startMonth', 'horizon'] as const) expect(FIGURE_NAMES.get(nameKey(zh.figure[key]))).toBe(key);
		for (const status of MILESTONE_STATUSES) expect(STATUS_WORDS.get(zh.status[status])).toBe(status);
		for (const [category, word] of Object.entries(zh.category)) expect(readCategory(word)).toEqual({ ok: true, value: category });
		for (const [recurrence, word] of Object.entries(zh.recurrence)) expect(readRecurrence(word)).toEqual({ ok: true, value: recurrence });
		const tables: [Record<string, ColumnSpec>, Record<string, ColumnSpec>][] = [
			[zh.team, TEAM_COLUMNS],
			[zh.risk, RISK_COLUMNS],
			[zh.spend, SPEND_COLUMNS],
			[zh.action, ACTION_COLUMNS],
			[zh.decision, DECISION_COLUMNS]
		];
		for (const [written, read] of tables) {
			for (const [field, spec] of Object.entries(written)) {
				// the header written is one the reader maps to this field, and to no earlier one
				const key = headerKey(spec.header);
				expect(Object.keys(read).find((k) => read[k].names.includes(key)), spec.header).toBe(field);
			}
		}
		for (const placeholder of [...Object.values(zh.placeholder), zh.review.noItems]) {
			expect(isPlaceholderText(placeholder.replace(/^_|_$/g, ''))).toBe(true);
		}
		expect(isPlaceholderText('暂无招聘计划')).toBe(true);
	});

	it('skips every placeholder the export writes, and a person\'s own "No … yet."', () => {
		for (const placeholder of [...Object.values(PLACEHOLDER), REVIEW_WORDS.noItems]) {
			expect(isPlaceholderText(placeholder.replace(/^_|_$/g, ''))).toBe(true);
		}
		expect(isPlaceholderText('No hires yet')).toBe(true);
		expect(isPlaceholderText('还没有角色')).toBe(false);
		expect(isPlaceholderText('Hire a barista')).toBe(false);
	});

	it('fills what a document leaves out with a new board\'s settings', () => {
		const result = markdownToPlan('# 深圳咖啡店\n\n## Team\n\n| Role | Start |\n|---|---|\n| 店长 | 2027-03 |\n');
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		const fresh = defaultMeta();
		expect(result.plan).toMatchObject({ title: '深圳咖啡店', currency: fresh.currency, budget: fresh.budget, horizonMonths: fresh.horizonMonths });
		const untitled = markdownToPlan('## Team\n\n| Role |\n|---|\n| 咖啡师 |\n');
		expect(untitled.ok && untitled.plan.title).toBe(fresh.title);
	});
});
