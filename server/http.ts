/**
 * The JSON HTTP API under `/api/`. Every other path is passed to `next` (the SvelteKit handler).
 * Bad input always gets a 4xx with `{ "error": "…" }`; only a bug in the server gives a 5xx.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import * as Y from 'yjs';
import { buildErrorCode, type ApiErrorCode } from '../src/lib/sync/api-error-codes.ts';
import { META_CHECKS, validatePlan, type PlanData } from '../src/lib/model/core.ts';
import { checkAccess, newCredentials, tokenFromRequest, viewTokenOf, type Access } from './auth.ts';
import { createBoardAdmin } from './board-admin.ts';
import { boardTitle, type NewBoardMeta } from './board-doc.ts';
import { builds, markdown, plans } from './lazy-plans.ts';
import type { ServerConfig } from './config.ts';
import { redact, type Logger } from './log.ts';
import { checkpointRoutes } from './http-checkpoints.ts';
import type { BuildJob } from './board-build.ts';
import type { BoardBuilder } from './board-builder.ts';
import type { AddressLimiter } from './rate-limit.ts';
import { DamagedBoardError, isStorageUnavailable, STORAGE_RETRY_AFTER_SECONDS } from './storage-errors.ts';
import type { Rooms } from './rooms.ts';
import type { BoardRecord, Store } from './store.ts';

/** Connect-style middleware: handles `/api/*` itself, calls `next()` for anything else. */
export type Middleware = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

/** Dependencies of {@link createApi}. */
export interface ApiDeps {
	readonly store: Store;
	readonly rooms: Rooms;
	readonly log: Logger;
	readonly config: Pick<ServerConfig, 'maxBodyBytes' | 'publicUrl'>;
	/** A new board was stored; `doc` holds exactly its stored state (read it, do not keep or change it). */
	readonly onCreated?: (boardId: string, doc: Y.Doc) => void;
	/** A board was deleted: drop anything kept about it. */
	readonly onDeleted?: (boardId: string) => void;
	/** Limits creating and importing boards per client address; none when absent. */
	readonly createLimiter?: AddressLimiter;
	/** Builds new boards off the main thread when they could take long; absent = always inline (tests). */
	readonly builder?: BoardBuilder;
}

/** An error answered as `{ error, ...extra }` with a 4xx status. */
export class HttpError extends Error {
	readonly status: number;
	/** Stable machine-readable reason (`no-such-board`, `view-only` …): clients show their own words for it. */
	readonly code: ApiErrorCode;
	readonly extra: Record<string, unknown>;
	readonly headers: Record<string, string>;
	constructor(status: number, code: ApiErrorCode, message: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
		super(message);
		this.name = 'HttpError';
		this.status = status;
		this.code = code;
		this.extra = extra;
		this.headers = headers;
	}
}

/** Writes a JSON response that no cache keeps (answers may carry tokens). */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
	const text = JSON.stringify(body);
	res.writeHead(status, {
		'content-type': 'application/json; charset=utf-8',
		'content-length': Buffer.byteLength(text),
		'cache-control': 'no-store',
		'x-content-type-options': 'nosniff',
		...headers
	});
	res.end(text);
}

/**
 * Reads a request body of at most `limit` bytes as UTF-8 text. Throws HttpError 413 when it is
 * larger (declared or actual); the answer then closes the connection.
 */
export async function readTextBody(req: IncomingMessage, limit: number): Promise<string> {
	const tooLarge = () => new HttpError(413, 'too-large', `body larger than ${limit} bytes`, {}, { connection: 'close' });
	const declared = Number(req.headers['content-length']);
	if (Number.isFinite(declared) && declared > limit) throw tooLarge();
	// Events rather than `for await`: leaving an async iterator early destroys the socket, and
	// then the 413 could not be sent.
	return new Promise<string>((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		const onData = (chunk: Buffer) => {
			size += chunk.length;
			if (size > limit) {
				req.off('data', onData);
				req.off('end', onEnd);
				req.resume(); // discard the rest; the response closes the connection
				reject(tooLarge());
				return;
			}
			chunks.push(chunk);
		};
		const onEnd = () => resolve(Buffer.concat(chunks).toString('utf8'));
		req.on('data', onData);
		req.on('end', onEnd);
		req.on('error', () => reject(new HttpError(400, 'bad-body', 'request body could not be read')));
	});
}

/**
 * Reads a request body of at most `limit` bytes and parses it as JSON. An empty body is `undefined`.
 * Throws HttpError 413 (too large), 415 (not JSON content type) or 400 (malformed JSON).
 */
