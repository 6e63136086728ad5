/**
 * Turns: at most `max` holders at once, the others waiting in the order they came. The database's queries
 * (db.ts) and the exports of every row (followup-datasets.ts) take one each.
 */
export interface Slots {
	/** Resolves with the slot's release once it is this caller's turn; release is safe to call twice. */
	take(): Promise<() => void>;
	/** Holders and waiters, for tests. */
	readonly counts: { running: number; waiting: number };
}

/** `max` is read at every take, so a limit from the environment can change (tests set it). */
export function slots(max: () => number): Slots {
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
			if (running < max()) {
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
