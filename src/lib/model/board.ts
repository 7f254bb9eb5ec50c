/** Creating a board. */
import type * as Y from 'yjs';
import { metaMap } from './doc-keys.ts';
import { assertMetaPatch, readMeta, writeMeta, type BoardMeta } from './meta.ts';
import { migrateDoc, SCHEMA_VERSION } from './migrations.ts';
import type { WriteOrigin } from './origin.ts';

/**
 * Initialise a board's meta in one transaction: `schemaVersion` = SCHEMA_VERSION and every
 * setting from `meta`, else the doc's existing valid value, else the default (title 'Untitled
 * plan', currency 'CNY', budget 1000000000, startMonth = current UTC month, horizonMonths 24).
 * An older doc is migrated first. Throws TypeError for invalid settings (nothing written).
 */
export function initBoard(doc: Y.Doc, meta: Partial<BoardMeta>, origin: WriteOrigin): void {
	assertMetaPatch(meta as Record<string, unknown>);
	migrateDoc(doc);
	doc.transact(() => {
		writeMeta(doc, { ...readMeta(doc), ...stripUndefined(meta) });
		if (metaMap(doc).get('schemaVersion') !== SCHEMA_VERSION) {
			metaMap(doc).set('schemaVersion', SCHEMA_VERSION);
		}
	}, origin);
}

function stripUndefined<T extends object>(value: T): Partial<T> {
	return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
