import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter({ out: 'build' }),
		// stylesheets go inline into the HTML: the server-rendered board paints without waiting for them
		inlineStyleThreshold: 64 * 1024
	}
};

export default config;
