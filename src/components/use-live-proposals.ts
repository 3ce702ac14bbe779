/**
 * WordPress dependencies
 */
import { useDispatch } from '@wordpress/data';
import { useEffect } from '@wordpress/element';

/**
 * Internal dependencies
 */
import { store as proposalsStore } from '../store';

/** The part of jQuery that Heartbeat's events need. */
interface HeartbeatEvents {
	on: (
		events: string,
		handler: ( event: unknown, data: unknown ) => void
	) => void;
	off: (
		events: string,
		handler: ( event: unknown, data: unknown ) => void
	) => void;
}

/**
 * Refetches the proposals a screen shows when someone else adds or decides one, on WordPress's Heartbeat: each tick
 * sends `{countersign: {post}}` and the server answers with a stamp of those proposals; a changed stamp drops the
 * cached lists, and the screen fetches them once. Heartbeat is already running on these screens and slows itself in
 * background tabs, so this adds no requests of its own.
 *
 * @param post The edited post's id, or 0 for every proposal (the queue).
 */
export function useLiveProposals( post: number ): void {
	const { invalidateResolutionForStoreSelector } =
		useDispatch( proposalsStore );

	useEffect( () => {
		const $ = (
			window as unknown as {
				jQuery?: ( target: Document ) => HeartbeatEvents;
			}
		 ).jQuery;
		if ( ! $ ) {
			return undefined;
		}
		// The stamp of what the screen loaded, printed with the page (LiveUpdates::initial_stamp()).
		const initial = (
			window as unknown as { countersignLiveStamp?: unknown }
		 ).countersignLiveStamp;
		let stamp: string | null = typeof initial === 'string' ? initial : null;
		const send = ( _event: unknown, data: unknown ) => {
			( data as Record< string, unknown > ).countersign = { post };
		};
		const tick = ( _event: unknown, data: unknown ) => {
			const next = ( data as { countersign?: { stamp?: unknown } } )
				.countersign?.stamp;
			if ( typeof next !== 'string' ) {
				return;
			}
			if ( stamp !== null && next !== stamp ) {
				void invalidateResolutionForStoreSelector( 'getProposals' );
				void invalidateResolutionForStoreSelector( 'getProposal' );
			}
			stamp = next;
		};
		const events = $( document );
		events.on( 'heartbeat-send', send );
		events.on( 'heartbeat-tick', tick );
		return () => {
			events.off( 'heartbeat-send', send );
			events.off( 'heartbeat-tick', tick );
		};
	}, [ post, invalidateResolutionForStoreSelector ] );
}
