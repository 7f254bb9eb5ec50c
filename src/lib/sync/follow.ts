/**
 * Presenter-follow as a pure state machine over what awareness says. Who presents comes from
 * {@link activePresenter}; this decides whether this browser follows them:
 * - a presentation that starts while I am here pulls me along (`following`);
 * - one already running when I arrive is offered (`offered`: "Join"), unless the link asked to
 *   follow exactly that session (the board page hands its followers to the present page that way);
 * - Escape / "Stop following" releases me (`released`) until I press "Follow" or a new session starts;
 * - a second presenter takes over: whoever followed (or presented) the old session follows the new
 *   one, with a notice "<name> is presenting now";
 * - when the presenter stops or leaves, everyone is released (`idle`).
 */
import type { Peer } from './presence.ts';

/** How this browser relates to the current presentation. */
export type FollowMode = 'idle' | 'presenting' | 'following' | 'offered' | 'released';

/** The follow state. `presenter` is null exactly when mode is `idle`. */
export interface FollowModel {
	mode: FollowMode;
	/** The active presentation's session id, or null. */
	session: string | null;
	/** The active presenter (may be me when mode is `presenting`). */
	presenter: Peer | null;
	/** "<name> is presenting now" after a takeover, until dismissed or the next change. */
	takeover: string | null;
}

/** Nobody presents. */
export const IDLE: FollowModel = { mode: 'idle', session: null, presenter: null, takeover: null };

/** What one awareness change tells the machine. */
export interface PresenterSeen {
	/** The active presenter now (from activePresenter over every peer, me included), or null. */
	presenter: Peer | null;
	/** The presenter's client was added by this change (they were not known before it). */
	arrived: boolean;
	/** The session this page was opened to follow (`?follow=`), if any. */
	wanted?: string | null;
}

/** Next state after an awareness change. */
export function seePresenter(model: FollowModel, seen: PresenterSeen): FollowModel {
	const { presenter } = seen;
	if (!presenter?.presenting) return IDLE;
	const session = presenter.presenting.session;
	if (presenter.isSelf) return { mode: 'presenting', session, presenter, takeover: null };
	if (session === model.session) return { ...model, presenter };
	// a new session
	const wasIn = model.mode === 'following' || model.mode === 'presenting';
	const takeover = model.session !== null && wasIn ? presenter.name : null;
	let mode: FollowMode;
	if (wasIn || seen.wanted === session) mode = 'following';
	else if (seen.arrived) mode = 'offered';
	else mode = 'following';
	return { mode, session, presenter, takeover };
}

/** "Stop following" / Escape: stay where I am. Dismisses an offer too. */
export function release(model: FollowModel): FollowModel {
	return model.mode === 'following' || model.mode === 'offered' ? { ...model, mode: 'released', takeover: null } : model;
}

/** "Follow" / "Join": back to the presenter's slide. */
export function rejoin(model: FollowModel): FollowModel {
	return model.mode === 'released' || model.mode === 'offered' ? { ...model, mode: 'following', takeover: null } : model;
}
