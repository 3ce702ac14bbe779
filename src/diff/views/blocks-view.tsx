/**
 * WordPress dependencies
 */
import { useMemo } from '@wordpress/element';
import { __ } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import { blockLabel, changeLabel } from '../labels';
import type { BlockChange } from '../model';
import { AttributeList } from './attribute-list';
import { useProgressive } from './use-progressive';
import { WordDiff } from './word-diff';

interface Row {
	change: BlockChange;
	depth: number;
	/** 1-based position in the proposed post (or the current one when removed). */
	path: string;
}

/**
 * Every entry that is not unchanged, inner blocks included, with its position.
 *
 * @param changes Aligned blocks.
 * @param depth   Nesting depth.
 * @param prefix  Position of the parent.
 * @param out     Accumulator.
 */
function rows(
	changes: BlockChange[],
	depth = 0,
	prefix = '',
	out: Row[] = []
): Row[] {
	changes.forEach( ( change, index ) => {
		const path = `${ prefix }${ index + 1 }`;
		if ( change.kind !== 'unchanged' ) {
			out.push( { change, depth, path } );
		}
		rows( change.inner, depth + 1, `${ path }.`, out );
	} );
	return out;
}

/**
 * The Blocks view: a list of the changed, added, removed and moved blocks, each
 * with its word diff and attribute changes, a slice at a time on a long post
 * (useProgressive).
 *
 * @param props        Component props.
 * @param props.blocks Aligned top-level blocks.
 */
export function BlocksView( { blocks }: { blocks: BlockChange[] } ) {
	const list = useMemo( () => rows( blocks ), [ blocks ] );
	const shown = useProgressive( list );
	if ( list.length === 0 ) {
		return (
			<p className="countersign-diff__empty">
				{ __( 'No block changes.', 'countersign' ) }
			</p>
		);
	}
	return (
		<ol className="countersign-blocks">
			{ shown.map( ( { change, depth, path } ) => {
				const block = change.after ?? change.before;
				return (
					<li
						key={ path }
						className={ `countersign-blocks__item is-${
							change.kind
						} is-depth-${ Math.min( depth, 4 ) }` }
					>
						<div className="countersign-blocks__header">
							<span className="countersign-blocks__kind">
								{ changeLabel( change ) }
							</span>
							<span className="countersign-blocks__name">
								{ blockLabel( change.name ) }
							</span>
							<span className="countersign-blocks__path">
								#{ path }
							</span>
						</div>
						{ change.words && (
							<p className="countersign-blocks__text">
								<WordDiff parts={ change.words } />
							</p>
						) }
						{ change.words === null && (
							<p className="countersign-diff__empty">
								{ __(
									'This text is too long to compare word by word; see the Markup view.',
									'countersign'
								) }
							</p>
						) }
						{ ( change.kind === 'added' ||
							change.kind === 'removed' ||
							( change.kind === 'moved' && ! change.words ) ) &&
							block &&
							block.text !== '' && (
								<p className="countersign-blocks__text">
									{ change.kind === 'added' && (
										<ins className="countersign-diff__ins">
											{ block.text }
										</ins>
									) }
									{ change.kind === 'removed' && (
										<del className="countersign-diff__del">
											{ block.text }
										</del>
									) }
									{ change.kind === 'moved' && block.text }
								</p>
							) }
						<AttributeList attributes={ change.attributes } />
					</li>
				);
			} ) }
		</ol>
	);
}
