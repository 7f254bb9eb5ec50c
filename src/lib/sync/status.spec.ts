import { describe, expect, test } from 'vitest';
import { deriveSyncStatus, type SyncSignals } from './status.ts';
import { fatalReasonOf, syncBaseUrl } from './connection.ts';

const base: SyncSignals = { connected: true, synced: true, failedAttempts: 0, everSynced: true, unsent: 0, browserOnline: true, readOnly: false };

describe('deriveSyncStatus', () => {
	test('connected, synced, nothing pending is saved', () => {
		expect(deriveSyncStatus(base)).toBe('saved');
	});
	test('a local change the server has not acknowledged is saving, however long the socket has been idle', () => {
		expect(deriveSyncStatus({ ...base, unsent: 1 })).toBe('saving');
		expect(deriveSyncStatus({ ...base, unsent: 40 })).toBe('saving');
	});
	test('a view link that is up to date says view-only, never saved', () => {
		expect(deriveSyncStatus({ ...base, readOnly: true })).toBe('view-only');
		expect(deriveSyncStatus({ ...base, readOnly: true, connected: false, synced: false })).toBe('offline');
		expect(deriveSyncStatus({ ...base, readOnly: true, synced: false })).toBe('connecting');
	});
	test('an open socket still exchanging sync steps is connecting, even with local edits', () => {
		expect(deriveSyncStatus({ ...base, synced: false })).toBe('connecting');
		expect(deriveSyncStatus({ ...base, synced: false, unsent: 2 })).toBe('connecting');
	});
	test('a page that never synced is connecting on its first attempt, offline after a failed one', () => {
		const down = { ...base, connected: false, synced: false, everSynced: false };
		expect(deriveSyncStatus(down)).toBe('connecting');
		expect(deriveSyncStatus({ ...down, failedAttempts: 1 })).toBe('offline');
		expect(deriveSyncStatus({ ...down, failedAttempts: 3, unsent: 2 })).toBe('offline');
	});
	test('losing a connection that had synced is offline at once, even before a retry fails', () => {
		expect(deriveSyncStatus({ ...base, connected: false, synced: false })).toBe('offline');
		expect(deriveSyncStatus({ ...base, synced: false })).toBe('connecting');
	});
	test('a browser that knows it has no network is offline at once', () => {
		expect(deriveSyncStatus({ ...base, connected: false, synced: false, browserOnline: false })).toBe('offline');
	});
	test('a live synced socket wins over a stale navigator.onLine', () => {
		expect(deriveSyncStatus({ ...base, browserOnline: false })).toBe('saved');
	});
});

describe('connection helpers', () => {
	test('close codes 4401 and 4404 are permanent refusals; others are transient', () => {
		expect(fatalReasonOf(4401)).toBe('bad-token');
		expect(fatalReasonOf(4404)).toBe('unknown-board');
		expect(fatalReasonOf(4422)).toBe('damaged-board');
		expect(fatalReasonOf(1006)).toBeNull();
		expect(fatalReasonOf(4400)).toBeNull();
	});
	test('the sync URL follows the page protocol and host', () => {
		expect(syncBaseUrl({ protocol: 'http:', host: 'localhost:3000' })).toBe('ws://localhost:3000/sync');
		expect(syncBaseUrl({ protocol: 'https:', host: 'plan.example.com' })).toBe('wss://plan.example.com/sync');
	});
});
