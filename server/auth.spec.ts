import { describe, expect, it } from 'vitest';
import { accessFor, checkAccess, hashToken, isBoardId, newBoardId, newCredentials, newToken, resetCredentials, tokenFromRequest, viewTokenFor, viewTokenOf } from './auth.ts';

describe('ids and tokens', () => {
	it('carry at least 128 random bits, base64url', () => {
		const id = newBoardId();
		const token = newToken();
		expect(Buffer.from(id, 'base64url').length * 8).toBeGreaterThanOrEqual(128);
		expect(Buffer.from(token, 'base64url').length * 8).toBeGreaterThanOrEqual(128);
		expect(id).toMatch(/^[A-Za-z0-9_-]+$/);
		expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
		expect(isBoardId(id)).toBe(true);
		expect(new Set(Array.from({ length: 200 }, newToken)).size).toBe(200);
	});

	it('never start a board id with "-" (it would read as an option on a command line)', () => {
		// without the rule, 2,000 ids all avoiding a leading '-' would have odds of about 2e-14
		expect(Array.from({ length: 2000 }, newBoardId).filter((id) => id.startsWith('-'))).toEqual([]);
	});

	it('rejects malformed board ids', () => {
		expect(isBoardId('')).toBe(false);
		expect(isBoardId('../etc/passwd')).toBe(false);
		expect(isBoardId(newBoardId() + 'x')).toBe(false);
	});
});

describe('accessFor', () => {
	const creds = newCredentials();
	it('tells edit from view from nothing', () => {
		expect(accessFor(creds, creds.editToken)).toBe('edit');
		expect(accessFor(creds, creds.viewToken)).toBe('view');
		expect(accessFor(creds, newToken())).toBeNull();
		expect(accessFor(creds, '')).toBeNull();
		expect(accessFor(creds, null)).toBeNull();
		expect(accessFor(creds, creds.editToken + 'x')).toBeNull();
	});

	it('derives the view token from the edit token, not the other way round', () => {
		expect(viewTokenFor(creds.editToken)).toBe(creds.viewToken);
		expect(viewTokenFor(creds.viewToken)).not.toBe(creds.editToken);
		expect(Buffer.from(creds.viewToken, 'base64url').length * 8).toBeGreaterThanOrEqual(128);
		expect(newCredentials().viewToken).not.toBe(creds.viewToken);
	});

	it('stores only hashes', () => {
		expect(creds.editHash.equals(hashToken(creds.editToken))).toBe(true);
		expect(creds.editHash.toString('utf8')).not.toContain(creds.editToken);
		expect(creds.editToken).not.toBe(creds.viewToken);
	});
});

describe('checkAccess', () => {
	const creds = newCredentials();
	const board = { ...creds, title: '开店计划' };
	const lookups: string[] = [];
	const findBoard = (id: string) => {
		lookups.push(id);
		return id === creds.id ? board : undefined;
	};

	it('grants edit or view with the board it found', async () => {
		expect(await checkAccess(creds.id, creds.editToken, findBoard)).toEqual({ ok: true, board, access: 'edit', token: creds.editToken });
		expect(await checkAccess(creds.id, creds.viewToken, findBoard)).toEqual({ ok: true, board, access: 'view', token: creds.viewToken });
	});

	it('refuses a missing token before touching the store', async () => {
		lookups.length = 0;
		expect(await checkAccess(creds.id, null, findBoard)).toEqual({ ok: false, reason: 'missing-token' });
		expect(await checkAccess(creds.id, '', findBoard)).toEqual({ ok: false, reason: 'missing-token' });
		expect(await checkAccess('nosuchboard0000000000', undefined, findBoard)).toEqual({ ok: false, reason: 'missing-token' });
		expect(lookups).toEqual([]);
	});

	it('calls an unknown or malformed id an unknown board, and never looks a malformed one up', async () => {
		lookups.length = 0;
		expect(await checkAccess(newCredentials().id, creds.editToken, findBoard)).toEqual({ ok: false, reason: 'unknown-board' });
		expect(await checkAccess('../../etc/passwd', creds.editToken, findBoard)).toEqual({ ok: false, reason: 'unknown-board' });
		expect(await checkAccess(creds.id + 'x', creds.editToken, findBoard)).toEqual({ ok: false, reason: 'unknown-board' });
		expect(lookups).toHaveLength(1);
	});

	it("refuses another board's token, a malformed token and a token with extra characters", async () => {
		const other = newCredentials();
		expect(await checkAccess(creds.id, other.editToken, findBoard)).toEqual({ ok: false, reason: 'invalid-token' });
		expect(await checkAccess(creds.id, 'not-a-token', findBoard)).toEqual({ ok: false, reason: 'invalid-token' });
		expect(await checkAccess(creds.id, creds.editToken + 'x', findBoard)).toEqual({ ok: false, reason: 'invalid-token' });
	});
});

describe('tokenFromRequest', () => {
	it('prefers the bearer header over ?token=', () => {
		const url = new URL('http://x/api/boards/a?token=fromquery');
		expect(tokenFromRequest('Bearer fromheader', url)).toBe('fromheader');
		expect(tokenFromRequest(undefined, url)).toBe('fromquery');
		expect(tokenFromRequest(undefined, new URL('http://x/'))).toBeNull();
	});
});

describe('resetting links', () => {
	it('a new edit token keeps the view token, recoverable only with the new edit token', () => {
		const creds = newCredentials();
		const reset = resetCredentials({ viewSealed: null }, creds.editToken, 'edit');
		expect(reset.editToken).not.toBe(creds.editToken);
		expect(reset.viewToken).toBe(creds.viewToken);
		expect(accessFor({ editHash: reset.editHash, viewHash: reset.viewHash }, creds.editToken)).toBeNull();
		expect(accessFor({ editHash: reset.editHash, viewHash: reset.viewHash }, reset.editToken)).toBe('edit');
		expect(viewTokenOf({ viewSealed: reset.viewSealed }, reset.editToken)).toBe(creds.viewToken);
		expect(() => viewTokenOf({ viewSealed: reset.viewSealed }, creds.editToken)).toThrow();
		expect(reset.viewSealed.includes(Buffer.from(creds.viewToken))).toBe(false);
	});

	it('a new view token keeps the edit token; the old view token no longer grants access', () => {
		const creds = newCredentials();
		const reset = resetCredentials({ viewSealed: null }, creds.editToken, 'view');
		expect(reset.editToken).toBe(creds.editToken);
		expect(reset.viewToken).not.toBe(creds.viewToken);
		expect(accessFor({ editHash: reset.editHash, viewHash: reset.viewHash }, creds.viewToken)).toBeNull();
		expect(accessFor({ editHash: reset.editHash, viewHash: reset.viewHash }, reset.viewToken)).toBe('view');
		expect(viewTokenOf({ viewSealed: reset.viewSealed }, creds.editToken)).toBe(reset.viewToken);
		expect(viewTokenOf({ viewSealed: null }, creds.editToken)).toBe(viewTokenFor(creds.editToken));
	});
});
