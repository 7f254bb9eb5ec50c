/**
 * Paraglide JS compiler options, shared by the Vite plugin (dev, build, Vitest) and
 * scripts/compile-messages.js (run by `npm run check` before svelte-check, which does not start Vite).
 * The compiled output (src/lib/paraglide) is generated, never committed.
 *
 * Language: a choice made in Settings (cookie, so the server renders it too), else the browser's
 * languages (Accept-Language / navigator.languages), else any Chinese variant (zh, zh-TW → zh-CN),
 * else English.
 */
/** @type {import('@inlang/paraglide-js').CompilerOptions} */
export const paraglideOptions = {
	project: './project.inlang',
	outdir: './src/lib/paraglide',
	strategy: ['cookie', 'preferredLanguage', 'custom-chinese', 'baseLocale'],
	cookieName: 'gw-lang',
	emitGitIgnore: false,
	emitPrettierIgnore: false,
	emitReadme: false
};
