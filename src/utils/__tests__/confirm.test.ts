/**
 * Internal dependencies
 */
import type { Proposal } from '../../api';
import { approvalQuestion, changeLine } from '../confirm';

const proposal = (
	id: number,
	risk: number,
	changes: Record< string, unknown >,
	title = 'Membership fees'
): Proposal =>
	( {
		id,
		risk,
		changes,
		post_title: title,
		status: 'pending',
		agent: { id: 2, label: 'Claude', color: '#d97757' },
	} ) as unknown as Proposal;

describe( 'approvalQuestion', () => {
	it( 'asks nothing for one low-risk proposal', () => {
		expect(
			approvalQuestion( [ proposal( 1, 2, { title: 'x' } ) ] )
		).toBeNull();
		expect( approvalQuestion( [] ) ).toBeNull();
	} );

	it( 'names a high-risk change, with the status it sets', () => {
		const asked = approvalQuestion( [
			proposal( 1, 4, { status: 'publish', slug: 'fees' } ),
		] );
		expect( asked?.title ).toBe( 'Approve a high-risk change?' );
		expect( asked?.lines ).toEqual( [
			'“Membership fees” by Claude: Status → Published, Slug',
		] );
	} );

	it( 'says how many and what for several, the risky ones first', () => {
		const many = [
			proposal( 1, 2, { title: 'a' }, 'One' ),
			proposal( 2, 4, { status: 'trash' }, 'Two' ),
			...[ 3, 4, 5, 6, 7 ].map( ( id ) =>
				proposal( id, 1, { excerpt: 'e' }, `Post ${ id }` )
			),
		];
		const asked = approvalQuestion( many );
		expect( asked?.title ).toBe(
			'Approve 7 proposals? 1 of them is high risk.'
		);
		expect( asked?.lines[ 0 ] ).toBe( '“Two” by Claude: Status → Trash' );
		expect( asked?.lines ).toHaveLength( 5 );
		expect( asked?.more ).toBe( 2 );
		expect( asked?.confirm ).toBe( 'Approve 7' );
		expect( approvalQuestion( [ many[ 0 ]!, many[ 2 ]! ] )?.title ).toBe(
			'Approve 2 proposals?'
		);
	} );

	it( 'says an untitled post as such', () => {
		expect( changeLine( proposal( 1, 4, { author: 3 }, '' ) ) ).toBe(
			'“(no title)” by Claude: Author'
		);
	} );
} );
