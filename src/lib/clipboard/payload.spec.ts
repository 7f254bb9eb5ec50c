import { describe, expect, it } from 'vitest';
import { CLIPBOARD_MIME, cardsToPaste, decodeClipboard, encodeClipboard, PASTE_OFFSET, type ClipboardMeta } from './payload.ts';
import { clipboardFromMarkdown } from './markdown.ts';
import { exportWords } from '$lib/markdown/export-words.ts';
import { ZONES, ZONE_HEADER, slotPosition, type Card } from '$lib/model/index.ts';

const meta: ClipboardMeta = { title: '深圳新零售', currency: 'CNY', budget: 1_000_000_000, startMonth: '2027-01', horizonMonths: 24 };
const cards: Card[] = [
	{ id: 'goal1', kind: 'goal', title: '覆盖十个城市', notes: '先做**深圳**', ...slotPosition('strategy', 0, 0) },
	{ id: 'ms1', kind: 'milestone', title: '第一家店', goalId: 'goal1', order: 1, status: 'doing', ...slotPosition('strategy', 1, 0) },
	{ id: 'role1', kind: 'role', title: '店长', headcount: 3, monthlyCost: 2_500_000, startMonth: '2027-03', ...slotPosition('team', 0, 2) },
	{ id: 'spend1', kind: 'spend', title: '装修 <b>&amp;</b> "设备"', category: 'operations', amount: 80_000_000, recurrence: 'once', startMonth: '2027-02', ...slotPosition('spending', 0, 0) }
];

let counter = 0;
const fresh = () => `new${++counter}`;

describe('clipboard encoding', () => {
	it('round-trips cards through the custom type and through the HTML alone', () => {
		const written = encodeClipboard('boardA', meta, cards);
		const viaCustom = decodeClipboard({ custom: written[CLIPBOARD_MIME] });
		expect(viaCustom?.cards).toEqual(cards);
		expect(viaCustom?.boardId).toBe('boardA');
		expect(viaCustom?.meta).toEqual(meta);
		const viaHtml = decodeClipboard({ html: written['text/html'] });
		expect(viaHtml?.cards).toEqual(cards);
		// the HTML is a readable list with the titles escaped
		expect(written['text/html']).toContain('<li>Spend: 装修 &#60;b&#62;&#38;amp;&#60;/b&#62; &#34;设备&#34;</li>');
	});

	it('writes markdown for documents that a board reads back as the same cards', () => {
		const written = encodeClipboard('boardA', meta, cards);
		const md = written['text/plain'];
		expect(md).toContain('覆盖十个城市');
		expect(md).toContain('店长');
		expect(md).toContain('先做**深圳**');
		const back = clipboardFromMarkdown(md);
		expect(back?.cards.map((c) => [c.kind, c.title])).toEqual(expect.arrayContaining(cards.map((c) => [c.kind, c.title])));
		const step = back!.cards.find((c) => c.kind === 'milestone')!;
		const goal = back!.cards.find((c) => c.kind === 'goal')!;
		expect(step).toMatchObject({ goalId: goal.id, status: 'doing' });
		expect(back!.cards.find((c) => c.kind === 'role')).toMatchObject({ headcount: 3, monthlyCost: 2_500_000 });
	});

	it('puts only the copied cards in the markdown: no figures computed from them, no empty sections', () => {
		for (const language of ['en', 'zh-CN'] as const) {
			const words = exportWords(language);
			const copied = [cards[0], cards[1]]; // a goal and its step
			const md = encodeClipboard('boardA', { ...meta, language }, copied)['text/plain'];
			// the plan's settings the cards are read in stay (currency, months); the board's totals are not the copy's
			expect(md).toContain('10,000,000.00 CNY');
			for (const computed of Object.values(words.computed)) expect(md).not.toContain(`| ${computed} |`);
			for (const placeholder of Object.values(words.placeholder)) expect(md).not.toContain(placeholder);
			expect(md).not.toContain(`## ${words.section.team}`);
			expect(md).not.toContain(`## ${words.section.spending}`);
			expect(md).not.toContain(`### ${words.subsection.byMonth}`);
			expect(md).not.toContain(`### ${words.subsection.risks}`);
			expect(clipboardFromMarkdown(md)?.cards.map((c) => [c.kind, c.title])).toEqual(copied.map((c) => [c.kind, c.title]));
		}
		// a spend alone: its table, without the by-category and month-by-month tables
		const words = exportWords('en');
		const md = encodeClipboard('boardA', meta, [cards[3]])['text/plain'];
		expect(md).toContain(`## ${words.section.spending}`);
		expect(md).not.toContain(`### ${words.subsection.byCategory}`);
		expect(clipboardFromMarkdown(md)?.cards[0]).toMatchObject({ kind: 'spend', amount: 80_000_000 });
	});

	it('ignores plain prose and anything that is not valid cards', () => {
		expect(clipboardFromMarkdown('明天开会讨论预算')).toBeNull();
		expect(decodeClipboard({ custom: 'not json' })).toBeNull();
		expect(decodeClipboard({ custom: JSON.stringify({ format: 'other', cards: [] }) })).toBeNull();
		const bad = JSON.parse(encodeClipboard('b', meta, cards)[CLIPBOARD_MIME]);
		bad.cards[2].headcount = -1;
		expect(decodeClipboard({ custom: JSON.stringify(bad) })).toBeNull();
		expect(decodeClipboard({ html: '<p>hello</p>' })).toBeNull();
	});

	it('keeps a milestone’s link to a goal outside the copy in plan data, not in markdown', () => {
		const lone = cards[1];
		const written = encodeClipboard('boardA', meta, [lone]);
		expect(decodeClipboard({ custom: written[CLIPBOARD_MIME] })?.cards[0]).toMatchObject({ goalId: 'goal1' });
		expect(clipboardFromMarkdown(written['text/plain'])?.cards[0]).not.toHaveProperty('goalId');
	});
});

