import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { cacheIntlConstructions } from './intl-cache.ts';

// references built directly (importing the registry here would go through the plugin itself)
const plural = (locale: string, n: number, options?: Intl.PluralRulesOptions) => new Intl.PluralRules(locale, options).select(n);
const number = (locale: string, n: number, options?: Intl.NumberFormatOptions) => new Intl.NumberFormat(locale, options).format(n);

/** Runs transformed registry code (its `export`s dropped) and returns its functions. */
function load(code: string): Record<string, (...args: unknown[]) => string> {
	const body = cacheIntlConstructions(code).replace(/export function (\w+)/g, 'exports.$1 = function $1');
	const exports: Record<string, (...args: unknown[]) => string> = {};
	new Function('exports', body)(exports);
	return exports;
}

describe('cacheIntlConstructions', () => {
	const registry = readFileSync(new URL('../src/lib/paraglide/registry.js', import.meta.url), 'utf8');

	it('rewrites every Intl construction in the compiled Paraglide registry', () => {
		expect(registry).toMatch(/new Intl\.PluralRules\(/); // the shape this plugin expects
		const out = cacheIntlConstructions(registry);
		expect(out).not.toMatch(/new Intl\.(PluralRules|NumberFormat|DateTimeFormat|RelativeTimeFormat)\(locale/);
		expect(out).toContain('__gwIntl(Intl.PluralRules, ');
	});

	it('gives the same results as the registry it rewrote (English and Chinese, 4.5万)', () => {
		const cached = load(registry);
		for (const locale of ['en', 'zh-CN']) {
			for (const count of [0, 1, 2, 45000]) expect(cached.plural(locale, count)).toBe(plural(locale, count));
			expect(cached.plural(locale, 1, { type: 'ordinal' })).toBe(plural(locale, 1, { type: 'ordinal' }));
			expect(cached.number(locale, 45000, { notation: 'compact' })).toBe(number(locale, 45000, { notation: 'compact' }));
			// a cached formatter is not reused across options
			expect(cached.number(locale, 45000.5, { maximumFractionDigits: 1 })).toBe(number(locale, 45000.5, { maximumFractionDigits: 1 }));
		}
		expect(cached.number('zh-CN', 45000, { notation: 'compact' })).toBe('4.5万');
	});

	it('leaves code without Intl constructions alone', () => {
		const code = 'export const x = 1;';
		expect(cacheIntlConstructions(code)).toBe(code);
	});
});
