/**
 * WordPress dependencies
 */
import { parse } from '@wordpress/blocks';
import { store as coreStore } from '@wordpress/core-data';
import type { DataRegistry } from '@wordpress/data';
import { store as editorStore } from '@wordpress/editor';

/**
 * Shows the server's copy of the post being edited, after Countersign changed
 * it on the server (an approval or a restore), without a reload and without
 * leaving the post dirty.
 *
 * 1. Drop core-data's cached record and let its own resolver fetch it again
 *    (`context=edit`). Receiving it updates the *persisted* record, so title,
 *    excerpt, slug, terms and meta show the new values with no pending edits.
 * 2. The block list is an editor edit (`blocks`), which receiving the record does
 *    not touch, so replace it with the parsed new raw content. `blocks` and
 *    `selection` are transient edits and no `content` edit is recorded, so
 *    `isEditedPostDirty()` stays false; `undoIgnore` keeps it out of the undo stack.
 *
 * This mirrors what the editor itself does on setup (resetEditorBlocks with
 * `__unstableShouldCreateUndoLevel: false`). Callers must only do it when the
 * post had no unsaved edits, which the sidebar enforces before approving.
 *
 * @param registry The data registry.
 * @return Whether the editor was refreshed (false when no post is being edited).
 */
export async function syncEditorWithServer(
	registry: DataRegistry
): Promise< boolean > {
	const editor = registry.select( editorStore );
	const postType = editor.getCurrentPostType();
	const postId = editor.getCurrentPostId();
	if ( ! postType || postId === null ) {
		return false;
	}
	const args = [ 'postType', postType, postId ];
	await registry
		.dispatch( coreStore )
		.invalidateResolution( 'getEntityRecord', args );
	const record: unknown = await registry
		.resolveSelect( coreStore )
		.getEntityRecord( 'postType', postType, postId );
	const raw = rawContent( record );
	if ( raw === null ) {
		return false;
	}
	// What resetEditorBlocks( blocks, { __unstableShouldCreateUndoLevel: false } )
	// does, plus `undoIgnore`: the editor's Undo must not step back to the
	// pre-approval blocks, which would silently re-dirty the post.
	void registry
		.dispatch( coreStore )
		.editEntityRecord(
			'postType',
			postType,
			postId,
			{ blocks: parse( raw ), selection: undefined },
			{ undoIgnore: true }
		);
	return true;
}

/**
 * `content.raw` of a post record fetched with `context=edit`.
 *
 * @param record The record.
 */
function rawContent( record: unknown ): string | null {
	if (
		typeof record !== 'object' ||
		record === null ||
		! ( 'content' in record )
	) {
		return null;
	}
	const { content } = record;
	if ( typeof content === 'object' && content !== null && 'raw' in content ) {
		return typeof content.raw === 'string' ? content.raw : null;
	}
	return null;
}
