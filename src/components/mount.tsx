/**
 * External dependencies
 */
import type { ReactNode } from 'react';

/**
 * WordPress dependencies
 */
import domReady from '@wordpress/dom-ready';
import { createRoot, StrictMode } from '@wordpress/element';

/**
 * Renders an admin screen into the container the PHP page printed, once the DOM is ready.
 *
 * @param rootId  Id of the container element.
 * @param element What to render.
 */
export function mount( rootId: string, element: ReactNode ): void {
	domReady( () => {
		const container = document.getElementById( rootId );
		if ( ! container ) {
			return;
		}
		createRoot( container ).render( <StrictMode>{ element }</StrictMode> );
	} );
}
