import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness';
import { IDLE, rejoin, release, seePresenter, type FollowModel } from './follow.ts';
import { activePresenter, readPeers, readPresenting, setPresenceUser, setPresenting, type Peer, type Presenting } from './presence.ts';

function peer(clientId: number, name: string, presenting: Presenting | null, isSelf = false): Peer {
	return { clientId, name, color: '#2563eb', pointer: null, editing: null, selection: [], presenting, isSelf };
}
const talk = (session: string, slide = 0, startedAt = 1000): Presenting => ({ session, slide, kind: 'plan', startedAt });

describe('presenting in awareness', () => {
	it('travels between peers and malformed fields are ignored', () => {
		const mine = new Awareness(new Y.Doc());
		const theirs = new Awareness(new Y.Doc());
		setPresenceUser(theirs, { name: '李娜', color: '#16a34a' });
		setPresenting(theirs, talk('s1', 2));
		applyAwarenessUpdate(mine, encodeAwarenessUpdate(theirs, [theirs.clientID]), 'remote');
		const li = readPeers(mine).find((p) => p.name === '李娜')!;
		expect(li.presenting).toEqual(talk('s1', 2));
		expect(activePresenter(readPeers(mine))?.name).toBe('李娜');
		expect(readPresenting({ session: 's', slide: -1, kind: 'x', startedAt: 1 })).toBeNull();
		expect(readPresenting({ session: '', slide: 1, kind: 'x', startedAt: 1 })).toBeNull();
		expect(readPresenting({ session: 's', slide: 1.5, kind: 'x', startedAt: 1 })).toBeNull();
		expect(readPresenting({ session: 's'.repeat(65), slide: 1, kind: 'x', startedAt: 1 })).toBeNull();
		expect(readPresenting('nope')).toBeNull();
	});

	it('one presenter: the latest start wins, ties by the larger client id', () => {
		const a = peer(5, 'A', talk('a', 0, 2000));
		const b = peer(9, 'B', talk('b', 0, 1000));
		const c = peer(3, 'C', talk('c', 0, 2000));
		expect(activePresenter([a, b])?.name).toBe('A');
		expect(activePresenter([c, a, b])?.name).toBe('A');
		expect(activePresenter([peer(1, 'D', null)])).toBeNull();
	});
});

describe('the follow machine', () => {
	const li = (s: Presenting) => peer(7, '李娜', s);
	it('a presentation that starts while I am here pulls me along; one already running is offered', () => {
		expect(seePresenter(IDLE, { presenter: li(talk('s1')), arrived: false }).mode).toBe('following');
		expect(seePresenter(IDLE, { presenter: li(talk('s1')), arrived: true }).mode).toBe('offered');
		expect(seePresenter(IDLE, { presenter: li(talk('s1')), arrived: true, wanted: 's1' }).mode).toBe('following');
	});

	it('released stays released on slide changes, Follow rejoins, the presenter leaving releases everyone', () => {
		let m: FollowModel = seePresenter(IDLE, { presenter: li(talk('s1', 0)), arrived: false });
		m = release(m);
		m = seePresenter(m, { presenter: li(talk('s1', 3)), arrived: false });
		expect(m.mode).toBe('released');
		expect(m.presenter?.presenting?.slide).toBe(3);
		m = rejoin(m);
		expect(m.mode).toBe('following');
		expect(seePresenter(m, { presenter: null, arrived: false })).toEqual(IDLE);
	});

	it('a new session pulls in those who were following or presenting, with a takeover notice', () => {
		const following = seePresenter(IDLE, { presenter: li(talk('s1')), arrived: false });
		const chen = peer(9, '陈晨', talk('s2', 0, 5000));
		const next = seePresenter(following, { presenter: chen, arrived: false });
		expect(next).toMatchObject({ mode: 'following', session: 's2', takeover: '陈晨' });
		const presenting = seePresenter(IDLE, { presenter: peer(1, 'me', talk('s0'), true), arrived: false });
		expect(presenting.mode).toBe('presenting');
		expect(seePresenter(presenting, { presenter: chen, arrived: true })).toMatchObject({ mode: 'following', takeover: '陈晨' });
		// someone who had dismissed the offer is offered the new session only if it was already running
		const dismissed = release(seePresenter(IDLE, { presenter: li(talk('s1')), arrived: true }));
		expect(seePresenter(dismissed, { presenter: chen, arrived: false }).mode).toBe('following');
	});
});
