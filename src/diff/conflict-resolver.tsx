/**
 * WordPress dependencies
 */
import { Button, Flex, Modal, Notice, Spinner } from '@wordpress/components';
import { useSelect } from '@wordpress/data';
import { useEffect, useState } from '@wordpress/element';
import { __, _n, sprintf } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import {
	api,
	toApiError,
	type ChangeSet,
	type ConflictBlock,
	type ConflictSide,
	type Proposal,
	type ProposalDetail,
} from '../api';
import { store as proposalsStore } from '../store';
import { fieldText } from '../utils/format';
import { fieldLabel } from '../utils/labels';
import { parseBlocks, stableStringify } from './blocks';
import { blockLabel } from './labels';
import { sanitizePreview } from './sanitize';
import { htmlToText, wordDiff } from './text';
import { WordDiff } from './views/word-diff';

/*
 * Resolving a conflict, block by block: for each block the site and the agent
 * both changed, the reviewer keeps the current version or takes the agent's;
 * everything else merges by itself (the server's three-way merge, the same one
 * approving runs). Fields other than the content that moved on both sides are
 * chosen the same way. The result is approved as the reviewer's edits, or, in
 * the editor, loaded into the post to edit further before approving.
 */

/** The edits a resolution approves with. */
export type Resolution = Partial< ChangeSet >;

export interface ConflictResolverProps {
	proposal: Proposal;
	onClose: () => void;
	/** Approves with the resolution as edits. */
	onApprove: ( edits: Resolution ) => Promise< void >;
	/** Loads the resolution into the editor to edit further (in the editor only). */
	onEdit?: ( edits: Resolution ) => void;
}

/** A field other than the content that the site and the agent both changed. */
interface FieldConflict {
	name: string;
	current: unknown;
	proposed: unknown;
}

/**
 * Fields other than the content whose value moved since the agent read it and
 * that the agent changes to something else again.
 *
 * @param detail The proposal with its fields' three values.
 */
export function fieldConflicts(
	detail: Pick< ProposalDetail, 'fields' >
): FieldConflict[] {
	return Object.entries( detail.fields ).flatMap( ( [ name, field ] ) => {
		if ( name === 'content' || field === undefined ) {
			return [];
		}
		const current = stableStringify( field.current );
		return current !== stableStringify( field.base ) &&
			current !== stableStringify( field.proposed )
			? [ { name, current: field.current, proposed: field.proposed } ]
			: [];
	} );
}

/**
 * "Block 4", or "Block 2, inner block 1" for a block inside another.
 *
 * @param path Block index path.
 */
export function blockPosition( path: string ): string {
	const [ top = 0, ...inner ] = path.split( '/' ).map( Number );
	let label: string = sprintf(
		/* translators: %d: block position. */
		__( 'Block %d', 'countersign' ),
		top + 1
	);
	for ( const index of inner ) {
		label = sprintf(
			/* translators: 1: outer block, 2: inner block position. */
			__( '%1$s, inner block %2$d', 'countersign' ),
			label,
			index + 1
		);
	}
	return label;
}

/**
 * Why the merge could not decide, in a reviewer's words.
 *
 * @param reason The merge's reason.
 */
export function conflictReason( reason: string ): string {
	switch ( reason ) {
		case 'deleted by the human, changed by the agent':
			return __(
				'Deleted on the site; the agent edited it.',
				'countersign'
			);
		case 'changed by the human, deleted by the agent':
			return __(
				'Edited on the site; the agent deleted it.',
				'countersign'
			);
		case 'moved to different places by both sides':
			return __(
				'Moved on the site, and moved somewhere else by the agent.',
				'countersign'
			);
		case 'attributes changed differently by both sides':
		case 'markup changed differently by both sides':
			return __(
				'Its settings were changed on the site and, differently, by the agent.',
				'countersign'
			);
		default:
			return __(
				'Edited on the site and, differently, by the agent.',
				'countersign'
			);
	}
}

/**
 * One side of a block: its words marked against the version the agent read,
 * or the block itself when it has no words (an image).
 *
 * @param props      Component props.
 * @param props.base The version the agent read.
 * @param props.side This side's version; null when it deleted the block.
 */
function BlockVersion( { base, side }: { base: string; side: string | null } ) {
	if ( side === null ) {
		return (
			<p className="countersign-conflict__deleted">
				{ __( 'Deleted', 'countersign' ) }
			</p>
		);
	}
	const text = htmlToText( side );
	const parts = wordDiff( htmlToText( base ), text );
	if ( text.trim() !== '' && parts !== null ) {
		return (
			<p className="countersign-conflict__text">
				<WordDiff parts={ parts } />
			</p>
		);
	}
	return (
		<div
			className="countersign-conflict__preview"
			// Sanitised: allow-listed tags, attributes and classes; remote images held back.
			dangerouslySetInnerHTML={ {
				__html: sanitizePreview( side, {
					origin: window.location.origin,
				} ).html,
			} }
		/>
	);
}

