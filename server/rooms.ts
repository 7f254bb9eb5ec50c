/**
 * Live boards ("rooms"), split the way Hocuspocus and tldraw's sync-core split theirs:
 * rooms/registry.ts (the live boards of this instance: join, read, write, idle unload, pings,
 * store upkeep), rooms/room.ts (one board: doc, awareness, frames, gap filling),
 * rooms/connection.ts (one socket), rooms/commit-queue.ts (commit before relay, group commit),
 * rooms/compactor.ts (when the store compacts a board) and relay/ (between instances).
 */
export * from './rooms/close-codes.ts';
export { createRooms, type Rooms, type RoomsDeps, type RoomStats } from './rooms/registry.ts';
