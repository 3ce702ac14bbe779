/**
 * External dependencies
 */
import type { ReactNode } from 'react';

/**
 * WordPress dependencies
 */
import { Button } from '@wordpress/components';
import { useId, useState } from '@wordpress/element';
import { __ } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import { DataTable, type DataTableProps } from './data-table';

interface ChartTileProps {
	/** The caption; also the figure's accessible name. */
	title: string;
	children: ReactNode;
	/** The same figures as a table, offered with a "Show as table" toggle. */
	table?: DataTableProps | undefined;
	/** Extra class, e.g. to span two grid columns. */
	className?: string | undefined;
}

/**
 * A chart in a tile: the caption names the figure, and when the chart is a
 * picture (SVG), a toggle shows the same numbers as a table.
 *
 * @param props           Component props.
 * @param props.title     Caption.
 * @param props.children  The chart.
 * @param props.table     Table alternative.
 * @param props.className Extra class.
 */
export function ChartTile( {
	title,
	children,
	table,
	className,
}: ChartTileProps ) {
	const [ asTable, setAsTable ] = useState( false );
	const id = useId();
	return (
		<figure
			className={ `countersign-chart-tile${
				className ? ` ${ className }` : ''
			}` }
			aria-labelledby={ id }
		>
			<div className="countersign-chart-tile__head">
				<figcaption id={ id }>{ title }</figcaption>
				{ table && (
					<Button
						variant="link"
						className="countersign-chart-tile__toggle"
						onClick={ () => setAsTable( ! asTable ) }
					>
						{ asTable
							? __( 'Show as chart', 'countersign' )
							: __( 'Show as table', 'countersign' ) }
					</Button>
				) }
			</div>
			{ table && asTable ? <DataTable { ...table } /> : children }
		</figure>
	);
}

interface StatTileProps {
	title: string;
	/** The big figure. */
	value: string;
	/** A line under it. */
	note?: string | undefined;
}

/**
 * One figure in a tile.
 *
 * @param props       Component props.
 * @param props.title Caption.
 * @param props.value The figure.
 * @param props.note  Note under it.
 */
export function StatTile( { title, value, note }: StatTileProps ) {
	return (
		<ChartTile title={ title }>
			<p className="countersign-chart-tile__big">{ value }</p>
			{ note && <p className="countersign-chart-tile__note">{ note }</p> }
		</ChartTile>
	);
}

/**
 * The tiles' loading placeholders.
 *
 * @param props       Component props.
 * @param props.count How many tiles.
 * @param props.label What is loading, for screen readers.
 */
export function ChartPlaceholders( {
	count,
	label,
}: {
	count: number;
	label: string;
} ) {
	return (
		<>
			<span className="screen-reader-text">{ label }</span>
			{ Array.from( { length: count }, ( _, index ) => (
				<div
					key={ index }
					className="countersign-chart-tile is-placeholder"
				/>
			) ) }
		</>
	);
}
