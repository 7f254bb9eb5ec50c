/** Helpers shared by the board e2e specs: create boards through the API, open them, read figures. */
import type { APIRequestContext, Browser, Page } from '@playwright/test';
import { expect } from './fixtures.ts';
import type { E2EServer } from './fixtures.ts';
import type { CreatedBoard } from '../../src/lib/sync/board-api.ts';

export type { CreatedBoard };


/** Create a board through the API (optionally with a full plan). */
export async function createBoard(request: APIRequestContext, server: E2EServer, body: Record<string, unknown> = {}): Promise<CreatedBoard> {
	const data = body.plan ? body : { title: 'E2E board', ...body };
	const response = await request.post(`${server.url}/api/boards`, { data });
	expect(response.status()).toBe(201);
	return (await response.json()) as CreatedBoard;
}

/** The board's path with a token. */
export function boardPath(server: E2EServer, board: CreatedBoard, access: 'edit' | 'view' = 'edit'): string {
	return `${server.url}/b/${board.id}?token=${access === 'edit' ? board.editToken : board.viewToken}`;
}

/** Open a board in a fresh browser context and wait until it is synced with the server (Saved, or View only for a view link). */
export async function openBoard(browser: Browser, url: string): Promise<Page> {
	const context = await browser.newContext();
	const page = await context.newPage();
	const errors: string[] = [];
	page.on('pageerror', (error) => errors.push(error.message));
	(page as Page & { errors?: string[] }).errors = errors;
	await page.goto(url);
	await expect(page.getByTestId('sync-status')).toHaveText(/^(Saved|View only)$/, { timeout: 15_000 });
	return page;
}

/** Uncaught page errors seen so far on a page opened with openBoard. */
export function pageErrors(page: Page): string[] {
	return (page as Page & { errors?: string[] }).errors ?? [];
}

/** The `plan.json` of a board (plan and computed budget) as the server sees it. */
export async function planJson(request: APIRequestContext, server: E2EServer, board: CreatedBoard): Promise<unknown> {
	const response = await request.get(`${server.url}/api/boards/${board.id}/plan.json?token=${board.viewToken}`);
	expect(response.status()).toBe(200);
	return response.json();
}

/** A spend card of `amount` minor units per month over the whole plan (for budget scenarios). */
export function monthlySpend(id: string, title: string, amount: number, startMonth: string): Record<string, unknown> {
	return { id, kind: 'spend', title, category: 'operations', amount, recurrence: 'monthly', startMonth };
}

/** 1,000 cards (roles, risks, opportunities and one-off spends in turn), without positions. */
export function thousandCards(start: string): Record<string, unknown>[] {
	const cards: Record<string, unknown>[] = [];
	for (let i = 0; i < 1000; i++) {
		const id = `c${String(i).padStart(4, '0')}`;
		switch (i % 4) {
			case 0:
				cards.push({ id, kind: 'role', title: `Role ${i}`, headcount: 1, monthlyCost: 100_000, startMonth: start });
				break;
			case 1:
				cards.push({ id, kind: 'risk', title: `Risk ${i}`, likelihood: 1 + (i % 5), impact: 1 + ((i * 3) % 5) });
				break;
			case 2:
				cards.push({ id, kind: 'opportunity', title: `Opportunity ${i}` });
				break;
			default:
				cards.push({ id, kind: 'spend', title: `Spend ${i}`, category: 'marketing', amount: 50_000, recurrence: 'once', startMonth: start });
		}
	}
	return cards;
}
