/**
 * The contents of the review slides, built from plain PlanData (pure: no Yjs, Svelte or DOM).
 * The present page turns each slide into one component; the order here is the order shown.
 * Money is in minor units, months are `YYYY-MM`, every number is an integer.
 */
import { summarizeBudget, type BudgetSummary } from '../budget/summarize.ts';
import { compareCardsByPosition } from '../model/card-order.ts';
import { compareSteps } from '../model/first-screen.ts';
import { addMonths, compareMonths, isMonth } from '../model/month.ts';
import type { Card, MilestoneStatus, Month, Money, PlanData, RiskCard, RoleCard, SpendCard, SpendCategory } from '../model/types.ts';
import { spendChartData, type SpendChartData } from '../display/spend-chart.ts';
import { cardCost } from '../display/card-facts.ts';
import { riskSeverity } from '../display/labels.ts';
import type { BudgetCategory } from '../budget/summarize.ts';
import { diffPlans, isEmptyDiff } from './diff.ts';
import type { CardChange, CardPresence, FieldChange, NumberDelta, RunwayDelta } from './types.ts';

/** Every slide kind, in presenting order. `changes` appears only with a checkpoint. */
export const SLIDE_KINDS = ['plan', 'team', 'strategy', 'risks', 'spending', 'changes', 'decisions'] as const;
/** One of {@link SLIDE_KINDS}. */
export type SlideKind = (typeof SLIDE_KINDS)[number];

/** Slide 1: the plan's headline figures. */
export interface PlanSlide {
	kind: 'plan';
	title: string;
	currency: string;
	startMonth: Month;
	/** Last month of the horizon. */
	endMonth: Month;
	horizonMonths: number;
	budget: Money;
	allocated: Money;
	remaining: Money;
	overBy: Money;
	averageMonthlyBurn: Money;
	peakMonthlyBurn: Money;
	/** First month the money is gone, or null when it lasts the horizon. */
	runsOutIn: Month | null;
	peakHeadcount: number;
	/** allocated / budget in whole percent (0 for a zero budget). */
	usedPercent: number;
	/** Cost per budget category with any cost, largest first (sums to `allocated`). */
	byCategory: { category: BudgetCategory; amount: Money }[];
}

/** One row of the team table. */
export interface TeamRow {
	id: string;
	title: string;
	headcount: number;
	level?: string;
	startMonth: Month;
	endMonth?: Month;
	/** headcount × monthly cost per head. */
	monthlyCost: Money;
	/** What the role costs inside the horizon. */
	totalCost: Money;
}

/** Slide 2: the roles table and headcount per month. */
export interface TeamSlide {
	kind: 'team';
	currency: string;
	/** By start month, then title. */
	roles: TeamRow[];
	totalHeadcount: number;
	totalCost: Money;
	/** Headcount in every month of the horizon. */
	headcount: { month: Month; count: number }[];
	peakHeadcount: number;
}

/** One ordered step of a goal. */
export interface MilestoneStep {
	id: string;
	title: string;
	status: MilestoneStatus;
	dueMonth?: Month;
	/** Due before the current month of the plan view and not done (needs `today`). */
	late: boolean;
}

/** A goal with its steps in order. */
export interface GoalLine {
	id: string;
	title: string;
	steps: MilestoneStep[];
	done: number;
}

/** Slide 3: goals with their milestones as timelines over the horizon. */
export interface StrategySlide {
	kind: 'strategy';
	/** Board reading order. */
	goals: GoalLine[];
	/** Milestones of no goal (shown as one more line), in step order. */
	looseSteps: MilestoneStep[];
	/** Timeline span: the horizon, widened to every due month. */
	firstMonth: Month;
	lastMonth: Month;
}

/** One risk, numbered R1… by severity. */
export interface RiskLine {
	id: string;
	/** 'R1', 'R2', … (1 = most severe), the marker shown in the matrix. */
	label: string;
	title: string;
	likelihood: number;
	impact: number;
	/** likelihood × impact. */
	score: number;
	band: 'low' | 'medium' | 'high';
	mitigation?: string;
}

