/**
 * WordPress dependencies
 */
import { parse } from '@wordpress/blocks';
import { store as coreStore } from '@wordpress/core-data';
import { useRegistry, type DataRegistry } from '@wordpress/data';
import { store as editorStore } from '@wordpress/editor';
import { useEffect, useMemo, useSyncExternalStore } from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';
import { store as noticesStore } from '@wordpress/notices';

/**
 * Internal dependencies
 */
import { toApiError, type ChangeSet, type Proposal } from '../api';
import { useApprovalConfirmation } from '../components';
import { store as proposalsStore } from '../store';
import { fieldText } from '../utils/format';
import { syncEditorWithServer } from './editor-sync';
import { awaitingSecondReviewer } from './use-decisions';

/*
 * Edit-then-approve: a proposal is loaded into the editor so the reviewer can
 * edit it like any post, then approved with the editor's values as `edits`.
 *
 * While a session runs, saving is locked: saving would write the agent's
 * version without an approval, around the audit trail. Cancel writes back the
 * persisted values (which clears those edits, so the post is not left dirty)
 * and the original block list, outside the undo history, like editor-sync.
 *
 * The state lives in this module, not in React context: PluginSidebar's
 * contents render through a slot elsewhere in the tree, where a provider
 * around our plugin would not reach.
 */

/** The editor fields a review session loads and sends back as edits. */
const EDITABLE = [ 'title', 'content', 'excerpt' ] as const;
type Editable = ( typeof EDITABLE )[ number ];
type BlockInstance = ReturnType< typeof parse >[ number ];

const LOCK = 'countersign-review';
const BANNER_ID = 'countersign-review-session';

interface Snapshot {
	postType: string;
	postId: number;
	/** The persisted values: writing them back clears the edits. */
	values: Record< Editable, string >;
	/** The block list exactly as it was (same objects, same client ids). */
	blocks: BlockInstance[];
}

export interface ReviewSession {
	proposal: Proposal;
	/** `proposed`: edit the agent's version; `resolved`: a conflict's resolution, chosen block by block. */
	startFrom: 'proposed' | 'resolved';
}

interface SessionState {
	session: ReviewSession | null;
	isApproving: boolean;
}

let state: SessionState = { session: null, isApproving: false };
/**
 * Asks once more before a high-risk approval (set by the banner, which shows
 * the question), as the card's Approve does: edits do not lower the stakes.
 */
let askApproval: ( ( proposals: Proposal[] ) => Promise< boolean > ) | null =
	null;
let snapshot: Snapshot | null = null;
const listeners = new Set< () => void >();

function setState( next: Partial< SessionState > ): void {
	state = { ...state, ...next };
	listeners.forEach( ( listener ) => listener() );
}

function subscribe( listener: () => void ): () => void {
	listeners.add( listener );
	return () => listeners.delete( listener );
}

/**
 * Writes values and blocks into the edited post, outside the undo history.
 *
 * @param registry Data registry.
 * @param values   Field values.
 * @param blocks   Block list.
 */
function apply(
	registry: DataRegistry,
	values: Partial< Record< Editable, string > >,
	blocks: BlockInstance[]
): void {
	if ( ! snapshot ) {
		return;
	}
	void registry
		.dispatch( coreStore )
		.editEntityRecord(
			'postType',
			snapshot.postType,
			snapshot.postId,
			{ ...values, blocks, selection: undefined },
			{ undoIgnore: true }
		);
}

/**
 * Unlocks saving and forgets the session.
 *
 * @param registry Data registry.
 */
function end( registry: DataRegistry ): void {
	const editor = registry.dispatch( editorStore );
	editor.unlockPostSaving( LOCK );
	editor.unlockPostAutosaving( LOCK );
	void registry.dispatch( noticesStore ).removeNotice( BANNER_ID );
	snapshot = null;
	setState( { session: null, isApproving: false } );
}

/**
 * Puts the editor back exactly as it was before the session.
 *
 * @param registry Data registry.
 */
function restore( registry: DataRegistry ): void {
	if ( snapshot ) {
		apply( registry, snapshot.values, snapshot.blocks );
	}
}

/**
 * Cancels the session: the editor shows what it showed before, not dirty.
 *
 * @param registry Data registry.
 */
export function cancelReview( registry: DataRegistry ): void {
	restore( registry );
	end( registry );
}

/**
 * Starts a review session on a proposal. Refused while the post has unsaved edits.
 *
 * @param registry  Data registry.
 * @param proposal  The proposal.
 * @param startFrom Load the agent's version, or a conflict's resolution.
 * @param resolved  The resolution's values (`resolved`): the merged content and each field's chosen side.
 */
