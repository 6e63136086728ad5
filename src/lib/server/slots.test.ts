import { describe, expect, it } from 'vitest';
import { slots } from './slots';

const settled = () => new Promise((r) => setTimeout(r, 0));

describe('slots', () => {
	it('runs at most max at once, and hands a released slot to the first waiter', async () => {
		const s = slots(() => 2);
		const order: string[] = [];
		const a = await s.take();
		const b = await s.take();
		const c = s.take().then((release) => (order.push('c'), release));
		const d = s.take().then((release) => (order.push('d'), release));
		await settled();
		expect(s.counts).toEqual({ running: 2, waiting: 2 });
		expect(order).toEqual([]);

		a();
		a(); // twice: no second slot freed
		await settled();
		expect(order).toEqual(['c']);
		expect(s.counts).toEqual({ running: 2, waiting: 1 });

		// A newcomer queues behind d, although a slot was just released.
		const e = s.take().then((release) => (order.push('e'), release));
		b();
		await settled();
		expect(order).toEqual(['c', 'd']);
		(await c)();
		(await d)();
		(await e)();
		expect(order).toEqual(['c', 'd', 'e']);
		expect(s.counts).toEqual({ running: 0, waiting: 0 });
	});
});
