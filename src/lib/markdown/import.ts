/**
 * Markdown → PlanData: reads documents written by {@link planToMarkdown} exactly, and documents
 * written by people where it can (extra blank lines, columns in another order or missing,
 * synonyms in headers, headings it does not know). Parsing is done by `marked`'s GFM lexer; this
 * module only interprets the tokens — it follows the document's headings into sections and hands
 * each block to its helper: import-figures.ts (Headline figures), import-cards.ts (tables and
 * lists of cards), import-reviews.ts (Reviews), import-drafts.ts (the cards so far). Whatever
 * cannot be read is an error with its 1-based line (import-report.ts).
 */
import { Lexer, type Token, type Tokens } from 'marked';
import type { CardKind, PlanData } from '../model/types.ts';
import { validatePlan } from '../model/validate.ts';
import { parseCardTag } from './card-tag.ts';
import { CardsReader } from './import-cards.ts';
import { describe, leadingBlankLength, notesOf, splitItem } from './import-blocks.ts';
import { Drafts, hasTag, type Draft } from './import-drafts.ts';
import { DEFAULT_TITLE, FiguresReader } from './import-figures.ts';
import { InlineBudget } from './import-inline.ts';
import {
	CHINESE_SECTION_NAMES,
	COMPUTED_NAMES,
	GOAL_PREFIXES,
	GOALS_NAMES,
	LOOSE_NAMES,
	matchPrefix,
	nameKey,
	NOTES_PREFIXES,
	OPPORTUNITY_NAMES,
	RISK_NAMES,
	SECTION_NAMES,
	sectionKinds,
	type Section
} from './import-names.ts';
import { ImportReport, type MarkdownImportError } from './import-report.ts';
import { ReviewsReader } from './import-reviews.ts';
import { itemsOf, locate, SourceText } from './import-source.ts';
import type { InlineContent } from './inline-text.ts';
import { isPlaceholderText } from './vocabulary.ts';

export type { MarkdownImportError } from './import-report.ts';

/** Result of {@link markdownToPlan}: a valid plan plus warnings (`line N: …`), or the errors. */
export type MarkdownImportResult =
	| { ok: true; plan: PlanData; warnings: string[] }
	| { ok: false; errors: MarkdownImportError[] };

/** Where content goes inside a section. */
type Sub =
	| { kind: 'none' }
	| { kind: 'goals'; depth: number }
	| { kind: 'goal'; goal: Draft; containerDepth?: number }
	| { kind: 'loose' }
	| { kind: 'risks'; depth: number }
	| { kind: 'opportunities'; depth: number }
	| { kind: 'computed' };

/**
 * Read a markdown plan. On success the plan has passed validatePlan; cards keep the ids and
 * positions found in their `<!-- id=… x=… y=… -->` comments (new ids otherwise), milestones are
 * numbered 1, 2, 3… in document order per goal, and computed parts (figures other than budget,
 * start month and horizon; total columns; the by-category and month-by-month tables) are ignored.
 * A document whose section headings are mostly Chinese (关键数字, 团队, 战略, 支出 …) gives a plan
 * with `language: 'zh-CN'`, so it exports in Chinese again. Warnings name what was ignored or
 * defaulted. Never throws for string input.
 */
export function markdownToPlan(md: string): MarkdownImportResult {
	return new PlanReader(String(md)).read();
}

/** Reads one document: follows its headings into sections and hands each block to its reader. */
class PlanReader {
	private readonly source: SourceText;
	private readonly report = new ImportReport();
	private readonly inlineBudget = new InlineBudget(this.report);
	/** Bound reader of inline markdown, passed to the helpers. */
	private readonly inline = (text: string, line: number): InlineContent => this.inlineBudget.read(text, line);
	private readonly drafts = new Drafts(this.report);
	private readonly figures = new FiguresReader(this.report, this.inline);
	private readonly cards = new CardsReader(this.report, this.inline, this.drafts);
	/** The Reviews section's reader (checkpoints, decisions, action items). */
	private readonly reviews = new ReviewsReader(this.report, this.inline);
	private title: { text: string; line: number } | null = null;
	private section: Section = 'none';
	private sub: Sub = { kind: 'none' };
	private notesTarget: Draft | null = null;
	private skipDepth: number | null = null;
	private tables = { team: 0, risks: 0, spending: 0 };
	/** Section headings read in each language: mostly Chinese makes a zh-CN plan. */
	private readonly sectionLanguages = { en: 0, zh: 0 };

	constructor(md: string) {
		this.source = new SourceText(md);
	}

