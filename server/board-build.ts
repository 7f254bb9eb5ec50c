/**
 * Building a new board's initial state from a create request's plan or an imported markdown
 * document, as one pure step that can run on the main thread (small input) or on the board
 * builder's worker thread (anything that could take long: see board-builder.ts). Parsing notes
 * and markdown is the costly part; nesting is bounded here before any parser runs.
 */
import * as Y from 'yjs';
import { markdownImportAnswer } from '../src/lib/markdown/index.ts';
import { findDeepNesting } from '../src/lib/markdown/nesting.ts';
import { validatePlan, type PlanData } from '../src/lib/model/core.ts';
import { newBoardDoc, type NewBoardMeta } from './boards.ts';

/** What to build: a validated create body, or a markdown document to import. */
export type BuildJob =
	| { readonly kind: 'plan'; readonly meta: NewBoardMeta; readonly plan?: PlanData }
	| {
			readonly kind: 'markdown';
			readonly text: string;
			/** Only read and validate it (`POST /api/boards/import?check=1`): no state is built. */
			readonly checkOnly?: boolean;
	  };

/** A built board (its initial state as one Yjs update), or the 4xx answer to give instead. */
export type BuildOutcome =
	| {
			readonly ok: true;
			readonly state: Uint8Array;
			/** Title, budget and currency as built (for the import answer). */
			readonly title?: string;
			readonly warnings?: string[];
			/** Cards read from the document (imports). */
			readonly cards?: number;
	  }
	| { readonly ok: false; readonly status: 400 | 413 | 503; readonly error: string; readonly errors?: unknown[] };

/** The first note of `plan` nested too deeply, as a 400 outcome, or null. */
function deepNotes(plan: PlanData | undefined): BuildOutcome | null {
	for (const [index, card] of (plan?.cards ?? []).entries()) {
		const problem = card.notes ? findDeepNesting(card.notes) : null;
		if (problem) {
			const error = `plan.cards[${index}].notes: line ${problem.line}: ${problem.message}`;
			return { ok: false, status: 400, error: `invalid plan: ${error}`, errors: [error] };
		}
	}
	return null;
}

function encode(meta: NewBoardMeta, plan: PlanData | undefined): BuildOutcome {
	let doc: Y.Doc;
	try {
		doc = newBoardDoc(meta, plan);
	} catch (error) {
		// validatePlan accepted it (e.g. notes the rich-text conversion cannot hold)
		const reason = error instanceof RangeError ? 'its notes are nested too deeply' : 'it could not be applied';
		return { ok: false, status: 400, error: `the plan could not be built: ${reason}` };
	}
	try {
		return { ok: true, state: Y.encodeStateAsUpdate(doc) };
	} finally {
		doc.destroy();
	}
}

/**
 * The checks of a job that take linear time (nesting depth): a 400 outcome, or null when the job
 * may be built. Cheap enough for the main thread, so such input is refused at once.
 */
export function precheckBuild(job: BuildJob): BuildOutcome | null {
	if (job.kind === 'plan') return deepNotes(job.plan);
	const nesting = findDeepNesting(job.text);
	return nesting ? { ok: false, status: 400, error: `line ${nesting.line}: ${nesting.message}`, errors: [nesting] } : null;
}

/** Runs a build job to the end. Never throws for bad input (answers 400). */
export function runBuild(job: BuildJob): BuildOutcome {
	const refused = precheckBuild(job);
	if (refused) return refused;
	if (job.kind === 'plan') return encode(job.meta, job.plan);
	const answer = markdownImportAnswer(job.text);
	if (!answer.ok) return { ok: false, status: 400, error: answer.body.error, errors: answer.body.errors };
	const checked = validatePlan(answer.plan);
	if (!checked.ok) return { ok: false, status: 400, error: `invalid plan: ${checked.errors[0]}`, errors: checked.errors };
	const { title, budget, currency } = checked.plan;
	const cards = checked.plan.cards.length;
	if (job.checkOnly) return deepNotes(checked.plan) ?? { ok: true, state: new Uint8Array(0), title, warnings: answer.warnings, cards };
	const built = deepNotes(checked.plan) ?? encode({ title, budget, currency }, checked.plan);
	return built.ok ? { ...built, title, warnings: answer.warnings, cards } : built;
}

/** Notes characters (all cards together) up to which a plan is built on the main thread. */
export const INLINE_NOTES_CHARS = 4_000;
/** Cards up to which a plan is built on the main thread. */
export const INLINE_CARDS = 200;
/** Markdown characters up to which an import is read on the main thread. */
export const INLINE_MARKDOWN_CHARS = 8_000;

/**
 * True when a job is small enough to run on the main thread: even text crafted to be slow for the
 * parsers costs at most a few ms at these sizes (their worst cases grow with the square of the
 * length: 100,000 characters ~10 s, 4,000 ~15 ms).
 */
export function isSmallJob(job: BuildJob): boolean {
	if (job.kind === 'markdown') return job.text.length <= INLINE_MARKDOWN_CHARS;
	const cards = job.plan?.cards ?? [];
	if (cards.length > INLINE_CARDS) return false;
	let notes = 0;
	for (const card of cards) notes += card.notes?.length ?? 0;
	return notes <= INLINE_NOTES_CHARS;
}
