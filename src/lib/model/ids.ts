/** Random identifiers. */

/**
 * A new card id: 96 random bits from the platform CSPRNG as 16 url-safe base64 characters
 * (A-Z a-z 0-9 - _). Works in browsers and Node ≥ 20 (global `crypto`).
 */
export function newId(): string {
	const bytes = new Uint8Array(12);
	crypto.getRandomValues(bytes);
	let binary = '';
	for (const b of bytes) binary += String.fromCharCode(b);
	return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_');
}
