import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as Y from 'yjs';
import { getSchema, type JSONContent } from '@tiptap/core';
import {
	fragmentToMarkdown,
	jsonToMarkdown,
	markdownToFragment,
	markdownToJSON
} from './convert.ts';
import { richTextExtensions } from './extensions.ts';
import { richTextSchema } from './markdown-manager.ts';
import { CJK_LETTER, CJK_PUNCTUATION } from './cjk-emphasis.ts';

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
	'first line\\\nsecond line',
	'---',
	'中文笔记：**预算**一千万元。\n\n絵文字 🚀🎉 and émoji ñ',
	'**注意：**这是重点，*“斜体”*之后~~删除：~~保留。',
	'Specials: 1\\* not a list, \\_under\\_, a\\\\b, \\[x\\], 100% &amp; &lt;tag&gt;',
	'\\# not a heading\n\n\\- not a list\n\n1\\. not ordered\n\n\\+ plus\n\nMr\\. Smith',
	'Para one.\n\nPara two.'
];

/** Markdown-ish pieces the idempotence property strings together. */
const PIECES = [
	'#', '##', '-', '+', '*', '**', '1.', '2)', 'a.', 'i.', '>', '```', '~~~', '~~', '~', '|', '---', '***', '===',
	'_', '`', '``', '[', ']', '(', ')', '[a](b)', 'http://x.y', 'www.', '@', '!', '<', '</div>', '<b>', '<!-- x -->',
	'&', '&nbsp;', 'amp;', '\\', ':', '.', '=', '$$', '"', '\n', '\n\n', '\n  - ', '\n   1. ', '\n> ', '\n    ',
	'\n\t', '\\\n', ' ', '  ', '    ', '\t', '\u00a0', '\u3000', '中文', '　　中文', '🚀', 'a', 'b', 'x1',
	'| a | b |\n|---|---|', '\n| 1 | 2 |', '*a*', '**b**', '~~c~~', '`d`',
	'注意', '：', '。', '（', '）', '“', '”', '、', '**注意：**', '**“重点”**', '~~删除：~~'
];

const EMPHASIS = ['bold', 'italic', 'strike'];
const hasMark = (n: JSONContent | undefined, type: string) => !!n?.marks?.some((m) => m.type === type);
const edgeChar = (n: JSONContent | undefined, side: 'start' | 'end') => {
	const chars = Array.from(n?.text ?? '');
	return side === 'start' ? chars[0] : chars[chars.length - 1];
};
const isWordChar = (c: string | undefined) => c !== undefined && !/[\s\p{P}\p{S}]/u.test(c);
/** Punctuation just inside a delimiter: a symbol, an escaped character, a code span or link edge. */
const punctInside = (n: JSONContent, side: 'start' | 'end', other: JSONContent | undefined) =>
	n.type !== 'text' ||
	hasMark(n, 'code') ||
	(hasMark(n, 'link') && !hasMark(other, 'link')) ||
	/[\p{P}\p{S}]/u.test(edgeChar(n, side) ?? '');
/** Something other than a blank or the block's edge just outside a delimiter. */
const touchedOutside = (n: JSONContent | undefined, side: 'start' | 'end') =>
	!!n && n.type !== 'hardBreak' && (n.type !== 'text' || !/^\s/u.test(edgeChar(n, side) ?? ' '));

/**
 * Whether emphasis next to CJK text lifts limit (1) (see cjk-emphasis.ts): the punctuation mark
 * `inside` the delimiter is plain text and CJK punctuation with a non-blank, non-punctuation
 * character beyond the delimiter, or the character beyond is a CJK letter of a neighbour that
 * differs from `b` in mark `m` only (else another delimiter sits between them).
 */
function cjkRelaxes(b: JSONContent, side: 'start' | 'end', neighbour: JSONContent | undefined, m: string): boolean {
	const plain = (n: JSONContent | undefined) => n?.type === 'text' && !hasMark(n, 'code') && !hasMark(n, 'link');
	const others = (n: JSONContent | undefined) => EMPHASIS.filter((e) => e !== m && hasMark(n, e)).join();
	if (!plain(neighbour) || others(neighbour) !== others(b)) return false;
	const beyond = edgeChar(neighbour, side === 'start' ? 'end' : 'start') ?? '';
	if (/[\s\p{P}\p{S}]/u.test(beyond)) return false;
	return CJK_LETTER.test(beyond) || (plain(b) && CJK_PUNCTUATION.test(edgeChar(b, side) ?? ''));
}

