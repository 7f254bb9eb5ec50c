/**
 * The words of the save/connection status, kept apart from the pill so they can be tested and
 * reused (menu, notices), in the UI language. The pill shows `long`, phones show `short`.
 */
import { m } from '$lib/paraglide/messages.js';
import type { SyncStatus } from './status.ts';

/** "1 change" / "3 changes". */
export function changesText(n: number): string {
	return m.sync_changes({ count: n });
}

/**
 * The pill's label. Offline with unconfirmed changes names them and where they are: kept on this
 * device, or — when this device keeps no copy — only in this tab.
 */
export function statusLabel(status: SyncStatus, unsent: number, copyOff: boolean): { long: string; short: string } {
	const same = (text: string) => ({ long: text, short: text });
	switch (status) {
		case 'connecting':
			return same(m.sync_connecting());
		case 'saving':
			return same(m.sync_saving());
		case 'saved':
			return same(m.sync_saved());
		case 'view-only':
			return same(m.sync_view_only());
		case 'offline': {
			if (unsent === 0) return same(m.sync_offline());
			const changes = changesText(unsent);
			return {
				long: copyOff ? m.sync_offline_tab({ changes }) : m.sync_offline_device({ changes }),
				short: m.sync_offline_short({ count: unsent })
			};
		}
	}
}

/** The pill's tooltip: what the status means for the user's work. */
export function statusTitle(status: SyncStatus, unsent: number, copyOff: boolean): string {
	const copy = copyOff ? ` ${m.sync_title_copy_off()}` : '';
	switch (status) {
		case 'connecting':
			return m.sync_title_connecting();
		case 'saving':
			return m.sync_title_saving({ changes: changesText(unsent) });
		case 'saved':
			return copyOff ? m.sync_title_saved_copy_off() : m.sync_title_saved();
		case 'view-only':
			return m.sync_title_view_only();
		case 'offline':
			return (
				(unsent === 0
					? copyOff
						? m.sync_title_offline_none_tab()
						: m.sync_title_offline_none_device()
					: m.sync_title_offline_waiting({ changes: changesText(unsent) })) + copy
			);
	}
}
