/**
 * Where slides read card notes from: the live board (default), or a fixed plan's markdown notes
 * when the slides show a checkpoint. A context pair.
 */
import { createContext } from 'svelte';

/** Card id → markdown notes of a fixed plan. */
export type FixedNotes = ReadonlyMap<string, string>;

const [getFixed, setFixed] = createContext<FixedNotes>();

/** The fixed notes in effect, or undefined for the live board's notes. */
export function fixedNotes(): FixedNotes | undefined {
	try {
		return getFixed();
	} catch {
		return undefined;
	}
}

/** Make the slides below read notes from `notes` (a checkpoint's plan). */
export const setFixedNotes: (notes: FixedNotes) => FixedNotes = setFixed;
