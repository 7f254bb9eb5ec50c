/**
 * The 'custom-chinese' locale strategy (see i18n.config.js): a browser that asks for any Chinese
 * ('zh', 'zh-TW', 'zh-Hans-SG') and for none of our languages exactly gets 简体中文 rather than English.
 */

/** 'zh-CN' when any of `tags` (browser language tags, most preferred first) is Chinese. */
export function chineseFrom(tags: readonly string[]): 'zh-CN' | undefined {
	return tags.some((tag) => /^zh(?:-|$)/i.test(tag.trim())) ? 'zh-CN' : undefined;
}

/** The language tags of an Accept-Language header, without their weights (order kept). */
export function acceptLanguageTags(header: string | null | undefined): string[] {
	if (!header) return [];
	return header
		.split(',')
		.map((part) => part.split(';')[0]?.trim() ?? '')
		.filter((tag) => tag && tag !== '*');
}
