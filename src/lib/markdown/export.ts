/**
 * PlanData → GitHub-flavoured markdown: the plan as a document for wikis, mail and repositories.
 * Deterministic (the same plan always gives the same bytes) and readable back by
 * {@link ../markdown/import.ts}: `planToMarkdown(markdownToPlan(planToMarkdown(p)).plan)` is
 * byte-identical to `planToMarkdown(p)`.
 *
 * Layout: `# title`, a format comment, then `## Headline figures` (inputs budget / start month /
 * horizon, then computed figures), `## Team` (table + notes), `## Strategy` (one `### Goal:` per
 * goal with its milestones as a checklist, milestones without a goal, `### Risks` table,
 * `### Opportunities` list) and `## Spending` (table + notes, then the computed `### By category`
 * and `### Month by month` tables). Every card's title carries a hidden `<!-- id=… x=… y=… -->`.
 */
import { BUDGET_CATEGORIES, summarizeBudget, type BudgetSummary } from '../budget/index.ts';
import { inBoardOrder } from '../model/card-order.ts';
import { addMonths, isMonth } from '../model/month.ts';
import type {
	Card,
	GoalCard,
	MilestoneCard,
	OpportunityCard,
	PlanData,
	RiskCard,
	RoleCard,
	SpendCard
} from '../model/types.ts';
import { formatCardTag } from './card-tag.ts';
import { reviewsSection } from './export-reviews.ts';
import { exportWords, type ExportWords } from './export-words.ts';
import { table } from './markdown-table.ts';
import { escapeInline } from './inline-text.ts';
import { formatMoneyText } from './money-text.ts';
import { quoteNotes } from './notes.ts';

/** Options of {@link planToMarkdown}. */
export interface MarkdownExportOptions {
	/**
	 * Write each card's board position into its id comment (default true) so an import restores
	 * the layout; false gives shorter comments and lets the import lay cards out afresh.
	 */
	positions?: boolean;
	/**
	 * Only the cards (default false): what a copy of some cards puts on the clipboard for a
	 * document. The headline keeps the plan's settings (budget, start month, horizon: the currency
	 * and months the cards are read in) but no figure computed from the cards, which would describe
	 * the copy as if it were the board; zones and subsections without cards, the by-category and
	 * month-by-month tables and the reviews are left out. Still readable back as the same cards.
	 */
	cardsOnly?: boolean;
}

/** Everything a section writer needs: the plan, its budget, and per-card helpers. */
interface Context {
	plan: PlanData;
	/** The words of the board's language. */
	words: ExportWords;
	budget: BudgetSummary;
	/** Cost over the horizon by card id (0 when absent). */
	cost: Map<string, number>;
	money: (minor: number) => string;
	/** Tag with id and (when enabled) position, for the place that defines the card. */
	tag: (card: Card) => string;
	/** Only the cards: see MarkdownExportOptions.cardsOnly. */
	cardsOnly: boolean;
}

/**
 * Render a plan as GitHub-flavoured markdown (LF line endings, one trailing newline). The plan is
 * expected to be valid (see validatePlan). Headings, labels and value words are in the plan's
 * language (`language: 'zh-CN'` → 团队 / 战略 / 支出 …, see export-words.ts; English otherwise);
 * money is shown as `10,000,000.00 CNY` in the fixed locale en-US and months as `YYYY-MM` in both.
 * Cards are listed in board order (see inBoardOrder); milestones by `order`.
 */
export function planToMarkdown(plan: PlanData, options: MarkdownExportOptions = {}): string {
	const positions = options.positions ?? true;
	const budget = summarizeBudget(plan);
	const words = exportWords(plan.language);
	const ctx: Context = {
		plan,
		words,
		budget,
		cost: new Map(budget.contributors.map((c) => [c.id, c.cost])),
		money: (minor) => formatMoneyText(minor, plan.currency),
		tag: (card) =>
			formatCardTag(positions ? { id: card.id, x: card.x, y: card.y } : { id: card.id }),
		cardsOnly: options.cardsOnly ?? false
	};
	const blocks: string[] = [
		`# ${escapeInline(plan.title)}`.trimEnd(),
		words.formatComment,
		...headlineSection(ctx),
		...teamSection(ctx),
		...strategySection(ctx),
		...spendingSection(ctx),
		...(ctx.cardsOnly ? [] : reviewsSection(plan.reviews, words))
	];
	return blocks.join('\n\n') + '\n';
}

function ofKind<K extends Card['kind']>(plan: PlanData, kind: K): Extract<Card, { kind: K }>[] {
	return inBoardOrder(plan.cards.filter((c): c is Extract<Card, { kind: K }> => c.kind === kind));
}

