import { describe, expect, it } from 'vitest';
import { parseExportArgs } from './export.ts';

describe('parseExportArgs', () => {
	it('takes a board id that starts with "-" (ids are base64url) as the board, not an option', () => {
		expect(parseExportArgs(['-q0vN2c8Jm1xY4tR6uW3eA'])).toEqual({ boardId: '-q0vN2c8Jm1xY4tR6uW3eA', out: undefined, positions: true });
		expect(parseExportArgs(['--no-positions', '--', '-q0vN2c8Jm1xY4tR6uW3eA'])).toEqual({ boardId: '-q0vN2c8Jm1xY4tR6uW3eA', out: undefined, positions: false });
	});
	it('still refuses unknown options and extra arguments', () => {
		expect(parseExportArgs(['abc', '--bogus'])).toMatch(/^unknown option --bogus/);
		expect(parseExportArgs(['-x'])).toMatch(/^unknown option -x/);
		expect(parseExportArgs(['a', 'b'])).toMatch(/^unexpected argument b/);
		expect(parseExportArgs([])).toMatch(/board id is required/);
	});
});