	read(): MarkdownImportResult {
		const src = this.source.text;
		let tokens: Token[];
		try {
			// block structure only; inline text is parsed on demand (see InlineBudget)
			tokens = new Lexer({ gfm: true }).blockTokens(src, []);
		} catch (err) {
			return { ok: false, errors: [{ line: 1, message: `cannot parse the markdown: ${String(err)}` }] };
		}
		for (const { token, offset } of locate(tokens, src, 0)) {
			const line = this.source.lineAt(offset + leadingBlankLength(token.raw));
			if (token.type === 'heading') this.onHeading(token as Tokens.Heading, line);
			else if (this.skipDepth === null) this.onBlock(token, line);
		}
		return this.finish();
	}

	// ---- headings ---------------------------------------------------------------------------

	private onHeading(h: Tokens.Heading, line: number): void {
		if (this.skipDepth !== null && h.depth > this.skipDepth) return;
		this.skipDepth = null;
		this.notesTarget = null;
		const { text, comments } = this.inline(h.text, line);
		if (h.depth === 1 && this.title === null) {
			this.title = { text, line };
			return;
		}
		const section = SECTION_NAMES.get(nameKey(text));
		if (section && h.depth <= 2) {
			this.section = section;
			this.sectionLanguages[CHINESE_SECTION_NAMES.has(nameKey(text)) ? 'zh' : 'en']++;
			this.sub = { kind: 'none' };
			return;
		}
		if (this.section === 'reviews' && h.depth > 2) {
			if (this.reviews.heading(h.depth, { text, comments }, line)) return;
		} else if (this.subheading(h.depth, text, comments, line)) return;
		this.report.warn(line, `heading "${text}" is not part of the plan format; it and its content are ignored`);
		this.skipDepth = h.depth;
	}

	/** Handle a heading inside a section; false when it means nothing here. */
	private subheading(depth: number, text: string, comments: string[], line: number): boolean {
		const key = nameKey(text);
		const goal = matchPrefix(GOAL_PREFIXES, text);
		if (goal) {
			this.section = 'strategy';
			const draft = this.drafts.create('goal', text.slice(goal[0].length), comments, line);
			this.sub = { kind: 'goal', goal: draft };
			return true;
		}
		const notes = matchPrefix(NOTES_PREFIXES, text);
		if (notes || hasTag(comments)) {
			return this.startNotes(notes ? text.slice(notes[0].length) : text, comments, depth, line);
		}
		if (GOALS_NAMES.has(key)) return this.enterStrategy({ kind: 'goals', depth });
		if (LOOSE_NAMES.has(key)) return this.enterStrategy({ kind: 'loose' });
		if (RISK_NAMES.has(key)) return this.enterStrategy({ kind: 'risks', depth });
		if (OPPORTUNITY_NAMES.has(key)) return this.enterStrategy({ kind: 'opportunities', depth });
		if (this.section === 'spending' && COMPUTED_NAMES.has(key)) {
			this.sub = { kind: 'computed' };
			return true;
		}
		const sub = this.sub;
		const container = sub.kind === 'goals' ? sub.depth : sub.kind === 'goal' ? sub.containerDepth : undefined;
		if (container !== undefined && depth > container) {
			// a heading under "Goals" names a goal
			const draft = this.drafts.create('goal', text, comments, line);
			this.sub = { kind: 'goal', goal: draft, containerDepth: container };
			return true;
		}
		if (sub.kind === 'opportunities' && depth > sub.depth) {
			const existing = this.drafts.findByTitle(text, ['opportunity']);
			this.notesTarget = existing ?? this.drafts.create('opportunity', text, comments, line);
			return true;
		}
		if (this.section === 'team' || this.section === 'spending' || sub.kind === 'risks') {
			const kinds: CardKind[] =
				this.section === 'team' ? ['role'] : this.section === 'spending' ? ['spend'] : ['risk'];
			const match = this.drafts.findByTitle(text, kinds);
			if (match) {
				this.notesTarget = match;
				return true;
			}
		}
		return false;
	}

	private enterStrategy(sub: Sub): boolean {
		this.section = 'strategy';
		this.sub = sub;
		return true;
	}

	/** A `Notes: <title> <!-- id=… -->` heading: what follows are that card's notes. */
	private startNotes(title: string, comments: string[], depth: number, line: number): boolean {
		let target: Draft | undefined;
		for (const comment of comments) {
			const parsed = parseCardTag(comment);
			if (parsed.kind === 'tag') {
				target = this.drafts.byId.get(parsed.tag.id);
				if (target) break;
			}
		}
		target ??= this.drafts.findByTitle(title, sectionKinds(this.section));
		if (!target) {
			this.report.warn(line, `notes heading "${title}" names no card read so far; its content is ignored`);
			this.skipDepth = depth;
			return true;
		}
		this.notesTarget = target;
		return true;
	}

	// ---- blocks ------------------------------------------------------------------------------

