/**
 * WordPress dependencies
 */
import { __, sprintf } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import type { BlockChange, BlockChangeKind } from './model';

/**
 * A readable block name without loading `@wordpress/blocks` (the queue screen
 * registers no blocks): the common core blocks by name, others from their slug.
 *
 * @param name Block name such as `core/paragraph` or `acme/hero-banner`.
 */
export function blockLabel( name: string ): string {
	const known: Record< string, string > = {
		'core/paragraph': __( 'Paragraph', 'countersign' ),
		'core/heading': __( 'Heading', 'countersign' ),
		'core/image': __( 'Image', 'countersign' ),
		'core/list': __( 'List', 'countersign' ),
		'core/list-item': __( 'List item', 'countersign' ),
		'core/quote': __( 'Quote', 'countersign' ),
		'core/group': __( 'Group', 'countersign' ),
		'core/columns': __( 'Columns', 'countersign' ),
		'core/column': __( 'Column', 'countersign' ),
		'core/buttons': __( 'Buttons', 'countersign' ),
		'core/button': __( 'Button', 'countersign' ),
		'core/table': __( 'Table', 'countersign' ),
		'core/code': __( 'Code', 'countersign' ),
		'core/separator': __( 'Separator', 'countersign' ),
		'core/freeform': __( 'Classic', 'countersign' ),
		'core/html': __( 'Custom HTML', 'countersign' ),
		'core/cover': __( 'Cover', 'countersign' ),
		'core/gallery': __( 'Gallery', 'countersign' ),
		'core/media-text': __( 'Media & Text', 'countersign' ),
		'core/embed': __( 'Embed', 'countersign' ),
	};
	if ( known[ name ] ) {
		return known[ name ];
	}
	const slug = name.split( '/' ).pop() ?? name;
	return (
		slug.charAt( 0 ).toUpperCase() + slug.slice( 1 ).replace( /-/gu, ' ' )
	);
}

/**
 * The word beside a block that says what happened to it.
 *
 * @param kind Change kind.
 */
export function changeKindLabel( kind: BlockChangeKind ): string {
	switch ( kind ) {
		case 'unchanged':
			return __( 'Unchanged', 'countersign' );
		case 'changed':
			return __( 'Changed', 'countersign' );
		case 'added':
			return __( 'Added', 'countersign' );
		case 'removed':
			return __( 'Removed', 'countersign' );
		case 'moved':
			return __( 'Moved', 'countersign' );
	}
}

/**
 * What happened to a block, and for a moved one where it came from: "Moved from block 3".
 *
 * @param change The block's change.
 */
export function changeLabel(
	change: Pick< BlockChange, 'kind' | 'from' >
): string {
	if ( change.kind === 'moved' && change.from !== undefined ) {
		return sprintf(
			/* translators: %d: the block's position in the post as it is now. */
			__( 'Moved from block %d', 'countersign' ),
			change.from + 1
		);
	}
	return changeKindLabel( change.kind );
}

/**
 * A readable attribute name: the known ones by name, the rest as sent.
 *
 * @param name Attribute path from attributesOf().
 */
export function attributeLabel( name: string ): string {
	const [ base = name, index ] = name.split( ' ' );
	const known: Record< string, string > = {
		level: __( 'Heading level', 'countersign' ),
		url: __( 'Image URL', 'countersign' ),
		alt: __( 'Alt text', 'countersign' ),
		href: __( 'Link', 'countersign' ),
		target: __( 'Link target', 'countersign' ),
		rel: __( 'Link rel', 'countersign' ),
		align: __( 'Alignment', 'countersign' ),
		textAlign: __( 'Text alignment', 'countersign' ),
		className: __( 'CSS class', 'countersign' ),
		id: __( 'Media ID', 'countersign' ),
	};
	const label = known[ base ] ?? base;
	return index === undefined ? label : `${ label } ${ index }`;
}
