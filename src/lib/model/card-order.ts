/** Board reading order of cards (pure: no Yjs), shared by toPlanData and the plan diff. */
import { ZONE_ORDER } from './layout.ts';
import { ZONE_OF_KIND, type Card } from './types.ts';

const ZONE_RANK = new Map(ZONE_ORDER.map((zone, i) => [zone, i]));

/** Board reading order: zone (team, strategy, spending), then y, then x, then id. */
export function compareCardsByPosition(a: Card, b: Card): number {
	return (
		ZONE_RANK.get(ZONE_OF_KIND[a.kind])! - ZONE_RANK.get(ZONE_OF_KIND[b.kind])! ||
		(a.y ?? 0) - (b.y ?? 0) ||
		(a.x ?? 0) - (b.x ?? 0) ||
		(a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
	);
}
