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
import {
	BUDGET_CATEGORIES,
	BUDGET_CATEGORY_LABEL,
	summarizeBudget,
	type BudgetCategory,
	type BudgetSummary
} from '../budget/index.ts';
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
import { table } from './markdown-table.ts';
import { escapeInline } from './inline-text.ts';
import { formatMoneyText } from './money-text.ts';
import { quoteNotes } from './notes.ts';
import {
	FIGURE,
	FORMAT_COMMENT,
	PLACEHOLDER,
	RISK_COLUMNS,
	SECTION,
	SPEND_COLUMNS,
	SUBSECTION,
	TEAM_COLUMNS,
	type ColumnSpec
} from './vocabulary.ts';

/** Options of {@link planToMarkdown}. */
export interface MarkdownExportOptions {
	/**
	 * Write each card's board position into its id comment (default true) so an import restores
	 * the layout; false gives shorter comments and lets the import lay cards out afresh.
	 */
	positions?: boolean;
}

/** Everything a section writer needs: the plan, its budget, and per-card helpers. */
interface Context {
	plan: PlanData;
	budget: BudgetSummary;
	/** Cost over the horizon by card id (0 when absent). */
	cost: Map<string, number>;
	money: (minor: number) => string;
	/** Tag with id and (when enabled) position, for the place that defines the card. */
	tag: (card: Card) => string;
}

/**
 * Render a plan as GitHub-flavoured markdown (LF line endings, one trailing newline). The plan is
 * expected to be valid (see validatePlan); money is shown as `10,000,000.00 CNY` in the fixed
 * locale en-US. Cards are listed in board order (see inBoardOrder); milestones by `order`.
 */
export function planToMarkdown(plan: PlanData, options: MarkdownExportOptions = {}): string {
	const positions = options.positions ?? true;
	const budget = summarizeBudget(plan);
	const ctx: Context = {
		plan,
		budget,
		cost: new Map(budget.contributors.map((c) => [c.id, c.cost])),
		money: (minor) => formatMoneyText(minor, plan.currency),
		tag: (card) =>
			formatCardTag(positions ? { id: card.id, x: card.x, y: card.y } : { id: card.id })
	};
	const blocks: string[] = [
		`# ${escapeInline(plan.title)}`.trimEnd(),
		FORMAT_COMMENT,
		...headlineSection(ctx),
		...teamSection(ctx),
		...strategySection(ctx),
		...spendingSection(ctx),
		...reviewsSection(plan.reviews)
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
		out.push(`${'#'.repeat(depth)} ${SUBSECTION.notesPrefix}${titled(card, ctx, true)}`, quoted);
	}
	return out;
}

function headlineSection(ctx: Context): string[] {
	const { plan, budget, money } = ctx;
	const validHorizon = isMonth(plan.startMonth) && plan.horizonMonths >= 1;
	const last = validHorizon ? addMonths(plan.startMonth, plan.horizonMonths - 1) : '';
	const rows: [string, string][] = [
		[FIGURE.budget, money(plan.budget)],
		[FIGURE.startMonth, escapeInline(plan.startMonth)],
		[
			FIGURE.horizon,
			`${plan.horizonMonths} month${plan.horizonMonths === 1 ? '' : 's'}` +
				(validHorizon ? ` (${plan.startMonth} to ${last})` : '')
		],
		['Allocated', money(budget.allocated)],
		['Remaining', money(budget.remaining)]
	];
	if (budget.overBy > 0) rows.push(['Over budget by', money(budget.overBy)]);
	rows.push(['Average monthly burn', money(budget.averageMonthlyBurn)]);
	const peakBurn = budget.monthly.find((m) => m.spend === budget.peakMonthlyBurn && m.spend > 0);
	rows.push([
		'Peak monthly burn',
		money(budget.peakMonthlyBurn) + (peakBurn ? ` in ${peakBurn.month}` : '')
	]);
	rows.push([
		'Runway',
		budget.runsOutIn !== null
			? `Runs out in ${budget.runsOutIn}`
			: validHorizon
				? `Lasts the horizon (through ${last})`
				: 'Lasts the horizon'
	]);
	const peakTeam = budget.monthly.find((m) => m.headcount === budget.peakHeadcount && m.headcount > 0);
	rows.push([
		'Team size',
		peakTeam ? `${budget.peakHeadcount} at peak (${peakTeam.month})` : `${budget.peakHeadcount}`
	]);
	const names = (ids: readonly string[]) =>
		ids
			.map((id) => plan.cards.find((c) => c.id === id))
			.map((c) => (c && c.title.trim() !== '' ? escapeInline(c.title) : '(untitled)'))
			.join(', ');
	if (budget.outsideHorizon.length > 0) {
		rows.push(['Outside the horizon (not counted)', names(budget.outsideHorizon)]);
	}
	if (budget.partlyOutsideHorizon.length > 0) {
		rows.push(['Partly outside the horizon (only months inside counted)', names(budget.partlyOutsideHorizon)]);
	}
	const columns: ColumnSpec[] = [
		{ header: 'Figure', names: [] },
		{ header: 'Value', names: [] }
	];
	return [`## ${SECTION.headline}`, table(columns, rows)];
}

