/**
 * WordPress dependencies
 */
import { Button, Spinner } from '@wordpress/components';
import { useDispatch, useSelect } from '@wordpress/data';
import { dateI18n, getSettings } from '@wordpress/date';
import { __, _n, sprintf } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import type { ChainStatus } from '../api';
import { auditStore } from '../store/audit';

const formatNumber = ( value: number ): string =>
	new Intl.NumberFormat().format( value );

/**
 * Why a chain whose rows all match is still not intact: its anchored head.
 *
 * @param chain The verification result.
 */
function brokenAnchor( chain: ChainStatus ): string {
	if ( ! chain.head ) {
		return sprintf(
			/* translators: %s: number of entries. */
			__(
				'The log has no anchored head: it cannot show that its newest entries are all there (%s entries verified).',
				'countersign'
			),
			formatNumber( chain.verified )
		);
	}
	if ( ! chain.head.signed ) {
		return __(
			'The anchored head of the log has been tampered with: its signature does not match.',
			'countersign'
		);
	}
	if ( chain.truncated ) {
		return sprintf(
			/* translators: 1: number of entries, 2: entry id. */
			__(
				'The log is shorter than its anchor: %1$s entries verified, but it must reach entry #%2$d. Entries were deleted from its end or the table was wiped.',
				'countersign'
			),
			formatNumber( chain.verified ),
			chain.head.id
		);
	}
	return sprintf(
		/* translators: %d: entry id. */
		__(
			'The log does not reach the exported head (entry #%d).',
			'countersign'
		),
		chain.kept?.id ?? 0
	);
}

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
	const { invalidateResolution, verifyWholeChain } =
		useDispatch( auditStore );
	const again = (
		<>
			<Button
				variant="link"
				onClick={ () =>
					void invalidateResolution( 'getChainStatus', [] )
				}
			>
				{ __( 'Verify again', 'countersign' ) }
			</Button>
			{ chain?.since && (
				<Button
					variant="link"
					onClick={ () => void verifyWholeChain() }
				>
					{ __( 'Verify the whole log', 'countersign' ) }
				</Button>
			) }
		</>
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
	} else if ( chain.ok && chain.since ) {
		badge = (
			<span className="countersign-chain__badge is-ok">
				{ sprintf(
					/* translators: 1: number of entries, 2: entry id, 3: date and time. */
					_n(
						'Chain intact: %1$s entry verified from entry #%2$d, where the last intact check ended (%3$s)',
						'Chain intact: %1$s entries verified from entry #%2$d, where the last intact check ended (%3$s)',
						chain.verified,
						'countersign'
					),
					formatNumber( chain.verified ),
					chain.since.id,
					dateI18n( getSettings().formats.datetime, chain.since.time )
				) }
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
	} else if ( chain.fork ) {
		badge = (
			<span className="countersign-chain__badge is-broken">
				{ chain.fork.onto === 0
					? sprintf(
							/* translators: %d: entry id. */
							__(
								'Chain forked at entry #%d: it starts the chain over, as an earlier entry already does',
								'countersign'
							),
							chain.fork.id
						)
					: sprintf(
							/* translators: 1: entry id, 2: entry id. */
							__(
								'Chain forked at entry #%1$d: it follows entry #%2$d, which an earlier entry already follows',
								'countersign'
							),
							chain.fork.id,
							chain.fork.onto
						) }
			</span>
		);
	} else if ( chain.first_bad === null ) {
		badge = (
			<span className="countersign-chain__badge is-broken">
				{ brokenAnchor( chain ) }
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
