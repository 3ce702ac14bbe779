/**
 * WordPress dependencies
 */
import { Button, Spinner } from '@wordpress/components';
import { useDispatch, useSelect } from '@wordpress/data';
import { __, sprintf } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import { auditStore } from '../store/audit';

const formatNumber = ( value: number ): string =>
	new Intl.NumberFormat().format( value );

/**
 * The chain's state from GET /audit/verify: how many entries verified, the
 * first that does not match, and whether database triggers refuse UPDATE
 * and DELETE on the table.
 */
export function ChainStatusBadge() {
	const { chain, error } = useSelect(
		( select ) => ( {
			chain: select( auditStore ).getChainStatus(),
			error: select( auditStore ).getChainStatusError(),
		} ),
		[]
	);
	const { invalidateResolution } = useDispatch( auditStore );
	const again = (
		<Button
			variant="link"
			onClick={ () => void invalidateResolution( 'getChainStatus', [] ) }
		>
			{ __( 'Verify again', 'countersign' ) }
		</Button>
	);
	let badge;
	if ( error && ! chain ) {
		badge = (
			<span className="countersign-chain__badge is-unknown">
				{ sprintf(
					/* translators: %s: error message. */
					__( 'Could not verify: %s', 'countersign' ),
					error.message
				) }
			</span>
		);
	} else if ( ! chain ) {
		badge = (
			<span className="countersign-chain__badge is-unknown">
				<Spinner />
				{ __( 'Verifying the chain…', 'countersign' ) }
			</span>
		);
	} else if ( chain.ok ) {
		badge = (
			<span className="countersign-chain__badge is-ok">
				{ sprintf(
					/* translators: %s: number of entries. */
					__( 'Chain intact: %s entries verified', 'countersign' ),
					formatNumber( chain.verified )
				) }
			</span>
		);
	} else {
		badge = (
			<span className="countersign-chain__badge is-broken">
				{ sprintf(
					/* translators: 1: entry id, 2: number of entries. */
					__(
						'Chain broken at entry #%1$d (%2$s entries verified before it)',
						'countersign'
					),
					chain.first_bad ?? 0,
					formatNumber( chain.verified )
				) }
			</span>
		);
	}
	return (
		<div
			className="countersign-chain"
			role="status"
			aria-live="polite"
			aria-label={ __( 'Audit chain status', 'countersign' ) }
		>
			{ badge }
			{ chain && (
				<span
					className={ `countersign-chain__hardening ${
						chain.hardened ? 'is-on' : 'is-off'
					}` }
				>
					{ chain.hardened
						? __(
								'Database hardening on: triggers refuse UPDATE and DELETE.',
								'countersign'
							)
						: __(
								'Database hardening off (no trigger privilege): the chain alone detects changes.',
								'countersign'
							) }
				</span>
			) }
			{ again }
		</div>
	);
}
