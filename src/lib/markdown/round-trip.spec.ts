import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { summarizeBudget } from '../budget/summarize.ts';
import { applyPlanData, createOrigin, fitCostsWithinBound, MAX_MONEY, toPlanData, validatePlan } from '../model/index.ts';
import { formatMoneyText } from './money-text.ts';
import type { Card, PlanData, PlanReviews } from '../model/types.ts';
import { planToMarkdown } from './export.ts';
import { markdownToPlan } from './import.ts';
import { normalizeInline } from './inline-text.ts';
import { normalizeNotes } from './notes.ts';
import { planArb } from '../../../tests/support/plan-arbitraries.ts';
import { fragmentToMarkdown, markdownToFragment } from '../rich-text/convert.ts';

function importOk(md: string) {
	const result = markdownToPlan(md);
	if (!result.ok) throw new Error(`import failed: ${JSON.stringify(result.errors)}\n${md}`);
	return result;
}

/** What the document promises to keep of a card: everything but `order` (renumbered) and empty text. */
function kept(card: Card): Record<string, unknown> {
	const out: Record<string, unknown> = { ...card, title: normalizeInline(card.title) };
	delete out.order;
	const notes = normalizeNotes(card.notes);
	if (notes === '') delete out.notes;
	else out.notes = notes;
	for (const key of ['level', 'mitigation'] as const) {
		if (key in out) {
			const text = normalizeInline(String(out[key]));
			if (text === '') delete out[key];
			else out[key] = text;
		}
	}
	if (Object.is(out.x, -0)) out.x = 0;
	if (Object.is(out.y, -0)) out.y = 0;
	return out;
}

/** What the document promises to keep of reviews: everything, with names, texts and owners trimmed. */
function keptReviews(reviews: PlanReviews | undefined): PlanReviews | undefined {
	if (!reviews) return undefined;
	return {
		checkpoints: reviews.checkpoints.map((c) => ({ ...c, name: normalizeInline(c.name) })),
		items: reviews.items.map((i) => {
			const out = { ...i, text: normalizeInline(i.text) };
			if (i.owner !== undefined) out.owner = normalizeInline(i.owner);
			return out;
		})
	};
}

/** Plans of both board languages: English boards carry no language, Chinese ones `zh-CN`. */
const LANGUAGES: [string, fc.Arbitrary<PlanData>][] = [
	['en', planArb],
	['zh-CN', planArb.map((plan): PlanData => ({ ...plan, language: 'zh-CN' }))]
];

function byId(cards: readonly Card[]): Map<string, Card> {
	return new Map(cards.map((c) => [c.id, c]));
}

/** Milestone ids per goal, in the order the document lists them. */
function milestoneSequence(md: string): string[] {
	return [...md.matchAll(/^- \[[ x]\] .*<!-- id=([\w-]+)/gm)].map((m) => m[1]);
}

