/** Compiles messages/*.json to src/lib/paraglide (for svelte-check, which runs without Vite). */
import { compile } from '@inlang/paraglide-js';
import { paraglideOptions } from '../i18n.config.js';

await compile(paraglideOptions);
