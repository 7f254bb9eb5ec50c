/**
 * Binds a text field to a title's shared text (a Y.Text): each keystroke is written as the
 * smallest change, and a collaborator's edit updates the field with the caret and selection kept
 * on the same characters. While an input method composes (pinyin…), nothing is written and
 * remote edits wait: the composed text is written at the caret's place in the text as it is by
 * then, so neither side's words are lost.
 */
import * as Y from 'yjs';
import { cardsMap, metaMap } from '$lib/model/doc-keys.ts';
import { TITLE_KEY, titleValue } from '$lib/model/title-text.ts';

/** The parts of an input or textarea the binding uses. */
export interface TitleField {
	value: string;
	selectionStart: number | null;
	selectionEnd: number | null;
	setSelectionRange(start: number, end: number, direction?: 'forward' | 'backward' | 'none'): void;
}

export interface TitleBindingOptions {
	doc: Y.Doc;
	/** The card whose title this is; null for the board's title. */
	cardId: string | null;
	/** Write the field's whole value (the model turns it into the smallest change); an error message or null. */
	write(value: string, caret: number | undefined): string | null;
	/** Clean what was typed (e.g. newlines → spaces) before it is written. */
	normalize?(value: string): string;
	/** Told the outcome of every write: the model's message, or null. */
	onerror?(message: string | null): void;
}

/** Where the caret or selection ends up after a remote change described by `delta`. */
export function shiftThroughDelta(position: number, delta: Y.YTextEvent['delta']): number {
	let at = 0;
	let pos = position;
	for (const op of delta) {
		if (op.retain !== undefined) at += op.retain;
		else if (op.insert !== undefined) {
			const length = typeof op.insert === 'string' ? op.insert.length : 1;
			if (at < pos) pos += length;
			at += length;
		} else if (op.delete !== undefined) {
			if (at < pos) pos -= Math.min(op.delete, pos - at);
		}
	}
	return pos;
}

interface Composition {
	/** Field value when composing started (the text as shown then). */
	base: string;
	start: number;
	end: number;
	/** The selection's ends in the shared text, where the composed text goes. */
	from: Y.RelativePosition | null;
	to: Y.RelativePosition | null;
}

/** Keeps one field and one title's shared text in step (see the file comment). */
export class TitleBinding {
	readonly #field: TitleField;
	#options: TitleBindingOptions;
	#holder: Y.Map<unknown> | undefined;
	#text: Y.Text | undefined;
	#composition: Composition | null = null;

	constructor(field: TitleField, options: TitleBindingOptions) {
		this.#field = field;
		this.#options = options;
		this.refresh();
	}

	/** Bind to other options (another card); shows that title. */
	setOptions(options: TitleBindingOptions): void {
		this.#options = options;
		this.refresh();
	}

