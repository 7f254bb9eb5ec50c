/**
 * Money as people type it, read into exact integer minor units: `45000`, `1,200,000`, `4.5万`,
 * `1.2亿`, `3千万`, `2w`, `30k`, `2.5M`, `１２０万` (full-width), `￥8,000`, `¥30.5万`, `CN¥1,000`,
 * `4.5万元`, `8，000。50` (Chinese punctuation), `-$3.10`, `1.234,56 €` (in de-DE).
 *
 * Decisions (what a person typing an amount expects; nothing is ever stored as something else):
 * - The value is computed on digit strings and BigInt: `4.5万` is 45000 × the minor unit exactly.
 * - Scales: 十 百 千 万 亿 and their combinations (`千万` = 10⁷, `万亿` = 10¹²); `w`/`W` = 万 (the
 *   common Chinese shorthand, `2w`); `k` thousand, `m` million, `b`/`bn` billion, `t` trillion
 *   (either case, as Intl's compact English notation writes them).
 * - Currency marks must be the amount's own currency: its ISO code (any case), the symbols Intl
 *   gives it in en, zh-CN and the reading locale, plus `元`/`块`/`人民币`/`RMB` for CNY. Another
 *   currency's mark is refused (`$5` is not CNY).
 * - Grouping separators must sit where grouping goes (`1,200,000`, or Indian `12,00,000`): `12,50`
 *   is refused rather than read as 1250. Spaces, `'`, `’` and `_` are ignored.
 * - More fraction digits than the currency has are refused, never rounded — unless the extra
 *   digits are zeros (`1.50` yen is refused, `1.00` yen is 1). After a scale, the fraction counts
 *   after scaling (`1.23456万` = 12345.6 is fine in CNY).
 * - Chinese numerals (`四万五`) and anything else not understood are refused with a reason.
 *
 * Pure: no DOM, Svelte or Yjs.
 */
import type { Money } from '../model/types.ts';
import { currencyDigits } from './money.ts';

/** What reading typed money gave: exact minor units, or a sentence saying why not. */
export type TypedMoneyResult = { ok: true; value: Money } | { ok: false; reason: string; why: TypedMoneyRefusal };

/**
 * Why typed text was refused, as data, so the UI can say it in its own language (`reason` is the
 * English sentence). `shown` is the text as typed (trimmed), `mark` a foreign currency sign.
 */
export type TypedMoneyRefusal =
	| { code: 'empty' }
	| { code: 'other-currency'; shown: string; other: string; currency: string }
	| { code: 'foreign-sign'; mark: string; currency: string }
	| { code: 'chinese-numerals' }
	| { code: 'not-an-amount'; shown: string }
	| { code: 'too-precise'; currency: string; digits: number }
	| { code: 'too-large' }
	| { code: 'negative' };

/** Options of {@link parseTypedMoney}. */
export interface TypedMoneyOptions {
	/** Locale whose decimal and grouping separators apply (default: `.` decimal, `,` group). */
	locale?: string;
	/** Accept negative amounts (default true). */
	allowNegative?: boolean;
}

/** Powers of ten of the scale words, longest first so `千万` wins over `千`. */
const SCALES: readonly (readonly [string, number])[] = [
	['万亿', 12],
	['十万', 5],
	['百万', 6],
	['千万', 7],
	['十亿', 9],
	['百亿', 10],
	['千亿', 11],
	['十', 1],
	['百', 2],
	['千', 3],
	['万', 4],
	['亿', 8],
	['bn', 9],
	['w', 4],
	['k', 3],
	['m', 6],
	['b', 9],
	['t', 12]
];

const SCALE_POWER = new Map(SCALES.map(([word, power]) => [word, power]));

/** Extra words for the yuan, beyond what Intl gives. */
const CNY_WORDS = ['元', '块', '人民币', 'rmb'];

/** Currency symbols people type that should be named as "another currency" when they do not belong. */
const FOREIGN_MARKS = /[$€£¥₩₹₽₺₫฿₱₪]/u;

