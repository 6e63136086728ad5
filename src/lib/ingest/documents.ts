/**
 * Document symbols: those before the meeting (the "Documentation" section, the annex list of
 * documents, the documentation of a provisional agenda) and every symbol cited anywhere.
 */
import { unitBody } from './agenda';
import type { Unit } from './structure';
import type { Body, DocumentBefore } from './types';

/**
 * A UN document symbol: "CTOC/COP/WG.2/2013/CRP.1", "A/63/539", a joint symbol
 * "CTOC/COP/WG.3/2017/1-CTOC/COP/WG.2/2017/1". "CRP. 1" (a space after the dot) is closed up first.
 */
const SYMBOL = /\b[A-Z]{1,6}(?:\/[A-Za-z0-9.]*[A-Za-z0-9])+(?:-[A-Z]{1,6}(?:\/[A-Za-z0-9.]*[A-Za-z0-9])+)?/g;

export function closeUpSymbols(text: string): string {
	return text.replace(/\b(CRP|INF|Rev|Add|Corr|L)\.\s+(\d)/g, '$1.$2');
}

export function symbolsIn(text: string): string[] {
	const out: string[] = [];
	for (const m of closeUpSymbols(text).matchAll(SYMBOL)) {
		const s = m[0];
		if (!/\d/.test(s) || !s.includes('/')) continue;
		out.push(s);
	}
	return out;
}

function isDocumentation(unit: Unit): boolean {
	const h = unit.heading?.text ?? '';
	if (/^documentation$|documents before|list of documents/i.test(h)) return true;
	// "E. Documentation" followed by per-body sub-headings in a joint report.
	return /^documentation$/i.test(unit.section?.text ?? '') && !!unit.subsection;
}

export function findDocumentsBefore(units: Unit[], bodies: Body[]): DocumentBefore[] {
	const out: DocumentBefore[] = [];
	for (const unit of units) {
		if (!isDocumentation(unit)) continue;
		const body = unitBody(unit, bodies) ?? null;
		const targets = body ? [body] : bodies;
		const entries: { symbol: string; title: string | null; item: string | null }[] = [];
		for (const c of unit.children) {
			if (c.kind === 'row') {
				const cells = c.text.split('\t').map((x) => x.trim());
				const symbol = symbolsIn(cells[0] ?? '')[0];
				if (symbol)
					entries.push({ symbol, title: cells[2] || null, item: cells[1]?.replace(/\s+/g, ' ') || null });
				continue;
			}
			for (const symbol of symbolsIn(c.text)) {
				const title =
					c.text
						.split(/\s*\(\s*\[?[A-Z]{1,6}\//)[0]
						?.replace(/[;:.]$/, '')
						.trim() || null;
				entries.push({ symbol, title, item: null });
			}
		}
		for (const symbol of symbolsIn(unit.text)) entries.push({ symbol, title: null, item: null });
		for (const b of targets) {
			for (const e of entries) {
				if (out.some((o) => o.body === b.code && o.symbol === e.symbol)) continue;
				out.push({ body: b.code, ...e });
			}
		}
	}
	return out;
}
