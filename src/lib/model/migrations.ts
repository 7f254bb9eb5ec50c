/**
 * Schema versioning. `meta.schemaVersion` holds the version a doc is at; migrations are numbered
 * `up` steps run in order inside one transaction. Rules for new migrations: never edit a shipped
 * one; make `up` a deterministic function of the doc (two clients migrating the same state
 * concurrently must write the same values, so their updates converge); only add or reshape
 * data, never depend on wall-clock state except for defaults of missing values.
 */
import * as Y from 'yjs';
import { cardsMap, metaMap, NOTES_KEY } from './doc-keys.ts';
import { defaultMeta, META_CHECKS, type BoardMeta } from './meta.ts';
import { createOrigin, type WriteOrigin } from './origin.ts';

/** One numbered schema step. */
export interface Migration {
	/** The version a doc is at after this step. */
	version: number;
	description: string;
	up(doc: Y.Doc): void;
}

/** Every migration, in order; the last version is {@link SCHEMA_VERSION}. */
export const MIGRATIONS: readonly Migration[] = [
	{
		version: 1,
		description: 'initial layout: meta defaults, a notes fragment on every card',
		up(doc) {
			const meta = metaMap(doc);
			const defaults = defaultMeta();
			for (const key of Object.keys(META_CHECKS) as (keyof typeof META_CHECKS)[]) {
				if (META_CHECKS[key](meta.get(key)) !== null) meta.set(key, defaults[key]);
			}
			for (const card of cardsMap(doc).values()) {
				if (!(card.get(NOTES_KEY) instanceof Y.XmlFragment)) card.set(NOTES_KEY, new Y.XmlFragment());
			}
		}
	}
];

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
 * callers should then treat it as read-only. Returns the versions before and after.
 */
export function migrateDoc(
	doc: Y.Doc,
	origin: WriteOrigin = createOrigin('migration')
): { from: number; to: number } {
	const from = docSchemaVersion(doc);
	if (from === null) return { from: 0, to: 0 };
	if (from >= SCHEMA_VERSION) return { from, to: from };
	doc.transact(() => {
		for (const migration of MIGRATIONS) if (migration.version > from) migration.up(doc);
		metaMap(doc).set('schemaVersion', SCHEMA_VERSION);
	}, origin);
	return { from, to: SCHEMA_VERSION };
}
