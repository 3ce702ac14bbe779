/**
 * External dependencies
 */
import type { ReactNode } from 'react';

/**
 * Internal dependencies
 */
import { shareStep } from './scale';

export type BarTone =
	| 'risk-1'
	| 'risk-2'
	| 'risk-3'
	| 'risk-4'
	| 'risk-5'
	| 'approved'
	| 'rejected'
	| 'requests'
	| 'refused'
	| 'rate';

export interface BarSegment {
	value: number;
	tone: BarTone;
}

export interface BarRow {
	key: string | number;
	label: ReactNode;
	/** One segment, or several stacked (e.g. approved then rejected). */
	segments: BarSegment[];
	/** The row's figures in words; what screen readers and the eye read. */
	valueText: string;
}

interface BarChartProps {
	rows: BarRow[];
	/**
	 * The value a full bar stands for; defaults to the largest row total
	 * (100 for rates, so 50% is half a bar).
	 */
	max?: number | undefined;
	/** Accessible name of the list. */
	label: string;
}

/**
 * Horizontal bars, one row per item: label, bar, and the value as text. The
 * bars are decoration (aria-hidden); each row's text says what its bar shows,
 * so the list is its own text alternative.
 *
 * @param props       Component props.
 * @param props.rows  Rows.
 * @param props.max   Full-bar value.
 * @param props.label Accessible name.
 */
export function BarChart( { rows, max, label }: BarChartProps ) {
	const full =
		max ??
		Math.max(
			0,
			...rows.map( ( row ) =>
				row.segments.reduce(
					( sum, segment ) => sum + segment.value,
					0
				)
			)
		);
	return (
		<ul className="countersign-chart" aria-label={ label }>
			{ rows.map( ( row ) => (
				<li key={ row.key } className="countersign-chart__row">
					<span className="countersign-chart__label">
						{ row.label }
					</span>
					<span
						className="countersign-chart__track"
						aria-hidden="true"
					>
						{ row.segments.map( ( segment, index ) => (
							<span
								key={ index }
								className={ `countersign-chart__bar countersign-chart__bar--${
									segment.tone
								} is-share-${ shareStep(
									segment.value,
									full
								) }` }
							/>
						) ) }
					</span>
					<span className="countersign-chart__value">
						{ row.valueText }
					</span>
				</li>
			) ) }
		</ul>
	);
}
