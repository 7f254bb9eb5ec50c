/**
 * Peer for the memory scenario: @hocuspocus/server 3.x with no extensions, as a team would start
 * it (plain JavaScript, no TypeScript loader), on PORT / HOST from the environment.
 */
import { Server } from '@hocuspocus/server';

const server = new Server({ port: Number(process.env.PORT), address: process.env.HOST || '127.0.0.1', quiet: true });
await server.listen();