/** The known limits of model-notes.md ("Rich-text round trip") met by the inline content of a text block. */
function inlineLimit(inline: JSONContent[], inOrderedList: boolean): boolean {
	return inline.some((b, i) => {
		const a = inline[i - 1];
		const next = inline[i + 1];
		// (3) a code span of three or more backticks starting a line of an ordered-list item
		const lineStart = !a || a.type === 'hardBreak' || /\n$/.test(a.text ?? '');
		if (inOrderedList && hasMark(b, 'code') && /``/.test(b.text ?? '') && lineStart) return true;
		return EMPHASIS.some((m) => {
			if (!hasMark(b, m)) return false;
			const opens = !hasMark(a, m);
			const closes = !hasMark(next, m);
			// (1) punctuation inside a delimiter with a non-blank outside it
			if (opens && punctInside(b, 'start', a) && touchedOutside(a, 'end') && !cjkRelaxes(b, 'start', a, m)) return true;
			if (closes && punctInside(b, 'end', next) && touchedOutside(next, 'start') && !cjkRelaxes(b, 'end', next, m)) return true;
			// (2) a delimiter inside a word within another emphasis ('*a **b**c*')
			const enclosed = (o: JSONContent | undefined) => EMPHASIS.some((e) => e !== m && hasMark(b, e) && hasMark(o, e));
			if (opens && enclosed(a) && isWordChar(edgeChar(a, 'end')) && isWordChar(edgeChar(b, 'start'))) return true;
			return closes && enclosed(next) && isWordChar(edgeChar(b, 'end')) && isWordChar(edgeChar(next, 'start'));
		});
	});
}

/** Whether a parsed notes document meets one of the documented known limits of the round trip. */
function meetsKnownLimit(node: JSONContent, inOrderedList = false): boolean {
	const content = node.content ?? [];
	if (content.some((c) => c.type === 'text' || c.type === 'hardBreak')) return inlineLimit(content, inOrderedList);
	// (4) a block after an ordered list inside an item of an ordered list
	const blockAfterNested = (item: JSONContent) =>
		(item.content ?? []).some((c, i, all) => c.type === 'orderedList' && i < all.length - 1);
	if (node.type === 'orderedList' && content.some(blockAfterNested)) return true;
	return content.some((c) => meetsKnownLimit(c, inOrderedList || node.type === 'orderedList'));
}

