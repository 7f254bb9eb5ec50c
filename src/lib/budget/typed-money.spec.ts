import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { currencyDigits, formatMoney } from './money.ts';
import { parseMoney, parseTypedMoney } from './typed-money.ts';
import { money, moneyInputText } from '../display/format.ts';

const cny = (text: string, locale?: string) => parseTypedMoney(text, 'CNY', { locale });

describe('parseTypedMoney: what people type', () => {
	it('reads Chinese and English scales exactly', () => {
		expect(cny('4.5万')).toEqual({ ok: true, value: 4_500_000 });
		expect(cny('1.2亿')).toEqual({ ok: true, value: 12_000_000_000 });
		expect(cny('3千万')).toEqual({ ok: true, value: 3_000_000_000 });
		expect(cny('5百万')).toEqual({ ok: true, value: 500_000_000 });
		expect(cny('2千')).toEqual({ ok: true, value: 200_000 });
		expect(cny('2w')).toEqual({ ok: true, value: 2_000_000 });
		expect(cny('30k')).toEqual({ ok: true, value: 3_000_000 });
		expect(cny('30K')).toEqual({ ok: true, value: 3_000_000 });
		expect(cny('2.5M')).toEqual({ ok: true, value: 250_000_000 });
		expect(cny('1.5B')).toEqual({ ok: true, value: 150_000_000_000 });
		expect(cny('1.23456万')).toEqual({ ok: true, value: 1_234_560 });
		expect(cny('0.1万')).toEqual({ ok: true, value: 100_000 });
	});

	it('reads grouping, full-width digits, currency marks and Chinese punctuation', () => {
		expect(cny('1,200,000')).toEqual({ ok: true, value: 120_000_000 });
		expect(cny('１２０万')).toEqual({ ok: true, value: 120_000_000 });
		expect(cny('４５０００')).toEqual({ ok: true, value: 4_500_000 });
		expect(cny('￥8,000')).toEqual({ ok: true, value: 800_000 });
		expect(cny('¥30.5万')).toEqual({ ok: true, value: 30_500_000 });
		expect(cny('CN¥1,000')).toEqual({ ok: true, value: 100_000 });
		expect(cny('cny 1000')).toEqual({ ok: true, value: 100_000 });
		expect(cny('4.5万元')).toEqual({ ok: true, value: 4_500_000 });
		expect(cny('人民币 8000 元')).toEqual({ ok: true, value: 800_000 });
		expect(cny('8，000。50')).toEqual({ ok: true, value: 800_050 });
		expect(cny('4．5万')).toEqual({ ok: true, value: 4_500_000 });
		expect(cny(' 1 200 000 ')).toEqual({ ok: true, value: 120_000_000 });
		expect(cny('12,00,000')).toEqual({ ok: true, value: 120_000_000 });
		expect(cny('-¥3')).toEqual({ ok: true, value: -300 });
		expect(cny('¥-3')).toEqual({ ok: true, value: -300 });
		expect(cny('−3')).toEqual({ ok: true, value: -300 });
		expect(cny('1.234,56 ¥', 'de-DE')).toEqual({ ok: true, value: 123_456 });
		expect(parseTypedMoney('$1,234.5', 'USD')).toEqual({ ok: true, value: 123_450 });
		expect(parseTypedMoney('1.00', 'JPY')).toEqual({ ok: true, value: 1 });
	});

	it('refuses what it does not understand, with a reason', () => {
		const refused = (text: string, currency = 'CNY', allowNegative = true) => {
			const result = parseTypedMoney(text, currency, { allowNegative });
			expect(result.ok, text).toBe(false);
			return result.ok ? '' : result.reason;
		};
		expect(refused('')).toBe('Enter an amount');
		expect(refused('abc')).toContain('is not an amount');
		expect(refused('4.5x')).toContain('is not an amount');
		expect(refused('4.5万万')).toContain('is not an amount');
		expect(refused('1e5')).toContain('is not an amount');
		expect(refused('1.2.3')).toContain('is not an amount');
		expect(refused('12,50')).toContain('is not an amount');
		expect(refused('1,2345')).toContain('is not an amount');
		expect(refused('--3')).toContain('is not an amount');
		expect(refused('四万五')).toContain('in digits');
		expect(refused('$5')).toContain('not a CNY sign');
		expect(refused('5 USD')).toContain('is in USD');
		expect(refused('1.234')).toContain('at most 2 decimal places');
		expect(refused('1.2345678万')).toContain('at most 2 decimal places');
		expect(refused('1.5', 'JPY')).toContain('no decimal places');
		expect(refused('99999999999999999')).toContain('too large');
		expect(refused('-5', 'CNY', false)).toBe('The amount cannot be negative');
		expect(parseTypedMoney('-0', 'CNY', { allowNegative: false })).toEqual({ ok: true, value: 0 });
	});

	it('scaled forms are exact: n万 / n亿 / nk / nM are n × 10^k minor units', () => {
		const scales = [
			['万', 4],
			['亿', 8],
			['千万', 7],
			['w', 4],
			['k', 3],
			['M', 6]
		] as const;
		fc.assert(
			fc.property(
				fc.bigInt({ min: 0n, max: 10n ** 7n }),
				fc.integer({ min: 0, max: 4 }),
				fc.constantFrom(...scales),
				fc.constantFrom('CNY', 'JPY', 'KWD'),
				(digits, fractionLength, [word, power], currency) => {
					const raw = digits.toString().padStart(fractionLength + 1, '0');
					const text = fractionLength
						? `${raw.slice(0, raw.length - fractionLength)}.${raw.slice(raw.length - fractionLength)}${word}`
						: `${raw}${word}`;
					const exponent = power + currencyDigits(currency) - fractionLength;
					const result = parseTypedMoney(text, currency);
					if (exponent >= 0) {
						const expected = digits * 10n ** BigInt(exponent);
						if (expected <= BigInt(Number.MAX_SAFE_INTEGER)) {
							expect(result).toEqual({ ok: true, value: Number(expected) });
						}
					} else {
						const divisor = 10n ** BigInt(-exponent);
						if (digits % divisor === 0n) expect(result).toEqual({ ok: true, value: Number(digits / divisor) });
						else expect(result.ok).toBe(false);
					}
				}
			),
			{ numRuns: 400 }
		);
	});

	it("every amount the app's formatters show parses back to the same integer, in zh-CN and en", () => {
		fc.assert(
			fc.property(
				fc.integer({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }),
				fc.constantFrom('CNY', 'USD', 'JPY', 'KWD', 'EUR'),
				fc.constantFrom('zh-CN', 'en', 'en-US'),
				(minor, currency, locale) => {
					const full = formatMoney(minor, currency, locale);
					expect(parseMoney(full, currency, locale), full).toBe(minor);
					expect(parseMoney(full, currency), full).toBe(minor);
					const shown = money(minor, currency, false, locale);
					expect(parseMoney(shown, currency, locale), shown).toBe(minor);
				}
			),
			{ numRuns: 500 }
		);
	});

	it('the money field shows what it reads back', () => {
		fc.assert(
			fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), fc.constantFrom('CNY', 'JPY', 'KWD'), (minor, currency) => {
				// moneyInputText uses the display locale (en-US under Node)
				expect(parseTypedMoney(moneyInputText(minor, currency), currency, { locale: 'en-US' })).toEqual({ ok: true, value: minor });
			}),
			{ numRuns: 300 }
		);
	});

	it('compact figures (¥1000万, CN¥10M) read back to the amount they show', () => {
		for (const [minor, locale] of [
			[1_000_000_000, 'zh-CN'],
			[12_000_000_000, 'zh-CN'],
			[1_000_000_000, 'en'],
			[250_000_000, 'en'],
			[4_500_000, 'zh-CN']
		] as const) {
			const compact = formatMoney(minor, 'CNY', locale, { notation: 'compact' });
			expect(parseMoney(compact, 'CNY', locale), compact).toBe(minor);
		}
	});
});
