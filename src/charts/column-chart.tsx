/**
 * WordPress dependencies
 */
import { __, sprintf } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import { columnLayout } from './scale';

export interface ColumnPoint {
	/** Short axis label, e.g. "Nov 3". */
	label: string;
	value: number;
}

interface ColumnChartProps {
	points: ColumnPoint[];
	/** What a column counts, for the summary: "proposals". */
	unit: string;
}

const WIDTH = 640;
const HEIGHT = 160;
const LEFT = 32;
const BOTTOM = 20;
const TOP = 8;

/**
 * A column per point (e.g. per day), as an SVG picture. Its accessible name
 * summarises the series (total, peak); the tile offers the table.
 *
 * @param props        Component props.
 * @param props.points Points, oldest first.
 * @param props.unit   What the values count.
 */
export function ColumnChart( { points, unit }: ColumnChartProps ) {
	const plotWidth = WIDTH - LEFT;
	const plotHeight = HEIGHT - BOTTOM - TOP;
	const layout = columnLayout(
		points.map( ( point ) => point.value ),
		plotWidth,
		plotHeight
	);
	const total = points.reduce( ( sum, point ) => sum + point.value, 0 );
	const peak = points.reduce< ColumnPoint | null >(
		( best, point ) =>
			best === null || point.value > best.value ? point : best,
		null
	);
	const summary =
		peak === null
			? __( 'No data.', 'countersign' )
			: sprintf(
					/* translators: 1: total, 2: unit, 3: first label, 4: last label, 5: peak value, 6: peak label. */
					__(
						'%1$d %2$s from %3$s to %4$s; most: %5$d on %6$s.',
						'countersign'
					),
					total,
					unit,
					points[ 0 ]?.label ?? '',
					points[ points.length - 1 ]?.label ?? '',
					peak.value,
					peak.label
				);
	// Label the first and last columns and a few between, so labels never overlap.
	const every = Math.max( 1, Math.ceil( points.length / 6 ) );
	return (
		<svg
			className="countersign-column-chart"
			viewBox={ `0 0 ${ WIDTH } ${ HEIGHT }` }
			role="img"
			aria-label={ summary }
		>
			<g transform={ `translate(${ LEFT } ${ TOP })` }>
				{ layout.ticks.map( ( tick ) => (
					<g key={ tick.value }>
						<line
							className="countersign-column-chart__grid"
							x1={ 0 }
							x2={ plotWidth }
							y1={ tick.y }
							y2={ tick.y }
						/>
						<text
							className="countersign-column-chart__axis"
							x={ -6 }
							y={ tick.y }
							dy="0.32em"
							textAnchor="end"
						>
							{ tick.value }
						</text>
					</g>
				) ) }
				{ layout.columns.map( ( column, index ) => {
					const point = points[ index ];
					if ( ! point ) {
						return null;
					}
					return (
						<g key={ `${ point.label }-${ index }` }>
							<rect
								className="countersign-column-chart__column"
								x={ column.x }
								y={ column.y }
								width={ column.width }
								height={ column.height }
							>
								<title>{ `${ point.label }: ${ point.value }` }</title>
							</rect>
							{ ( index % every === 0 ||
								index === points.length - 1 ) && (
								<text
									className="countersign-column-chart__axis"
									x={ column.x + column.width / 2 }
									y={ plotHeight + 14 }
									textAnchor="middle"
								>
									{ point.label }
								</text>
							) }
						</g>
					);
				} ) }
			</g>
		</svg>
	);
}
