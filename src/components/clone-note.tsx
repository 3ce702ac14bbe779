/**
 * WordPress dependencies
 */
import { __, sprintf } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import type { CloneSourceRef } from '../api';

/**
 * Where a cloned post comes from, so the reviewer compares the copy with its original.
 *
 * @param props        Component props.
 * @param props.source The proposal's `clone_from`; nothing is shown for a proposal that is no clone.
 */
export function CloneNote( {
	source,
}: {
	source: CloneSourceRef | null | undefined;
} ) {
	if ( ! source ) {
		return null;
	}
	const title =
		source.title !== ''
			? source.title
			: sprintf(
					/* translators: %d: post id. */
					__( 'post #%d', 'countersign' ),
					source.id
				);
	return (
		<p className="countersign-clone-note">
			{ __( 'A new draft cloned from', 'countersign' ) }{ ' ' }
			{ source.edit_link !== '' ? (
				<a href={ source.edit_link }>{ title }</a>
			) : (
				title
			) }
		</p>
	);
}
