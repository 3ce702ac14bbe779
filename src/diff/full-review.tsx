/**
 * WordPress dependencies
 */
import { Button, Modal } from '@wordpress/components';
import { useEffect, useRef, useState } from '@wordpress/element';
import { __, _n, sprintf } from '@wordpress/i18n';
import { chevronDown, chevronUp } from '@wordpress/icons';

/**
 * Internal dependencies
 */
import { ProposalDiff, type DiffMode } from './proposal-diff';

/** What counts as one change in each view: a changed block, a changed field, a markup field. */
const CHANGE_SELECTOR = [
	'.countersign-visual__block:not(.is-unchanged)',
	'.countersign-blocks__item',
	'.countersign-diff__field',
	'.countersign-markup-diff__field',
].join( ',' );

/**
 * The changes shown inside a container, in reading order; a changed container
 * whose inner blocks are listed counts through them, not itself.
 *
 * @param root The container.
 */
export function changeNodes( root: HTMLElement | null ): HTMLElement[] {
	if ( ! root ) {
		return [];
	}
	const all = Array.from(
		root.querySelectorAll< HTMLElement >( CHANGE_SELECTOR )
	);
	return all.filter(
		( node ) =>
			! all.some( ( other ) => other !== node && node.contains( other ) )
	);
}

interface FullReviewProps {
	proposalId: number;
	title: string;
	initialMode: DiffMode;
	onClose: () => void;
}

/**
 * A proposal's changes at full width, in a modal over the editor or the queue:
 * the post reads as a whole with its changes marked, and Previous / Next walk
 * through them one at a time ("Change 3 of 30").
 *
 * @param props             Component props.
 * @param props.proposalId  Proposal id.
 * @param props.title       The modal's title.
 * @param props.initialMode The view to start in.
 * @param props.onClose     Closes it.
 */
export function FullReview( {
	proposalId,
	title,
	initialMode,
	onClose,
}: FullReviewProps ) {
	const body = useRef< HTMLDivElement >( null );
	const [ count, setCount ] = useState( 0 );
	const [ current, setCurrent ] = useState( -1 );

	// The views render lazily and re-render on a mode switch: count what is there whenever it changes.
	useEffect( () => {
		const root = body.current;
		if ( ! root ) {
			return undefined;
		}
		const update = () => setCount( changeNodes( root ).length );
		update();
		const observer = new window.MutationObserver( update );
		observer.observe( root, { childList: true, subtree: true } );
		return () => observer.disconnect();
	}, [] );

	const go = ( step: 1 | -1 ) => {
		const nodes = changeNodes( body.current );
		if ( nodes.length === 0 ) {
			return;
		}
		const next = Math.min(
			Math.max( current + step, 0 ),
			nodes.length - 1
		);
		nodes.forEach( ( node ) => node.classList.remove( 'is-current' ) );
		const node = nodes[ next ]!;
		node.classList.add( 'is-current' );
		node.tabIndex = -1;
		node.scrollIntoView( { block: 'center' } );
		node.focus( { preventScroll: true } );
		setCurrent( next );
	};

	const position =
		current < 0 || current >= count
			? sprintf(
					/* translators: %d: number of changes. */
					_n( '%d change', '%d changes', count, 'countersign' ),
					count
				)
			: sprintf(
					/* translators: 1: the change shown, 2: number of changes. */
					__( 'Change %1$d of %2$d', 'countersign' ),
					current + 1,
					count
				);

	return (
		<Modal
			title={ title }
			onRequestClose={ onClose }
			size="fill"
			className="countersign-full-review"
		>
			<div
				className="countersign-full-review__nav"
				role="toolbar"
				aria-label={ __( 'Go through the changes', 'countersign' ) }
			>
				<span aria-live="polite">{ position }</span>
				<Button
					size="compact"
					variant="secondary"
					icon={ chevronUp }
					disabled={ count === 0 || current <= 0 }
					accessibleWhenDisabled
					onClick={ () => go( -1 ) }
				>
					{ __( 'Previous change', 'countersign' ) }
				</Button>
				<Button
					size="compact"
					variant="secondary"
					icon={ chevronDown }
					disabled={ count === 0 || current >= count - 1 }
					accessibleWhenDisabled
					onClick={ () => go( 1 ) }
				>
					{ __( 'Next change', 'countersign' ) }
				</Button>
			</div>
			<div ref={ body } className="countersign-full-review__body">
				<ProposalDiff
					proposalId={ proposalId }
					initialMode={ initialMode }
					onModeChange={ () => setCurrent( -1 ) }
				/>
			</div>
		</Modal>
	);
}
