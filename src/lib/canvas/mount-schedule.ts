/**
 * Gradual mounting of culled cards. Panning into a new band of the board makes a whole row of
 * cards wanted at once; creating all their components in one frame costs more than a frame. The
 * canvas renders a margin around the view, so only the cards actually on screen must appear in
 * the same frame: the rest can arrive a few per frame, nearest first, before they scroll in.
 * Pure: no DOM, no runes.
 */

/** What one step of {@link stepMounts} decided. */
export interface MountStep {
	/** The ids to render now. The same array as `mounted` when nothing changed (cheap equality). */
	readonly next: readonly string[];
	/** True when `next` equals the wanted set: no further steps are needed until `wanted` changes. */
	readonly settled: boolean;
}

/**
 * One frame's step from the rendered ids `mounted` towards the ids `wanted`.
 *
 * - Every wanted id for which `urgent(id)` holds (on screen, selected) is added now — at most
 *   `urgentBudget` of them (lowest `priority` first) when more are missing: zooming out to fit a
 *   10,000-card board puts thousands on screen at once, and creating them in one frame took about
 *   a second; they then arrive `urgentBudget` per frame, the ones nearest the view's centre first.
 * - At most `budget` other wanted ids are added, lowest `priority(id)` first (e.g. distance
 *   from the view), so nearby cards come before far ones.
 * - At most `budget` ids no longer wanted are removed (extra cards in the DOM are harmless
 *   for a few frames; removing a row at once costs nearly as much as adding one).
 *
 * Kept ids keep their order and new ones are appended, so a keyed list never moves DOM nodes.
 * `budget` is a count of cards (≥ 0, not rounded); `wanted` must not contain duplicates. While
 * urgent cards wait, no off-screen card is added.
 */
export function stepMounts(
	mounted: readonly string[],
	wanted: readonly string[],
	urgent: (id: string) => boolean,
	budget: number,
	priority: (id: string) => number = () => 0,
	urgentBudget = Infinity
): MountStep {
	const want = new Set(wanted);
	const have = new Set(mounted);
	const missing = wanted.filter((id) => !have.has(id));
	let extra = 0;
	for (const id of mounted) if (!want.has(id)) extra++;
	if (missing.length === 0 && extra === 0) return { next: mounted, settled: true };

	const pick = pickThisFrame(missing, urgent, priority, Math.max(1, urgentBudget), budget);
	const add = [...pick.urgent, ...pick.others];

	let removals = Math.max(0, budget);
	const next: string[] = [];
	for (const id of mounted) {
		if (!want.has(id) && removals > 0) {
			removals--;
			continue;
		}
		next.push(id);
	}
	next.push(...add);
	const settled = pick.all && extra <= Math.max(0, budget);
	return { next, settled };
}

/** What one step of {@link stepRedraws} decided. */
export interface RedrawStep {
	/** The ids to draw at the target level of detail now. */
	readonly redraw: ReadonlySet<string>;
	/** How many of them were urgent (they count against the frame's urgent budget). */
	readonly urgent: number;
	/** True when every card drawn at another level of detail is in `redraw`. */
	readonly settled: boolean;
}

/**
 * One frame's step towards drawing every rendered card at the level of detail `target`. A zoom
 * across a level-of-detail threshold (Fit) would otherwise redraw every mounted card in its
 * first frame: like mounts, redraws of urgent cards (on screen, selected) come first, at most
 * `urgentBudget` of them (lowest `priority` first); the others, at most `budget`, only once no
 * urgent one waits. Pure, like {@link stepMounts}.
 */
export function stepRedraws<D>(
	drawn: readonly { readonly id: string; readonly detail: D }[],
	target: D,
	urgent: (id: string) => boolean,
	budget: number,
	priority: (id: string) => number = () => 0,
	urgentBudget = Infinity
): RedrawStep {
	const stale = drawn.filter((card) => card.detail !== target).map((card) => card.id);
	if (stale.length === 0) return { redraw: new Set(), urgent: 0, settled: true };
	const pick = pickThisFrame(stale, urgent, priority, Math.max(0, urgentBudget), budget);
	return { redraw: new Set([...pick.urgent, ...pick.others]), urgent: pick.urgent.length, settled: pick.all };
}

/**
 * The ids of `ids` one frame takes: the urgent ones first, at most `urgentCap` (lowest
 * `priority` first when more wait); then, only once no urgent one waits, at most `budget` others,
 * lowest `priority` first. `all` is true when nothing is left for a later frame.
 */
function pickThisFrame(
	ids: readonly string[],
	urgent: (id: string) => boolean,
	priority: (id: string) => number,
	urgentCap: number,
	budget: number
): { urgent: string[]; others: string[]; all: boolean } {
	const now: string[] = [];
	const later: string[] = [];
	for (const id of ids) (urgent(id) ? now : later).push(id);
	const nearestFirst = (list: string[]) => {
		const rank = new Map(list.map((id) => [id, priority(id)]));
		list.sort((a, b) => rank.get(a)! - rank.get(b)!);
	};
	if (now.length > urgentCap) nearestFirst(now);
	const urgentNow = now.slice(0, urgentCap);
	const laterBudget = urgentNow.length < now.length ? 0 : Math.max(0, budget);
	if (later.length > laterBudget && laterBudget > 0) nearestFirst(later);
	const others = later.slice(0, laterBudget);
	return { urgent: urgentNow, others, all: urgentNow.length === now.length && others.length === later.length };
}
