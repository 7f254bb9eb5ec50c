/**
 * Guards between the network and our code, so that no request, upgrade or connection can stop the
 * process: a handler that throws answers that one client (or drops its socket) and is logged; a
 * file stream piped into a response that fails (a static asset removed by a rebuild in place) ends
 * that response only; a connection that never sends a request is closed after a timeout.
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex, Readable } from 'node:stream';
import { sendJson } from './http.ts';
import { redact, type Logger } from './log.ts';

/** A plain HTTP request handler (what `http.createServer` takes). */
export type RequestHandler = (req: IncomingMessage, res: ServerResponse) => void;

/** A handler of the HTTP server's 'upgrade' event. */
export type UpgradeHandler = (req: IncomingMessage, socket: Duplex, head: Buffer) => void;

/** The board id in a request path (`/b/<id>`, `/api/boards/<id>…`, `/sync/<id>`), for logs; undefined elsewhere. */
export function boardIdOfPath(url: string | undefined): string | undefined {
	const match = /^\/(?:b|sync|api\/boards)\/([A-Za-z0-9_-]{1,64})(?:[/?]|$)/.exec(url ?? '');
	return match?.[1];
}

/** Ends a raw socket with a minimal HTTP error answer (before any WebSocket handshake). */
export function refuseSocket(socket: Duplex, status: 400 | 403 | 404 | 500 | 503, text: string): void {
	if (socket.destroyed) return;
	socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

/**
 * Answers a request that failed inside our code: a JSON 500 when nothing was sent yet (a 404 for a
 * file that vanished), else the connection is cut so the client sees a broken answer, not a
 * truncated one taken for whole.
 */
function failResponse(res: ServerResponse, status: 404 | 500): void {
	if (res.headersSent || res.writableEnded) {
		res.destroy();
		return;
	}
	sendJson(res, status, { error: status === 404 ? 'not found' : 'internal error' });
}

const isMissingFile = (error: unknown): boolean =>
	typeof error === 'object' && error !== null && ['ENOENT', 'EISDIR', 'ENOTDIR'].includes((error as { code?: string }).code ?? '');

/**
 * Wraps a request handler: synchronous throws are answered and logged, and any stream piped into
 * the response (SvelteKit's static files are `createReadStream(file).pipe(res)`) gets an 'error'
 * listener, so a file that disappeared after the server started (ENOENT) ends that response with
 * a 404 (or a cut connection when its headers are out) instead of an uncaught exception.
 */
export function guardRequests(handler: RequestHandler, log: Logger): RequestHandler {
	return (req, res) => {
		res.on('pipe', (source: Readable) => {
			source.once('error', (error: unknown) => {
				const fields = { method: req.method, path: redact(req.url ?? ''), board: boardIdOfPath(req.url), error };
				if (isMissingFile(error)) log.warn('static file vanished while serving it', fields);
				else log.error('stream into a response failed', fields);
				source.unpipe(res);
				failResponse(res, isMissingFile(error) ? 404 : 500);
			});
		});
		try {
			handler(req, res);
		} catch (error) {
			log.error('request handler threw', { method: req.method, path: redact(req.url ?? ''), board: boardIdOfPath(req.url), error });
			failResponse(res, 500);
		}
	};
}

/** Wraps an upgrade handler: a throw refuses that socket with 400/500 and is logged; the process goes on. */
export function guardUpgrades(handler: UpgradeHandler, log: Logger): UpgradeHandler {
	return (req, socket, head) => {
		socket.on('error', () => socket.destroy());
		try {
			handler(req, socket, head);
		} catch (error) {
			log.error('upgrade handler threw', { path: redact(req.url ?? ''), board: boardIdOfPath(req.url), error });
			refuseSocket(socket, error instanceof URIError ? 400 : 500, error instanceof URIError ? 'Bad Request' : 'Internal Server Error');
		}
	};
}

/**
 * Closes every connection that has not completed its first request head (or upgrade request)
 * within `timeoutMs`, e.g. one that never sends a byte: without this, idle connections pile up
 * until the process runs out of file descriptors. Later requests on a kept-alive connection are
 * bounded by Node's own `keepAliveTimeout` / `headersTimeout` (set to the same value here).
 */
export function closeSilentConnections(server: Server, timeoutMs: number, log: Logger): void {
	const timers = new WeakMap<Socket, NodeJS.Timeout>();
	server.headersTimeout = Math.max(timeoutMs, 1);
	server.on('connection', (socket: Socket) => {
		const timer = setTimeout(() => {
			log.debug('closing a connection that sent no request', { timeoutMs });
			socket.destroy();
		}, timeoutMs);
		timer.unref();
		timers.set(socket, timer);
		socket.once('close', () => clearTimeout(timer));
	});
	const heard = (req: IncomingMessage) => {
		const timer = timers.get(req.socket);
		if (timer) {
			clearTimeout(timer);
			timers.delete(req.socket);
		}
	};
	// prependListener: the timer stops before any handler runs, however long that takes
	server.prependListener('request', heard);
	server.prependListener('upgrade', heard);
}
