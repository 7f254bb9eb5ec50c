/**
 * Where the markdown reader's problems go: errors that stop the import and warnings that name what
 * was ignored or defaulted, each with its 1-based source line.
 */
import type { Reporter } from './import-tables.ts';
import type { ValueResult } from './import-values.ts';

/** A problem that stops the import: 1-based source line and a sentence for people. */
export interface MarkdownImportError {
	line: number;
	message: string;
}

/** The problems of one import, in the order they were found. */
export class ImportReport implements Reporter {
	private readonly errors: MarkdownImportError[] = [];
	private readonly warnings: { line: number; message: string }[] = [];
	private readonly warnedOnce = new Set<string>();

	warn(line: number, message: string): void {
		this.warnings.push({ line, message });
	}

	error(line: number, message: string): void {
		this.errors.push({ line, message });
	}

	/** A warning given once per `key` however often it applies. */
	warnOnce(key: string, line: number, message: string): void {
		if (this.warnedOnce.has(key)) return;
		this.warnedOnce.add(key);
		this.warn(line, message);
	}

	/** The value of a read, or undefined with its reason reported as an error on `line`. */
	value<T>(result: ValueResult<T>, line: number): T | undefined {
		if (result.ok) return result.value;
		this.error(line, result.reason);
		return undefined;
	}

	get hasErrors(): boolean {
		return this.errors.length > 0;
	}

	/** The errors by line (stable: same-line errors keep their order). */
	sortedErrors(): MarkdownImportError[] {
		return [...this.errors].sort((a, b) => a.line - b.line);
	}

	/** The warnings by line, as `line N: …`. */
	sortedWarnings(): string[] {
		return [...this.warnings].sort((a, b) => a.line - b.line).map((w) => `line ${w.line}: ${w.message}`);
	}
}