const CHINESE_NUMERALS = /[零〇一二两三四五六七八九壹贰叁肆伍陆柒捌玖拾佰仟]/u;

interface Reader {
	pattern: RegExp;
	group: string;
	decimal: string;
	marks: readonly string[];
}

const readers = new Map<string, Reader>();

function escapeRegExp(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function separators(locale: string | undefined): { group: string; decimal: string } {
	if (!locale) return { group: ',', decimal: '.' };
	const parts = new Intl.NumberFormat(locale).formatToParts(11111.5);
	const decimal = parts.find((p) => p.type === 'decimal')?.value ?? '.';
	let group = parts.find((p) => p.type === 'group')?.value ?? ',';
	// spaces (fr's U+202F, U+00A0) and apostrophes (de-CH) are dropped before reading anyway
	if (/[\s'’]/u.test(group)) group = '';
	return { group, decimal };
}

function currencyMarks(currency: string, locale: string | undefined): string[] {
	const marks = new Set<string>([currency.toLowerCase()]);
	for (const loc of ['en', 'zh-CN', ...(locale ? [locale] : [])]) {
		for (const currencyDisplay of ['symbol', 'narrowSymbol'] as const) {
			const part = new Intl.NumberFormat(loc, { style: 'currency', currency, currencyDisplay })
				.formatToParts(1)
				.find((p) => p.type === 'currency')?.value;
			if (part) marks.add(normalizeTyped(part).toLowerCase());
		}
	}
	if (currency === 'CNY') for (const word of CNY_WORDS) marks.add(word);
	return [...marks].sort((a, b) => b.length - a.length);
}

function readerFor(currency: string, locale: string | undefined): Reader {
	const key = `${currency}|${locale ?? ''}`;
	let reader = readers.get(key);
	if (reader) return reader;
	const { group, decimal } = separators(locale);
	const marks = currencyMarks(currency, locale);
	const mark = `(?:${marks.map(escapeRegExp).join('|')})`;
	const scale = `(?:${SCALES.map(([w]) => escapeRegExp(w)).join('|')})`;
	const numberChars = `[0-9${escapeRegExp(group)}${escapeRegExp(decimal)}]+`;
	const pattern = new RegExp(
		`^([-+])?${mark}?([-+])?(${numberChars})(${scale})?${mark}?$`,
		'u'
	);
	reader = { pattern, group, decimal, marks };
	if (readers.size >= 64) readers.clear();
	readers.set(key, reader);
	return reader;
}

/**
 * Typed text in one canonical shape: full-width forms folded (NFKC: `１２０` → `120`, `，` → `,`,
 * `．` → `.`, `￥` → `¥`), the ideographic full stop `。` read as a decimal point, the minus sign
 * `−` as `-`, spaces, apostrophes and underscores removed, letters lower-cased.
 */
function normalizeTyped(text: string): string {
	return text
		.normalize('NFKC')
		.replace(/[。｡]/gu, '.')
		.replace(/[−–]/gu, '-')
		.replace(/[\s'’_]/gu, '')
		.toLowerCase();
}

const GROUPED = [/^\d{1,3}(?:G\d{3})+$/, /^\d{1,2}(?:G\d{2})*G\d{3}$/];

function groupingIsValid(whole: string, group: string): boolean {
	if (!group || !whole.includes(group)) return true;
	const shape = whole.split(group).join('G');
	return GROUPED.some((re) => re.test(shape));
}

function refuse(reason: string, why: TypedMoneyRefusal): TypedMoneyResult {
	return { ok: false, reason, why };
}

function notUnderstood(typed: string, normalized: string, currency: string, marks: readonly string[]): TypedMoneyResult {
	const shown = typed.trim();
	const codes = typed.match(/\b[A-Za-z]{3}\b/g) ?? [];
	for (const code of codes) {
		const upper = code.toUpperCase();
		if (upper !== currency && /^[A-Z]{3}$/.test(code) && upper !== 'RMB') {
			return refuse(`“${shown}” is in ${upper}, but amounts here are in ${currency}`, { code: 'other-currency', shown, other: upper, currency });
		}
	}
	const foreign = FOREIGN_MARKS.exec(normalized);
	if (foreign && !marks.some((m) => m.includes(foreign[0]))) {
		return refuse(`“${foreign[0]}” is not a ${currency} sign: amounts here are in ${currency}`, { code: 'foreign-sign', mark: foreign[0], currency });
	}
	if (CHINESE_NUMERALS.test(normalized)) {
		return refuse(`Write the number in digits, e.g. 4.5万 or 45,000`, { code: 'chinese-numerals' });
	}
	return refuse(`“${shown}” is not an amount. Type e.g. 45,000, 4.5万 or 30k`, { code: 'not-an-amount', shown });
}

/**
 * Read an amount a person typed into exact integer minor units of `currency` (see the module
 * comment for every accepted form). Never rounds and never guesses: anything not understood, a
 * fraction finer than the currency's minor unit, a negative amount when `allowNegative` is false,
 * or more than Number.MAX_SAFE_INTEGER minor units gives `{ ok: false, reason }`.
 * Throws RangeError only for a malformed currency code.
 */
export function parseTypedMoney(text: string, currency: string, options: TypedMoneyOptions = {}): TypedMoneyResult {
	const minorDigits = currencyDigits(currency);
	if (typeof text !== 'string' || text.trim() === '') return refuse('Enter an amount', { code: 'empty' });
	const reader = readerFor(currency, options.locale);
	const normalized = normalizeTyped(text);
	const match = reader.pattern.exec(normalized);
	if (!match || (match[1] && match[2])) return notUnderstood(text, normalized, currency, reader.marks);
	const negative = (match[1] ?? match[2]) === '-';
	const number = match[3];
	const power = match[4] ? (SCALE_POWER.get(match[4]) ?? 0) : 0;

	const pieces = number.split(reader.decimal);
	if (pieces.length > 2) return notUnderstood(text, normalized, currency, reader.marks);
	const [whole, fraction = ''] = pieces;
	if (!/^\d*$/.test(fraction) || !groupingIsValid(whole, reader.group)) {
		return notUnderstood(text, normalized, currency, reader.marks);
	}
	const wholeDigits = reader.group ? whole.split(reader.group).join('') : whole;
	if (!/^\d*$/.test(wholeDigits) || wholeDigits + fraction === '') {
		return notUnderstood(text, normalized, currency, reader.marks);
	}

	// value = digits × 10^(power + minorDigits − fraction.length), exactly
	const digits = wholeDigits + fraction;
	const exponent = power + minorDigits - fraction.length;
	let minor: bigint;
	if (exponent >= 0) {
		minor = BigInt(digits) * 10n ** BigInt(exponent);
	} else {
		const dropped = digits.slice(digits.length + exponent);
		if (/[1-9]/.test(dropped)) {
			return refuse(
				minorDigits === 0
					? `${currency} amounts have no decimal places`
					: `${currency} amounts have at most ${minorDigits} decimal place${minorDigits === 1 ? '' : 's'}`,
				{ code: 'too-precise', currency, digits: minorDigits }
			);
		}
		minor = BigInt(digits.slice(0, digits.length + exponent) || '0');
	}
	if (minor > BigInt(Number.MAX_SAFE_INTEGER)) return refuse('That amount is too large', { code: 'too-large' });
	const value = Number(minor);
	if (negative && value !== 0) {
		if (options.allowNegative === false) return refuse('The amount cannot be negative', { code: 'negative' });
		return { ok: true, value: -value };
	}
	return { ok: true, value };
}

/**
 * {@link parseTypedMoney} as a value or null: integer minor units of `currency`, or null for
 * anything it refuses. `locale` sets the decimal and grouping separators.
 */
export function parseMoney(text: string, currency: string, locale?: string): Money | null {
	if (typeof text !== 'string') return null;
	const result = parseTypedMoney(text, currency, { locale });
	return result.ok ? result.value : null;
}