export async function startReview(
	registry: DataRegistry,
	proposal: Proposal,
	startFrom: ReviewSession[ 'startFrom' ],
	resolved: Partial< ChangeSet > = {}
): Promise< void > {
	const editor = registry.select( editorStore );
	const postType = editor.getCurrentPostType();
	const postId = Number( editor.getCurrentPostId() );
	if (
		state.session ||
		! postType ||
		! postId ||
		editor.isEditedPostDirty()
	) {
		return;
	}
	const detail = await registry
		.resolveSelect( proposalsStore )
		.getProposal( proposal.id );
	const raw = registry
		.select( coreStore )
		.getRawEntityRecord( 'postType', postType, postId ) as
		Partial< Record< Editable, unknown > > | undefined;
	snapshot = {
		postType,
		postId,
		values: {
			title: fieldText( raw?.title ),
			content: fieldText( raw?.content ),
			excerpt: fieldText( raw?.excerpt ),
		},
		blocks: editor.getEditorBlocks(),
	};
	const lock = registry.dispatch( editorStore );
	lock.lockPostSaving( LOCK );
	lock.lockPostAutosaving( LOCK );
	if ( detail ) {
		const values: Partial< Record< Editable, string > > = {};
		for ( const field of EDITABLE ) {
			const comparison = detail.fields[ field ];
			if ( startFrom === 'resolved' ) {
				// A field the resolution leaves out merged by itself: the agent's value over the current one.
				if ( field in resolved || comparison ) {
					values[ field ] = fieldText(
						field in resolved
							? resolved[ field ]
							: comparison?.proposed
					);
				}
			} else if ( comparison ) {
				values[ field ] = fieldText( comparison.proposed );
			}
		}
		apply(
			registry,
			values,
			values.content === undefined
				? snapshot.blocks
				: parse( values.content )
		);
	}
	setState( { session: { proposal, startFrom } } );
}

/**
 * Approves the proposal under review with the editor's title, content and
 * excerpt as edits, then shows the applied post without leaving it dirty.
 *
 * @param registry Data registry.
 */
export async function approveReview( registry: DataRegistry ): Promise< void > {
	const { session } = state;
	const current = snapshot;
	if ( ! session || ! current || state.isApproving ) {
		return;
	}
	if ( askApproval && ! ( await askApproval( [ session.proposal ] ) ) ) {
		return;
	}
	const editor = registry.select( editorStore );
	const notices = registry.dispatch( noticesStore );
	const edits: Partial< ChangeSet > = {};
	for ( const field of EDITABLE ) {
		const value =
			field === 'content'
				? editor.getEditedPostContent()
				: String( editor.getEditedPostAttribute( field ) ?? '' );
		// The proposal's own fields always (that resolves a conflict on them),
		// others only when the reviewer changed them.
		if (
			field in session.proposal.changes ||
			value !== current.values[ field ]
		) {
			edits[ field ] = value;
		}
	}
	setState( { isApproving: true } );
	try {
		const result = await registry
			.dispatch( proposalsStore )
			.approveProposal( session.proposal.id, { edits } );
		restore( registry );
		end( registry );
		if ( result.status === 'pending' ) {
			void notices.createSuccessNotice( awaitingSecondReviewer(), {
				type: 'snackbar',
				id: 'countersign-decision',
			} );
			return;
		}
		await syncEditorWithServer( registry );
		const backupId = result.backup_id;
		void notices.createSuccessNotice(
			__( 'Proposal approved with your edits.', 'countersign' ),
			{
				type: 'snackbar',
				id: 'countersign-decision',
				actions:
					backupId === null
						? []
						: [
								{
									label: __( 'Undo', 'countersign' ),
									onClick: async () => {
										await registry
											.dispatch( proposalsStore )
											.restoreBackup( backupId );
										await syncEditorWithServer( registry );
									},
								},
							],
			}
		);
	} catch ( error ) {
		setState( { isApproving: false } );
		void notices.createErrorNotice( toApiError( error ).message, {
			id: 'countersign-decision-error',
		} );
	}
}

/**
 * The review session and its commands, for the sidebar cards.
 */
export function useReviewSession() {
	const registry = useRegistry();
	const current = useSyncExternalStore( subscribe, () => state );
	return useMemo(
		() => ( {
			session: current.session,
			isApproving: current.isApproving,
			start: (
				proposal: Proposal,
				from: ReviewSession[ 'startFrom' ],
				resolved?: Partial< ChangeSet >
			) => startReview( registry, proposal, from, resolved ),
			cancel: () => cancelReview( registry ),
			approve: () => approveReview( registry ),
		} ),
		[ current, registry ]
	);
}

/**
 * The banner above the canvas while a session runs ("Reviewing <agent>'s
 * proposal — Approve with my edits / Cancel"), as an editor notice, and the
 * question a high-risk approval asks first.
 */
export function ReviewSessionBanner() {
	const registry = useRegistry();
	const { session } = useSyncExternalStore( subscribe, () => state );
	const { confirm, dialog } = useApprovalConfirmation();

	useEffect( () => {
		askApproval = confirm;
		return () => {
			askApproval = null;
		};
	}, [ confirm ] );

	useEffect( () => {
		if ( ! session ) {
			return;
		}
		const message =
			session.startFrom === 'resolved'
				? sprintf(
						/* translators: %s: agent label. */
						__(
							'Resolving the conflict with %s’s proposal: your choices are in the post. Edit it, then approve.',
							'countersign'
						),
						session.proposal.agent.label
					)
				: sprintf(
						/* translators: %s: agent label. */
						__( 'Reviewing %s’s proposal', 'countersign' ),
						session.proposal.agent.label
					);
		void registry.dispatch( noticesStore ).createNotice( 'info', message, {
			id: BANNER_ID,
			isDismissible: false,
			actions: [
				{
					label: __( 'Approve with my edits', 'countersign' ),
					onClick: () => void approveReview( registry ),
				},
				{
					label: __( 'Cancel', 'countersign' ),
					onClick: () => cancelReview( registry ),
				},
			],
		} );
	}, [ session, registry ] );

	// Leaving the editor mid-session must not strand the locks.
	useEffect( () => () => void ( snapshot && end( registry ) ), [ registry ] );

	return dialog;
}
