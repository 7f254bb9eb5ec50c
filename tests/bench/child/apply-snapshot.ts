/**
 * Cold-load baseline: a fresh process reads a compacted snapshot (file `BENCH_SNAPSHOT`) and
 * times one `Y.applyUpdate` into an empty Y.Doc — the least any server must do to load the board.
 * Reports `{ ms, cards }` in its ready message.
 */
import { readFileSync } from 'node:fs';
import * as Y from 'yjs';
import { announceReady, serve } from './ipc.ts';

const bytes = new Uint8Array(readFileSync(process.env.BENCH_SNAPSHOT!));
const t0 = performance.now();
const doc = new Y.Doc();
Y.applyUpdate(doc, bytes);
const ms = performance.now() - t0;
serve({});
announceReady({ ms, cards: doc.getMap('cards').size });
