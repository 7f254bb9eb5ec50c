/** Names shared by the service worker and the page (no imports: both bundles use this file). */

/** Prefix of the service worker's cache names; the rest is the build's version. */
export const CACHE_PREFIX = 'groundwork-app-';

/** Message the page posts to a waiting worker to make it take over (the user chose Reload). */
export const SKIP_WAITING_MESSAGE = 'skip-waiting';
