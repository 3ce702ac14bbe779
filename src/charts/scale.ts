/**
 * Pure arithmetic behind the charts: scales, shares and layouts. No DOM, so
 * jest covers every chart's geometry.
 */

/**
 * The smallest "nice" number (1, 2 or 5 times a power of ten) at or above a
 * value, so axes end on round figures: 7 → 10, 13 → 20, 430 → 500.
 *
 * @param value Largest value to show.
 */
export function niceMax( value: number ): number {
	if ( ! Number.isFinite( value ) || value <= 0 ) {
		return 1;
	}
	const power = 10 ** Math.floor( Math.log10( value ) );
	for ( const step of [ 1, 2, 5, 10 ] ) {
		if ( value <= step * power ) {
			return step * power;
		}
	}
	return 10 * power;
}

/**
 * Evenly spaced axis values from 0 to niceMax( max ), each step a round
 * number: 50 → 0, 10, … 50; 20 → 0, 5, … 20; 2 → 0, 1, 2.
 *
 * @param max Largest value.
 */
export function ticks( max: number ): number[] {
	const top = niceMax( max );
	const lead = Math.round( top / 10 ** Math.floor( Math.log10( top ) ) );
	let intervals = lead === 2 ? 4 : 5;
	if ( top >= 1 && top < intervals ) {
		intervals = top;
	}
	const step = top / intervals;
	return Array.from( { length: intervals + 1 }, ( _, index ) =>
		Number( ( index * step ).toPrecision( 12 ) )
	);
}

/**
 * A bar's length as a share of the chart's largest value, in steps of 5%
 * (the stylesheet has one width per step, so bars need no inline styles).
 * Any non-zero value shows at least one step.
 *
 * @param value Value.
 * @param max   Largest value in the chart.
 * @return 0, 5, 10, …, 100.
 */
export function shareStep( value: number, max: number ): number {
	if ( max <= 0 || value <= 0 ) {
		return 0;
	}
	const step = Math.round( ( Math.min( value, max ) / max ) * 20 ) * 5;
	return Math.max( 5, step );
}

/**
 * A whole-number percentage, or null when there is nothing to divide.
 *
 * @param part  Part.
 * @param whole Whole.
 */
export function percent( part: number, whole: number ): number | null {
	return whole > 0 ? Math.round( ( part / whole ) * 100 ) : null;
}

export interface ColumnRect {
	x: number;
	y: number;
	width: number;
	height: number;
}

export interface ColumnLayout {
	columns: ColumnRect[];
	/** The value the top of the plot stands for. */
	top: number;
	/** Axis values with their y position. */
	ticks: Array< { value: number; y: number } >;
}

/**
 * Column positions for a series in a plot area: equal slots, a gap between
 * columns, heights scaled to niceMax of the largest value, y growing down
 * (SVG). A value above zero is at least 1px tall so it never looks like zero.
 *
 * @param values Series values.
 * @param width  Plot width.
 * @param height Plot height.
 * @param gap    Share of each slot left empty (0–0.9).
 */
export function columnLayout(
	values: number[],
	width: number,
	height: number,
	gap = 0.25
): ColumnLayout {
	const top = niceMax( Math.max( 0, ...values ) );
	const slot = values.length > 0 ? width / values.length : width;
	const columnWidth = slot * ( 1 - Math.min( 0.9, Math.max( 0, gap ) ) );
	const columns = values.map( ( value, index ) => {
		const scaled = value > 0 ? Math.max( 1, ( value / top ) * height ) : 0;
		return {
			x: index * slot + ( slot - columnWidth ) / 2,
			y: height - scaled,
			width: columnWidth,
			height: scaled,
		};
	} );
	return {
		columns,
		top,
		ticks: ticks( top ).map( ( value ) => ( {
			value,
			y: height - ( value / top ) * height,
		} ) ),
	};
}
