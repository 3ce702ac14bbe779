/**
 * WordPress dependencies
 */
import { __ } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import type { WordPart } from '../text';

/**
 * Inline word diff: insertions in `<ins>`, deletions in `<del>`, each with
 * screen-reader text, because colour and strike-through are not announced.
 *
 * @param props       Component props.
 * @param props.parts Word diff.
 */
export function WordDiff( { parts }: { parts: WordPart[] } ) {
	return (
		<>
			{ parts.map( ( part, index ) => {
				if ( part.added ) {
					return (
						<ins key={ index } className="countersign-diff__ins">
							<span className="screen-reader-text">
								{ __( 'Inserted:', 'countersign' ) }{ ' ' }
							</span>
							{ part.value }
						</ins>
					);
				}
				if ( part.removed ) {
					return (
						<del key={ index } className="countersign-diff__del">
							<span className="screen-reader-text">
								{ __( 'Deleted:', 'countersign' ) }{ ' ' }
							</span>
							{ part.value }
						</del>
					);
				}
				return <span key={ index }>{ part.value }</span>;
			} ) }
		</>
	);
}
