/**
 * Test support (imported only by specs): fast-check arbitraries for valid plans that stress the
 * markdown format — CJK, emoji, every markdown-special character and look-alikes of the format's
 * own syntax in titles and notes, empty zones, huge money.
 *
 * Money caps keep every total exact (below 2^53 minor units): at most {@link MAX_TEST_CARDS} cards,
 * headcount ≤ 1,000, monthly cost ≤ 5·10^9, spend amount ≤ 5·10^12 (a role or a line costs at most
 * 5·10^12 a month, × 120 months × 12 cards = 7.2·10^15 < 2^53 ≈ 9.007·10^15). The budget itself
 * goes up to MAX_MONEY (10^15), the model's limit.
 */
import fc from 'fast-check';
import { MAX_MONEY } from '../../src/lib/model/fields.ts';
import { monthFromIndex } from '../../src/lib/model/month.ts';
import type { Card, CheckpointRecord, Month, PlanData, PlanReviews, ReviewItem } from '../../src/lib/model/types.ts';

/** Most cards in a generated plan (see the money caps above). */
export const MAX_TEST_CARDS = 12;

/** Fragments that are special somewhere in markdown or in this format. */
const TRICKY = [
	'|', '\\|', '*', '**', '_', '#', '# ', '`', '```', '~', '~~', '[', ']', '[x] ', '[ ] ', '<', '>', '&',
	'&amp;', '&#35;', '<br>', '<b>', '<!--', '-->', '<!-- id=zz -->', '\\', '!', '(', ')', '(todo)',
	'(due 2027-01, done)', ' — due 2027-02', 'Goal: ', 'Notes: ', '- ', '+ ', '1. ', '2) ', '= ', '---',
	'http://example.com', 'www.example.com', 'a@b.co', ':', '"', "'", '$', '%', '^', '{', '}', '@'
];
const WORDS = ['plan', 'Store', 'barista', 'launch', 'Q3', '42', 'R&D', 'x', ' ', ' ', '  ', '\t'];
const UNICODE = ['咖啡', '上海', '市场', '：', '（', '）', '。', '**注意：**', 'チーム', '한국', 'é', 'ß', '🚀', '☕', '👩‍💻', '🇨🇳', '\u00a0', '\u200b', '\u2028', '\u2029', '\u0085', 'Ω'];

const unit = fc.oneof(
	{ weight: 4, arbitrary: fc.constantFrom(...WORDS) },
	{ weight: 3, arbitrary: fc.constantFrom(...TRICKY) },
	{ weight: 2, arbitrary: fc.constantFrom(...UNICODE) },
	{ weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 2 }) }
);

/** A one-line-ish text field (titles, levels, mitigations), occasionally with a line break. */
export function textArb(maxUnits = 12): fc.Arbitrary<string> {
	return fc
		.array(fc.oneof({ weight: 12, arbitrary: unit }, { weight: 1, arbitrary: fc.constant('\n') }), {
			maxLength: maxUnits
		})
		.map((parts) => parts.join('').slice(0, 100));
}

const NOTE_LINES = [
	'# Heading', '## Sub *heading*', '- item', '* star item', '1. first', '2. second', '> quoted', '>',
	'```', '```js', 'const a = `b`;', '~~~', '    indented code', '\tтаб', '| a | b |', '| --- | --- |',
	'---', '***', '***bold italic***', 'Plain paragraph with **bold** and _it_.', '[link](https://example.com)',
	'<div>', '</div>', '<!-- comment -->', '-->', 'line with trailing spaces  ', '', '', '', '\\', '[x] done?',
	'### Goal: not a goal', '## Team', '| Role | Level |', '- [ ] not a milestone', '中文笔记 🚀', '&nbsp;',
	// emphasis beside Chinese text and full-width punctuation (cjk-emphasis.ts)
	'**注意：**这是重点', '这是**“重点”**内容', '请**注意（重要）**后续', '*斜体：*说明', '~~删除：~~保留',
	'- **目标：**三个月内开店', '> **风险：**租金上涨'
];

/** Card notes: markdown-ish lines (headings, quotes, fences, tables…) or free text, or nothing. */
export const notesArb: fc.Arbitrary<string | undefined> = fc.option(
	fc.oneof(
		fc.array(fc.oneof(fc.constantFrom(...NOTE_LINES), textArb(6)), { minLength: 1, maxLength: 8 }).map((lines) => lines.join('\n')),
		textArb(20)
	),
	{ nil: undefined, freq: 3 }
);