/** Slide 4: the likelihood × impact matrix, the risks with mitigations, and the opportunities. */
export interface RisksSlide {
	kind: 'risks';
	/** Most severe first (score, then impact, then title). */
	risks: RiskLine[];
	/** `matrix[impact - 1][likelihood - 1]` = labels of the risks in that cell. */
	matrix: string[][][];
	opportunities: { id: string; title: string }[];
}

/** One budget line. */
export interface SpendLine {
	id: string;
	title: string;
	category: SpendCategory;
	amount: Money;
	recurrence: 'once' | 'monthly';
	startMonth: Month;
	endMonth?: Month;
	/** What the line costs inside the horizon. */
	totalCost: Money;
}

/** Slide 5: the monthly spend by category against the budget, and the lines. */
export interface SpendingSlide {
	kind: 'spending';
	currency: string;
	chart: SpendChartData;
	/** Largest total first. */
	lines: SpendLine[];
	totalCost: Money;
	/** The even burn: budget ÷ horizon months (the chart's budget line). */
	evenBurn: Money;
}

function byTitle(a: { title: string }, b: { title: string }): number {
	return a.title.localeCompare(b.title);
}

function cardsOf<K extends Card['kind']>(plan: PlanData, kind: K): Extract<Card, { kind: K }>[] {
	return plan.cards.filter((c): c is Extract<Card, { kind: K }> => c.kind === kind);
}


/** Slide 1. */
export function planSlide(plan: PlanData, summary: BudgetSummary = summarizeBudget(plan)): PlanSlide {
	const months = Math.max(1, plan.horizonMonths);
	return {
		kind: 'plan',
		title: plan.title,
		currency: plan.currency,
		startMonth: plan.startMonth,
		endMonth: isMonth(plan.startMonth) ? addMonths(plan.startMonth, months - 1) : plan.startMonth,
		horizonMonths: plan.horizonMonths,
		budget: summary.total,
		allocated: summary.allocated,
		remaining: summary.remaining,
		overBy: summary.overBy,
		averageMonthlyBurn: summary.averageMonthlyBurn,
		peakMonthlyBurn: summary.peakMonthlyBurn,
		runsOutIn: summary.runsOutIn,
		peakHeadcount: summary.peakHeadcount,
		usedPercent: summary.total > 0 ? Math.round((summary.allocated / summary.total) * 100) : 0,
		byCategory: (Object.entries(summary.byCategory) as [BudgetCategory, Money][])
			.filter(([, amount]) => amount > 0)
			.sort((a, b) => b[1] - a[1])
			.map(([category, amount]) => ({ category, amount }))
	};
}

/** Slide 2. */
export function teamSlide(plan: PlanData, summary: BudgetSummary = summarizeBudget(plan)): TeamSlide {
	const roles = cardsOf(plan, 'role')
		.slice()
		.sort((a: RoleCard, b: RoleCard) => compareMonths(a.startMonth, b.startMonth) || byTitle(a, b) || (a.id < b.id ? -1 : 1))
		.map(
			(r): TeamRow => ({
				id: r.id,
				title: r.title,
				headcount: r.headcount,
				level: r.level,
				startMonth: r.startMonth,
				endMonth: r.endMonth,
				monthlyCost: r.headcount * r.monthlyCost,
				totalCost: cardCost(r, plan)
			})
		);
	return {
		kind: 'team',
		currency: plan.currency,
		roles,
		totalHeadcount: roles.reduce((sum, r) => sum + r.headcount, 0),
		totalCost: roles.reduce((sum, r) => sum + r.totalCost, 0),
		headcount: summary.monthly.map((m) => ({ month: m.month, count: m.headcount })),
		peakHeadcount: summary.peakHeadcount
	};
}

/**
 * Slide 3. `today` (a month) marks steps that are due before it and not done as late; without it
 * nothing is late.
 */
