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
	// A switch, not a table of every label: a long diff asks for hundreds of
	// labels, and each __() runs the i18n filters.
	switch ( name ) {
		case 'core/paragraph':
			return __( 'Paragraph', 'countersign' );
		case 'core/heading':
			return __( 'Heading', 'countersign' );
		case 'core/image':
			return __( 'Image', 'countersign' );
		case 'core/list':
			return __( 'List', 'countersign' );
		case 'core/list-item':
			return __( 'List item', 'countersign' );
		case 'core/quote':
			return __( 'Quote', 'countersign' );
		case 'core/group':
			return __( 'Group', 'countersign' );
		case 'core/columns':
			return __( 'Columns', 'countersign' );
		case 'core/column':
			return __( 'Column', 'countersign' );
		case 'core/buttons':
			return __( 'Buttons', 'countersign' );
		case 'core/button':
			return __( 'Button', 'countersign' );
		case 'core/table':
			return __( 'Table', 'countersign' );
		case 'core/code':
			return __( 'Code', 'countersign' );
		case 'core/separator':
			return __( 'Separator', 'countersign' );
		case 'core/freeform':
			return __( 'Classic', 'countersign' );
		case 'core/html':
			return __( 'Custom HTML', 'countersign' );
		case 'core/cover':
			return __( 'Cover', 'countersign' );
		case 'core/gallery':
			return __( 'Gallery', 'countersign' );
		case 'core/media-text':
			return __( 'Media & Text', 'countersign' );
		case 'core/embed':
			return __( 'Embed', 'countersign' );
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
	const label = knownAttributeLabel( base ) ?? base;
	return index === undefined ? label : `${ label } ${ index }`;
}

/**
 * The label of an attribute core blocks share, if it is one (a switch, as in blockLabel).
 *
 * @param name Attribute name.
 */
function knownAttributeLabel( name: string ): string | undefined {
	switch ( name ) {
		case 'level':
			return __( 'Heading level', 'countersign' );
		case 'url':
			return __( 'Image URL', 'countersign' );
		case 'alt':
			return __( 'Alt text', 'countersign' );
		case 'href':
			return __( 'Link', 'countersign' );
		case 'target':
			return __( 'Link target', 'countersign' );
		case 'rel':
			return __( 'Link rel', 'countersign' );
		case 'align':
			return __( 'Alignment', 'countersign' );
		case 'textAlign':
			return __( 'Text alignment', 'countersign' );
		case 'className':
			return __( 'CSS class', 'countersign' );
		case 'id':
			return __( 'Media ID', 'countersign' );
	}
	return undefined;
}
