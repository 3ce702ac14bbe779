/**
 * WordPress dependencies
 */
import { useEffect, useState } from '@wordpress/element';

/**
 * The current time, refreshed every `interval` ms, so "5 minutes ago" keeps up.
 *
 * @param interval Refresh period in milliseconds.
 */
export function useNow( interval = 60_000 ): Date {
	const [ now, setNow ] = useState( () => new Date() );
	useEffect( () => {
		const timer = window.setInterval(
			() => setNow( new Date() ),
			interval
		);
		return () => window.clearInterval( timer );
	}, [ interval ] );
	return now;
}
