import { describe, expect, it } from 'vitest';
import { acceptedLocale, money } from './format.ts';

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
		expect(money(2_500_000, 'CNY', false, 'en-US')).toBe('CN¥25,000');
		expect(money(2_500_000, 'CNY', false, 'zh-CN')).toBe('¥25,000');
		expect(money(2_500_050, 'EUR', false, 'de-DE')).toBe('25.000,50\u00a0€');
	});
});
