/**
 * The checkpoint routes of the JSON API (review mode):
 * - `POST /api/boards/<id>/checkpoints` (edit token; body `{ name? }`) → 201 `{ id, name, createdAt }`;
 * - `GET /api/boards/<id>/checkpoints` (any token) → `{ checkpoints: [...] }`, newest first;
 * - `GET /api/boards/<id>/checkpoints/<cp>/plan.json` (any token) → `{ plan, budget }` of the snapshot;
 * - `GET /api/boards/<id>/diff?from=<cp|now>&to=<cp|now>` (any token; `to` defaults to `now`) → PlanDiff.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ID_PATTERN, MAX_CHECKPOINT_NAME_LENGTH } from '../src/lib/model/core.ts';
import type { Access } from './auth.ts';
import {
	boardDiff,
	checkpointPlan,
	CheckpointError,
	CheckpointPlanCache,
	defaultCheckpointName,
	listCheckpoints,
	saveCheckpoint,
	type CheckpointDeps,
	type DiffSide
} from './checkpoints.ts';
import { HttpError, readJsonBody, sendJson } from './http.ts';
import type { Logger } from './log.ts';

/** Dependencies of {@link checkpointRoutes}. */
export interface CheckpointRouteDeps extends Omit<CheckpointDeps, 'plans'> {
	readonly log: Logger;
	readonly maxBodyBytes: number;
	/** Checks the request's token for the board (throws HttpError 401/404) and tells its access. */
	readonly authorize: (req: IncomingMessage, url: URL, boardId: string) => Promise<{ access: Access }>;
}

/** Handles one request if its path is a checkpoint route; resolves false when it is not one. */
export type CheckpointRouter = (req: IncomingMessage, res: ServerResponse, url: URL, path: string) => Promise<boolean>;

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Validates the body of `POST …/checkpoints`: nothing, or `{ name }` with a string of at most 200
 * characters (trimmed; blank or absent → `Review <YYYY-MM-DD>`). Unknown fields → 400.
 */
export function parseCheckpointBody(body: unknown, now: number): string {
	if (body === undefined || body === null) return defaultCheckpointName(now);
	if (!isPlainObject(body)) throw new HttpError(400, 'bad-body', 'body must be a JSON object like { "name": "Review 2027-01" }');
	const errors = Object.keys(body).filter((k) => k !== 'name').map((k) => `${k}: unknown field`);
	const raw = body.name;
	if (raw !== undefined && raw !== null && typeof raw !== 'string') errors.push('name: must be a string');
	const name = typeof raw === 'string' ? raw.trim() : '';
	if (name.length > MAX_CHECKPOINT_NAME_LENGTH) errors.push(`name: must be at most ${MAX_CHECKPOINT_NAME_LENGTH} characters`);
	if (errors.length > 0) throw new HttpError(400, 'invalid-field', errors[0], { errors });
	return name === '' ? defaultCheckpointName(now) : name;
}

/** Reads the `from`/`to` query parameter of the diff route: a checkpoint id or `now`. */
function diffSide(url: URL, key: 'from' | 'to'): DiffSide {
	const values = url.searchParams.getAll(key);
	if (values.length === 0) {
		if (key === 'to') return 'now';
		throw new HttpError(400, 'invalid-query', 'from: required (a checkpoint id, or now)');
	}
	if (values.length > 1) throw new HttpError(400, 'invalid-query', `${key}: give it once`);
	const value = values[0];
	if (value === 'now') return 'now';
	if (!ID_PATTERN.test(value)) throw new HttpError(400, 'invalid-query', `${key}: must be a checkpoint id or now`);
	return { checkpoint: value };
}

function asHttpError(error: unknown): unknown {
	if (!(error instanceof CheckpointError)) return error;
	const status = error.reason === 'too-many' ? 409 : 404;
	const code = error.reason === 'too-many' ? 'too-many-checkpoints' : error.reason === 'unknown-board' ? 'no-such-board' : error.reason === 'empty-board' ? 'no-content' : 'no-such-checkpoint';
	return new HttpError(status, code, error.message);
}

/** Creates the router of the checkpoint routes. */
export function checkpointRoutes(routeDeps: CheckpointRouteDeps): CheckpointRouter {
	const deps = { ...routeDeps, plans: new CheckpointPlanCache() };
	const { store, log, authorize } = deps;

	const allow = (req: IncomingMessage, methods: string) => {
		const method = req.method ?? 'GET';
		if (!methods.split(', ').includes(method)) throw new HttpError(405, 'method-not-allowed', `method ${method} not allowed`, {}, { allow: methods });
	};

	const create = async (req: IncomingMessage, res: ServerResponse, url: URL, boardId: string) => {
		const { access } = await authorize(req, url, boardId);
		if (access !== 'edit') throw new HttpError(403, 'view-only', 'saving a checkpoint needs an edit token');
		const now = Date.now();
		const name = parseCheckpointBody(await readJsonBody(req, deps.maxBodyBytes), now);
		const info = await saveCheckpoint(deps, boardId, name, now);
		log.info('checkpoint saved', { board: boardId, checkpoint: info.id });
		sendJson(res, 201, info, { location: `/api/boards/${boardId}/checkpoints/${info.id}/plan.json` });
	};

	return async (req, res, url, path) => {
		try {
			let match = /^\/api\/boards\/([^/]+)\/checkpoints$/.exec(path);
			if (match) {
				allow(req, 'GET, POST');
				if (req.method === 'POST') await create(req, res, url, match[1]);
				else {
					await authorize(req, url, match[1]);
					sendJson(res, 200, { checkpoints: await listCheckpoints(store, match[1]) });
				}
				return true;
			}
			match = /^\/api\/boards\/([^/]+)\/checkpoints\/([^/]+)\/plan\.json$/.exec(path);
			if (match) {
				allow(req, 'GET');
				await authorize(req, url, match[1]);
				if (!ID_PATTERN.test(match[2])) throw new HttpError(404, 'no-such-checkpoint', 'no such checkpoint');
				sendJson(res, 200, await checkpointPlan(deps, match[1], match[2]));
				return true;
			}
			match = /^\/api\/boards\/([^/]+)\/diff$/.exec(path);
			if (match) {
				allow(req, 'GET');
				await authorize(req, url, match[1]);
				const from = diffSide(url, 'from');
				const to = diffSide(url, 'to');
				sendJson(res, 200, await boardDiff(deps, match[1], from, to));
				return true;
			}
			return false;
		} catch (error) {
			throw asHttpError(error);
		}
	};
}