	/** The field's `input` event. */
	input(): void {
		if (this.#composition) return;
		this.#commit(this.#field.value, this.#field.selectionEnd ?? undefined);
	}

	/** The field's `compositionstart` event. */
	compositionStart(): void {
		const field = this.#field;
		const start = field.selectionStart ?? field.value.length;
		const end = field.selectionEnd ?? start;
		const text = this.#text;
		const synced = text !== undefined && text.toString() === field.value;
		// the start sticks to the character after it, the end of a selection to the one before it
		const from = synced ? Y.createRelativePositionFromTypeIndex(text, start) : null;
		const to = synced && end > start ? Y.createRelativePositionFromTypeIndex(text, end, -1) : from;
		this.#composition = { base: field.value, start, end, from, to };
	}

	/** The field's `compositionend` event: write what was composed. */
	compositionEnd(): void {
		const composition = this.#composition;
		this.#composition = null;
		if (!composition) return this.input();
		const field = this.#field;
		const { base, start, end } = composition;
		const text = this.#text;
		const value = field.value;
		const tail = base.length - end;
		const composedAtSelection = value.length >= start + tail && value.startsWith(base.slice(0, start)) && value.endsWith(base.slice(end));
		if (text && text.toString() !== base && composition.from && composition.to && composedAtSelection) {
			// collaborators changed the title meanwhile: put the composed text where the selection is now
			const doc = this.#options.doc;
			const from = Y.createAbsolutePositionFromRelativePosition(composition.from, doc)?.index;
			const to = Y.createAbsolutePositionFromRelativePosition(composition.to, doc)?.index;
			if (from !== undefined && to !== undefined && to >= from) {
				const current = text.toString();
				const composed = value.slice(start, value.length - tail);
				this.#commit(current.slice(0, from) + composed + current.slice(to), from + composed.length);
				return;
			}
		}
		this.#commit(value, field.selectionEnd ?? undefined);
	}

	/** Follow the title's current text (again after it was replaced) and show it. */
	refresh(): void {
		const { doc, cardId } = this.#options;
		const holder = cardId === null ? metaMap(doc) : cardsMap(doc).get(cardId);
		if (holder !== this.#holder) {
			this.#holder?.unobserve(this.#onHolder);
			this.#holder = holder instanceof Y.Map ? holder : undefined;
			this.#holder?.observe(this.#onHolder);
		}
		const value = this.#holder?.get(TITLE_KEY);
		const text = value instanceof Y.Text ? value : undefined;
		if (text !== this.#text) {
			this.#text?.unobserve(this.#onText);
			this.#text = text;
			text?.observe(this.#onText);
		}
		if (this.#composition) return;
		const shown = titleValue(value);
		this.#show(typeof shown === 'string' ? (text ? text.toString() : shown) : '');
	}

	/** Stop following. */
	destroy(): void {
		this.#holder?.unobserve(this.#onHolder);
		this.#text?.unobserve(this.#onText);
		this.#holder = undefined;
		this.#text = undefined;
	}

	#commit(raw: string, caret: number | undefined): void {
		const value = this.#options.normalize ? this.#options.normalize(raw) : raw;
		const field = this.#field;
		if (value !== field.value) this.#show(value, caret, caret);
		const error = this.#options.write(value, caret);
		this.#options.onerror?.(error);
		this.refresh();
		if (caret !== undefined && field.value === value && field.selectionEnd !== caret) field.setSelectionRange(caret, caret);
	}

	#show(value: string, start?: number, end?: number): void {
		const field = this.#field;
		if (field.value === value) return;
		const from = Math.min(start ?? field.selectionStart ?? value.length, value.length);
		const to = Math.min(end ?? field.selectionEnd ?? from, value.length);
		field.value = value;
		field.setSelectionRange(from, Math.max(from, to));
	}

	#onHolder = (event: Y.YMapEvent<unknown>): void => {
		if (event.keysChanged.has(TITLE_KEY)) this.refresh();
	};

	#onText = (event: Y.YTextEvent): void => {
		if (this.#composition) return; // shown at compositionend
		const field = this.#field;
		const next = event.target.toString();
		if (next === field.value) return;
		const start = shiftThroughDelta(field.selectionStart ?? 0, event.delta);
		const end = shiftThroughDelta(field.selectionEnd ?? 0, event.delta);
		this.#show(next, start, end);
	};
}

/** Svelte action: `use:sharedTitle={{ doc, cardId, write }}` on an input or textarea. */
export function sharedTitle(node: HTMLInputElement | HTMLTextAreaElement, options: TitleBindingOptions) {
	const binding = new TitleBinding(node, options);
	const onInput = () => binding.input();
	const onStart = () => binding.compositionStart();
	const onEnd = () => binding.compositionEnd();
	node.addEventListener('input', onInput);
	node.addEventListener('compositionstart', onStart);
	node.addEventListener('compositionend', onEnd);
	return {
		update(next: TitleBindingOptions) {
			binding.setOptions(next);
		},
		destroy() {
			node.removeEventListener('input', onInput);
			node.removeEventListener('compositionstart', onStart);
			node.removeEventListener('compositionend', onEnd);
			binding.destroy();
		}
	};
}