export async function readJsonBody(req: IncomingMessage, limit: number): Promise<unknown> {
	const type = req.headers['content-type'];
	if (type && !/^application\/([\w.+-]*\+)?json\s*(;|$)/i.test(type)) {
		throw new HttpError(415, 'bad-body', 'body must be application/json');
	}
	const text = await readTextBody(req, limit);
	if (text.trim() === '') return undefined;
	try {
		return JSON.parse(text);
	} catch {
		throw new HttpError(400, 'bad-body', 'body is not valid JSON');
	}
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/** Validates the body of `POST /api/boards`; returns the metadata and (validated) plan to create. */
export function parseCreateBody(body: unknown): { meta: NewBoardMeta; plan?: PlanData } {
	if (body === undefined) return { meta: {} };
	if (!isPlainObject(body)) throw new HttpError(400, 'bad-body', 'body must be a JSON object');
	const errors: string[] = [];
	for (const key of Object.keys(body)) {
		if (!['title', 'budget', 'currency', 'plan'].includes(key)) errors.push(`${key}: unknown field`);
	}
	const meta: NewBoardMeta = {};
	for (const key of ['title', 'budget', 'currency'] as const) {
		if (body[key] === undefined) continue;
		const problem = META_CHECKS[key](body[key]);
		if (problem) errors.push(`${key}: ${problem}`);
		else (meta as Record<string, unknown>)[key] = body[key];
	}
	if (body.plan !== undefined && !isPlainObject(body.plan)) errors.push('plan: must be an object');
	if (errors.length > 0) throw new HttpError(400, 'invalid-field', errors[0], { errors });
	if (body.plan === undefined) return { meta };

	// Top-level title/budget/currency override the plan's own.
	const result = validatePlan({ ...(body.plan as Record<string, unknown>), ...meta });
	if (!result.ok) {
		const errors = result.errors.map((e) => `plan.${e}`);
		throw new HttpError(400, 'invalid-plan', `invalid plan: ${errors[0]}`, { errors });
	}
	const { title, budget, currency } = result.plan;
	return { meta: { title, budget, currency }, plan: result.plan };
}

function publicBase(req: IncomingMessage, publicUrl: string | undefined): string {
	if (publicUrl) return publicUrl;
	const host = req.headers.host;
	if (host && /^[A-Za-z0-9.\-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/.test(host)) return `http://${host}`;
	const address = req.socket.localAddress ?? '127.0.0.1';
	return `http://${address.includes(':') ? `[${address}]` : address}:${req.socket.localPort}`;
}

/** The page URL of a board for a token: `<base>/b/<id>?token=<token>` (what the UI routes). */
export function boardLink(base: string, id: string, token: string): string {
	return `${base}/b/${id}?token=${token}`;
}

/** Creates the API middleware. */
export function createApi({ store, rooms, log, config, onCreated, onDeleted, createLimiter, builder }: ApiDeps): Middleware {
	const admin = createBoardAdmin({ store, rooms, log, onDeleted });
	/** Throws 429 with Retry-After when the client's address created too many boards lately. */
	const limitCreation = (req: IncomingMessage) => {
		const waitSeconds = createLimiter?.check(req) ?? null;
		if (waitSeconds === null) return;
		log.info('board creation rate-limited', { waitSeconds });
		throw new HttpError(
			429,
			'rate-limited',
			`too many boards created from this address; try again in ${waitSeconds} s`,
			{ retryAfterSeconds: waitSeconds },
			{ 'retry-after': String(waitSeconds) }
		);
	};

	/** Checks the request's token against the board; throws 401/404. */
	const authorize = async (req: IncomingMessage, url: URL, id: string): Promise<{ board: BoardRecord; access: Access; token: string }> => {
		const check = await checkAccess(id, tokenFromRequest(req.headers.authorization, url), (boardId) => store.getBoard(boardId));
		if (check.ok) return check;
		if (check.reason === 'missing-token') throw new HttpError(401, 'missing-token', 'missing token: use Authorization: Bearer <token> or ?token=');
		if (check.reason === 'unknown-board') throw new HttpError(404, 'no-such-board', 'no such board');
		throw new HttpError(401, 'invalid-token', 'invalid token');
	};

	/**
	 * Builds a board (inline or on the builder's worker, see board-builder.ts), stores it and answers
	 * 201 with its credentials (plus `extra`); a build refused for its input answers 4xx (503 when busy).
	 */
	/** Runs a build job (on the builder's worker when it could take long); throws the 4xx/503 it refused with. */
	const build = async (job: BuildJob) => {
		const built = await (builder ? builder.build(job) : (await builds()).runBuild(job));
		if (!built.ok) {
			const headers: Record<string, string> = built.status === 503 ? { 'retry-after': '5' } : {};
			throw new HttpError(built.status, buildErrorCode(built.status, job.kind), built.error, built.errors ? { errors: built.errors } : {}, headers);
		}
		return built;
	};

	const buildAndAnswer = async (req: IncomingMessage, res: ServerResponse, job: BuildJob) => {
		const built = await build(job);
		const creds = newCredentials();
		await store.createBoard({ id: creds.id, editHash: creds.editHash, viewHash: creds.viewHash, state: built.state });
		if (onCreated) {
			const doc = new Y.Doc();
			try {
				Y.applyUpdate(doc, built.state);
				onCreated(creds.id, doc);
			} catch (error) {
				log.warn('board created, but its creation hook failed', { board: creds.id, error });
			} finally {
				doc.destroy();
			}
		}
		const base = publicBase(req, config.publicUrl);
		const link = (token: string) => boardLink(base, creds.id, token);
		log.info('board created', { board: creds.id, from: job.kind });
		const extra = job.kind === 'markdown' ? { title: built.title, warnings: built.warnings ?? [] } : {};
		sendJson(
			res,
			201,
			{
				id: creds.id,
				editToken: creds.editToken,
				viewToken: creds.viewToken,
				editUrl: link(creds.editToken),
				viewUrl: link(creds.viewToken),
				...extra
			},
			{ location: `/api/boards/${creds.id}` }
		);
	};

	const createBoard = async (req: IncomingMessage, res: ServerResponse) => {
		limitCreation(req);
		const { meta, plan } = parseCreateBody(await readJsonBody(req, config.maxBodyBytes));
		await buildAndAnswer(req, res, { kind: 'plan', meta, plan });
	};

	/** POST /api/boards/import: create a board from markdown; with `?check=1` only read it (200, nothing created). */
	const importBoard = async (req: IncomingMessage, res: ServerResponse, url: URL) => {
		const { isMarkdownContentType, MARKDOWN_MEDIA_TYPES } = await markdown();
		if (!isMarkdownContentType(req.headers['content-type'])) {
			throw new HttpError(415, 'bad-body', `body must be markdown (${MARKDOWN_MEDIA_TYPES.join(', ')})`);
		}
		limitCreation(req);
		const text = await readTextBody(req, config.maxBodyBytes);
		if (url.searchParams.get('check') === '1') {
			// a dry run: the person sees what was not understood before any board exists
			const read = await build({ kind: 'markdown', text, checkOnly: true });
			sendJson(res, 200, { title: read.title, warnings: read.warnings ?? [], cards: read.cards ?? 0 });
			return;
		}
		await buildAndAnswer(req, res, { kind: 'markdown', text });
	};

	const exportBoard = async (req: IncomingMessage, res: ServerResponse, url: URL, id: string) => {
		await authorize(req, url, id);
		const [{ boardPlan }, { markdownExportAnswer }] = await Promise.all([plans(), markdown()]);
		const plan = await rooms.readDoc(id, boardPlan);
		if (!plan) throw new HttpError(404, 'no-content', 'board has no content');
		const answer = markdownExportAnswer(plan);
		res.writeHead(200, answer.headers);
		res.end(answer.body);
	};

	const getBoard = async (req: IncomingMessage, res: ServerResponse, url: URL, id: string) => {
		const { board, access, token } = await authorize(req, url, id);
		const title = (await rooms.readDoc(id, boardTitle)) ?? '';
		const fresh = (await store.getBoard(id)) ?? board;
		// Editors may share the view link, so they get it back; viewers never learn the edit token.
		const viewToken = access === 'edit' ? viewTokenOf(fresh, token) : null;
		const share = viewToken ? { viewToken, viewUrl: boardLink(publicBase(req, config.publicUrl), id, viewToken) } : {};
		sendJson(res, 200, {
			id,
			title,
			createdAt: new Date(fresh.createdAt).toISOString(),
			updatedAt: new Date(fresh.updatedAt).toISOString(),
			access,
			...share
		});
	};

	const checkpoints = checkpointRoutes({ store, rooms, log, maxBodyBytes: config.maxBodyBytes, authorize });

	const getPlan = async (req: IncomingMessage, res: ServerResponse, url: URL, id: string) => {
		await authorize(req, url, id);
		const answer = await rooms.readDoc(id, (await plans()).planWithBudget);
		if (!answer) throw new HttpError(404, 'no-content', 'board has no content');
		sendJson(res, 200, answer);
	};

	/** Only an edit link may reset links or delete the board: 403 for a view link. */
	const authorizeEditor = async (req: IncomingMessage, url: URL, id: string) => {
		const granted = await authorize(req, url, id);
		if (granted.access !== 'edit') throw new HttpError(403, 'view-only', 'this needs the edit link; a view link cannot change the board');
		return granted;
	};

	const resetLink = async (req: IncomingMessage, res: ServerResponse, url: URL, id: string, link: Access) => {
		const { board, token } = await authorizeEditor(req, url, id);
		const tokens = await admin.resetLink(board, token, link);
		if (!tokens) throw new HttpError(404, 'no-such-board', 'no such board');
		const base = publicBase(req, config.publicUrl);
		sendJson(res, 200, {
			id,
			link,
			editToken: tokens.editToken,
			viewToken: tokens.viewToken,
			editUrl: boardLink(base, id, tokens.editToken),
			viewUrl: boardLink(base, id, tokens.viewToken)
		});
	};

	const deleteBoard = async (req: IncomingMessage, res: ServerResponse, url: URL, id: string) => {
		await authorizeEditor(req, url, id);
		if (!(await admin.deleteBoard(id))) throw new HttpError(404, 'no-such-board', 'no such board');
		sendJson(res, 200, { id, deleted: true });
	};

	const route = async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> => {
		const path = url.pathname.replace(/\/+$/, '');
		const method = req.method ?? 'GET';
		const allow = (methods: string) => {
			if (!methods.split(', ').includes(method)) {
				throw new HttpError(405, 'method-not-allowed', `method ${method} not allowed`, {}, { allow: methods });
			}
		};
		if (path === '/api/health') {
			allow('GET');
			sendJson(res, 200, { ok: true, ...rooms.stats() });
			return;
		}
		if (path === '/api/boards') {
			allow('POST');
			return createBoard(req, res);
		}
		if (path === '/api/boards/import') {
			allow('POST');
			return importBoard(req, res, url);
		}
		let match = /^\/api\/boards\/([^/]+)$/.exec(path);
		if (match) {
			allow('GET, DELETE');
			return method === 'DELETE' ? deleteBoard(req, res, url, match[1]) : getBoard(req, res, url, match[1]);
		}
		match = /^\/api\/boards\/([^/]+)\/links\/(edit|view)\/reset$/.exec(path);
		if (match) {
			allow('POST');
			return resetLink(req, res, url, match[1], match[2] as Access);
		}
		match = /^\/api\/boards\/([^/]+)\/plan\.json$/.exec(path);
		if (match) {
			allow('GET');
			return getPlan(req, res, url, match[1]);
		}
		match = /^\/api\/boards\/([^/]+)\/export\.md$/.exec(path);
		if (match) {
			allow('GET');
			return exportBoard(req, res, url, match[1]);
		}
		if (await checkpoints(req, res, url, path)) return;
		throw new HttpError(404, 'no-such-endpoint', 'no such API endpoint');
	};

	return (req, res, next) => {
		let url: URL;
		try {
			url = new URL(req.url ?? '/', 'http://localhost');
		} catch {
			sendJson(res, 400, { error: 'bad request URL', code: 'bad-url' });
			return;
		}
		if (url.pathname !== '/api' && !url.pathname.startsWith('/api/')) {
			next();
			return;
		}
		const boardId = /^\/api\/boards\/([^/]+)/.exec(url.pathname)?.[1];
		route(req, res, url).catch((error: unknown) => {
			if (res.headersSent) {
				res.destroy();
				return;
			}
			if (error instanceof HttpError) {
				log.debug('api request refused', { method: req.method, path: redact(url.pathname), status: error.status, board: boardId });
				sendJson(res, error.status, { error: error.message, code: error.code, ...error.extra }, error.headers);
				return;
			}
			if (isStorageUnavailable(error)) {
				log.error('storage unavailable; answered 503', { method: req.method, path: redact(url.pathname), board: boardId, error });
				const retryAfter = String(STORAGE_RETRY_AFTER_SECONDS);
				sendJson(res, 503, { error: 'storage is unavailable (disk full or read-only?); try again later', code: 'storage-unavailable' }, { 'retry-after': retryAfter });
				return;
			}
			if (error instanceof DamagedBoardError) {
				log.error('board data is damaged', { method: req.method, path: redact(url.pathname), board: boardId, error });
				sendJson(res, 500, { error: 'this board’s stored data is damaged and cannot be read; it can be restored from a backup', code: 'damaged', damaged: true });
				return;
			}
			log.error('api request failed', { method: req.method, path: redact(url.pathname), board: boardId, error });
			sendJson(res, 500, { error: 'internal error', code: 'internal' });
		});
	};
}
