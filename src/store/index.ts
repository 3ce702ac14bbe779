/**
 * WordPress dependencies
 */
import { createReduxStore, register } from '@wordpress/data';

/**
 * Internal dependencies
 */
import reducer from './reducer';
import * as actions from './actions';
import * as selectors from './selectors';
import * as resolvers from './resolvers';
import { STORE_NAME } from './constants';

/**
 * The Countersign proposals store: proposals, their details, agents and backups.
 *
 * @example
 * ```ts
 * import { store as proposalsStore } from '../store';
 * const proposals = useSelect( ( select ) => select( proposalsStore ).getProposals( { post: 12 } ), [] );
 * ```
 */
export const store = createReduxStore( STORE_NAME, {
	reducer,
	actions,
	selectors,
	resolvers,
} );

register( store );

export { STORE_NAME, POST_QUERY_PER_PAGE } from './constants';
export { getQueryKey, normalizeQuery } from './query';
export type { BusyAction, State } from './types';
