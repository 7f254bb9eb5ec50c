/**
 * The words of the save/connection status, kept apart from the pill so they can be tested and
 * reused (menu, notices). English; the pill shows `long`, phones show `short`.
 */
import type { SyncStatus } from './status.ts';

/** "1 change" / "3 changes". */
export function changesText(n: number): string {
	return `${n} ${n === 1 ? 'change' : 'changes'}`;
}

/**
 * The pill's label. Offline with unconfirmed changes names them and where they are: kept on this
 * device, or — when this device keeps no copy — only in this tab.
 */
export function statusLabel(status: SyncStatus, unsent: number, copyOff: boolean): { long: string; short: string } {
	switch (status) {
		case 'connecting':
			return { long: 'Connecting', short: 'Connecting' };
		case 'saving':
			return { long: 'Saving…', short: 'Saving…' };
		case 'saved':
			return { long: 'Saved', short: 'Saved' };
		case 'view-only':
			return { long: 'View only', short: 'View only' };
		case 'offline':
			if (unsent === 0) return { long: 'Offline', short: 'Offline' };
			return {
				long: copyOff ? `Offline — ${changesText(unsent)} only in this tab` : `Offline — ${changesText(unsent)} kept on this device`,
				short: `Offline · ${unsent}`
			};
	}
}

/** The pill's tooltip: what the status means for the user's work. */
export function statusTitle(status: SyncStatus, unsent: number, copyOff: boolean): string {
	const copy = copyOff ? ' This browser keeps no offline copy of this board: keep this tab open until it is back online.' : '';
	switch (status) {
		case 'connecting':
			return 'Connecting to the server…';
		case 'saving':
			return `Sending ${changesText(unsent)} to the server`;
		case 'saved':
			return copyOff ? 'All changes are saved on the server. Offline copies are off in this browser.' : 'All changes are saved on the server';
		case 'view-only':
			return 'View-only link: up to date with the server';
		case 'offline':
			return unsent === 0
				? `Offline: no changes waiting. Edits you make are kept${copyOff ? ' in this tab' : ' on this device'} and sent when the connection returns.${copy}`
				: `Offline: ${changesText(unsent)} not on the server yet, sent when the connection returns.${copy}`;
	}
}
