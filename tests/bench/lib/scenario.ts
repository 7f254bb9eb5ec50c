/** What every scenario module exports and gets. */
import type { Row } from './report.ts';

/** Settings of one run, given to every scenario. */
export interface ScenarioContext {
	/** Short run (`--quick`): fewer samples, same shape. */
	readonly quick: boolean;
	/** Progress line on stderr (the table goes to stdout). */
	log(message: string): void;
}

/** Rows for the table plus free-text findings for the notes. */
export interface ScenarioResult {
	readonly rows: Row[];
	readonly notes: string[];
}

/** A benchmark scenario: `name` is what `--only` matches. */
export interface Scenario {
	readonly name: string;
	readonly title: string;
	run(ctx: ScenarioContext): Promise<ScenarioResult>;
}
