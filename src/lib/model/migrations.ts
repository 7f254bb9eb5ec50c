/**
 * Schema versioning. `meta.schemaVersion` holds the version a doc is at; migrations are numbered
 * `up` steps run in order inside one transaction. Rules for new migrations: never change what a
 * shipped one writes; make `up` a deterministic function of the doc (iterate maps in sorted key
 * order, never in a replica's insertion order); only add or reshape data, never depend on
 * wall-clock state except for defaults of missing values.
 *
 * Concurrent migration: the server migrates a doc when it loads it, and every editing client
 * migrates what it holds after its first sync when that is still older (e.g. served by a server
 * of the previous version during a deploy) — so several replicas may migrate the same state at
 * once. {@link migrateDoc} makes that harmless by giving the items a migration creates
 * deterministic ids: it runs the steps on a copy of the doc whose Yjs client id is a hash of the
 * doc's state (state vector and delete set) and the versions (and of what the steps write, when
 * a step reads the clock), and applies the difference. Two replicas migrating the same state thus write the very same items
 * (Yjs merges them as one: no title is duplicated, and typing into a title migrated on both sides
 * lands in one shared text); replicas migrating different states write different items, and each
 * converted value is a map entry (a title is replaced, never appended to), so one of them wins.
 */
import * as Y from 'yjs';
import { cardsMap, metaMap, NOTES_KEY } from './doc-keys.ts';
import { defaultMeta, META_CHECKS, type BoardMeta } from './meta.ts';
import { createOrigin, type WriteOrigin } from './origin.ts';
import { TITLE_KEY } from './title-text.ts';
import { digest } from 'lib0/hash/sha256';

/** One numbered schema step. */
export interface Migration {
	/** The version a doc is at after this step. */
	version: number;
	description: string;
	/** True when `up` may read the clock (defaults such as the current month): see migrationUpdate. */
	readsClock?: boolean;
	up(doc: Y.Doc): void;
}

/** Every migration, in order; the last version is {@link SCHEMA_VERSION}. */
export const MIGRATIONS: readonly Migration[] = [
	{
		version: 1,
		description: 'initial layout: meta defaults, a notes fragment on every card',
		readsClock: true,
		up(doc) {
			const meta = metaMap(doc);
			const defaults = defaultMeta();
			for (const key of Object.keys(META_CHECKS) as (keyof typeof META_CHECKS)[]) {
				if (META_CHECKS[key](meta.get(key)) !== null) meta.set(key, defaults[key]);
			}
			for (const card of sortedCards(doc)) {
				if (!(card.get(NOTES_KEY) instanceof Y.XmlFragment)) card.set(NOTES_KEY, new Y.XmlFragment());
			}
		}
	},
	{
		version: 2,
		description: 'titles become shared text: the board title and every card title a Y.Text',
		up(doc) {
			const meta = metaMap(doc);
			const title = meta.get(TITLE_KEY);
			if (typeof title === 'string') meta.set(TITLE_KEY, new Y.Text(title));
			for (const card of sortedCards(doc)) {
				const cardTitle = card.get(TITLE_KEY);
				if (typeof cardTitle === 'string') card.set(TITLE_KEY, new Y.Text(cardTitle));
			}
		}
	}
];

/** The card maps of a doc in id order (the same on every replica, unlike a map's own order). */
function sortedCards(doc: Y.Doc): Y.Map<unknown>[] {
	const cards = cardsMap(doc);
	return [...cards.keys()]
		.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
		.map((id) => cards.get(id))
		.filter((card): card is Y.Map<unknown> => card instanceof Y.Map);
}

/** The schema version this code writes. */
export const SCHEMA_VERSION: number = MIGRATIONS[MIGRATIONS.length - 1].version;

/** The doc's schema version: 0 when it has content but no version, null when it is empty. */
export function docSchemaVersion(doc: Y.Doc): number | null {
	const version = metaMap(doc).get('schemaVersion');
	if (typeof version === 'number' && Number.isInteger(version)) return version;
	return metaMap(doc).size === 0 && cardsMap(doc).size === 0 ? null : 0;
}

/**
 * Bring a loaded doc up to {@link SCHEMA_VERSION}; idempotent (a doc at the current version is
 * untouched, no transaction happens). An empty doc is left alone (it may not have synced yet;
 * `initBoard` creates boards). A doc from newer code (`from > SCHEMA_VERSION`) is left alone too:
 * callers should then treat it as read-only. The steps are applied as one update with `origin`,
 * written with deterministic ids (see the top of this file). Returns the versions before and after.
 */
export function migrateDoc(
	doc: Y.Doc,
	origin: WriteOrigin = createOrigin('migration')
): { from: number; to: number } {
	const from = docSchemaVersion(doc);
	if (from === null) return { from: 0, to: 0 };
	if (from >= SCHEMA_VERSION) return { from, to: from };
	Y.applyUpdate(doc, migrationUpdate(doc, from), origin);
	return { from, to: SCHEMA_VERSION };
}

/** Client id of the dry run whose output names the real run (never used by a written update). */
const DRY_RUN_CLIENT = 1;

/**
 * The update that brings `doc` (at version `from`) to the current schema, as written by a client
 * whose id derives from the doc's state — and, when a pending step reads the clock, from the
 * update's content too (found by a dry run), so replicas migrating the same state a month apart
 * write different items rather than different values under the same ids. The same on every
 * replica that migrates the same state. Costs two (with a dry run, three) encodings of the doc.
 */
function migrationUpdate(doc: Y.Doc, from: number): Uint8Array {
	const base = Y.encodeStateAsUpdate(doc);
	const stateVector = Y.encodeStateVector(doc);
	const run = (clientID: number): Uint8Array => {
		const copy = new Y.Doc({ gc: doc.gc });
		copy.clientID = clientID;
		try {
			Y.applyUpdate(copy, base);
			copy.transact(() => {
				for (const migration of MIGRATIONS) if (migration.version > from) migration.up(copy);
				metaMap(copy).set('schemaVersion', SCHEMA_VERSION);
			});
			return Y.encodeStateAsUpdate(copy, stateVector);
		} finally {
			copy.destroy();
		}
	};
	const state = Y.encodeSnapshot(Y.snapshot(doc));
	const readsClock = MIGRATIONS.some((m) => m.version > from && m.readsClock);
	const taken = Y.decodeStateVector(stateVector);
	let seed = concat(concat(state, new Uint8Array([from & 0xff, SCHEMA_VERSION & 0xff])), readsClock ? run(DRY_RUN_CLIENT) : new Uint8Array());
	let clientID: number;
	for (;;) {
		const hash = digest(seed);
		clientID = ((hash[0] << 24) | (hash[1] << 16) | (hash[2] << 8) | hash[3]) >>> 0;
		if (clientID !== DRY_RUN_CLIENT && !taken.has(clientID)) break;
		seed = hash; // a client of this doc has that id already: take the next one, deterministically
	}
	return run(clientID);
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
	const out = new Uint8Array(a.length + b.length);
	out.set(a, 0);
	out.set(b, a.length);
	return out;
}
