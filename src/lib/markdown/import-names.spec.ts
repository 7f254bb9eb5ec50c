import { describe, expect, it } from 'vitest';
import { defaultMeta } from '../model/meta.ts';
import { MILESTONE_STATUSES } from '../model/types.ts';
import { markdownToPlan } from './import.ts';
import { COMPUTED_NAMES, FIGURE_NAMES, GOAL_PREFIXES, LOOSE_NAMES, matchPrefix, nameKey, NOTES_PREFIXES, OPPORTUNITY_NAMES, RISK_NAMES, SECTION_NAMES, STATUS_WORDS } from './import-names.ts';
import { FIGURE, isPlaceholderText, PLACEHOLDER, REVIEW_WORDS, SECTION, SUBSECTION } from './vocabulary.ts';

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
