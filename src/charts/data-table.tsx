export interface DataTableProps {
	/** Column headings; the first column heads each row. */
	columns: string[];
	rows: Array< Array< string | number > >;
	/** Accessible name of the table. */
	caption?: string | undefined;
}

/**
 * A chart's numbers as a plain table (the text alternative of a picture).
 *
 * @param props         Component props.
 * @param props.columns Headings.
 * @param props.rows    Rows.
 * @param props.caption Caption, read by screen readers.
 */
export function DataTable( { columns, rows, caption }: DataTableProps ) {
	return (
		<div className="countersign-data-table">
			<table className="widefat striped">
				{ caption && (
					<caption className="screen-reader-text">
						{ caption }
					</caption>
				) }
				<thead>
					<tr>
						{ columns.map( ( column ) => (
							<th key={ column } scope="col">
								{ column }
							</th>
						) ) }
					</tr>
				</thead>
				<tbody>
					{ rows.map( ( row, index ) => (
						<tr key={ `${ String( row[ 0 ] ) }-${ index }` }>
							{ row.map( ( cell, column ) =>
								column === 0 ? (
									<th key={ column } scope="row">
										{ cell }
									</th>
								) : (
									<td key={ column }>{ cell }</td>
								)
							) }
						</tr>
					) ) }
				</tbody>
			</table>
		</div>
	);
}
