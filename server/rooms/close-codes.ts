/** WebSocket close codes the sync endpoint uses (README "WebSocket sync"). */

/** Close code: the frame was not a valid message, or Yjs rejected its update. */
export const CLOSE_BAD_MESSAGE = 4400;
/** Close code: no or invalid token; the link was reset while the socket was open. */
export const CLOSE_UNAUTHORIZED = 4401;
/** Close code: no such board; the board was deleted while the socket was open. */
export const CLOSE_UNKNOWN_BOARD = 4404;
/**
 * Close code: the board's stored data cannot be read (damaged bytes). Final: the stock provider
 * does not reconnect on 4400–4499, and the app shows the person an error page.
 */
export const CLOSE_DAMAGED_BOARD = 4422;
/** Close code: server shutting down (clients reconnect). */
export const CLOSE_GOING_AWAY = 1001;
/** Close code: the room was dropped and will reload from the store (clients reconnect): storage failed. */
export const CLOSE_INTERNAL_ERROR = 1011;
/** Close code: the peer does not read its frames fast enough (clients reconnect). */
export const CLOSE_TRY_AGAIN_LATER = 1013;