function teamSection(ctx: Context): string[] {
	const roles: RoleCard[] = ofKind(ctx.plan, 'role');
	const out = [`## ${SECTION.team}`];
	if (roles.length === 0) return [...out, PLACEHOLDER.roles];
	const c = TEAM_COLUMNS;
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
	const due = m.dueMonth !== undefined ? `due ${escapeInline(m.dueMonth)}, ` : '';
	const title = escapeInline(m.title);
	const head = [`- [${m.status === 'done' ? 'x' : ' '}]`, title, `(${due}${m.status})`, ctx.tag(m)]
		.filter((part) => part !== '')
		.join(' ');
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
	const { plan } = ctx;
	const out = [`## ${SECTION.strategy}`];
	const goals: GoalCard[] = ofKind(plan, 'goal');
	const milestones: MilestoneCard[] = plan.cards.filter((c): c is MilestoneCard => c.kind === 'milestone');
	const goalIds = new Set(goals.map((g) => g.id));
	if (goals.length === 0) out.push(PLACEHOLDER.goals);
	for (const goal of goals) {
		out.push(`### ${SUBSECTION.goalPrefix}${titled(goal, ctx)}`);
		const notes = quoteNotes(goal.notes, '');
		if (notes !== null) out.push(notes);
		const steps = milestonesInOrder(milestones.filter((m) => m.goalId === goal.id));
		if (steps.length > 0) out.push(list(steps.map((m) => milestoneItem(m, ctx))));
	}
	const loose = milestonesInOrder(
		milestones.filter((m) => m.goalId === undefined || !goalIds.has(m.goalId))
	);
	if (loose.length > 0) {
		out.push(`### ${SUBSECTION.looseMilestones}`, list(loose.map((m) => milestoneItem(m, ctx))));
	}

	const risks: RiskCard[] = ofKind(plan, 'risk');
	out.push(`### ${SUBSECTION.risks}`);
	if (risks.length === 0) out.push(PLACEHOLDER.risks);
	else {
		const c = RISK_COLUMNS;
		const rows = risks.map((r) => [
			titled(r, ctx),
			String(r.likelihood),
			String(r.impact),
			escapeInline(r.mitigation ?? '')
		]);
		out.push(table([c.title, c.likelihood, c.impact, c.mitigation], rows), ...notesBlocks(risks, 4, ctx));
	}

	const opportunities: OpportunityCard[] = ofKind(plan, 'opportunity');
	out.push(`### ${SUBSECTION.opportunities}`);
	if (opportunities.length === 0) out.push(PLACEHOLDER.opportunities);
	else {
		const items = opportunities.map((o) => {
			const head = `- ${titled(o, ctx)}`;
			const notes = quoteNotes(o.notes, '  ');
			return notes === null ? head : `${head}\n\n${notes}\n`;
		});
		out.push(list(items));
	}
	return out;
}

/** Category row label of the export: the budget's words, with the people row marked as the team. */
function categoryLabel(category: BudgetCategory): string {
	const label = BUDGET_CATEGORY_LABEL[category];
	return category === 'people' ? `${label} (team)` : label;
}

function spendingSection(ctx: Context): string[] {
	const { budget, money } = ctx;
	const spends: SpendCard[] = ofKind(ctx.plan, 'spend');
	const out = [`## ${SECTION.spending}`];
	if (spends.length === 0) out.push(PLACEHOLDER.spending);
	else {
		const c = SPEND_COLUMNS;
		const rows = spends.map((s) => [
			titled(s, ctx),
			s.category,
			s.recurrence,
			money(s.amount),
			month(s.startMonth),
			month(s.endMonth),
			money(ctx.cost.get(s.id) ?? 0)
		]);
		const columns = [c.title, c.category, c.recurrence, c.amount, c.startMonth, c.endMonth, c.total];
		out.push(table(columns, rows), ...notesBlocks(spends, 3, ctx));
	}

	const categoryRows = BUDGET_CATEGORIES.map((category) => [
		categoryLabel(category),
		money(budget.byCategory[category])
	]);
	categoryRows.push(['**Allocated**', `**${money(budget.allocated)}**`]);
	out.push(
		`### ${SUBSECTION.byCategory}`,
		table(
			[
				{ header: 'Category', names: [] },
				{ header: 'Total', names: [], numeric: true }
			],
			categoryRows
		)
	);

	const monthRows = budget.monthly.map((m) => [
		m.month,
		money(m.spend),
		money(m.cumulative),
		money(budget.total - m.cumulative),
		String(m.headcount)
	]);
	out.push(
		`### ${SUBSECTION.byMonth}`,
		table(
			[
				{ header: 'Month', names: [] },
				{ header: 'Spend', names: [], numeric: true },
				{ header: 'Cumulative', names: [], numeric: true },
				{ header: 'Remaining', names: [], numeric: true },
				{ header: 'Headcount', names: [], numeric: true }
			],
			monthRows
		)
	);
	return out;
}
