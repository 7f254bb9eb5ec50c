import { describe, expect, it } from 'vitest';
import { createLogger, redact } from './log.ts';

const capture = (format: 'json' | 'plain', level: 'debug' | 'info' | 'warn' | 'error' = 'debug') => {
	const lines: string[] = [];
	const log = createLogger({ format, level, write: (line) => lines.push(line), now: () => new Date(0) });
	return { log, lines };
};

describe('redact', () => {
	it('removes token values from URLs and bearer headers', () => {
		expect(redact('/sync/abc?token=s3cr3t&x=1')).toBe('/sync/abc?token=REDACTED&x=1');
		expect(redact('GET /api/boards/a?x=1&token=s3cr3t')).toBe('GET /api/boards/a?x=1&token=REDACTED');
		expect(redact('Authorization: Bearer s3cr3t')).toBe('Authorization: Bearer REDACTED');
		expect(redact('no secrets here')).toBe('no secrets here');
	});
});

describe('createLogger', () => {
	it('writes one JSON object per line and never a token', () => {
		const { log, lines } = capture('json');
		log.error('failed', { board: 'b1', url: '/sync/b1?token=s3cr3t', editToken: 's3cr3t', error: new Error('boom ?token=s3cr3t') });
		expect(lines).toHaveLength(1);
		const entry = JSON.parse(lines[0]);
		expect(entry).toMatchObject({ time: '1970-01-01T00:00:00.000Z', level: 'error', msg: 'failed', board: 'b1', editToken: 'REDACTED' });
		expect(lines[0]).not.toContain('s3cr3t');
		expect(entry.error).toContain('boom');
	});

	it('writes plain single lines with key=value fields', () => {
		const { log, lines } = capture('plain');
		log.info('listening', { url: 'http://127.0.0.1:3000', dataDir: '/tmp/a b' });
		expect(lines).toEqual(['1970-01-01T00:00:00.000Z INFO listening url=http://127.0.0.1:3000 dataDir="/tmp/a b"']);
		log.warn('multi\nline', { error: new Error('x') });
		expect(lines[1]).not.toMatch(/\n/);
	});

	it('drops entries below the level', () => {
		const { log, lines } = capture('plain', 'warn');
		log.debug('a');
		log.info('b');
		log.warn('c');
		expect(lines).toHaveLength(1);
	});
});
