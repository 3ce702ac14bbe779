/**
 * WordPress dependencies
 */
import {
	// eslint-disable-next-line @wordpress/no-unsafe-wp-apis -- the design system's confirmation dialog; only its name is experimental.
	__experimentalConfirmDialog as ConfirmDialog,
} from '@wordpress/components';
import { useCallback, useRef, useState } from '@wordpress/element';
import { __, _n, sprintf } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import type { Proposal } from '../api';
import { approvalQuestion, type ApprovalQuestion } from '../utils/confirm';

/**
 * Asks once more before approving several proposals or a high-risk one.
 * `confirm( proposals )` resolves true at once when no question is needed;
 * render `dialog` where the component is.
 *
 * @example
 * ```tsx
 * const { confirm, dialog } = useApprovalConfirmation();
 * <Button onClick={ async () => ( await confirm( [ proposal ] ) ) && approve( proposal ) } />
 * { dialog }
 * ```
 */
export function useApprovalConfirmation() {
	const [ question, setQuestion ] = useState< ApprovalQuestion | null >(
		null
	);
	const answer = useRef< ( ( yes: boolean ) => void ) | null >( null );
	const confirm = useCallback(
		( proposals: Proposal[] ): Promise< boolean > => {
			const asked = approvalQuestion( proposals );
			if ( asked === null ) {
				return Promise.resolve( true );
			}
			setQuestion( asked );
			return new Promise( ( resolve ) => {
				answer.current = resolve;
			} );
		},
		[]
	);
	const close = ( yes: boolean ) => {
		answer.current?.( yes );
		answer.current = null;
		setQuestion( null );
	};
	const dialog =
		question === null ? null : (
			<ConfirmDialog
				isOpen
				onConfirm={ () => close( true ) }
				onCancel={ () => close( false ) }
				confirmButtonText={ question.confirm }
				className="countersign-confirm-approval"
			>
				<p className="countersign-confirm-approval__title">
					<strong>{ question.title }</strong>
				</p>
				<ul>
					{ question.lines.map( ( line, index ) => (
						<li key={ `${ index }:${ line }` }>{ line }</li>
					) ) }
				</ul>
				{ question.more > 0 && (
					<p>
						{ sprintf(
							/* translators: %d: number of proposals not listed. */
							_n(
								'and %d more.',
								'and %d more.',
								question.more,
								'countersign'
							),
							question.more
						) }
					</p>
				) }
				<p>
					{ __(
						'Each applies at once, after a backup, and is recorded in the audit log.',
						'countersign'
					) }
				</p>
			</ConfirmDialog>
		);
	return { confirm, dialog };
}
