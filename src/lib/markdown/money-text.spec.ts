import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatMoneyText, parseMoneyText } from './money-text.ts';

describe('money in markdown', { timeout: 60_000 }, () => {
	it('formats in en-US with the code after the amount, at the currency precision', () => {
		expect(formatMoneyText(1_000_000_000, 'CNY')).toBe('10,000,000.00 CNY');
		expect(formatMoneyText(-5, 'USD')).toBe('-0.05 USD');
		expect(formatMoneyText(1234, 'JPY')).toBe('1,234 JPY');
		expect(formatMoneyText(1234, 'KWD')).toBe('1.234 KWD');
	});

	it('parses every formatted safe integer back exactly', () => {
		fc.assert(
			fc.property(
				fc.oneof(fc.maxSafeNat(), fc.nat(10_000)),
				fc.constantFrom('CNY', 'JPY', 'KWD', 'EUR'),
				(minor, currency) => {
					expect(parseMoneyText(formatMoneyText(minor, currency), currency)).toEqual({ ok: true, value: minor });
				}
			),
			{ numRuns: 300 }
		);
	});

	it('reads what people type and refuses other currencies or extra decimals', () => {
		expect(parseMoneyText('10000000', 'CNY')).toEqual({ ok: true, value: 1_000_000_000 });
		expect(parseMoneyText('CNY 1,000.5', 'CNY')).toEqual({ ok: true, value: 100_050 });
		expect(parseMoneyText('¥1 000', 'CNY')).toEqual({ ok: true, value: 100_000 });
		expect(parseMoneyText('5 USD', 'CNY')).toMatchObject({ ok: false, reason: expect.stringContaining('is in USD') });
		expect(parseMoneyText('1.5', 'JPY')).toMatchObject({ ok: false, reason: expect.stringContaining('at most 0 decimal places') });
		expect(parseMoneyText('', 'CNY')).toEqual({ ok: false, reason: 'no amount given' });
	});
});
