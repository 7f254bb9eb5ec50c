/**
 * Paraglide's compiled registry (src/lib/paraglide/registry.js, generated) builds a new
 * Intl.PluralRules / NumberFormat / DateTimeFormat / RelativeTimeFormat on every call of a plural
 * or formatted message. Building one costs ~0.2 ms; the budget bar and the zone headers call seven
 * plural messages after every remote cost edit (issue 20: 1.2 ms of a 4 ms budget). This Vite
 * plugin rewrites those constructions in that one file to reuse a formatter per constructor,
 * locale and options. Output is identical (formatters are stateless); if Paraglide's output
 * changes shape, nothing matches, the file is left as it was and the build warns, so the lost
 * cache does not go unnoticed.
 */
import type { Plugin } from 'vite';

const CONSTRUCTION = /new Intl\.(PluralRules|NumberFormat|DateTimeFormat|RelativeTimeFormat)\(/g;

/** The helper prepended to the rewritten file. */
const HELPER = `
const __gwIntlCache = new Map();
function __gwIntl(Ctor, locale, options) {
	const key = Ctor.name + '|' + String(locale) + '|' + (options === undefined ? '' : JSON.stringify(options));
	let formatter = __gwIntlCache.get(key);
	if (!formatter) {
		if (__gwIntlCache.size >= 256) __gwIntlCache.clear();
		formatter = new Ctor(locale, options);
		__gwIntlCache.set(key, formatter);
	}
	return formatter;
}
`;

/** `code` with every `new Intl.X(locale, options)` turned into a cached lookup; unchanged when there is none. */
export function cacheIntlConstructions(code: string): string {
	if (!CONSTRUCTION.test(code)) return code;
	CONSTRUCTION.lastIndex = 0;
	return HELPER + code.replace(CONSTRUCTION, (_all, name: string) => `__gwIntl(Intl.${name}, `);
}

/** Vite plugin: applies {@link cacheIntlConstructions} to Paraglide's compiled registry. */
export function paraglideIntlCache(): Plugin {
	return {
		name: 'groundwork:paraglide-intl-cache',
		transform(code, id) {
			if (!/[\\/]paraglide[\\/]registry\.js$/.test(id.split('?')[0])) return null;
			const out = cacheIntlConstructions(code);
			if (out === code) {
				this.warn('Paraglide registry.js has no `new Intl.X(` left to cache: its output changed shape, plural messages build a formatter per call again');
				return null;
			}
			return { code: out, map: null };
		}
	};
}
