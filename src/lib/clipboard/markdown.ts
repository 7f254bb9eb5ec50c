/**
 * Cards from markdown text on the clipboard (what a copy put in text/plain, or a plan written in
 * a document). Kept apart from clipboard.ts: the markdown reader loads the rich-text schema, so
 * the board loads this module only when a paste needs it.
 */
import { markdownToPlan } from '$lib/markdown/import.ts';
import { CLIPBOARD_FORMAT, MAX_CLIPBOARD_CARDS, type ClipboardPayload } from './payload.ts';

/**
 * The cards of Groundwork markdown as a clipboard payload (no source board), or null when the
 * text is not a plan with at least one card (ordinary text is not turned into cards).
 */
export function clipboardFromMarkdown(text: string): ClipboardPayload | null {
	if (!/^##\s/m.test(text)) return null; // a plan has its zone sections; skip parsing prose
	const result = markdownToPlan(text);
	if (!result.ok || result.plan.cards.length === 0 || result.plan.cards.length > MAX_CLIPBOARD_CARDS) return null;
	const { cards, ...meta } = result.plan;
	return { format: CLIPBOARD_FORMAT, boardId: '', meta, cards };
}
