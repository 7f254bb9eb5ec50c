/**
 * The browser scenario's baseline: one static HTML page that shows the same cards at the same
 * world positions (as the server laid them out) with similar markup and styling — every card in
 * the DOM (top rows first), no sync, no framework; only a dozen lines of script that pan the world
 * with a CSS transform while the background is dragged (the pan floor). What a browser needs to
 * draw and move those cards at the least. Same hooks as the board: `[data-testid=canvas]`,
 * `[data-zone]`, `[data-card-id]`.
 */
import { CARD_HEIGHT, ZONES, type Card, type PlanData, type Zone } from '../../../src/lib/model/index.ts';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function facts(card: Card, currency: string): string {
	const money = (minor: number) => `${(minor / 100).toLocaleString('en-US', { maximumFractionDigits: 0 })} ${currency}`;
	switch (card.kind) {
		case 'role':
			return `<span class="chip">${card.headcount} people</span></div><p class="title">${esc(card.title)}</p><div class="facts"><span>${money(card.monthlyCost)} / mo</span><span>from ${card.startMonth}</span>`;
		case 'spend':
			return `<span class="chip">${card.category}</span></div><p class="title">${esc(card.title)}</p><div class="facts"><span>${money(card.amount)} ${card.recurrence === 'monthly' ? '/ mo' : 'once'}</span><span>${card.startMonth}</span>`;
		case 'risk':
			return `<span class="chip">${card.likelihood * card.impact}</span></div><p class="title">${esc(card.title)}</p><div class="facts"><span>Likelihood ${card.likelihood} · Impact ${card.impact}</span>`;
		case 'milestone':
			return `<span class="chip">${card.status}</span></div><p class="title">${esc(card.title)}</p><div class="facts"><span>Step ${card.order + 1}</span>`;
		default:
			return `</div><p class="title">${esc(card.title)}</p><div class="facts">`;
	}
}

/** A complete HTML document showing every card of `plan` (cards need x/y). */
export function staticBoardHtml(plan: PlanData): string {
	// top of the board first, so the cards of the first screen are parsed first (the best case)
	const cards = [...plan.cards]
		.sort((a, b) => (a.y ?? 0) - (b.y ?? 0) || (a.x ?? 0) - (b.x ?? 0))
		.map(
			(c) =>
				`<div class="card" data-card-id="${c.id}" style="transform:translate(${c.x ?? 0}px,${c.y ?? 0}px)"><div class="head"><span class="badge">${c.kind}</span>${facts(c, plan.currency)}</div></div>`
		)
		.join('\n');
	const height = Math.max(...plan.cards.map((c) => (c.y ?? 0) + CARD_HEIGHT), 1100) + 320;
	const zones = (Object.keys(ZONES) as Zone[])
		.map((z) => `<section class="zone" data-zone="${z}" style="transform:translate(${ZONES[z].x}px,${ZONES[z].y}px);width:${ZONES[z].width}px;height:${height}px"><h2>${ZONES[z].label}</h2></section>`)
		.join('');
	return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(plan.title)} (static)</title>
<style>
body{margin:0;font:14px/1.4 system-ui,sans-serif;background:#f6f7f9;color:#111827}
header{position:fixed;top:0;left:0;right:0;height:56px;background:#fff;border-bottom:1px solid #e5e7eb;z-index:1;display:flex;align-items:center;padding:0 16px;font-weight:600}
.canvas{position:fixed;top:56px;left:0;right:0;bottom:0;overflow:hidden;touch-action:none}
.world{position:absolute;left:0;top:0;transform-origin:0 0;will-change:transform}
.zone{position:absolute;left:0;top:0;box-sizing:border-box;background:#eef2f7;border-radius:16px}.zone h2{margin:16px 24px;font-size:16px}
.card{position:absolute;left:0;top:0;width:220px;height:132px;box-sizing:border-box;padding:10px 12px;background:#fff;border:1px solid #e5e7eb;border-radius:10px;box-shadow:0 1px 2px rgba(0,0,0,.06);overflow:hidden}
.head{display:flex;justify-content:space-between;font-size:11px;color:#6b7280}
.badge{text-transform:capitalize}.chip{background:#f3f4f6;border-radius:999px;padding:0 6px}
.title{margin:6px 0;font-weight:600;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.facts{display:flex;flex-direction:column;font-size:12px;color:#374151}
</style></head>
<body><header>${esc(plan.title)}</header><div class="canvas" data-testid="canvas"><div class="world">${zones}
${cards}
</div></div>
<script>
(() => {
	const canvas = document.querySelector('.canvas');
	const world = document.querySelector('.world');
	let x = 0, y = 0, drag = null;
	canvas.addEventListener('pointerdown', (e) => { drag = { x: e.clientX, y: e.clientY }; canvas.setPointerCapture(e.pointerId); });
	canvas.addEventListener('pointermove', (e) => {
		if (!drag) return;
		x += e.clientX - drag.x; y += e.clientY - drag.y; drag = { x: e.clientX, y: e.clientY };
		world.style.transform = 'translate(' + x + 'px,' + y + 'px)';
	});
	canvas.addEventListener('pointerup', () => { drag = null; });
})();
</script></body></html>
`;
}