/** Escaped title followed by the card's tag; `idOnly` for headings that refer back to a card. */
function titled(card: Card, ctx: Context, idOnly = false): string {
	const title = escapeInline(card.title);
	const tag = idOnly ? formatCardTag({ id: card.id }) : ctx.tag(card);
	return title === '' ? tag : `${title} ${tag}`;
}

function month(value: string | undefined): string {
	return value === undefined ? '' : escapeInline(value);
}

/** `### Notes: <title> <!-- id -->` + quoted notes, for cards listed in a table. */
function notesBlocks(cards: readonly Card[], depth: number, ctx: Context): string[] {
	const out: string[] = [];
	for (const card of cards) {
		const quoted = quoteNotes(card.notes, '');
		if (quoted === null) continue;
		out.push(`${'#'.repeat(depth)} ${ctx.words.subsection.notesPrefix}${titled(card, ctx, true)}`, quoted);
	}
	return out;
}

function headlineSection(ctx: Context): string[] {
	const { plan, budget, money, words } = ctx;
	const f = words.computed;
	const validHorizon = isMonth(plan.startMonth) && plan.horizonMonths >= 1;
	const last = validHorizon ? addMonths(plan.startMonth, plan.horizonMonths - 1) : '';
	const rows: [string, string][] = [
		[words.figure.budget, money(plan.budget)],
		[words.figure.startMonth, escapeInline(plan.startMonth)],
		[words.figure.horizon, words.horizon(plan.horizonMonths, validHorizon ? [plan.startMonth, last] : undefined)],
		[f.allocated, money(budget.allocated)],
		[f.remaining, money(budget.remaining)]
	];
	const columns = [{ header: words.headers.figure }, { header: words.headers.value }];
	if (ctx.cardsOnly) return [`## ${words.section.headline}`, table(columns, rows.slice(0, 3))];
	if (budget.overBy > 0) rows.push([f.overBy, money(budget.overBy)]);
	rows.push([f.averageMonthlyBurn, money(budget.averageMonthlyBurn)]);
	const peakBurn = budget.monthly.find((m) => m.spend === budget.peakMonthlyBurn && m.spend > 0);
	rows.push([f.peakMonthlyBurn, words.peakBurn(money(budget.peakMonthlyBurn), peakBurn?.month)]);
	rows.push([f.runway, words.runway(budget.runsOutIn, validHorizon ? last : undefined)]);
	const peakTeam = budget.monthly.find((m) => m.headcount === budget.peakHeadcount && m.headcount > 0);
	rows.push([f.teamSize, words.teamSize(budget.peakHeadcount, peakTeam?.month)]);
	const names = (ids: readonly string[]) =>
		ids
			.map((id) => plan.cards.find((c) => c.id === id))
			.map((c) => (c && c.title.trim() !== '' ? escapeInline(c.title) : words.untitled))
			.join(', ');
	if (budget.outsideHorizon.length > 0) rows.push([f.outsideHorizon, names(budget.outsideHorizon)]);
	if (budget.partlyOutsideHorizon.length > 0) rows.push([f.partlyOutsideHorizon, names(budget.partlyOutsideHorizon)]);
	return [`## ${words.section.headline}`, table(columns, rows)];
}

function teamSection(ctx: Context): string[] {
	const roles: RoleCard[] = ofKind(ctx.plan, 'role');
	const out = [`## ${ctx.words.section.team}`];
	if (roles.length === 0) return ctx.cardsOnly ? [] : [...out, ctx.words.placeholder.roles];
	const c = ctx.words.team;
	const rows = roles.map((r) => [
		titled(r, ctx),
		escapeInline(r.level ?? ''),
		String(r.headcount),
		ctx.money(r.monthlyCost),
		month(r.startMonth),
		month(r.endMonth),
		ctx.money(ctx.cost.get(r.id) ?? 0)
	]);
	const columns = [c.title, c.level, c.headcount, c.monthlyCost, c.startMonth, c.endMonth, c.total];
	return [...out, table(columns, rows), ...notesBlocks(roles, 3, ctx)];
}

/** One milestone as a task-list item, its notes quoted and indented under it. */
function milestoneItem(m: MilestoneCard, ctx: Context): string {
	const due = m.dueMonth !== undefined ? escapeInline(m.dueMonth) : undefined;
	const head = [`- [${m.status === 'done' ? 'x' : ' '}]`, ctx.words.milestone(escapeInline(m.title), m.status, due), ctx.tag(m)].join(' ');
	const notes = quoteNotes(m.notes, '  ');
	return notes === null ? head : `${head}\n\n${notes}\n`;
}

/** A bullet list whose items may carry indented notes (blank line after an item with notes). */
function list(items: readonly string[]): string {
	return items.join('\n').replace(/\n+$/, '');
}

