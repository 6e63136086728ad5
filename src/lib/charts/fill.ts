import { CATEGORY_STYLES, categoryStyle } from './palette';

/** SVG fill for the i-th category: its pattern (defined by PatternDefs with the same prefix) or its plain colour. */
export function categoryFill(i: number, prefix: string): string {
	const style = categoryStyle(i);
	return style.pattern === 'solid' ? style.fill : `url(#${prefix}-pattern-${i % CATEGORY_STYLES.length})`;
}