/**
 * The two choices for one conflict, as radio buttons over the two versions.
 *
 * @param props          Component props.
 * @param props.name     Radio group name.
 * @param props.choice   The side chosen so far.
 * @param props.onChoose Called with the side.
 * @param props.current  The current version.
 * @param props.proposed The agent's version.
 * @param props.agent    The agent's name.
 */
function Choice( {
	name,
	choice,
	onChoose,
	current,
	proposed,
	agent,
}: {
	name: string;
	choice: ConflictSide | null;
	onChoose: ( side: ConflictSide ) => void;
	current: JSX.Element;
	proposed: JSX.Element;
	agent: string;
} ) {
	const options: Array< [ ConflictSide, string, JSX.Element ] > = [
		[ 'current', __( 'Keep the current version', 'countersign' ), current ],
		[
			'proposed',
			sprintf(
				/* translators: %s: agent name. */
				__( 'Take %s’s version', 'countersign' ),
				agent
			),
			proposed,
		],
	];
	return (
		<div className="countersign-conflict__choices">
			{ options.map( ( [ side, label, version ] ) => {
				const id = `${ name }-${ side }`;
				return (
					// The whole version is a target for the pointer; the radio is the keyboard's.
					// eslint-disable-next-line jsx-a11y/click-events-have-key-events, jsx-a11y/no-static-element-interactions
					<div
						key={ side }
						className={ `countersign-conflict__choice${
							choice === side ? ' is-chosen' : ''
						}` }
						onClick={ () => onChoose( side ) }
					>
						<input
							type="radio"
							id={ id }
							name={ name }
							checked={ choice === side }
							onChange={ () => onChoose( side ) }
							aria-describedby={ `${ id }-version` }
						/>
						<label htmlFor={ id }>{ label }</label>
						<div id={ `${ id }-version` }>{ version }</div>
					</div>
				);
			} ) }
		</div>
	);
}

/**
 * The Resolve dialog: one choice per conflicting block and field, then
 * Approve (or, in the editor, Edit in the editor) with the result.
 *
 * @param props           Component props.
 * @param props.proposal  The proposal in conflict.
 * @param props.onClose   Closes the dialog.
 * @param props.onApprove Approves with the resolution.
 * @param props.onEdit    Loads the resolution into the editor.
 */
