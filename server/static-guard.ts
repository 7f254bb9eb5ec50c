/**
 * Static files of the built app that vanish while the server runs (a rebuild in place deletes
 * and rewrites `build/client`): SvelteKit's file server (sirv) lists the files once at start and
 * later streams whichever variant (`.br`, `.gz`, plain) the client accepts, so a variant removed
 * since then fails with ENOENT after the headers went out. This guard checks, per request for a
 * file that existed at start, which variants are still on disk: the client is offered only those
 * (its Accept-Encoding narrowed to them), and gets a JSON 404 when none is left.
 */
import { existsSync, readdirSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { join, relative, sep } from 'node:path';
import { sendJson, type Middleware } from './http.ts';
import type { Logger } from './log.ts';

/** Every file under `dir` as a URL path (`/_app/immutable/…`). */
function listFiles(dir: string): Set<string> {
	const files = new Set<string>();
	const walk = (at: string) => {
		for (const entry of readdirSync(at, { withFileTypes: true })) {
			const path = join(at, entry.name);
			if (entry.isDirectory()) walk(path);
			else files.add('/' + relative(dir, path).split(sep).join('/'));
		}
	};
	if (existsSync(dir)) walk(dir);
	return files;
}

/** The request's path, URI-decoded (as sirv decodes it), or null. */
function pathOf(req: IncomingMessage): string | null {
	const raw = (req.url ?? '/').split('?')[0].split('#')[0];
	try {
		return decodeURI(raw);
	} catch {
		return null;
	}
}

/**
 * Wraps the built app's handler (see the module comment). `clientDir` is the directory sirv
 * serves (`build/client`); files added after start are left to the handler as before.
 */
export function guardStaticFiles(handler: Middleware, clientDir: string, log: Logger): Middleware {
	const known = listFiles(clientDir);
	return (req, res, next) => {
		const path = req.method === 'GET' || req.method === 'HEAD' ? pathOf(req) : null;
		if (path === null || path.includes('..') || !(known.has(path) || known.has(`${path}.br`) || known.has(`${path}.gz`))) {
			handler(req, res, next);
			return;
		}
		const file = join(clientDir, ...path.split('/'));
		const accepts = String(req.headers['accept-encoding'] ?? '');
		const br = /(br|brotli)/i.test(accepts) && known.has(`${path}.br`) && existsSync(`${file}.br`);
		const gzip = accepts.includes('gzip') && known.has(`${path}.gz`) && existsSync(`${file}.gz`);
		const plain = known.has(path) && existsSync(file);
		if (!br && !gzip && !plain) {
			log.warn('static file vanished since the server started; answered 404', { path });
			sendJson(res, 404, { error: 'not found (the app was rebuilt: reload the page)' });
			return;
		}
		req.headers['accept-encoding'] = [br ? 'br' : '', gzip ? 'gzip' : ''].filter(Boolean).join(', ');
		handler(req, res, next);
	};
}
