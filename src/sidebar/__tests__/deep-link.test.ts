/**
 * Internal dependencies
 */
import { getDeepLinkedProposalId } from '../deep-link';

describe( 'getDeepLinkedProposalId', () => {
	it( 'reads a positive id from the countersign argument', () => {
		expect(
			getDeepLinkedProposalId(
				'http://x/wp-admin/post.php?post=12&action=edit&countersign=42'
			)
		).toBe( 42 );
	} );

	it.each( [
		'http://x/wp-admin/post.php?post=12&action=edit',
		'http://x/wp-admin/post.php?countersign=0',
		'http://x/wp-admin/post.php?countersign=abc',
		'http://x/wp-admin/post.php?countersign=4x',
		'http://x/wp-admin/post.php?countersign=-3',
	] )( 'ignores %s', ( url ) => {
		expect( getDeepLinkedProposalId( url ) ).toBeNull();
	} );
} );
