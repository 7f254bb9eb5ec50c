import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';
import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { groundworkDevServer } from './server/vite-plugin.ts';
import { paraglideOptions } from './i18n.config.js';
import { paraglideIntlCache } from './scripts/intl-cache.ts';

export default defineConfig({
	plugins: [paraglideVitePlugin(paraglideOptions), paraglideIntlCache(), sveltekit(), groundworkDevServer()],
	resolve: { dedupe: ['yjs', 'y-protocols', 'lib0', '@tiptap/pm', '@tiptap/core'] },
	test: {
		projects: [
			{
				extends: true,
				test: {
					name: 'unit',
					include: ['src/**/*.spec.ts', 'server/**/*.spec.ts', 'scripts/**/*.spec.ts'],
					environment: 'node',
					// specs with real sockets and the store's worker thread took 6–8 s in a CI run on a busy
					// two-core machine (the whole unit run 13x slower than usual); 5 s failed them
					testTimeout: 30_000,
					hookTimeout: 30_000
				}
			},
			{
				extends: true,
				test: {
					name: 'integration',
					include: ['tests/integration/**/*.test.ts'],
					environment: 'node',
					testTimeout: 60_000,
					hookTimeout: 60_000,
					fileParallelism: false
				}
			}
		]
	}
});
