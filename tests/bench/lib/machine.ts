/** Describes the machine a run happened on, for the table header and the README. */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cpus, release, totalmem, type } from 'node:os';

/** CPU model, logical cores, RAM (bytes), OS and runtime versions. */
export interface MachineInfo {
	readonly cpu: string;
	readonly cores: number;
	readonly memoryBytes: number;
	readonly os: string;
	readonly node: string;
	/** Version string of the Chromium used by the browser scenario, or null when absent. */
	readonly chromium: string | null;
}

/** Path of the system Chromium the browser scenario drives (as in playwright.config.ts). */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/** Reads the machine description (spawns `chromium --version` once). */
export function machineInfo(): MachineInfo {
	const list = cpus();
	let chromium: string | null = null;
	if (existsSync(CHROMIUM_PATH)) {
		try {
			chromium = execFileSync(CHROMIUM_PATH, ['--version'], { encoding: 'utf8', timeout: 10_000, stdio: ['ignore', 'pipe', 'ignore'] }).match(/\d+(\.\d+)+/)?.[0] ?? 'unknown version';
		} catch {
			chromium = 'unknown version';
		}
	}
	return {
		cpu: (list[0]?.model ?? 'unknown CPU').replace(/\s+/g, ' ').trim(),
		cores: list.length,
		memoryBytes: totalmem(),
		os: `${type()} ${release()}`,
		node: process.version,
		chromium
	};
}
