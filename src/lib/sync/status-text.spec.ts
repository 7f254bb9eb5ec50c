import { describe, expect, test } from 'vitest';
import { shellFor, boardOfUrl, BOARD_SHELL_PATH } from './app-shell.ts';
import { changesText, statusLabel, statusTitle } from './status-text.ts';

describe('status words', () => {
	test('offline names the changes kept on this device, or only in this tab when copies are off', () => {
		expect(statusLabel('offline', 3, false).long).toBe('Offline — 3 changes kept on this device');
		expect(statusLabel('offline', 1, false).long).toBe('Offline — 1 change kept on this device');
		expect(statusLabel('offline', 2, true).long).toBe('Offline — 2 changes only in this tab');
		expect(statusLabel('offline', 0, false).long).toBe('Offline');
		expect(statusLabel('offline', 5, false).short).toBe('Offline · 5');
	});
	test('a view link says View only; saved says so in the tooltip when copies are off', () => {
		expect(statusLabel('view-only', 0, false).long).toBe('View only');
		expect(statusTitle('saved', 0, true)).toMatch(/Offline copies are off/);
		expect(statusTitle('saving', 2, false)).toBe('Sending 2 changes to the server');
	});
	test('changesText pluralizes', () => {
		expect(changesText(1)).toBe('1 change');
		expect(changesText(0)).toBe('0 changes');
	});
});

describe('app shell', () => {
	test('board pages fall back to the board shell, home to home, nothing else', () => {
		expect(shellFor('/b/AbC_123')).toBe(BOARD_SHELL_PATH);
		expect(shellFor('/')).toBe('/');
		expect(shellFor('/b/AbC/present')).toBeNull();
		expect(shellFor('/api/boards')).toBeNull();
	});
	test('the board and token come from the address', () => {
		expect(boardOfUrl(new URL('http://x/b/abc?token=t1'))).toEqual({ boardId: 'abc', token: 't1' });
		expect(boardOfUrl(new URL('http://x/b/abc'))).toEqual({ boardId: 'abc', token: undefined });
		expect(boardOfUrl(new URL('http://x/api/boards'))).toBeNull();
		expect(boardOfUrl(new URL('http://x/b/%E0%A4%A'))).toBeNull();
	});
});
