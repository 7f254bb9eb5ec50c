/**
 * The UI language: Paraglide's locale ('en' | 'zh-CN') and what components need around it.
 * Messages themselves come from `$lib/paraglide/messages.js` (compiled from messages/*.json).
 */
import { getLocale, locales, setLocale, type Locale } from '$lib/paraglide/runtime.js';

export type { Locale };
export { locales };

/** The UI language now (per request on the server, per document in the browser). */
export function uiLocale(): Locale {
	return getLocale();
}

/** The locale Intl formats with: the UI language ('en' shows as en-US). */
export function intlLocale(locale: Locale = getLocale()): string {
	return locale === 'en' ? 'en-US' : locale;
}

/** Each language named in itself, for the Settings picker. */
export const LANGUAGE_NAMES: Readonly<Record<Locale, string>> = { en: 'English', 'zh-CN': '简体中文' };

/**
 * Switch the UI language: remembered in a cookie (the server renders the next page in it) and the
 * page reloads, so every label, month and amount is drawn again in the new language.
 */
export function switchLanguage(locale: Locale): void {
	void setLocale(locale);
}
