import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter({ out: 'build' }),
		// stylesheets go inline into the HTML: the server-rendered board paints without waiting for them
		inlineStyleThreshold: 64 * 1024,
		// No inline script runs but SvelteKit's own (with this response's nonce) and the board page's
		// placing script (its hash is added in hooks.server.ts, with frame-ancestors from the env).
		// Styles may be inline (the inlined stylesheet, style attributes); sockets go to this origin.
		csp: {
			mode: 'nonce',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:', 'blob:'],
				'font-src': ['self', 'data:'],
				'connect-src': ['self'],
				'object-src': ['none'],
				'base-uri': ['none'],
				'form-action': ['self']
			}
		}
	}
};

export default config;
