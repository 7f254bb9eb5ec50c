import { describe, expect, it } from 'vitest';
import { completeContentSecurityPolicy, originAllowed, parseFrameAncestors, parseOriginList, syncOrigins } from './web-policy.ts';

describe('web policy settings', () => {
	it('frame-ancestors: none by default, self and origins (with wildcard hosts) when listed', () => {
		expect(parseFrameAncestors(undefined)).toEqual({ ok: true, value: "'none'" });
		expect(parseFrameAncestors("'none'")).toEqual({ ok: true, value: "'none'" });
		expect(parseFrameAncestors("self, https://wiki.example.com https://*.Example.org:8443")).toEqual({
			ok: true,
			value: "'self' https://wiki.example.com https://*.example.org:8443"
		});
		for (const bad of ['*', 'javascript:alert(1)', 'https://wiki.example.com/path', "https://a.example; script-src *", 'wiki.example.com']) {
			expect(parseFrameAncestors(bad).ok, bad).toBe(false);
		}
	});

	it('allowed origins: normalised origins; PUBLIC_URL counts as one', () => {
		expect(parseOriginList('https://Wiki.Example.com, http://localhost:5173')).toEqual({ ok: true, value: ['https://wiki.example.com', 'http://localhost:5173'] });
		expect(parseOriginList('ftp://x.example').ok).toBe(false);
		expect(syncOrigins(undefined, [])).toBeNull();
		const allowed = syncOrigins('https://plan.example.com/base', ['https://wiki.example.com']);
		expect([...(allowed ?? [])].sort()).toEqual(['https://plan.example.com', 'https://wiki.example.com']);
		expect(originAllowed('https://plan.example.com', allowed)).toBe(true);
		expect(originAllowed('https://PLAN.example.com', allowed)).toBe(true);
		expect(originAllowed('https://evil.example', allowed)).toBe(false);
		expect(originAllowed('null', allowed)).toBe(false);
		expect(originAllowed(undefined, allowed)).toBe(true);
		expect(originAllowed('https://evil.example', null)).toBe(true);
	});

	it('completes the CSP: hashes join script-src, frame-ancestors replaces any given', () => {
		const csp = completeContentSecurityPolicy("default-src 'self'; script-src 'self' 'nonce-abc'; frame-ancestors *", ["'sha256-xyz'"], "'none'");
		expect(csp).toBe("default-src 'self'; script-src 'self' 'nonce-abc' 'sha256-xyz'; frame-ancestors 'none'");
	});
});