export function strategySlide(plan: PlanData, today?: Month): StrategySlide {
	const goals = cardsOf(plan, 'goal').slice().sort(compareCardsByPosition);
	const goalIds = new Set(goals.map((g) => g.id));
	const steps = cardsOf(plan, 'milestone').slice().sort(compareSteps);
	const step = (m: (typeof steps)[number]): MilestoneStep => ({
		id: m.id,
		title: m.title,
		status: m.status,
		dueMonth: m.dueMonth,
		late: Boolean(today && m.dueMonth && m.status !== 'done' && compareMonths(m.dueMonth, today) < 0)
	});
	const lines: GoalLine[] = goals.map((g) => {
		const own = steps.filter((m) => m.goalId === g.id).map(step);
		return { id: g.id, title: g.title, steps: own, done: own.filter((s) => s.status === 'done').length };
	});
	const looseSteps = steps.filter((m) => m.goalId === undefined || !goalIds.has(m.goalId)).map(step);
	let firstMonth = plan.startMonth;
	let lastMonth = isMonth(plan.startMonth) ? addMonths(plan.startMonth, Math.max(1, plan.horizonMonths) - 1) : plan.startMonth;
	for (const m of steps) {
		if (!isMonth(m.dueMonth)) continue;
		if (compareMonths(m.dueMonth, firstMonth) < 0) firstMonth = m.dueMonth;
		if (compareMonths(m.dueMonth, lastMonth) > 0) lastMonth = m.dueMonth;
	}
	return { kind: 'strategy', goals: lines, looseSteps, firstMonth, lastMonth };
}

/** Slide 4. */
export function risksSlide(plan: PlanData): RisksSlide {
	const risks = cardsOf(plan, 'risk')
		.slice()
		.sort((a: RiskCard, b: RiskCard) => b.likelihood * b.impact - a.likelihood * a.impact || b.impact - a.impact || byTitle(a, b) || (a.id < b.id ? -1 : 1))
		.map((r, i): RiskLine => {
			const { score, band } = riskSeverity(r.likelihood, r.impact);
			return { id: r.id, label: `R${i + 1}`, title: r.title, likelihood: r.likelihood, impact: r.impact, score, band, mitigation: r.mitigation };
		});
	const matrix: string[][][] = Array.from({ length: 5 }, () => Array.from({ length: 5 }, () => []));
	for (const r of risks) {
		const row = Math.min(5, Math.max(1, Math.round(r.impact))) - 1;
		const col = Math.min(5, Math.max(1, Math.round(r.likelihood))) - 1;
		matrix[row][col].push(r.label);
	}
	const opportunities = cardsOf(plan, 'opportunity').slice().sort(compareCardsByPosition).map((o) => ({ id: o.id, title: o.title }));
	return { kind: 'risks', risks, matrix, opportunities };
}

/** Slide 5. */
export function spendingSlide(plan: PlanData): SpendingSlide {
	const lines = cardsOf(plan, 'spend')
		.map(
			(s: SpendCard): SpendLine => ({
				id: s.id,
				title: s.title,
				category: s.category,
				amount: s.amount,
				recurrence: s.recurrence,
				startMonth: s.startMonth,
				endMonth: s.endMonth,
				totalCost: cardCost(s, plan)
			})
		)
		.sort((a, b) => b.totalCost - a.totalCost || byTitle(a, b) || (a.id < b.id ? -1 : 1));
	return {
		kind: 'spending',
		currency: plan.currency,
		chart: spendChartData(plan),
		lines,
		totalCost: lines.reduce((sum, l) => sum + l.totalCost, 0),
		evenBurn: plan.horizonMonths > 0 ? Math.round(plan.budget / plan.horizonMonths) : 0
	};
}

/** The kinds shown, in order: the changes slide only when there is a checkpoint to compare with. */
export function slideKinds(hasCheckpoint: boolean): SlideKind[] {
	return SLIDE_KINDS.filter((kind) => kind !== 'changes' || hasCheckpoint);
}

/**
 * Where a follower goes for the presenter's slide: the slide of the same kind when it has one,
 * else the same position clamped to its own deck (0-based).
 */
export function followIndex(kinds: readonly SlideKind[], kind: string | undefined, index: number): number {
	const same = kinds.indexOf(kind as SlideKind);
	if (same >= 0) return same;
	return Math.max(0, Math.min(kinds.length - 1, Math.round(index)));
}

