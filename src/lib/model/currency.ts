/** Currency codes of a plan (ISO 4217, as Intl knows them). The budget module re-exports this. */

/** True when `code` is three uppercase letters that Intl accepts as a currency. */
export function isCurrencyCode(code: unknown): code is string {
	if (typeof code !== 'string' || !/^[A-Z]{3}$/.test(code)) return false;
	try {
		new Intl.NumberFormat('en', { style: 'currency', currency: code });
		return true;
	} catch {
		return false;
	}
}
