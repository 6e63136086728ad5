/** Browser-only helpers behind the export toolbar. */

/** Save `blob` under `name` through a temporary link, the one way that works in every browser without a popup. */
export function downloadBlob(blob: Blob, name: string): void {
	const url = URL.createObjectURL(blob);
	const a = document.createElement('a');
	a.href = url;
	a.download = name;
	a.rel = 'noopener';
	document.body.appendChild(a);
	a.click();
	a.remove();
	// Revoking at once can cancel the download in some browsers; a minute is ample.
	setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * Copy text to the clipboard. The async Clipboard API needs a secure context (https or localhost); an intranet
 * deployment over plain http falls back to the older execCommand path. Returns false if both are refused.
 */
export async function copyText(text: string): Promise<boolean> {
	try {
		if (navigator.clipboard && window.isSecureContext) {
			await navigator.clipboard.writeText(text);
			return true;
		}
	} catch {
		// fall through to the legacy path
	}
	const area = document.createElement('textarea');
	area.value = text;
	area.setAttribute('readonly', '');
	area.style.position = 'fixed';
	area.style.opacity = '0';
	document.body.appendChild(area);
	area.select();
	let ok: boolean;
	try {
		ok = document.execCommand('copy');
	} catch {
		ok = false;
	}
	area.remove();
	return ok;
}
