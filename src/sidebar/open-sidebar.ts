/**
 * WordPress dependencies
 */
import type { DataRegistry } from '@wordpress/data';
import { store as editorStore } from '@wordpress/editor';

/**
 * Internal dependencies
 */
import { SIDEBAR_ID } from './constants';

/*
 * @wordpress/interface is bundled into wp-editor rather than shipped as its own
 * script, so importing its store would register a second copy. Its store is
 * addressed by name instead; PluginSidebar lives in the 'core' scope.
 */
const INTERFACE_STORE = 'core/interface';

/** How long to wait for the editor before giving up on a deep link. */
const READY_TIMEOUT = 15_000;

/**
 * Opens the "Agent proposals" sidebar.
 *
 * @param registry The data registry (from useRegistry()).
 */
export function openProposalsSidebar( registry: DataRegistry ): void {
	registry
		.dispatch( INTERFACE_STORE )
		.enableComplementaryArea?.( 'core', SIDEBAR_ID );
}

/**
 * Opens the sidebar once the editor has settled on its initial sidebar.
 *
 * On load the editor opens its default area ("Post") as soon as it is ready,
 * from an effect that would override an earlier request, so a deep link waits
 * until the active area is known (a name, or null when the sidebar is closed)
 * and only then switches to ours.
 *
 * @param registry The data registry.
 * @param then     Runs once the sidebar is open (a deep link's "Edit, then approve").
 * @return Cancels the pending open.
 */
export function openProposalsSidebarWhenReady(
	registry: DataRegistry,
	then?: () => Promise< void > | void
): () => void {
	let done = false;
	const isSettled = (): boolean => {
		const ready = registry.select( editorStore ).__unstableIsEditorReady();
		const area: unknown = registry
			.select( INTERFACE_STORE )
			.getActiveComplementaryArea?.( 'core' );
		return ready && area !== undefined;
	};
	const unsubscribe = registry.subscribe( () => {
		if ( isSettled() ) {
			finish( true );
		}
	} );
	const timer = window.setTimeout( () => finish( true ), READY_TIMEOUT );
	function finish( open: boolean ): void {
		if ( done ) {
			return;
		}
		done = true;
		unsubscribe();
		window.clearTimeout( timer );
		if ( open ) {
			// Let the editor finish the update that settled it before switching.
			window.setTimeout( () => {
				openProposalsSidebar( registry );
				void then?.();
			}, 0 );
		}
	}
	if ( isSettled() ) {
		finish( true );
	}
	return () => finish( false );
}
