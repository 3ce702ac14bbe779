/**
 * WordPress dependencies
 */
import { getQueryArg } from '@wordpress/url';

/**
 * Internal dependencies
 */
import { DEEP_LINK_ARG, EDIT_ARG } from './constants';

/**
 * The proposal id of a deep link (`post.php?post=12&action=edit&countersign=42`), if any.
 *
 * @param url The page URL.
 * @return A positive proposal id, or null.
 */
export function getDeepLinkedProposalId( url: string ): number | null {
	const value = getQueryArg( url, DEEP_LINK_ARG );
	if ( typeof value !== 'string' || ! /^\d+$/u.test( value ) ) {
		return null;
	}
	const id = Number.parseInt( value, 10 );
	return id > 0 ? id : null;
}

/**
 * Whether the deep link asks to start "Edit, then approve" on its proposal (`&countersign_edit=1`, from the queue).
 *
 * @param url The page URL.
 */
export function isDeepLinkedEdit( url: string ): boolean {
	return (
		getDeepLinkedProposalId( url ) !== null &&
		getQueryArg( url, EDIT_ARG ) === '1'
	);
}
