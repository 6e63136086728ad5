/**
 * Turns for exports of every row (the CSV of every recommendation or link): each holds a batch of rows in the
 * server's capped heap while it is written, so however many are asked for at once, only a few run; the others
 * wait, their answer started but empty, and go in the order they came.
 */
export interface Slots {
	/** Resolves with the slot's release once it is this caller's turn; release is safe to call twice. */
	take(): Promise<() => void>;
	/** Exports running and waiting, for tests. */
	readonly counts: { running: number; waiting: number };
}

export function slots(max: number): Slots {
	let running = 0;
	const waiting: (() => void)[] = [];
	function release(): void {
		// A waiter is handed the slot itself, so a newcomer cannot take it in between.
		const next = waiting.shift();
		if (next) next();
		else running--;
	}
	return {
		take() {
			let turn: Promise<void>;
			if (running < max) {
				running++;
				turn = Promise.resolve();
			} else turn = new Promise((resolve) => waiting.push(resolve));
			return turn.then(() => {
				let released = false;
				return () => {
					if (released) return;
					released = true;
					release();
				};
			});
		},
		get counts() {
			return { running, waiting: waiting.length };
		}
	};
}
