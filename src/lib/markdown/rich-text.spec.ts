import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as Y from 'yjs';
import { getSchema } from '@tiptap/core';
import {
	fragmentToMarkdown,
	jsonToMarkdown,
	markdownToFragment,
	markdownToJSON,
	richTextExtensions,
	richTextSchema
} from './rich-text.ts';

function viaFragment(md: string): string {
	const doc = new Y.Doc();
	const fragment = doc.getXmlFragment('notes');
	doc.transact(() => markdownToFragment(md, fragment));
	return fragmentToMarkdown(fragment);
}

const STABLE = [
	'Plain paragraph.',
	'# Heading 1\n\n## Heading 2\n\n### Heading 3',
	'Some **bold**, *italic*, ~~struck~~ and `code` with a [link](https://example.com).',
	'- one\n- two\n  - nested\n- three',
	'1. first\n2. second\n3. third',
	'> quoted **text**',
	'```ts\nconst x = a < b && c > d;\n```',
	'first line  \nsecond line',
	'---',
	'中文笔记：**预算**一千万元。\n\n絵文字 🚀🎉 and émoji ñ',
	'Specials: 1\\* not a list, \\_under\\_, a\\\\b, \\[x\\], 100% &amp; &lt;tag&gt;',
	'\\# not a heading\n\n\\- not a list\n\n1\\. not ordered\n\n\\+ plus\n\nMr\\. Smith',
	'Para one.\n\nPara two.'
];

describe('rich text <-> markdown', () => {
	it('round-trips the supported constructs unchanged through a Y.XmlFragment', () => {
		for (const md of STABLE) expect(viaFragment(md), md).toBe(md);
	});

	it('is stable after one normalisation for other spellings', () => {
		for (const md of ['* a\n* b', '__bold__ _it_', 'Setext\n======', '   indented', '***', '<b>html</b>']) {
			const once = viaFragment(md);
			expect(viaFragment(once), md).toBe(once);
		}
		expect(viaFragment('* a\n* b')).toBe('- a\n- b');
		expect(viaFragment('Setext\n======')).toBe('# Setext');
	});

	it('keeps the text of constructs the schema lacks', () => {
		expect(viaFragment('| a | b |\n|---|---|\n| 1 | 2 |')).toBe('| a | b |\n|---|---|\n| 1 | 2 |');
		expect(viaFragment('- [ ] task\n- [x] done')).toBe('- task\n- done');
		expect(viaFragment('see ![chart](https://x/y.png)')).toBe('see chart');
		expect(viaFragment('<div>raw</div>')).toBe('&lt;div&gt;raw&lt;/div&gt;');
		expect(viaFragment('[click](javascript:alert(1))')).toBe('click');
		expect(viaFragment('')).toBe('');
	});

	it('serialises any paragraph text so that it parses back to the same text', () => {
		const chars = fc.constantFrom(...'ab 中🚀#*-_+=>`~[]()!\\<&|.1\n\t'.split(''), '  ', '1. ', '# ', '- ');
		fc.assert(
			fc.property(fc.array(chars, { minLength: 1, maxLength: 24 }).map((a) => a.join('')), (text) => {
				// markdown cannot keep leading/trailing blanks, blank lines or line breaks inside a paragraph
				const clean = text.replace(/\s+/g, ' ').trim();
				fc.pre(clean.length > 0);
				const json = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: clean }] }] };
				const md = jsonToMarkdown(json);
				expect(markdownToJSON(md), JSON.stringify(md)).toEqual(json);
			}),
			{ numRuns: 300 }
		);
	});

	it('shares one schema with the editor and runs without a DOM', () => {
		expect(typeof (globalThis as { document?: unknown }).document).toBe('undefined');
		const schema = richTextSchema();
		expect(Object.keys(schema.nodes).sort()).toEqual(Object.keys(getSchema(richTextExtensions()).nodes).sort());
		expect(schema.marks.link).toBeDefined();
		expect(schema.marks.underline).toBeUndefined();
		expect(richTextExtensions().map((e) => e.name)).not.toContain('undoRedo');
	});
});
