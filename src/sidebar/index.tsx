/**
 * WordPress dependencies
 */
import { shield } from '@wordpress/icons';
import { registerPlugin } from '@wordpress/plugins';

/**
 * Internal dependencies
 */
import '../store';
import { PLUGIN_NAME } from './constants';
import { getDeepLinkedProposalId, isDeepLinkedEdit } from './deep-link';
import { CountersignPlugin } from './plugin';
import { readThroughLock } from './reading-through-lock';
import './sidebar.scss';

const deepLinkedId = getDeepLinkedProposalId( window.location.href );
const editDeepLinked = isDeepLinkedEdit( window.location.href );

readThroughLock();

registerPlugin( PLUGIN_NAME, {
	icon: shield,
	render: () => (
		<CountersignPlugin
			deepLinkedId={ deepLinkedId }
			editDeepLinked={ editDeepLinked }
		/>
	),
} );
