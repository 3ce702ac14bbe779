/**
 * WordPress dependencies
 */
import { __, sprintf } from '@wordpress/i18n';

/**
 * "3 h", "2 d", "40 min": a duration short enough for a stat tile.
 *
 * @param seconds Duration.
 */
export function shortDuration( seconds: number ): string {
	if ( seconds < 3600 ) {
		return sprintf(
			/* translators: %d: minutes. */
			__( '%d min', 'countersign' ),
			Math.max( 1, Math.round( seconds / 60 ) )
		);
	}
	if ( seconds < 172_800 ) {
		return sprintf(
			/* translators: %d: hours. */
			__( '%d h', 'countersign' ),
			Math.round( seconds / 3600 )
		);
	}
	return sprintf(
		/* translators: %d: days. */
		__( '%d d', 'countersign' ),
		Math.round( seconds / 86_400 )
	);
}