const monthArb: fc.Arbitrary<Month> = fc.integer({ min: 2020 * 12, max: 2040 * 12 + 11 }).map(monthFromIndex);

/** A start month and an optional end month on or after it. */
const datesArb = fc
	.tuple(fc.integer({ min: 2020 * 12, max: 2040 * 12 }), fc.option(fc.integer({ min: 0, max: 150 }), { nil: undefined }))
	.map(([start, length]) => ({
		startMonth: monthFromIndex(start),
		endMonth: length === undefined ? undefined : monthFromIndex(start + length)
	}));

const positionArb = fc.option(
	fc.tuple(
		fc.oneof(fc.integer({ min: -5000, max: 50000 }), fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true })),
		fc.oneof(fc.integer({ min: -5000, max: 50000 }), fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true }))
	),
	{ nil: undefined, freq: 4 }
);

const score = fc.constantFrom(1, 2, 3, 4, 5) as fc.Arbitrary<1 | 2 | 3 | 4 | 5>;

/** Drop keys whose value is undefined (validatePlan keeps only present fields). */
function clean<T extends object>(value: T): T {
	return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

type CardDraft = { kind: Card['kind']; fields: Record<string, unknown> };

const cardDraftArb: fc.Arbitrary<CardDraft> = fc.oneof(
	fc.record({
		kind: fc.constant('role' as const),
		fields: fc.record({
			headcount: fc.integer({ min: 0, max: 1000 }),
			monthlyCost: fc.oneof(fc.integer({ min: 0, max: 5_000_000_000 }), fc.constant(0), fc.constant(5_000_000_000)),
			dates: datesArb,
			level: fc.option(textArb(4), { nil: undefined })
		}).map(({ dates, ...rest }) => ({ ...rest, ...dates }))
	}),
	fc.record({ kind: fc.constant('goal' as const), fields: fc.constant({}) }),
	fc.record({
		kind: fc.constant('milestone' as const),
		fields: fc.record({
			order: fc.oneof(fc.integer({ min: -5, max: 20 }), fc.double({ min: -100, max: 100, noNaN: true, noDefaultInfinity: true })),
			dueMonth: fc.option(monthArb, { nil: undefined }),
			status: fc.constantFrom('todo', 'doing', 'done'),
			goalPick: fc.option(fc.nat(), { nil: undefined })
		})
	}),
	fc.record({
		kind: fc.constant('risk' as const),
		fields: fc.record({ likelihood: score, impact: score, mitigation: fc.option(textArb(10), { nil: undefined }) })
	}),
	fc.record({ kind: fc.constant('opportunity' as const), fields: fc.constant({}) }),
	fc.record({
		kind: fc.constant('spend' as const),
		fields: fc.record({
			category: fc.constantFrom('marketing', 'product', 'operations', 'infrastructure', 'legal', 'other'),
			amount: fc.oneof(fc.integer({ min: 0, max: 5_000_000_000_000 }), fc.constant(5_000_000_000_000)),
			recurrence: fc.constantFrom('once', 'monthly'),
			dates: datesArb
		}).map(({ dates, ...rest }) => ({ ...rest, ...dates }))
	})
);

/** An ISO 8601 UTC timestamp (ms precision) between 2020 and 2040. */
const timestampArb = fc
	.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2040, 11, 31) })
	.map((ms) => new Date(ms).toISOString());

/** A text field the review model accepts: not blank once trimmed. */
const reviewTextArb = (maxUnits: number) => textArb(maxUnits).filter((t) => t.trim() !== '');

const checkpointArb = (id: string): fc.Arbitrary<CheckpointRecord> =>
	fc.record({
		id: fc.constant(id),
		name: reviewTextArb(8),
		createdAt: timestampArb,
		figures: fc.record({
			currency: fc.constantFrom('CNY', 'USD', 'JPY', 'KWD'),
			budget: fc.integer({ min: 0, max: MAX_MONEY }),
			allocated: fc.oneof(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), fc.constant(0)),
			remaining: fc.integer({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }),
			peakMonthlyBurn: fc.integer({ min: 0, max: 10 ** 14 }),
			runsOutIn: fc.option(monthArb, { nil: null })
		})
	});

