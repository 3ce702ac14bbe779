/**
 * WordPress dependencies
 */
import { dispatch } from '@wordpress/data';
import { store as editorStore } from '@wordpress/editor';
import { __, sprintf } from '@wordpress/i18n';
import { store as noticesStore } from '@wordpress/notices';

/** Set by the server when this visit reads a locked post to decide a proposal (Admin\ReviewThroughLock). */
interface ReadingThroughLock {
	post: number;
	name: string;
}

declare global {
	interface Window {
		countersignReadingThroughLock?: ReadingThroughLock;
	}
}

/** WordPress's script globals: Heartbeat announces `heartbeat.send` on `wp.hooks`, which the editor loads. */
interface HooksGlobal {
	wp?: {
		hooks?: {
			addAction: (
				hook: string,
				namespace: string,
				callback: ( data: Record< string, unknown > ) => void,
				priority?: number
			) => void;
		};
	};
}

const LOCK = 'countersign-reading-through-lock';

/**
 * A reviewer who came to decide a proposal on a post someone else is editing
 * reads it without taking core's post lock: saving is off for this visit (so
 * nothing of the editing person's is overwritten), a notice says why, and
 * core's lock refresh is left out of this screen's Heartbeat, so the lock stays
 * theirs and no "has taken over" dialog appears. Decisions go through
 * Countersign's REST routes, which do not need the lock.
 *
 * @param reading The server's flag; nothing happens without it.
 */
export function readThroughLock(
	reading:
		ReadingThroughLock | undefined = window.countersignReadingThroughLock
): boolean {
	if ( ! reading ) {
		return false;
	}
	const editor = dispatch( editorStore );
	editor.lockPostSaving( LOCK );
	editor.lockPostAutosaving( LOCK );
	void dispatch( noticesStore ).createWarningNotice(
		sprintf(
			/* translators: %s: the person editing the post. */
			__(
				'%s is editing this post. You can read and decide its agent proposals; saving is off for this visit, so nothing of theirs is overwritten.',
				'countersign'
			),
			reading.name || __( 'Someone else', 'countersign' )
		),
		{ id: LOCK, isDismissible: false }
	);
	// After the editor's own handler (priority 10) has added the lock refresh.
	( window as unknown as HooksGlobal ).wp?.hooks?.addAction(
		'heartbeat.send',
		'countersign/reading-through-lock',
		( data: Record< string, unknown > ) => {
			delete data[ 'wp-refresh-post-lock' ];
		},
		20
	);
	return true;
}
