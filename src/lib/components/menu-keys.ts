/**
 * Svelte action for a `role="menu"` element, shared by the app's menus (Add, card, board): when
 * it appears, focus moves to its first item; ↓/↑ move between the items (wrapping), Home/End go
 * to the first/last; Escape closes it; a pointer pressed outside closes it. Items hidden at this
 * screen size or disabled are skipped. Closing and where focus goes then is the menu's call.
 */

/** Why a menu closes: Escape, Tab (see {@link MenuKeysOptions.tab}) or a pointer pressed elsewhere. */
export type MenuCloseReason = 'escape' | 'tab' | 'outside';

export interface MenuKeysOptions {
	/** Close the menu (and, for Escape and Tab, put focus back where it belongs). */
	close(reason: MenuCloseReason): void;
	/**
	 * What Tab does: `close` closes the menu and lets focus move on from where `close` put it,
	 * `return` closes it and keeps focus where `close` put it; `none` (default) leaves Tab alone.
	 */
	tab?: 'close' | 'return' | 'none';
	/** A pointer pressed inside this element (default: the menu) does not close the menu, e.g. its trigger's wrapper. */
	inside?: () => Element | null | undefined;
}

/** The menu's items a person can reach now (shown at this size and not disabled), in order. */
export function reachableItems(menu: Element): HTMLElement[] {
	return [...menu.querySelectorAll<HTMLElement>('[role=menuitem]')].filter((el) => el.getClientRects().length > 0 && !(el as HTMLButtonElement).disabled);
}

/** `use:menuKeys={{ close, tab, inside }}` on the `role="menu"` element. */
export function menuKeys(node: HTMLElement, options: MenuKeysOptions) {
	let current = options;

	function onkeydown(event: KeyboardEvent) {
		const items = reachableItems(node);
		const index = items.indexOf(document.activeElement as HTMLElement);
		const tab = current.tab ?? 'none';
		if (event.key === 'Escape' || (event.key === 'Tab' && tab !== 'none')) {
			if (event.key === 'Escape' || tab === 'return') event.preventDefault();
			event.stopPropagation();
			current.close(event.key === 'Escape' ? 'escape' : 'tab');
			return;
		}
		let next: HTMLElement | undefined;
		if (event.key === 'ArrowDown') next = items[(index + 1) % items.length];
		else if (event.key === 'ArrowUp') next = items[(index - 1 + items.length) % items.length];
		else if (event.key === 'Home') next = items[0];
		else if (event.key === 'End') next = items.at(-1);
		else return;
		event.preventDefault();
		next?.focus();
	}

	function onpointerdown(event: PointerEvent) {
		const inside = current.inside?.() ?? node;
		if (!inside.contains(event.target as Node)) current.close('outside');
	}

	node.addEventListener('keydown', onkeydown);
	document.addEventListener('pointerdown', onpointerdown, true);
	// after this turn: the menu's items are in the document and laid out
	queueMicrotask(() => reachableItems(node)[0]?.focus());

	return {
		update(next: MenuKeysOptions) {
			current = next;
		},
		destroy() {
			node.removeEventListener('keydown', onkeydown);
			document.removeEventListener('pointerdown', onpointerdown, true);
		}
	};
}
