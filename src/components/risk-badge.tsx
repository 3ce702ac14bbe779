/**
 * WordPress dependencies
 */
import { __, sprintf } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import type { RiskLevel } from '../api';
import { riskLabel } from '../utils/labels';

/**
 * Risk level as a number and a word; the colour only repeats what the text says.
 *
 * @param props       Component props.
 * @param props.level Risk level 1..5.
 */
export function RiskBadge( { level }: { level: RiskLevel } ) {
	return (
		<span
			className={ `countersign-risk-badge countersign-risk-badge--${ level }` }
			title={ __( 'Risk level', 'countersign' ) }
		>
			{ sprintf(
				/* translators: 1: risk level number (1-5), 2: risk word such as "High". */
				__( 'Risk %1$d · %2$s', 'countersign' ),
				level,
				riskLabel( level )
			) }
		</span>
	);
}
