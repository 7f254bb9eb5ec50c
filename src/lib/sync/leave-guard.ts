/**
 * Asking before the tab closes or reloads while changes have not reached the server
 * (`beforeunload`). Open boards register what they hold; the app-update flow may reload without
 * asking when everything unconfirmed is kept on this device (it is sent after the reload).
 * Browser only; a no-op elsewhere.
 */

/** What an open board holds that the server has not confirmed. */
export interface UnsavedWork {
	/** Changes the server has not confirmed. */
	unsent: number;
	/** They are kept on this device (the offline copy is on), so a reload does not lose them. */
	kept: boolean;
}

const sources = new Set<() => UnsavedWork>();
let reloadingSafely = false;

function onBeforeUnload(event: BeforeUnloadEvent): void {
	const work = [...sources].map((source) => source());
	if (!work.some((w) => w.unsent > 0)) return;
	if (reloadingSafely && work.every((w) => w.unsent === 0 || w.kept)) return;
	event.preventDefault();
	// older browsers show the prompt only when returnValue is set
	event.returnValue = '';
}

/** Register an open board's unsaved work; returns an unregister function. */
export function guardUnsavedWork(source: () => UnsavedWork): () => void {
	if (typeof window === 'undefined') return () => {};
	if (sources.size === 0) window.addEventListener('beforeunload', onBeforeUnload);
	sources.add(source);
	return () => {
		sources.delete(source);
		if (sources.size === 0) window.removeEventListener('beforeunload', onBeforeUnload);
	};
}

/** The page reloads itself next (new version): do not ask when all unconfirmed work is kept on this device. */
export function reloadWithoutAsking(): void {
	reloadingSafely = true;
	window.location.reload();
}
