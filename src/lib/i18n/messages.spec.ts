import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import settings from '../../../project.inlang/settings.json' with { type: 'json' };

/** Every message file, by locale, as written (messages/<locale>.json). */
const files = Object.fromEntries(
	settings.locales.map((locale) => [locale, JSON.parse(readFileSync(new URL(`../../../messages/${locale}.json`, import.meta.url), 'utf8')) as Record<string, unknown>])
);

/** The texts of a message: a string, or every variant of a pluralised one. */
function texts(value: unknown): string[] {
	if (typeof value === 'string') return [value];
	if (Array.isArray(value)) return value.flatMap((v) => Object.values((v as { match: Record<string, string> }).match));
	return [];
}

/** `{name}` placeholders of a text. */
const placeholders = (text: string) => new Set([...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]));

describe('messages', () => {
	const keys = (locale: string) => Object.keys(files[locale]).filter((k) => k !== '$schema');

	test('the project has English and 简体中文, English first', () => {
		expect(settings.baseLocale).toBe('en');
		expect(settings.locales).toEqual(['en', 'zh-CN']);
	});

	test('every key is in both languages', () => {
		expect(keys('zh-CN').sort()).toEqual(keys('en').sort());
		expect(keys('en').length).toBeGreaterThan(300);
	});

	test('no message is empty, and each language uses the same placeholders', () => {
		for (const key of keys('en')) {
			const en = texts(files.en[key]);
			const zh = texts(files['zh-CN'][key]);
			expect(en.length, key).toBeGreaterThan(0);
			expect(zh.length, key).toBeGreaterThan(0);
			for (const text of [...en, ...zh]) expect(text.trim(), key).not.toBe('');
			const wanted = placeholders(en.join(' '));
			for (const text of zh) expect([...placeholders(text)].every((p) => wanted.has(p)), `${key}: ${text}`).toBe(true);
			expect(placeholders(zh.join(' ')), key).toEqual(wanted);
		}
	});

	test('Chinese messages are in Chinese (brand names, keys and formats aside)', () => {
		const neutral = new Set(['app_name', 'export_markdown', 'sync_offline_short', 'card_range', 'zoom_reset_title', 'zoom_in_title', 'zoom_out_title']);
		for (const key of keys('zh-CN')) {
			if (neutral.has(key)) continue;
			const zh = texts(files['zh-CN'][key]).join(' ');
			expect(/[\u3000-\u30ff\u4e00-\u9fff\uff00-\uffef]/.test(zh), `${key}: ${zh}`).toBe(true);
		}
	});
});
