/**
 * Card identity in the exported document: an HTML comment after the card's title,
 * `<!-- id=r-1 x=40 y=120 -->`. Renderers (GitHub, wikis) hide it, so the document reads cleanly,
 * yet an import matches cards (and their notes) by id and restores their board position.
 */

/** The identity and board position of one card as carried by its tag. */
export interface CardTag {
	id: string;
	/** Canvas position in px; both present or both absent. */
	x?: number;
	y?: number;
}

/**
 * Format a tag comment. The id is percent-encoded (encodeURIComponent) so any id, even one holding
 * spaces or `-->`, survives; positions use JavaScript's shortest round-trip number form.
 */
export function formatCardTag(tag: CardTag): string {
	let body = `id=${encodeURIComponent(tag.id)}`;
	if (tag.x !== undefined && tag.y !== undefined) body += ` x=${numberText(tag.x)} y=${numberText(tag.y)}`;
	return `<!-- ${body} -->`;
}

function numberText(n: number): string {
	return Object.is(n, -0) ? '0' : String(n);
}

/** Outcome of reading a comment body: not a card tag at all, a tag, or a broken tag. */
export type CardTagResult =
	| { kind: 'none' }
	| { kind: 'tag'; tag: CardTag; warning?: string }
	| { kind: 'error'; reason: string };

/**
 * Read the inner text of a comment (`id=r-1 x=40 y=120`). Comments that do not start with `id=`
 * are not card tags (people may leave other comments). Unknown keys are ignored; a broken position
 * is dropped with a warning, a broken id is an error.
 */
export function parseCardTag(body: string): CardTagResult {
	const fields = body.trim().split(/\s+/);
	if (!fields[0]?.startsWith('id=')) return { kind: 'none' };
	const values = new Map<string, string>();
	for (const field of fields) {
		const eq = field.indexOf('=');
		if (eq > 0) values.set(field.slice(0, eq), field.slice(eq + 1));
	}
	let id: string;
	try {
		id = decodeURIComponent(values.get('id') ?? '');
	} catch {
		return { kind: 'error', reason: `card id "${values.get('id')}" is not valid percent-encoding` };
	}
	if (id === '') return { kind: 'error', reason: 'card id is empty' };
	const xs = values.get('x');
	const ys = values.get('y');
	if (xs === undefined && ys === undefined) return { kind: 'tag', tag: { id } };
	const x = Number(xs);
	const y = Number(ys);
	if (xs === undefined || ys === undefined || xs === '' || ys === '' || !Number.isFinite(x) || !Number.isFinite(y)) {
		return {
			kind: 'tag',
			tag: { id },
			warning: `position "x=${xs ?? ''} y=${ys ?? ''}" of card ${id} is not two finite numbers; the card will be laid out anew`
		};
	}
	return { kind: 'tag', tag: { id, x, y } };
}