	private onBlock(token: Token, line: number): void {
		if (token.type === 'space' || token.type === 'hr' || token.type === 'def') return;
		if (token.type === 'html' && /^\s*<!--[\s\S]*-->\s*$/.test(token.raw)) return;
		if (this.notesTarget) {
			this.drafts.addNotes(this.notesTarget, notesOf(token));
			return;
		}
		if (this.section === 'reviews') {
			this.onReviewBlock(token, line);
			return;
		}
		const sub = this.sub;
		if (this.section === 'headline') this.figures.block(token, line);
		else if (this.section === 'team' && token.type === 'table') {
			if (this.tables.team++ === 0) this.cards.roles(token as Tokens.Table, line);
			else this.report.warn(line, 'a second Team table is ignored');
		} else if (this.section === 'spending' && sub.kind === 'computed') {
			return;
		} else if (this.section === 'spending' && token.type === 'table') {
			if (this.tables.spending++ === 0) this.cards.spends(token as Tokens.Table, line);
			else this.report.warn(line, 'a second Spending table is ignored');
		} else if (sub.kind === 'goal' && token.type === 'list') {
			this.cards.milestones(token as Tokens.List, line, sub.goal);
		} else if (sub.kind === 'goal') {
			this.drafts.addNotes(sub.goal, notesOf(token));
		} else if (sub.kind === 'loose' && token.type === 'list') {
			this.cards.milestones(token as Tokens.List, line, undefined);
		} else if (sub.kind === 'risks' && token.type === 'table') {
			if (this.tables.risks++ === 0) this.cards.risks(token as Tokens.Table, line);
			else this.report.warn(line, 'a second Risks table is ignored');
		} else if (sub.kind === 'opportunities' && token.type === 'list') {
			this.cards.opportunities(token as Tokens.List, line);
		} else if (this.isPlaceholder(token, line)) {
			return;
		} else if (this.section === 'none') {
			this.report.warn(line, `text before the first section is ignored`);
		} else {
			this.report.warn(line, `${describe(token)} is not where the plan format expects it; it is ignored`);
		}
	}

	/** A block of the Reviews section: figures and action tables, decision lists, the placeholder. */
	private onReviewBlock(token: Token, line: number): void {
		if (token.type === 'table') this.reviews.table(token as Tokens.Table, line);
		else if (token.type === 'list') {
			const items = itemsOf(token as Tokens.List, line).map(({ token: item, offset }) => {
				const { title, notes } = splitItem(item as Tokens.ListItem);
				return { ...this.inline(title, offset), line: offset, hasNotes: notes !== '' };
			});
			this.reviews.list(items, line);
		} else if (!this.isPlaceholder(token, line)) {
			this.report.warn(line, `${describe(token)} in the Reviews section is ignored`);
		}
	}

	/** A short paragraph saying a part of the plan is empty (see isPlaceholderText). */
	private isPlaceholder(token: Token, line: number): boolean {
		if (token.type !== 'paragraph') return false;
		const text = (token as Tokens.Paragraph).text;
		return text.length < 200 && isPlaceholderText(this.inline(text, line).text);
	}

	// ---- result --------------------------------------------------------------------------------

	private finish(): MarkdownImportResult {
		const hasContent = this.title !== null || this.figures.size > 0 || this.drafts.list.length > 0;
		if (!hasContent && !this.report.hasErrors) {
			this.report.error(1, 'nothing to import: no "# title" and no Team, Strategy or Spending content');
		}
		const title = this.title?.text ?? DEFAULT_TITLE;
		if (this.title === null) this.report.warn(1, `no "# title" heading; the plan is called "${DEFAULT_TITLE}"`);
		const { currency, budget, horizonMonths, startMonth } = this.figures.settings(() => this.drafts.months());
		this.drafts.settle(currency, startMonth);
		const reviews = this.reviews.result();
		if (this.report.hasErrors) return this.failure();

		// the cards are drafts until validatePlan has checked them against the card schema
		const chinese = this.sectionLanguages.zh > this.sectionLanguages.en;
		const drafted = {
			title,
			currency,
			budget,
			startMonth,
			horizonMonths,
			...(chinese ? { language: 'zh-CN' as const } : {}),
			cards: this.drafts.list.map((d) => d.card),
			...(reviews ? { reviews } : {})
		};
		const checked = validatePlan(drafted);
		if (!checked.ok) {
			for (const message of checked.errors) this.report.error(this.lineOfPath(message), this.drafts.explain(message));
			return this.failure();
		}
		return { ok: true, plan: checked.plan, warnings: this.report.sortedWarnings() };
	}

	private failure(): MarkdownImportResult {
		return { ok: false, errors: this.report.sortedErrors() };
	}

	/** Source line of what a validation message names (a card, a review, a figure, the title). */
	private lineOfPath(message: string): number {
		const review = this.reviews.lineOf(message);
		if (review !== undefined) return review;
		const card = /^cards\[(\d+)\]/.exec(message);
		if (card) return this.drafts.list[Number(card[1])]?.line ?? 1;
		const field = /^(\w+)/.exec(message)?.[1];
		if (field === 'title') return this.title?.line ?? 1;
		return this.figures.lineOf(field) ?? 1;
	}
}
