/**
 * Who "I" am on every board in this browser: a display name and a colour, kept in localStorage so
 * they survive reloads. Nothing here is secret or authoritative; it is only shown to others.
 */
import { uiLocale } from '$lib/i18n/locale.ts';

/** A person as others see them. `color` is always `#rrggbb` (Tiptap's caret needs that form). */
export interface PresenceUser {
	name: string;
	color: string;
}

/** Colours that read well as cursor labels on white (white text) and as avatar backgrounds. */
export const PRESENCE_COLORS: readonly string[] = [
	'#1d4ed8',
	'#6d28d9',
	'#be185d',
	'#b91c1c',
	'#c2410c',
	'#a16207',
	'#15803d',
	'#0f766e',
	'#0e7490',
	'#4338ca'
];

const ADJECTIVES = ['Bold', 'Bright', 'Calm', 'Clever', 'Keen', 'Quick', 'Steady', 'Sunny', 'Swift', 'Wise'];
const ANIMALS = ['Otter', 'Falcon', 'Lynx', 'Heron', 'Panda', 'Fox', 'Koala', 'Badger', 'Orca', 'Wren'];
/** The same kind of names for people using the board in Chinese ('机灵水獭'). */
const ADJECTIVES_ZH = ['勇敢', '明亮', '沉稳', '机灵', '敏锐', '敏捷', '踏实', '阳光', '迅捷', '睿智'];
const ANIMALS_ZH = ['水獭', '猎鹰', '山猫', '白鹭', '熊猫', '狐狸', '考拉', '獾', '虎鲸', '鹪鹩'];

const STORAGE_KEY = 'groundwork:user';

/** Longest display name kept (characters). */
export const MAX_NAME_LENGTH = 40;

function pick<T>(items: readonly T[]): T {
	return items[Math.floor(Math.random() * items.length)];
}

/**
 * A fresh random identity such as `{ name: 'Swift Otter', color: '#0d9488' }`; in Chinese
 * (the UI language by default) `{ name: '迅捷水獭', … }`.
 */
export function randomUser(chinese = uiLocale() === 'zh-CN'): PresenceUser {
	const name = chinese ? `${pick(ADJECTIVES_ZH)}${pick(ANIMALS_ZH)}` : `${pick(ADJECTIVES)} ${pick(ANIMALS)}`;
	return { name, color: pick(PRESENCE_COLORS) };
}

/** Trim and bound a typed name; an empty result means "keep the old one". */
export function cleanName(name: string): string {
	return name.replace(/\s+/g, ' ').trim().slice(0, MAX_NAME_LENGTH);
}

/** True for a `#rrggbb` colour. */
export function isHexColor(value: unknown): value is string {
	return typeof value === 'string' && /^#[0-9a-fA-F]{6}$/.test(value);
}

/** The stored identity, creating and storing a random one the first time. */
export function loadUser(storage: Storage | undefined = globalThis.localStorage): PresenceUser {
	try {
		const raw = storage?.getItem(STORAGE_KEY);
		if (raw) {
			const parsed = JSON.parse(raw) as Partial<PresenceUser>;
			const name = typeof parsed.name === 'string' ? cleanName(parsed.name) : '';
			if (name && isHexColor(parsed.color)) return { name, color: parsed.color };
		}
	} catch {
		// unreadable storage: fall through to a fresh identity
	}
	const user = randomUser();
	saveUser(user, storage);
	return user;
}

/** Store the identity for next time (ignores storage errors such as private mode quotas). */
export function saveUser(user: PresenceUser, storage: Storage | undefined = globalThis.localStorage): void {
	try {
		storage?.setItem(STORAGE_KEY, JSON.stringify(user));
	} catch {
		// storage unavailable: the identity just won't persist
	}
}

/** Up to two initials for an avatar: 'Swift Otter' → 'SO', 'ana' → 'A'. */
export function initials(name: string): string {
	const parts = name.trim().split(/\s+/).filter(Boolean);
	const letters = parts.slice(0, 2).map((p) => [...p][0]?.toUpperCase() ?? '');
	return letters.join('') || '?';
}