export function ConflictResolver( {
	proposal,
	onClose,
	onApprove,
	onEdit,
}: ConflictResolverProps ) {
	const detail = useSelect(
		( select ) => select( proposalsStore ).getProposal( proposal.id ),
		[ proposal.id ]
	);
	const [ blocks, setBlocks ] = useState< ConflictBlock[] | null >( null );
	const [ choices, setChoices ] = useState< Record< string, ConflictSide > >(
		{}
	);
	const [ error, setError ] = useState< string | null >( null );
	const [ isBusy, setIsBusy ] = useState( false );

	useEffect( () => {
		let live = true;
		api.fetchConflicts( proposal.id )
			.then( ( result ) => live && setBlocks( result.blocks ) )
			.catch( ( reason: unknown ) => {
				if ( live ) {
					setBlocks( [] );
					setError( toApiError( reason ).message );
				}
			} );
		return () => {
			live = false;
		};
	}, [ proposal.id ] );

	const fields = detail ? fieldConflicts( detail ) : [];
	const keys = [
		...( blocks ?? [] ).map( ( block ) => `block:${ block.path }` ),
		...fields.map( ( field ) => `field:${ field.name }` ),
	];
	const left = keys.filter( ( key ) => ! choices[ key ] ).length;
	const choose = ( key: string ) => ( side: ConflictSide ) =>
		setChoices( ( chosen ) => ( { ...chosen, [ key ]: side } ) );

	/**
	 * The reviewer's edits: the content merged with the block choices (asked
	 * of the server, which merges as approving does), and each field's side.
	 */
	const resolve = async (): Promise< Resolution | null > => {
		const edits: Resolution = {};
		if ( blocks && blocks.length > 0 ) {
			const sides: Record< string, ConflictSide > = {};
			for ( const block of blocks ) {
				const side = choices[ `block:${ block.path }` ];
				if ( side ) {
					sides[ block.path ] = side;
				}
			}
			const merged = await api.fetchConflicts( proposal.id, sides );
			if ( merged.content === null ) {
				// The post changed again while the dialog was open.
				setBlocks( merged.blocks );
				setError(
					__(
						'The post changed again while you chose: look at the blocks below once more.',
						'countersign'
					)
				);
				return null;
			}
			edits.content = merged.content;
		}
		for ( const field of fields ) {
			const side = choices[ `field:${ field.name }` ];
			( edits as Record< string, unknown > )[ field.name ] =
				side === 'proposed' ? field.proposed : field.current;
		}
		return edits;
	};

	const run = async ( then: ( edits: Resolution ) => unknown ) => {
		setIsBusy( true );
		setError( null );
		try {
			const edits = await resolve();
			if ( edits ) {
				await then( edits );
			}
		} catch ( reason ) {
			setError( toApiError( reason ).message );
		} finally {
			setIsBusy( false );
		}
	};

	const isLoading = blocks === null || ! detail;
	return (
		<Modal
			title={ __( 'Resolve the conflict', 'countersign' ) }
			onRequestClose={ onClose }
			size="large"
			className="countersign-conflict"
		>
			<p>
				{ sprintf(
					/* translators: %s: agent name. */
					__(
						'The post changed after %s read it. Where the site and the agent changed the same block, choose which version to keep. Everything else merges by itself.',
						'countersign'
					),
					proposal.agent.label
				) }
			</p>
			{ error && (
				<Notice status="warning" isDismissible={ false }>
					{ error }
				</Notice>
			) }
			{ isLoading && <Spinner /> }
			{ ! isLoading && keys.length === 0 && ! error && (
				<p>
					{ __(
						'Nothing conflicts any more: approve the proposal as it is.',
						'countersign'
					) }
				</p>
			) }
			{ ( blocks ?? [] ).map( ( block ) => {
				const key = `block:${ block.path }`;
				const name =
					parseBlocks(
						block.current ?? block.proposed ?? block.base
					)[ 0 ]?.name ?? 'core/freeform';
				return (
					<fieldset
						key={ key }
						className="countersign-conflict__item"
					>
						<legend>
							{ blockPosition( block.path ) } ·{ ' ' }
							{ blockLabel( name ) }
						</legend>
						<p className="countersign-conflict__reason">
							{ conflictReason( block.reason ) }
						</p>
						<Choice
							name={ `countersign-conflict-${ proposal.id }-${ block.path }` }
							choice={ choices[ key ] ?? null }
							onChoose={ choose( key ) }
							agent={ proposal.agent.label }
							current={
								<BlockVersion
									base={ block.base }
									side={ block.current }
								/>
							}
							proposed={
								<BlockVersion
									base={ block.base }
									side={ block.proposed }
								/>
							}
						/>
					</fieldset>
				);
			} ) }
			{ fields.map( ( field ) => {
				const key = `field:${ field.name }`;
				return (
					<fieldset
						key={ key }
						className="countersign-conflict__item"
					>
						<legend>{ fieldLabel( field.name ) }</legend>
						<Choice
							name={ `countersign-conflict-${ proposal.id }-${ field.name }` }
							choice={ choices[ key ] ?? null }
							onChoose={ choose( key ) }
							agent={ proposal.agent.label }
							current={
								<p className="countersign-conflict__text">
									{ fieldText( field.current ) ||
										__( '(none)', 'countersign' ) }
								</p>
							}
							proposed={
								<p className="countersign-conflict__text">
									{ fieldText( field.proposed ) ||
										__( '(none)', 'countersign' ) }
								</p>
							}
						/>
					</fieldset>
				);
			} ) }
			<Flex
				justify="flex-end"
				className="countersign-conflict__actions"
				wrap
			>
				{ left > 0 && (
					<p className="countersign-conflict__left" role="status">
						{ sprintf(
							/* translators: %d: number of conflicts without a choice. */
							_n(
								'%d choice left',
								'%d choices left',
								left,
								'countersign'
							),
							left
						) }
					</p>
				) }
				<Button
					__next40pxDefaultSize
					variant="tertiary"
					onClick={ onClose }
				>
					{ __( 'Cancel', 'countersign' ) }
				</Button>
				{ onEdit && (
					<Button
						__next40pxDefaultSize
						variant="secondary"
						disabled={ isLoading || left > 0 || isBusy }
						accessibleWhenDisabled
						onClick={ () => void run( onEdit ) }
					>
						{ __( 'Edit in the editor', 'countersign' ) }
					</Button>
				) }
				<Button
					__next40pxDefaultSize
					variant="primary"
					isBusy={ isBusy }
					disabled={ isLoading || left > 0 || isBusy }
					accessibleWhenDisabled
					onClick={ () => void run( onApprove ) }
				>
					{ __( 'Approve', 'countersign' ) }
				</Button>
			</Flex>
		</Modal>
	);
}
