/**
 * Internal dependencies
 */
import type { RiskLevel } from '../../api';
import {
	fieldLabel,
	PROPOSAL_STATUSES,
	riskLabel,
	statusLabel,
	toRiskLevel,
} from '../labels';

describe( 'riskLabel', () => {
	it.each< [ RiskLevel, string ] >( [
		[ 1, 'Read' ],
		[ 2, 'Low' ],
		[ 3, 'Medium' ],
		[ 4, 'High' ],
		[ 5, 'Extreme' ],
	] )( 'level %d is %p', ( level, word ) => {
		expect( riskLabel( level ) ).toBe( word );
	} );
} );

describe( 'toRiskLevel', () => {
	it( 'keeps valid levels and treats anything else as the most cautious', () => {
		expect( toRiskLevel( 2 ) ).toBe( 2 );
		expect( toRiskLevel( 0 ) ).toBe( 5 );
		expect( toRiskLevel( '3' ) ).toBe( 5 );
		expect( toRiskLevel( 9 ) ).toBe( 5 );
	} );
} );

describe( 'statusLabel', () => {
	it( 'labels every status, each differently', () => {
		const labels = PROPOSAL_STATUSES.map( statusLabel );
		expect( new Set( labels ).size ).toBe( PROPOSAL_STATUSES.length );
		expect( statusLabel( 'pending' ) ).toBe( 'Pending' );
	} );
} );

describe( 'fieldLabel', () => {
	it( 'names known fields and passes unknown ones through', () => {
		expect( fieldLabel( 'featured_media' ) ).toBe( 'Featured image' );
		expect( fieldLabel( 'x_custom' ) ).toBe( 'x_custom' );
	} );
} );
