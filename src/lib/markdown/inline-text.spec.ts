import fc from 'fast-check';
import { Lexer, type Tokens } from 'marked';
import { describe, expect, it } from 'vitest';
import { escapeInline, normalizeInline, readInline } from './inline-text.ts';

/** Read text back from each place the export puts it. */
const contexts: Record<string, (escaped: string) => string> = {
	heading: (e) => readInline((Lexer.lex(`### ${e} <!-- c -->`, { gfm: true })[0] as Tokens.Heading).tokens).text,
	cell: (e) => {
		const table = Lexer.lex(`| A | B |\n| --- | --- |\n| ${e} | x |\n`, { gfm: true })[0] as Tokens.Table;
		return readInline(table.rows[0][0].tokens).text;
	},
	listItem: (e) => {
		const list = Lexer.lex(`- ${e} <!-- c -->\n`, { gfm: true })[0] as Tokens.List;
		return readInline(Lexer.lexInline(list.items[0].text, { gfm: true })).text;
	}
};

describe('escapeInline / readInline', { timeout: 60_000 }, () => {
	it('round-trips any text in headings, table cells and list items', () => {
		fc.assert(
			fc.property(fc.string({ unit: 'grapheme', maxLength: 30 }), fc.string({ maxLength: 30 }), (a, b) => {
				const text = a + b;
				for (const [name, read] of Object.entries(contexts)) {
					expect(read(escapeInline(text)), name).toBe(normalizeInline(text));
				}
			}),
			{ numRuns: 300 }
		);
	});

	it('keeps plain words readable and escapes only what markdown would read', () => {
		expect(escapeInline('R&D plan 2027: hire 3')).toBe('R&D plan 2027: hire 3');
		expect(escapeInline('a|b *c* `d` [e] <f> _g_ ~h~ #1')).toBe('a\\|b \\*c\\* \\`d\\` \\[e\\] \\<f> \\_g\\_ \\~h\\~ \\#1');
		expect(escapeInline('1. first')).toBe('1\\. first');
		expect(escapeInline('line\nbreak\ttab')).toBe('line<br>break&#9;tab');
	});

	it('reads formatting as plain text, decodes references and collects comments', () => {
		const tokens = Lexer.lexInline('**Lead** _engineer_ &amp; `ops`<br>x <!-- id=r1 -->', { gfm: true });
		expect(readInline(tokens)).toEqual({ text: 'Lead engineer & ops\nx', comments: [' id=r1 '] });
	});
});
