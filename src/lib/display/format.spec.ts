import { describe, expect, it } from 'vitest';
import { acceptedLocale, monthLabel, money, relativeTime } from './format.ts';

describe('acceptedLocale', () => {
	it('takes the first language of an Accept-Language header, canonicalised', () => {
		expect(acceptedLocale('zh-cn,zh;q=0.9,en;q=0.8')).toBe('zh-CN');
		expect(acceptedLocale('de-DE')).toBe('de-DE');
		expect(acceptedLocale(' en-us ;q=1')).toBe('en-US');
	});
	it('gives undefined for missing, wildcard or malformed headers', () => {
		expect(acceptedLocale(undefined)).toBeUndefined();
		expect(acceptedLocale('')).toBeUndefined();
		expect(acceptedLocale('*')).toBeUndefined();
		expect(acceptedLocale('not a locale!')).toBeUndefined();
	});
});

describe('money', () => {
	it('formats in the given locale, so the server render matches the browser', () => {
		expect(money(2_500_000, 'CNY', false, 'en-US')).toBe('¥25,000');
		expect(money(2_500_000, 'CNY', false, 'zh-CN')).toBe('¥25,000');
		expect(money(2_500_050, 'EUR', false, 'de-DE')).toBe('25.000,50\u00a0€');
	});
});

describe('one currency style in both languages', () => {
	it('names the yuan ¥ in English and Chinese, and abbreviates large amounts the locale’s way', () => {
		expect(money(30_500_000, 'CNY', true, 'zh-CN')).toBe('¥30.5万');
		expect(money(30_500_000, 'CNY', true, 'en-US')).toBe('¥305K');
		expect(money(1_000_000_000, 'CNY', false, 'zh-CN')).toBe('¥10,000,000');
		expect(money(1_000_000_000, 'CNY', false, 'en-US')).not.toContain('CN');
	});
});

describe('monthLabel', () => {
	it('names months in the display locale', () => {
		expect(monthLabel('2026-12', false, 'zh-CN')).toBe('2026年12月');
		expect(monthLabel('2026-12', true, 'zh-CN')).toBe('26年12月');
		expect(monthLabel('2026-12', false, 'en-US')).toBe('Dec 2026');
		expect(monthLabel('2026-12', true, 'en-US')).toBe('Dec ’26');
		expect(monthLabel('2026-13', false, 'zh-CN')).toBe('2026-13');
	});
});

describe('relativeTime', () => {
	it('reads in the UI language (English outside a request)', () => {
		const now = Date.UTC(2026, 11, 4, 12);
		expect(relativeTime(now - 10_000, now)).toBe('just now');
		expect(relativeTime(now - 5 * 60_000, now)).toBe('5 min ago');
		expect(relativeTime(now - 86_400_000, now)).toBe('1 day ago');
		expect(relativeTime(now - 3 * 86_400_000, now)).toBe('3 days ago');
	});
});
