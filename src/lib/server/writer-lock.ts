/**
 * One writer per database file at a time. `npm run ingest`, `npm run derive` and the /add page all build a
 * copy of the database and rename it over the original; two of them at once would each publish a copy
 * without the other's work. The lock is a file `<db>.tmp.lock` holding the writer's pid, created
 * exclusively; a lock left by a process that no longer runs (killed mid-run) is taken over.
 */
import fs from 'node:fs';

/** Whether a process with this pid runs (EPERM: it runs under another user). */
export function pidAlive(pid: number): boolean {
	if (!Number.isInteger(pid) || pid <= 0) return false;
	try {
		process.kill(pid, 0);
		return true;
	} catch (err) {
		return (err as NodeJS.ErrnoException).code === 'EPERM';
	}
}

/** Take the lock of `dbPath`; returns its release. Throws, naming the holder, when a live process has it. */
export function acquireWriterLock(dbPath: string): () => void {
	const lock = `${dbPath}.tmp.lock`;
	for (let attempt = 0; attempt < 2; attempt++) {
		try {
			fs.writeFileSync(lock, String(process.pid), { flag: 'wx' });
			return () => fs.rmSync(lock, { force: true });
		} catch (err) {
			if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
			const holder = Number(fs.readFileSync(lock, 'utf8').trim());
			if (pidAlive(holder)) {
				throw new Error(`another ingest (pid ${holder}) is writing ${dbPath}; remove ${lock} if it is not`, {
					cause: err
				});
			}
			fs.rmSync(lock, { force: true });
		}
	}
	throw new Error(`could not take the lock ${lock}`);
}
