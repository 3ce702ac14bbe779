/**
 * WordPress dependencies
 */
import { __, sprintf } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import type { RiskReason } from '../api';
import { fieldLabel } from '../utils/labels';

/**
 * Why a proposal is level 5: what kses would remove, field by field, so the reviewer knows what to look for before
 * approving markup the agent could not post itself.
 *
 * @param props         Component props.
 * @param props.reasons The proposal's `risk_reasons`; nothing is shown when empty.
 */
export function RiskReasons( { reasons }: { reasons: readonly RiskReason[] } ) {
	if ( reasons.length === 0 ) {
		return null;
	}
	return (
		<div className="countersign-risk-reasons" role="note">
			<p className="countersign-risk-reasons__title">
				{ __(
					'Risk 5 because kses would remove markup the agent may not post:',
					'countersign'
				) }
			</p>
			<ul>
				{ reasons.map( ( reason, index ) => (
					<li key={ index }>
						{ sprintf(
							/* translators: 1: field label such as Content, 2: what kses would remove, such as "the onerror attribute on <img>". */
							__( '%1$s: %2$s', 'countersign' ),
							fieldLabel( reason.field ),
							reason.message
						) }
					</li>
				) ) }
			</ul>
		</div>
	);
}
