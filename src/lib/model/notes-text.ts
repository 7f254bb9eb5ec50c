/** A card's notes as plain text (for search), read straight from the rich text without Tiptap. */
import * as Y from 'yjs';
import { cardsMap, NOTES_KEY } from './doc-keys.ts';

function collect(node: Y.XmlElement | Y.XmlFragment | Y.XmlText, out: string[]): void {
	if (node instanceof Y.XmlText) {
		for (const op of node.toDelta() as { insert?: unknown }[]) if (typeof op.insert === 'string') out.push(op.insert);
		return;
	}
	for (const child of node.toArray()) {
		if (child instanceof Y.XmlText || child instanceof Y.XmlElement) collect(child, out);
	}
	if (node instanceof Y.XmlElement) out.push('\n');
}

/** The text of card `id`'s notes, blocks separated by newlines ('' when none). */
export function cardNotesText(doc: Y.Doc, id: string): string {
	const fragment = cardsMap(doc).get(id)?.get(NOTES_KEY);
	if (!(fragment instanceof Y.XmlFragment)) return '';
	const out: string[] = [];
	collect(fragment, out);
	return out.join('').trim();
}