// property tests run hundreds of cases; on a shared 2-core machine they need more than 5 s
describe('markdown round trip (property)', { timeout: 120_000 }, () => {
	it('generated plans are valid (sanity check of the generator)', () => {
		fc.assert(
			fc.property(planArb, (plan) => {
				const result = validatePlan(plan);
				if (!result.ok) throw new Error(result.errors.join('\n'));
			}),
			{ numRuns: 200 }
		);
	});

	// English boards (no language) and Chinese ones (headings, labels and value words in Chinese)
	it.each(LANGUAGES)('%s: export(import(export(p))) === export(p), with no warnings, keeping every field but milestone order', (_, arb) => {
		fc.assert(
			fc.property(arb, (plan) => {
				const md = planToMarkdown(plan);
				const { plan: back, warnings } = importOk(md);
				expect(planToMarkdown(back)).toBe(md);
				expect(warnings).toEqual([]);

				expect({ ...back, cards: [], reviews: undefined }).toEqual({
					...plan,
					title: normalizeInline(plan.title),
					cards: [],
					reviews: undefined
				});
				expect(back.reviews).toEqual(keptReviews(plan.reviews));
				const original = byId(plan.cards);
				expect(back.cards.length).toBe(plan.cards.length);
				for (const card of back.cards) {
					expect(kept(card)).toEqual(kept(original.get(card.id)!));
				}
				// milestone order survives as a sequence: re-exporting lists them identically
				expect(milestoneSequence(planToMarkdown(back))).toEqual(milestoneSequence(md));
			}),
			{ numRuns: 200 }
		);
	});

	it('large amounts up to the plan cost limit: exact figures, and the export imports back byte-identical', () => {
		fc.assert(
			fc.property(planArb, fc.constantFrom(1, 1_000, 1_000_000, MAX_MONEY), (plan, scale) => {
				const raise = (v: number) => Math.min(MAX_MONEY, v * scale);
				const typed = plan.cards.map((c) =>
					c.kind === 'spend' ? { ...c, amount: raise(c.amount) } : c.kind === 'role' ? { ...c, monthlyCost: raise(c.monthlyCost) } : c
				);
				const big = { ...plan, cards: fitCostsWithinBound(typed, plan.horizonMonths) };
				expect(validatePlan(big).ok).toBe(true);
				const md = planToMarkdown(big);
				const { plan: back } = importOk(md);
				expect(planToMarkdown(back)).toBe(md);
				const summary = summarizeBudget(big);
				expect(summarizeBudget(back)).toEqual(summary);
				expect(md).toContain(`| Allocated | ${formatMoneyText(summary.allocated, big.currency)} |`);
				expect(md).toContain(`| Remaining | ${formatMoneyText(summary.remaining, big.currency)} |`);
			}),
			{ numRuns: 150 }
		);
	});

	it.each(LANGUAGES)('%s: is byte-identical without positions too', (_, arb) => {
		fc.assert(
			fc.property(arb, (plan) => {
				const md = planToMarkdown(plan, { positions: false });
				const { plan: back } = importOk(md);
				expect(back.cards.every((c) => c.x === undefined && c.y === undefined)).toBe(true);
				expect(planToMarkdown(back, { positions: false })).toBe(md);
			}),
			{ numRuns: 100 }
		);
	});

	it('notes as the board stores them (Tiptap rich text) survive the document unchanged', () => {
		const doc = new Y.Doc();
		let next = 0;
		fc.assert(
			fc.property(planArb, (plan) => {
				const richPlan: PlanData = {
					...plan,
					cards: plan.cards.map((c) => {
						if (c.notes === undefined) return c;
						const fragment = doc.getXmlFragment(`n${next++}`);
						markdownToFragment(c.notes, fragment);
						return { ...c, notes: fragmentToMarkdown(fragment) || undefined };
					})
				};
				const md = planToMarkdown(richPlan);
				const { plan: back } = importOk(md);
				const notes = byId(back.cards);
				for (const card of richPlan.cards) {
					expect(notes.get(card.id)?.notes).toBe(normalizeNotes(card.notes) || undefined);
				}
				expect(planToMarkdown(back)).toBe(md);
			}),
			{ numRuns: Number(process.env.RT_RUNS ?? 40) }
		);
	});

	it.each(LANGUAGES)('%s: through the board: export → import → applyPlanData → toPlanData → export is byte-identical', (_, arb) => {
		const origin = createOrigin('import', 'markdown round trip test');
		fc.assert(
			fc.property(arb, (plan) => {
				const first = new Y.Doc();
				applyPlanData(first, plan, origin);
				const md = planToMarkdown(toPlanData(first));
				const second = new Y.Doc();
				applyPlanData(second, importOk(md).plan, origin);
				expect(planToMarkdown(toPlanData(second))).toBe(md);
			}),
			{ numRuns: Number(process.env.RT_RUNS ?? 40) }
		);
	});

	it('is deterministic: card order in the input does not change the document', () => {
		fc.assert(
			fc.property(planArb, fc.nat(), (plan, seed) => {
				const placed = {
					...plan,
					cards: plan.cards.map((c, i) => ({ ...c, x: c.x ?? i * 10, y: c.y ?? i * 7 }))
				};
				const shuffled = [...placed.cards];
				for (let i = shuffled.length - 1; i > 0; i--) {
					const j = (seed + i * 7919) % (i + 1);
					[shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
				}
				expect(planToMarkdown({ ...placed, cards: shuffled })).toBe(planToMarkdown(placed));
			}),
			{ numRuns: 100 }
		);
	});
});
