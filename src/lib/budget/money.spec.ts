import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { currencyDigits, formatMoney, isCurrencyCode, minorToDecimal } from './money.ts';
import { parseMoney } from './typed-money.ts';

describe('money helpers', () => {
	it('knows minor-unit digits from Intl', () => {
		expect(currencyDigits('CNY')).toBe(2);
		expect(currencyDigits('JPY')).toBe(0);
		expect(currencyDigits('KWD')).toBe(3);
		expect(() => currencyDigits('nope')).toThrow(RangeError);
		expect(isCurrencyCode('EUR')).toBe(true);
		expect(isCurrencyCode('eur')).toBe(false);
		expect(isCurrencyCode('EURO')).toBe(false);
	});

	it('formats integer minor units exactly', () => {
		expect(formatMoney(1_000_000_000, 'CNY', 'en-US')).toBe('CN¥10,000,000.00');
		expect(formatMoney(-5, 'USD', 'en-US')).toBe('-$0.05');
		expect(formatMoney(1234, 'JPY', 'en-US')).toBe('¥1,234');
		expect(formatMoney(1_000_000_000, 'CNY', 'zh-CN')).toBe('¥10,000,000.00');
		expect(formatMoney(Number.MAX_SAFE_INTEGER, 'USD', 'en-US')).toBe('$90,071,992,547,409.91');
		expect(formatMoney(1_000_000_000, 'CNY', 'en-US', { notation: 'compact' })).toBe('CN¥10M');
		expect(formatMoney(123_456, 'EUR', 'en-US', { fraction: false })).toBe('€1,235');
		expect(minorToDecimal(7, 'KWD')).toBe('0.007');
		expect(() => formatMoney(1.5, 'USD')).toThrow(RangeError);
	});

	it('parses typed amounts into minor units', () => {
		expect(parseMoney('10,000,000.00', 'CNY')).toBe(1_000_000_000);
		expect(parseMoney('¥1 000', 'CNY')).toBe(100_000);
		expect(parseMoney('CNY 12.5', 'CNY')).toBe(1250);
		expect(parseMoney('-3', 'USD')).toBe(-300);
		expect(parseMoney('-$3.10', 'USD')).toBe(-310);
		expect(parseMoney('.5', 'USD')).toBe(50);
		expect(parseMoney('1234', 'JPY')).toBe(1234);
		expect(parseMoney('1.5', 'JPY')).toBeNull(); // yen has no minor unit
		expect(parseMoney('1.234', 'USD')).toBeNull();
		expect(parseMoney('1.2.3', 'USD')).toBeNull();
		expect(parseMoney('abc', 'USD')).toBeNull();
		expect(parseMoney('', 'USD')).toBeNull();
		expect(parseMoney('1e5', 'USD')).toBeNull();
		expect(parseMoney('99999999999999999', 'USD')).toBeNull();
		expect(parseMoney('1.234,56 €', 'EUR', 'de-DE')).toBe(123_456);
	});

	it('parse(format(x)) = x for any safe amount', () => {
		fc.assert(
			fc.property(fc.integer({ min: -1e15, max: 1e15 }), fc.constantFrom('CNY', 'JPY', 'KWD', 'USD'), fc.constantFrom('en-US', 'de-DE', 'zh-CN'), (x, cur, loc) => {
				expect(parseMoney(formatMoney(x, cur, loc), cur, loc)).toBe(x);
			}),
			{ numRuns: 200 }
		);
	});
});
