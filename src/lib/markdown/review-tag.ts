/**
 * Identity of checkpoints and review items in the exported document: a hidden comment after the
 * name or text, `<!-- checkpoint=… at=2027-01-15T09:00:00.000Z -->` on a checkpoint's heading,
 * `<!-- item=… at=… slide=7 -->` after a decision or action item. Ids are percent-encoded like
 * card tags; a missing comment means a new id (and a default time) on import.
 */

/** What a review tag carries. */
export interface ReviewTag {
	key: 'checkpoint' | 'item';
	id: string;
	/** ISO 8601 UTC timestamp (createdAt). */
	at?: string;
	slide?: number;
}

/** Format a review tag comment. */
export function formatReviewTag(tag: ReviewTag): string {
	let body = `${tag.key}=${encodeURIComponent(tag.id)}`;
	if (tag.at !== undefined) body += ` at=${tag.at}`;
	if (tag.slide !== undefined) body += ` slide=${tag.slide}`;
	return `<!-- ${body} -->`;
}

/**
 * Read a comment body as a review tag of `key`: undefined when it is not one (other comments are
 * ignored), an error string when its id is not valid percent-encoding. `at` and `slide` are
 * returned as written; the plan validation checks them.
 */
export function parseReviewTag(body: string, key: ReviewTag['key']): ReviewTag | string | undefined {
	const fields = body.trim().split(/\s+/);
	if (!fields[0]?.startsWith(`${key}=`)) return undefined;
	const values = new Map<string, string>();
	for (const field of fields) {
		const eq = field.indexOf('=');
		if (eq > 0) values.set(field.slice(0, eq), field.slice(eq + 1));
	}
	let id: string;
	try {
		id = decodeURIComponent(values.get(key) ?? '');
	} catch {
		return `${key} id "${values.get(key)}" is not valid percent-encoding`;
	}
	if (id === '') return `${key} id is empty`;
	const tag: ReviewTag = { key, id };
	const at = values.get('at');
	if (at !== undefined) tag.at = at;
	const slide = values.get('slide');
	if (slide !== undefined) tag.slide = /^\d{1,9}$/.test(slide) ? Number(slide) : Number.NaN;
	return tag;
}