describe('cardsToPaste', () => {
	const payload = decodeClipboard({ custom: encodeClipboard('boardA', meta, cards)[CLIPBOARD_MIME] })!;

	it('gives new ids, relinks milestones to the pasted goal, keeps the layout with its top at the target', () => {
		const pasted = cardsToPaste(payload, { boardId: 'boardB', top: 1000, hasGoal: () => true, newId: fresh });
		const ids = new Set(pasted.map((c) => c.id));
		expect(ids.size).toBe(4);
		for (const c of cards) expect(ids.has(c.id)).toBe(false);
		const goal = pasted.find((c) => c.kind === 'goal')!;
		expect(pasted.find((c) => c.kind === 'milestone')).toMatchObject({ goalId: goal.id });
		expect(Math.min(...pasted.map((c) => c.y!))).toBe(1000);
		for (const [i, c] of pasted.entries()) {
			expect(c.x).toBe(cards[i].x);
			expect(c.y! - cards[i].y!).toBe(1000 - Math.min(...cards.map((k) => k.y!)));
		}
	});

	it('keeps a link to a goal left behind only on the board it came from', () => {
		const lone = decodeClipboard({ custom: encodeClipboard('boardA', meta, [cards[1]])[CLIPBOARD_MIME] })!;
		expect(cardsToPaste(lone, { boardId: 'boardA', top: 500, hasGoal: (id) => id === 'goal1', newId: fresh })[0]).toMatchObject({ goalId: 'goal1' });
		expect(cardsToPaste(lone, { boardId: 'boardA', top: 500, hasGoal: () => false, newId: fresh })[0]).not.toHaveProperty('goalId');
		expect(cardsToPaste(lone, { boardId: 'boardB', top: 500, hasGoal: () => true, newId: fresh })[0]).not.toHaveProperty('goalId');
	});

	it('keeps the rows of a group pasted at the top of the view apart (it moves below the header as one)', () => {
		const rows = [
			{ id: 'g', kind: 'goal', title: '目标', ...slotPosition('strategy', 0, 0) },
			{ id: 'm', kind: 'milestone', title: '第一步', goalId: 'g', order: 1, status: 'todo', ...slotPosition('strategy', 0, 1) }
		] as Card[];
		const copied = decodeClipboard({ custom: encodeClipboard('boardA', meta, rows)[CLIPBOARD_MIME] })!;
		const [goal, step] = cardsToPaste(copied, { boardId: 'boardB', top: ZONE_HEADER - 40, hasGoal: () => false, newId: fresh });
		expect(goal.y).toBe(ZONE_HEADER);
		expect(step.y! - goal.y!).toBe(rows[1].y! - rows[0].y!);
	});

	it('moves a paste down-right while it would land exactly on cards already there (paste twice: two visible copies)', () => {
		const taken = new Set<string>();
		const occupied = (x: number, y: number) => taken.has(`${x},${y}`);
		const target = { boardId: 'boardA', top: 500, hasGoal: () => true, newId: fresh, occupied };
		const first = cardsToPaste(payload, target);
		for (const c of first) taken.add(`${c.x},${c.y}`);
		const second = cardsToPaste(payload, target);
		for (const [i, c] of second.entries()) expect([c.x! - first[i].x!, c.y! - first[i].y!]).toEqual([PASTE_OFFSET, PASTE_OFFSET]);
		for (const c of second) taken.add(`${c.x},${c.y}`);
		const third = cardsToPaste(payload, target);
		expect(third[0].y! - first[0].y!).toBe(2 * PASTE_OFFSET);
	});

	it('offsets a paste onto the copied cards’ own spot, and keeps every card in its zone', () => {
		const top = Math.min(...cards.map((c) => c.y!));
		const same = cardsToPaste(payload, { boardId: 'boardA', top, hasGoal: () => true, newId: fresh });
		expect(same[0]).toMatchObject({ x: cards[0].x! + PASTE_OFFSET, y: cards[0].y! + PASTE_OFFSET });
		const stray = decodeClipboard({ custom: encodeClipboard('x', meta, [{ ...cards[2], x: ZONES.spending.x + 40 }])[CLIPBOARD_MIME] })!;
		const [role] = cardsToPaste(stray, { boardId: 'boardB', top: -400, hasGoal: () => false, newId: fresh });
		expect(role.x! + 220).toBeLessThanOrEqual(ZONES.team.x + ZONES.team.width);
		expect(role.y).toBe(ZONE_HEADER);
	});
});
