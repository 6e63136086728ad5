/**
 * Browser tests (tests/browser) against the built app, served by `node build` as in production, in Debian's
 * Chromium (Playwright downloads no browser here). The port is picked free once, in the main process, and passed
 * to the workers through the environment so they all talk to the same server.
 */
import { defineConfig } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { TEST_DB } from './tests/browser/global-setup';
import { serverEnvironment, serverNodeOptions } from './scripts/server-options.js';

function freePort(): string {
	// Synchronous on purpose: the config must be complete when it is returned.
	return execFileSync(process.execPath, [
		'-e',
		"const s=require('net').createServer().listen(0,'127.0.0.1',()=>{process.stdout.write(String(s.address().port));s.close()})"
	]).toString();
}

const port = (process.env.RAPPORTEUR_TEST_PORT ??= freePort());
const baseURL = `http://127.0.0.1:${port}`;

export default defineConfig({
	testDir: 'tests/browser',
	outputDir: 'test-results/playwright',
	globalSetup: './tests/browser/global-setup.ts',
	fullyParallel: false,
	workers: 1,
	retries: 0,
	forbidOnly: !!process.env.CI,
	reporter: process.env.CI ? 'list' : [['list']],
	timeout: 30_000,
	use: {
		baseURL,
		acceptDownloads: true,
		launchOptions: {
			executablePath: '/usr/bin/chromium',
			// Without the network flags Chromium keeps trying to reach Google services on this closed network.
			args: [
				'--no-sandbox',
				'--disable-gpu',
				'--disable-quic',
				'--no-first-run',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync'
			]
		}
	},
	projects: [{ name: 'chromium', use: { browserName: 'chromium' } }],
	webServer: {
		command: `npx vite build && node ${serverNodeOptions().join(' ')} build`,
		// A static file: ready without touching the database, which global-setup.ts may still be building.
		url: `${baseURL}/favicon.svg`,
		reuseExistingServer: false,
		timeout: 180_000,
		stdout: 'pipe',
		stderr: 'pipe',
		env: {
			MALLOC_ARENA_MAX: serverEnvironment().MALLOC_ARENA_MAX ?? '2',
			HOST: '127.0.0.1',
			PORT: port,
			ORIGIN: baseURL,
			RAPPORTEUR_DB: TEST_DB
		}
	}
});