/** The local calendar day (`YYYY-MM-DD`) of an ISO timestamp, or of now. */
export function localDay(iso?: string): string {
	const d = iso === undefined ? new Date() : new Date(iso);
	return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/**
 * The checkpoint "what changed" compares with: the latest one saved before `today` (the previous
 * review: a checkpoint saved when today's review started is its own baseline for next time), else
 * the latest one of today, else none. `checkpoints` oldest first.
 */
export function changesBaseline<T extends { createdAt: string }>(checkpoints: readonly T[], today: string = localDay()): T | undefined {
	for (let i = checkpoints.length - 1; i >= 0; i--) if (localDay(checkpoints[i].createdAt) < today) return checkpoints[i];
	return checkpoints.at(-1);
}

/** The checkpoint of today's review (the latest saved `today`), which items recorded now belong to. */
export function reviewCheckpoint<T extends { createdAt: string }>(checkpoints: readonly T[], today: string = localDay()): T | undefined {
	const last = checkpoints.at(-1);
	return last && localDay(last.createdAt) === today ? last : undefined;
}

/**
 * The decisions and action items of the review in progress: those recorded against today's
 * checkpoint, and those of no (recorded) checkpoint. Order kept.
 */
export function currentReviewItems<T extends { checkpointId?: string }>(
	items: readonly T[],
	checkpoints: readonly { id: string; createdAt: string }[],
	today: string = localDay()
): T[] {
	const current = reviewCheckpoint(checkpoints, today)?.id;
	const known = new Set(checkpoints.map((c) => c.id));
	return items.filter((item) => item.checkpointId === undefined || !known.has(item.checkpointId) || item.checkpointId === current);
}

/** One figure of the changes slide: before, now, and whether a rise is good news. */
export interface ChangeFigure {
	key: 'budget' | 'allocated' | 'remaining' | 'peakMonthlyBurn' | 'peakHeadcount';
	delta: NumberDelta;
	/** Money (minor units) or a count. */
	money: boolean;
	/** 'up' when a rise is good (remaining), 'down' when a fall is (allocated, burn), null when neutral. */
	better: 'up' | 'down' | null;
}

/** Slide 6: what changed since a checkpoint, as money first, then cards. */
export interface ChangesSlide {
	kind: 'changes';
	since: { id: string; name: string; createdAt: string };
	currency: string;
	/** Nothing changed at all. */
	empty: boolean;
	figures: ChangeFigure[];
	runway: RunwayDelta;
	/** Categories whose cost changed, largest change first. */
	categories: { category: BudgetCategory; delta: NumberDelta }[];
	added: CardPresence[];
	removed: CardPresence[];
	changed: CardChange[];
	/** Changed plan settings (title, currency, budget, start, horizon). */
	meta: FieldChange[];
}

/** The plan without what the changes slide does not compare: notes and the review history. */
function comparable(plan: PlanData): PlanData {
	const { reviews: _reviews, ...rest } = plan;
	return { ...rest, cards: plan.cards.map(({ notes: _notes, ...card }) => card as Card) };
}

/**
 * Slide 6 from the checkpoint's plan and the plan now. Notes are not compared (the live slides
 * read them from the board; a checkpoint keeps them as markdown), nor review items.
 */
export function changesSlide(then: PlanData, now: PlanData, since: ChangesSlide['since']): ChangesSlide {
	const diff = diffPlans(comparable(then), comparable(now));
	const b = diff.budget;
	const categories = (Object.entries(b.byCategory) as [BudgetCategory, NumberDelta][])
		.filter(([, d]) => d.delta !== 0)
		.sort((x, y) => Math.abs(y[1].delta) - Math.abs(x[1].delta))
		.map(([category, delta]) => ({ category, delta }));
	return {
		kind: 'changes',
		since,
		currency: now.currency,
		empty: isEmptyDiff(diff),
		figures: [
			{ key: 'budget', delta: b.budget, money: true, better: null },
			{ key: 'allocated', delta: b.allocated, money: true, better: 'down' },
			{ key: 'remaining', delta: b.remaining, money: true, better: 'up' },
			{ key: 'peakMonthlyBurn', delta: b.peakMonthlyBurn, money: true, better: 'down' },
			{ key: 'peakHeadcount', delta: b.peakHeadcount, money: false, better: null }
		],
		runway: b.runway,
		categories,
		added: diff.added,
		removed: diff.removed,
		changed: diff.changed,
		meta: diff.meta
	};
}
