/**
 * Runs the real nginx with deploy/nginx/groundwork.conf — the file operators deploy — in front of
 * instances on random ports: the test rewrites only the upstream's `server` lines and the
 * `listen` port, and wraps it in a minimal main configuration (own prefix, pid, logs and temp
 * directories in a temp dir), so it runs beside any nginx the machine has.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, nginxBinary } from './services.ts';

/** The deployed configuration file. */
export const NGINX_CONF = fileURLToPath(new URL('../../../deploy/nginx/groundwork.conf', import.meta.url));

/** nginx in front of some instances. */
export interface RunningNginx {
	/** `http://127.0.0.1:<port>` */
	readonly url: string;
	readonly wsUrl: string;
	/** Its error log so far (for failure messages). */
	errorLog(): string;
	stop(): Promise<void>;
}

/**
 * deploy/nginx/groundwork.conf with its upstream servers replaced by `upstreams` (host:port) and
 * its listen port by `port`. Throws if the file no longer has the lines this replaces.
 */
export function templateConf(upstreams: readonly string[], port: number): string {
	const conf = readFileSync(NGINX_CONF, 'utf8');
	const serverLine = /^(\s*)server 127\.0\.0\.1:\d+( [^;]*)?;\n/gm;
	const servers = [...conf.matchAll(serverLine)];
	if (servers.length === 0 || !/^\s*listen 80;$/m.test(conf)) throw new Error(`${NGINX_CONF}: upstream servers or 'listen 80;' not found`);
	const [first] = servers;
	const options = first[2] ?? '';
	const lines = upstreams.map((upstream) => `${first[1]}server ${upstream}${options};\n`).join('');
	let replaced = false;
	return conf
		.replace(serverLine, () => (replaced ? '' : ((replaced = true), lines)))
		.replace(/^(\s*)listen 80;$/m, `$1listen 127.0.0.1:${port};`);
}

/** Starts nginx (foreground, as a child) in front of `upstreams`; resolves once it answers. */
export async function startNginx(upstreams: readonly string[]): Promise<RunningNginx> {
	const binary = nginxBinary();
	if (!binary) throw new Error('nginx is not installed');
	const dir = mkdtempSync(join(tmpdir(), 'gw-nginx-'));
	const port = await freePort();
	writeFileSync(join(dir, 'groundwork.conf'), templateConf(upstreams, port));
	const temp = (name: string) => join(dir, name);
	writeFileSync(
		join(dir, 'nginx.conf'),
		[
			'worker_processes 1;',
			`pid ${temp('nginx.pid')};`,
			`error_log ${temp('error.log')} warn;`,
			'events { worker_connections 1024; }',
			'http {',
			`  client_body_temp_path ${temp('body')};`,
			`  proxy_temp_path ${temp('proxy')};`,
			`  fastcgi_temp_path ${temp('fastcgi')};`,
			`  uwsgi_temp_path ${temp('uwsgi')};`,
			`  scgi_temp_path ${temp('scgi')};`,
			`  include ${temp('groundwork.conf')};`,
			'}',
			''
		].join('\n')
	);
	const child: ChildProcess = spawn(binary, ['-p', dir, '-e', temp('error.log'), '-c', temp('nginx.conf'), '-g', 'daemon off;'], {
		stdio: ['ignore', 'ignore', 'pipe']
	});
	let stderr = '';
	child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	const errorLog = () => {
		try {
			return stderr + readFileSync(temp('error.log'), 'utf8');
		} catch {
			return stderr;
		}
	};
	const url = `http://127.0.0.1:${port}`;
	const deadline = Date.now() + 15_000;
	for (;;) {
		if (child.exitCode !== null) throw new Error(`nginx exited (${child.exitCode}): ${errorLog()}`);
		try {
			await fetch(`${url}/api/health`);
			break;
		} catch {
			if (Date.now() > deadline) throw new Error(`nginx did not answer on ${port}: ${errorLog()}`);
			await new Promise((r) => setTimeout(r, 50));
		}
	}
	return {
		url,
		wsUrl: url.replace(/^http/, 'ws'),
		errorLog,
		async stop() {
			if (child.exitCode === null && child.signalCode === null) child.kill('SIGQUIT');
			const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
			await exited;
			clearTimeout(timer);
			rmSync(dir, { recursive: true, force: true });
		}
	};
}
