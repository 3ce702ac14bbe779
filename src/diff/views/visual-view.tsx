/**
 * WordPress dependencies
 */
import { createElement, RawHTML, useMemo, useState } from '@wordpress/element';
import { __, _n, sprintf } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import { outerTag } from '../blocks';
import { blockLabel, changeLabel } from '../labels';
import type { BlockChange } from '../model';
import { sanitizePreview } from '../sanitize';
import { AttributeList } from './attribute-list';
import { useProgressive } from './use-progressive';
import { WordDiff } from './word-diff';

/** Runs of unchanged blocks longer than this fold into a button. */
const FOLD_AFTER = 2;

/**
 * A button that looks like the components' link Button. Not that Button: it
 * wraps every button in a Tooltip with its own Ariakit store, tooltip text or
 * not, and a long post's diff has a fold button every few entries. Those
 * stores were most of what a 1,000-block diff allocated as it rendered (13.6
 * MB sampled; 3.5 MB without them and with blockLabel as a switch), and the
 * collector pauses that came with it made its long tasks.
 *
 * @param props           Component props.
 * @param props.className Class names besides the link button's.
 * @param props.onClick   Click handler.
 * @param props.children  The label.
 */
function LinkButton( {
	className,
	onClick,
	children,
}: {
	className: string;
	onClick: () => void;
	children: string;
} ) {
	return (
		<button
			type="button"
			className={ `components-button is-link ${ className }` }
			onClick={ onClick }
		>
			{ children }
		</button>
	);
}

/**
 * A block's markup, sanitised. Images from other hosts stay unloaded (a
 * stand-in names the host) until the reviewer clicks to load them.
 *
 * @param props      Component props.
 * @param props.html Untrusted block markup.
 */
function Rendered( { html }: { html: string } ) {
	const [ loadRemote, setLoadRemote ] = useState( false );
	const preview = useMemo(
		() => sanitizePreview( html, { loadRemote } ),
		[ html, loadRemote ]
	);
	return (
		<>
			<RawHTML>{ preview.html }</RawHTML>
			{ preview.blocked > 0 && (
				<LinkButton
					className="countersign-visual__load-remote"
					onClick={ () => setLoadRemote( true ) }
				>
					{ sprintf(
						/* translators: 1: number of images, 2: host names. */
						_n(
							'Load %1$d image from %2$s',
							'Load %1$d images from %2$s',
							preview.blocked,
							'countersign'
						),
						preview.blocked,
						preview.hosts.join( ', ' )
					) }
				</LinkButton>
			) }
		</>
	);
}

/**
 * One entry of the visual diff, recursively for changed containers.
 *
 * @param props        Component props.
 * @param props.change The aligned block.
 */
function VisualBlock( { change }: { change: BlockChange } ) {
	const block = change.after ?? change.before;
	if ( ! block ) {
		return null;
	}
	let body;
	if ( change.kind === 'changed' && change.inner.length > 0 ) {
		body = <VisualList changes={ change.inner } />;
	} else if ( change.words ) {
		// The edited text inside the block's own element, so a heading still reads as a heading.
		body = createElement(
			outerTag( block ),
			{ className: 'countersign-diff__text' },
			<WordDiff parts={ change.words } />
		);
	} else {
		body = <Rendered html={ block.html } />;
	}
	if ( change.kind === 'unchanged' ) {
		return (
			<div className="countersign-visual__block is-unchanged">
				{ body }
			</div>
		);
	}
	return (
		<div
			className={ `countersign-visual__block is-${ change.kind }` }
			role="group"
			aria-label={ sprintf(
				/* translators: 1: block name such as "Paragraph", 2: change such as "Added". */
				__( '%1$s, %2$s', 'countersign' ),
				blockLabel( block.name ),
				changeLabel( change )
			) }
		>
			<span className="countersign-visual__tag" aria-hidden="true">
				{ blockLabel( block.name ) } · { changeLabel( change ) }
			</span>
			<div className="countersign-visual__content">{ body }</div>
			<AttributeList attributes={ change.attributes } />
		</div>
	);
}

/**
 * A folded run of unchanged blocks.
 *
 * @param props         Component props.
 * @param props.changes The unchanged blocks.
 */
function Folded( { changes }: { changes: BlockChange[] } ) {
	const [ isOpen, setIsOpen ] = useState( false );
	if ( isOpen ) {
		return (
			<>
				{ changes.map( ( change, index ) => (
					<VisualBlock key={ index } change={ change } />
				) ) }
			</>
		);
	}
	return (
		<LinkButton
			className="countersign-visual__fold"
			onClick={ () => setIsOpen( true ) }
		>
			{ sprintf(
				/* translators: %d: number of unchanged blocks. */
				_n(
					'Show %d unchanged block',
					'Show %d unchanged blocks',
					changes.length,
					'countersign'
				),
				changes.length
			) }
		</LinkButton>
	);
}

/**
 * The entries of a sequence of aligned blocks, long unchanged runs folded (the
 * first and last of a run stay visible as context).
 *
 * @param changes Aligned blocks.
 */
function visualEntries( changes: BlockChange[] ): JSX.Element[] {
	const out = [];
	for ( let index = 0; index < changes.length; ) {
		const change = changes[ index ]!;
		if ( change.kind !== 'unchanged' ) {
			out.push( <VisualBlock key={ index } change={ change } /> );
			index++;
			continue;
		}
		let end = index;
		while ( changes[ end ]?.kind === 'unchanged' ) {
			end++;
		}
		const run = changes.slice( index, end );
		if ( run.length <= FOLD_AFTER + 1 ) {
			run.forEach( ( item, offset ) =>
				out.push(
					<VisualBlock key={ index + offset } change={ item } />
				)
			);
		} else {
			const head = index === 0 ? [] : run.slice( 0, 1 );
			const tail = end === changes.length ? [] : run.slice( -1 );
			const middle = run.slice( head.length, run.length - tail.length );
			head.forEach( ( item ) =>
				out.push( <VisualBlock key={ index } change={ item } /> )
			);
			out.push( <Folded key={ `fold-${ index }` } changes={ middle } /> );
			tail.forEach( ( item ) =>
				out.push( <VisualBlock key={ end - 1 } change={ item } /> )
			);
		}
		index = end;
	}
	return out;
}

/**
 * The inner blocks of a changed container.
 *
 * @param props         Component props.
 * @param props.changes Aligned blocks.
 */
function VisualList( { changes }: { changes: BlockChange[] } ) {
	return <>{ visualEntries( changes ) }</>;
}

/**
 * The Visual view: the post rendered once, inline, with insertions and
 * deletions highlighted in place and changed attributes called out on their
 * block; a long post's entries render a slice at a time (useProgressive).
 *
 * @param props        Component props.
 * @param props.blocks Aligned top-level blocks.
 */
export function VisualView( { blocks }: { blocks: BlockChange[] } ) {
	const entries = useMemo( () => visualEntries( blocks ), [ blocks ] );
	return (
		<div className="countersign-visual">{ useProgressive( entries ) }</div>
	);
}