function milestonesInOrder(milestones: readonly MilestoneCard[]): MilestoneCard[] {
	const board = inBoardOrder(milestones);
	const rank = new Map(board.map((m, i) => [m.id, i]));
	return [...milestones].sort((a, b) => a.order - b.order || rank.get(a.id)! - rank.get(b.id)!);
}

function strategySection(ctx: Context): string[] {
	const { plan, words } = ctx;
	const out = [`## ${words.section.strategy}`];
	const goals: GoalCard[] = ofKind(plan, 'goal');
	const milestones: MilestoneCard[] = plan.cards.filter((c): c is MilestoneCard => c.kind === 'milestone');
	const goalIds = new Set(goals.map((g) => g.id));
	const risks: RiskCard[] = ofKind(plan, 'risk');
	const opportunities: OpportunityCard[] = ofKind(plan, 'opportunity');
	if (ctx.cardsOnly && goals.length + milestones.length + risks.length + opportunities.length === 0) return [];
	if (goals.length === 0 && !ctx.cardsOnly) out.push(words.placeholder.goals);
	for (const goal of goals) {
		out.push(`### ${words.subsection.goalPrefix}${titled(goal, ctx)}`);
		const notes = quoteNotes(goal.notes, '');
		if (notes !== null) out.push(notes);
		const steps = milestonesInOrder(milestones.filter((m) => m.goalId === goal.id));
		if (steps.length > 0) out.push(list(steps.map((m) => milestoneItem(m, ctx))));
	}
	const loose = milestonesInOrder(
		milestones.filter((m) => m.goalId === undefined || !goalIds.has(m.goalId))
	);
	if (loose.length > 0) {
		out.push(`### ${words.subsection.looseMilestones}`, list(loose.map((m) => milestoneItem(m, ctx))));
	}

	if (risks.length > 0 || !ctx.cardsOnly) out.push(`### ${words.subsection.risks}`);
	if (risks.length === 0) {
		if (!ctx.cardsOnly) out.push(words.placeholder.risks);
	} else {
		const c = words.risk;
		const rows = risks.map((r) => [
			titled(r, ctx),
			String(r.likelihood),
			String(r.impact),
			escapeInline(r.mitigation ?? '')
		]);
		out.push(table([c.title, c.likelihood, c.impact, c.mitigation], rows), ...notesBlocks(risks, 4, ctx));
	}

	if (opportunities.length > 0 || !ctx.cardsOnly) out.push(`### ${words.subsection.opportunities}`);
	if (opportunities.length === 0) {
		if (!ctx.cardsOnly) out.push(words.placeholder.opportunities);
	} else {
		const items = opportunities.map((o) => {
			const head = `- ${titled(o, ctx)}`;
			const notes = quoteNotes(o.notes, '  ');
			return notes === null ? head : `${head}\n\n${notes}\n`;
		});
		out.push(list(items));
	}
	return out;
}

function spendingSection(ctx: Context): string[] {
	const { budget, money, words } = ctx;
	const spends: SpendCard[] = ofKind(ctx.plan, 'spend');
	const out = [`## ${words.section.spending}`];
	if (ctx.cardsOnly && spends.length === 0) return [];
	if (spends.length === 0) out.push(words.placeholder.spending);
	else {
		const c = words.spend;
		const rows = spends.map((s) => [
			titled(s, ctx),
			words.category[s.category],
			words.recurrence[s.recurrence],
			money(s.amount),
			month(s.startMonth),
			month(s.endMonth),
			money(ctx.cost.get(s.id) ?? 0)
		]);
		const columns = [c.title, c.category, c.recurrence, c.amount, c.startMonth, c.endMonth, c.total];
		out.push(table(columns, rows), ...notesBlocks(spends, 3, ctx));
	}
	if (ctx.cardsOnly) return out;

	const h = words.headers;
	const categoryRows = BUDGET_CATEGORIES.map((category) => [words.categoryRow[category], money(budget.byCategory[category])]);
	categoryRows.push([`**${words.computed.allocated}**`, `**${money(budget.allocated)}**`]);
	out.push(`### ${words.subsection.byCategory}`, table([{ header: h.category }, { header: h.total, numeric: true }], categoryRows));

	const monthRows = budget.monthly.map((m) => [
		m.month,
		money(m.spend),
		money(m.cumulative),
		money(budget.total - m.cumulative),
		String(m.headcount)
	]);
	const numeric = (header: string) => ({ header, numeric: true });
	out.push(
		`### ${words.subsection.byMonth}`,
		table([{ header: h.month }, numeric(h.spend), numeric(h.cumulative), numeric(h.remaining), numeric(h.headcount)], monthRows)
	);
	return out;
}
