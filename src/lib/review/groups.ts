/** Review items grouped by the review (checkpoint) they were recorded in. Pure. */
import type { CheckpointRecord, PlanReviews, ReviewItem } from '../model/types.ts';

/**
 * One review: a checkpoint and its items, or (`checkpoint: null`) the current review — items
 * recorded with no checkpoint, or whose checkpoint is not recorded.
 */
export interface ReviewGroup {
	checkpoint: CheckpointRecord | null;
	items: ReviewItem[];
}

/**
 * The reviews of a plan: one group per checkpoint (oldest first, also when it has no items), then
 * the current review when it has items. Items keep their order (createdAt, then id).
 */
export function reviewGroups(reviews: PlanReviews | undefined): ReviewGroup[] {
	if (!reviews) return [];
	const byCheckpoint = new Map<string, ReviewItem[]>(reviews.checkpoints.map((c) => [c.id, []]));
	const current: ReviewItem[] = [];
	for (const item of reviews.items) {
		const group = item.checkpointId === undefined ? undefined : byCheckpoint.get(item.checkpointId);
		(group ?? current).push(item);
	}
	const groups: ReviewGroup[] = reviews.checkpoints.map((checkpoint) => ({ checkpoint, items: byCheckpoint.get(checkpoint.id)! }));
	if (current.length > 0) groups.push({ checkpoint: null, items: current });
	return groups;
}
