/**
 * External dependencies
 */
import type { ReactNode } from 'react';

/**
 * WordPress dependencies
 */
import { Button, Notice } from '@wordpress/components';
import { __ } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import type { ApiError } from '../api';

export interface TableBoxProps {
	/** Why the table's rows could not be loaded, if they could not. */
	error: ApiError | null;
	/** Loads the rows again. */
	onRetry: () => void;
	/** The screen's own class for the box. */
	className?: string;
	/** The DataViews table. */
	children: ReactNode;
}

/**
 * The box a screen's DataViews table sits in (the queue, the audit log): the
 * error from loading its rows, if any, with Try again, above the table.
 *
 * @param props           Component props.
 * @param props.error     The load error, or null.
 * @param props.onRetry   Loads the rows again.
 * @param props.className The screen's own class for the box.
 * @param props.children  The table.
 */
export function TableBox( {
	error,
	onRetry,
	className,
	children,
}: TableBoxProps ) {
	const classes = className
		? `countersign-table ${ className }`
		: 'countersign-table';
	return (
		<div className={ classes }>
			{ error && (
				<Notice
					status="error"
					isDismissible={ false }
					className="countersign-table__error"
				>
					{ error.message }{ ' ' }
					<Button variant="link" onClick={ onRetry }>
						{ __( 'Try again', 'countersign' ) }
					</Button>
				</Notice>
			) }
			{ children }
		</div>
	);
}