const itemDraftArb = fc.record({
	kind: fc.constantFrom('decision' as const, 'action' as const),
	text: reviewTextArb(12),
	owner: fc.option(reviewTextArb(3), { nil: undefined }),
	dueMonth: fc.option(monthArb, { nil: undefined }),
	slide: fc.option(fc.integer({ min: 1, max: 1000 }), { nil: undefined }),
	createdAt: timestampArb,
	checkpointPick: fc.option(fc.nat(), { nil: undefined, freq: 3 })
});

const byCreated = (a: { createdAt: string; id: string }, b: { createdAt: string; id: string }) =>
	a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

/**
 * A plan's reviews as validatePlan returns them (sorted by createdAt, then id; at least one
 * checkpoint or item): Chinese and markdown-special text, items in checkpoints and in the current
 * review, extreme figures (negative remaining, money up to 2^53 − 1).
 */
export const reviewsArb: fc.Arbitrary<PlanReviews> = fc
	.tuple(
		fc.uniqueArray(fc.stringMatching(/^[A-Za-z0-9_-]{1,16}$/), { maxLength: 3 }),
		fc.array(itemDraftArb, { maxLength: 6 }),
		fc.uniqueArray(fc.stringMatching(/^[A-Za-z0-9_-]{1,16}$/), { minLength: 6, maxLength: 6 })
	)
	.filter(([checkpointIds, items]) => checkpointIds.length + items.length > 0)
	.chain(([checkpointIds, drafts, itemIds]) =>
		fc.tuple(...checkpointIds.map(checkpointArb)).map((checkpoints): PlanReviews => {
			const items = drafts.map(({ checkpointPick, ...fields }, i): ReviewItem => {
				const item = { id: itemIds[i], ...fields } as ReviewItem;
				for (const key of ['owner', 'dueMonth', 'slide'] as const) if (item[key] === undefined) delete item[key];
				if (checkpointPick !== undefined && checkpoints.length > 0) item.checkpointId = checkpoints[checkpointPick % checkpoints.length].id;
				return item;
			});
			return { checkpoints: [...checkpoints].sort(byCreated), items: items.sort(byCreated) };
		})
	);

/** A valid plan (validatePlan accepts it) within the caps described above; half of them with reviews. */
export const planArb: fc.Arbitrary<PlanData> = fc
	.record({
		title: textArb(10),
		currency: fc.constantFrom('CNY', 'USD', 'EUR', 'JPY', 'KWD', 'GBP'),
		budget: fc.oneof(fc.integer({ min: 0, max: MAX_MONEY }), fc.constant(MAX_MONEY), fc.constant(1_000_000_000)),
		start: fc.integer({ min: 2020 * 12, max: 2035 * 12 }),
		horizonMonths: fc.integer({ min: 1, max: 120 }),
		drafts: fc.array(
			fc.record({ draft: cardDraftArb, title: textArb(8), notes: notesArb, position: positionArb }),
			{ maxLength: MAX_TEST_CARDS }
		),
		ids: fc.uniqueArray(fc.stringMatching(/^[A-Za-z0-9_-]{1,16}$/), {
			minLength: MAX_TEST_CARDS,
			maxLength: MAX_TEST_CARDS
		}),
		reviews: fc.option(reviewsArb, { nil: undefined, freq: 2 })
	})
	.map(({ title, currency, budget, start, horizonMonths, drafts, ids, reviews }) => {
		const goalIds = drafts.flatMap((d, i) => (d.draft.kind === 'goal' ? [ids[i]] : []));
		const cards = drafts.map(({ draft, title: cardTitle, notes, position }, i) => {
			const { goalPick, ...fields } = draft.fields as Record<string, unknown> & { goalPick?: number };
			const goalId =
				draft.kind === 'milestone' && goalPick !== undefined && goalIds.length > 0
					? goalIds[goalPick % goalIds.length]
					: undefined;
			return clean({
				id: ids[i],
				kind: draft.kind,
				title: cardTitle,
				notes,
				x: position?.[0],
				y: position?.[1],
				...fields,
				goalId
			}) as unknown as Card;
		});
		const plan: PlanData = { title, currency, budget, startMonth: monthFromIndex(start), horizonMonths, cards };
		if (reviews) plan.reviews = reviews;
		return plan;
	});
