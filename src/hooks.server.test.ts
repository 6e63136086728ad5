import { describe, expect, it } from 'vitest';
import { writeRefusal } from './hooks.server';

const form = (fields: Record<string, string>, headers: Record<string, string> = {}) => {
	const body = new URLSearchParams(fields);
	return new Request('http://localhost/add?/confirm', {
		method: 'POST',
		body,
		headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }
	});
};

describe('write guard', () => {
	it('lets writes through on loopback when no token is configured', async () => {
		expect(await writeRefusal(form({}), { HOST: '127.0.0.1' })).toBeNull();
		expect(await writeRefusal(form({}), {})).toBeNull();
	});

	it('refuses writes beyond localhost without a configured token', async () => {
		expect(await writeRefusal(form({}), { HOST: '0.0.0.0' })).toMatch(/RAPPORTEUR_WRITE_TOKEN/);
	});

	it('requires the configured token, in the form or a header', async () => {
		const env = { HOST: '0.0.0.0', RAPPORTEUR_WRITE_TOKEN: 's3cret' };
		expect(await writeRefusal(form({}), env)).toMatch(/token/);
		expect(await writeRefusal(form({ token: 'wrong!' }), env)).toMatch(/token/);
		expect(await writeRefusal(form({ token: 's3cret' }), env)).toBeNull();
		expect(await writeRefusal(form({}, { 'x-rapporteur-token': 's3cret' }), env)).toBeNull();
	});
});
