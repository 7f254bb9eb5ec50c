import { defineConfig } from '@playwright/test';
import { existsSync } from 'node:fs';

const chromium = '/usr/bin/chromium';

/** Playwright drives the system Chromium; its own browser download does not work on our machines. */
export default defineConfig({
	testDir: 'tests/e2e',
	timeout: 60_000,
	// CI machines are shared: a step that takes 50 ms when quiet has taken seconds in a busy spell
	expect: { timeout: 10_000 },
	fullyParallel: false,
	workers: 1,
	retries: 0,
	reporter: process.env.CI ? 'line' : 'list',
	use: {
		headless: true,
		viewport: { width: 1400, height: 900 },
		launchOptions: {
			executablePath: existsSync(chromium) ? chromium : undefined,
			args: [
				'--no-sandbox',
				'--disable-gpu',
				'--disable-quic',
				'--no-first-run',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync'
			]
		}
	}
});
