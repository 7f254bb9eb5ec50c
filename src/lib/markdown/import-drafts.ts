/**
 * The cards of a document while it is being read: their fields so far, ids from their tags (or
 * fresh ones), notes collected from wherever they appear, and values that wait for the plan's
 * currency and start month.
 */
import { newId } from '../model/ids.ts';
import type { CardKind, Month } from '../model/types.ts';
import { parseCardTag, type CardTag } from './card-tag.ts';
import type { ImportReport } from './import-report.ts';
import { parseMoneyText } from './money-text.ts';
import { normalizeNotes } from './notes.ts';

/** A card being read: fields so far, its source line, notes parts and deferred values. */
export interface Draft {
	card: Record<string, unknown> & { id: string; kind: CardKind; title: string };
	line: number;
	notes: string[];
	/** Money cells, read once the plan's currency is known. */
	money: { field: 'monthlyCost' | 'amount'; text: string; line: number }[];
	/** startMonth left empty: the plan's start month. */
	startsWithPlan: boolean;
}

/** Whether any of `comments` is a card tag (`id=…`), even a broken one. */
export function hasTag(comments: readonly string[]): boolean {
	return comments.some((c) => parseCardTag(c).kind !== 'none');
}

/** The cards read so far, in document order. */
export class Drafts {
	readonly list: Draft[] = [];
	readonly byId = new Map<string, Draft>();
	/** Cards that were given notes (a later `Notes:` heading with the same title names another). */
	private readonly noted = new Set<Draft>();

	constructor(private readonly report: ImportReport) {}

	/** A new card of `kind` with the id and position of the first tag in `comments`. */
	create(kind: CardKind, title: string, comments: readonly string[], line: number): Draft {
		let tag: CardTag | undefined;
		for (const comment of comments) {
			const parsed = parseCardTag(comment);
			if (parsed.kind === 'error') this.report.error(line, parsed.reason);
			else if (parsed.kind === 'tag' && !tag) {
				tag = parsed.tag;
				if (parsed.warning) this.report.warn(line, parsed.warning);
			}
		}
		let id = tag?.id;
		if (id !== undefined && this.byId.has(id)) {
			this.report.warn(
				line,
				`card id ${id} is already used on line ${this.byId.get(id)!.line}; this card gets a new id`
			);
			id = undefined;
		}
		const draft: Draft = {
			card: { id: id ?? this.freshId(), kind, title },
			line,
			notes: [],
			money: [],
			startsWithPlan: false
		};
		if (tag?.x !== undefined && tag.y !== undefined) {
			draft.card.x = tag.x;
			draft.card.y = tag.y;
		}
		this.list.push(draft);
		this.byId.set(draft.card.id, draft);
		return draft;
	}

	private freshId(): string {
		let id = newId();
		while (this.byId.has(id)) id = newId();
		return id;
	}

	/** First card of `kinds` with this title not yet given notes (exact, then case-insensitive). */
	findByTitle(title: string, kinds: readonly CardKind[]): Draft | undefined {
		const candidates = this.list.filter((d) => kinds.includes(d.card.kind) && !this.noted.has(d));
		return (
			candidates.find((d) => d.card.title === title) ??
			candidates.find((d) => d.card.title.toLowerCase() === title.toLowerCase())
		);
	}

	/** Add a part of a card's notes (the card counts as noted even when `notes` is empty). */
	addNotes(draft: Draft, notes: string): void {
		if (notes !== '') draft.notes.push(notes);
		this.noted.add(draft);
	}

	/** Start and due months of the cards, for a plan that names no start month. */
	months(): string[] {
		return this.list.flatMap((d) => [d.card.startMonth, d.card.dueMonth]).filter((m): m is string => typeof m === 'string');
	}

	/** Fill in what waited for the plan: start months, money in `currency`, joined notes. */
	settle(currency: string, startMonth: Month): void {
		for (const d of this.list) {
			if (d.startsWithPlan) d.card.startMonth = startMonth;
			for (const m of d.money) {
				if (m.text === '' && m.field === 'monthlyCost') {
					d.card.monthlyCost = 0;
					continue;
				}
				d.card[m.field] = this.report.value(parseMoneyText(m.text, currency), m.line);
			}
			const notes = normalizeNotes(d.notes.join('\n\n'));
			if (notes !== '') d.card.notes = notes;
		}
	}

	/** A validation message with the card named for people: `role "Barista": headcount must…`. */
	explain(message: string): string {
		const match = /^cards\[(\d+)\]\.?(\w*): (.*)$/.exec(message);
		if (!match) return message;
		const d = this.list[Number(match[1])];
		if (!d) return message;
		return `${d.card.kind} "${d.card.title}": ${match[2] ? `${match[2]} ` : ''}${match[3]}`;
	}
}