describe('rich text <-> markdown', () => {
	it('round-trips the supported constructs unchanged through a Y.XmlFragment', () => {
		for (const md of STABLE) expect(viaFragment(md), md).toBe(md);
	});

	it('reads emphasis next to Chinese text bold and writes it back byte-exactly', () => {
		const bold = (text: string) => ({ type: 'text', text, marks: [{ type: 'bold' }] });
		const cases: [string, JSONContent[]][] = [
			['**注意：**这是', [bold('注意：'), { type: 'text', text: '这是' }]],
			['**重点**', [bold('重点')]],
			['这是**“重点”**内容', [{ type: 'text', text: '这是' }, bold('“重点”'), { type: 'text', text: '内容' }]],
			['请**注意（重要）**后续', [{ type: 'text', text: '请' }, bold('注意（重要）'), { type: 'text', text: '后续' }]],
			['**注意：**This', [bold('注意：'), { type: 'text', text: 'This' }]],
			['~~删除：~~这是', [{ type: 'text', text: '删除：', marks: [{ type: 'strike' }] }, { type: 'text', text: '这是' }]]
		];
		for (const [md, inline] of cases) {
			const json = { type: 'doc', content: [{ type: 'paragraph', content: inline }] };
			expect(markdownToJSON(md), md).toEqual(json);
			expect(jsonToMarkdown(json), md).toBe(md);
			expect(viaFragment(md), md).toBe(md);
		}
		// Latin text keeps CommonMark's rules: punctuation inside, a letter outside stays literal
		expect(markdownToJSON('**a.**b').content?.[0]?.content).toEqual([{ type: 'text', text: '**a.**b' }]);
		expect(markdownToJSON('a**“b”**c').content?.[0]?.content).toEqual([{ type: 'text', text: 'a**“b”**c' }]);
	});

	it('bold, italic and strike Chinese text round-trips, whatever punctuation it starts or ends with', () => {
		const cjkText = fc
			.array(fc.constantFrom('注意', '重点', '：', '。', '，', '（', '）', '“', '”', '、', '预算', 'a', '1', '！'), { minLength: 1, maxLength: 5 })
			.map((a) => a.join(''));
		const mark = fc.constantFrom('bold', 'italic', 'strike');
		fc.assert(
			fc.property(fc.constantFrom('这是', '预算', '请', ''), cjkText, mark, fc.constantFrom('之后', '内容', ''), (before, inner, m, after) => {
				const content: JSONContent[] = [];
				if (before) content.push({ type: 'text', text: before });
				content.push({ type: 'text', text: inner, marks: [{ type: m }] });
				if (after) content.push({ type: 'text', text: after });
				const json = { type: 'doc', content: [{ type: 'paragraph', content }] };
				const md = jsonToMarkdown(json);
				expect(markdownToJSON(md), md).toEqual(json);
				expect(jsonToMarkdown(markdownToJSON(md))).toBe(md);
			}),
			{ numRuns: 300 }
		);
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

	it('escapes paragraph text that would read as a thematic break', () => {
		for (const text of ['-- --', '--- ---', '- - -x', '_ _ _', '* * *']) {
			const json = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] };
			expect(markdownToJSON(jsonToMarkdown(json)), text).toEqual(json);
		}
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

	it('normalises any markdown-ish text in one step: N(N(x)) === N(x)', () => {
		// after changing the serialisation run once with RICH_TEXT_RUNS=20000 and --testTimeout 600000
		const numRuns = Number(process.env.RICH_TEXT_RUNS ?? 300);
		const text = fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }).map((pieces) => pieces.join(''));
		fc.assert(
			fc.property(text, (x) => {
				fc.pre(!meetsKnownLimit(markdownToJSON(x)));
				const once = viaFragment(x);
				expect(viaFragment(once), JSON.stringify(x)).toBe(once);
			}),
			{ numRuns }
		);
	});

	it('settles the cases that used to change on a second pass', () => {
		const cases: [string, string][] = [
			// a fence longer than any backtick run in the code; tildes when the language has a backtick
			['~~~\n```', '````\n```\n````'],
			['~~~a`b\nx\n~~~', '~~~a`b\nx\n~~~'],
			// a paragraph line that would read as a table start or setext underline is escaped
			['</div>\n# Heading\n| --- | --- |\n', '&lt;/div&gt;\n\\# Heading\n\\| --- | --- |'],
			// no leading blank lines or empty paragraphs; an empty quote keeps its (empty) paragraph
			['\n\n>\n', '>'],
			['\n\na\n\n', 'a'],
			// code spans with backticks, links with parentheses, '!' before a link, autolink-like text
			['`` a`b ``', '``a`b``'],
			['`` `a ``', '`` `a ``'],
			['[x](<a b> "t\\"")', '[x](<a b> "t\\"")'],
			['[x](a\\(b)', '[x](a\\(b)'],
			['[a](b)', '[a](b)'],
			['\\![a](b)', '\\![a](b)'],
			['http\\://x.y', 'http\\://x.y'],
			// empty list items, adjacent lists, hard breaks
			['-\n- a', '-\n- a'],
			['1. a\n\n2) b', '1. a\n2. b'],
			['- a\n\n+ b', '- a\n\n+ b'],
			['a\\\n\\\nb', 'a\\\n\\\nb'],
			['a  \nb', 'a\\\nb'],
			// multi-line setext heading, heading ending in '#'
			['a\nb\n===', 'a\nb\n==='],
			['# C#', '# C#'],
			['# a \\#', '# a \\#'],
			['## \\#', '## \\#']
		];
		for (const [input, expected] of cases) {
			const once = viaFragment(input);
			expect(once, JSON.stringify(input)).toBe(expected);
			expect(viaFragment(once), JSON.stringify(input)).toBe(once);
		}
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
