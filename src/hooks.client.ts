import { defineCustomClientStrategy } from '$lib/paraglide/runtime.js';
import { chineseFrom } from '$lib/i18n/chinese.ts';

/** Any Chinese browser language picks 简体中文 (see i18n.config.js); the choice itself lives in the cookie. */
defineCustomClientStrategy('custom-chinese', {
	getLocale: () => chineseFrom(typeof navigator === 'undefined' ? [] : (navigator.languages ?? [navigator.language])),
	setLocale: () => {}
});
