import { describe, expect, it } from 'vitest';
import { cardAnnouncement } from './card-announcement.ts';
import type { MilestoneCard } from '$lib/model/types.ts';

describe('cardAnnouncement', () => {
	it('says kind, title and the key figure', () => {
		expect(cardAnnouncement({ id: 'r', kind: 'role', title: '产品经理', headcount: 2, monthlyCost: 3_000_000, startMonth: '2027-01' }, 'CNY', null, 'en-US')).toBe(
			'Role: 产品经理, 2 people at ¥30,000 a month each'
		);
		expect(cardAnnouncement({ id: 's', kind: 'spend', title: '广告', category: 'marketing', amount: 5_000_00, recurrence: 'once', startMonth: '2027-01' }, 'CNY', null, 'en-US')).toBe(
			'Spend: 广告, ¥5,000 once'
		);
		expect(cardAnnouncement({ id: 'k', kind: 'risk', title: '租金', likelihood: 4, impact: 5 }, 'CNY')).toBe('Risk: 租金, severity 20 (high)');
		expect(cardAnnouncement({ id: 'o', kind: 'opportunity', title: '' }, 'CNY')).toBe('Opportunity: Untitled');
	});
	it('gives goals their progress and milestones their step', () => {
		const steps: MilestoneCard[] = [
			{ id: 'm1', kind: 'milestone', title: '一', goalId: 'g', order: 1, status: 'done' },
			{ id: 'm2', kind: 'milestone', title: '二', goalId: 'g', order: 2, status: 'todo' }
		];
		expect(cardAnnouncement({ id: 'g', kind: 'goal', title: '十城' }, 'CNY', steps)).toBe('Goal: 十城, 1 of 2 steps done');
		expect(cardAnnouncement({ id: 'g', kind: 'goal', title: '十城' }, 'CNY', [])).toBe('Goal: 十城, no milestones yet');
		expect(cardAnnouncement(steps[1], 'CNY', steps)).toBe('Milestone: 二, step 2 of 2, To do');
	});
});
