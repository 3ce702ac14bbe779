/**
 * Internal dependencies
 */
import type { AuditEntry } from '../../api';
import { entrySections, formatValue, summarizeEntry } from '../describe';

const entry = ( overrides: Partial< AuditEntry > ): AuditEntry => ( {
	id: 1,
	created_at: '2026-11-23 06:40:01.000000',
	actor_type: 'agent',
	actor_id: 5,
	agent_id: 5,
	action: 'request',
	object_type: 'route',
	object_id: 0,
	proposal_id: 0,
	outcome: 'ok',
	ip: '127.0.0.1',
	request_id: 'r-1',
	details: {},
	prev_hash: 'a',
	hash: 'b',
	actor: { id: 5, type: 'agent', name: 'Bot' },
	agent: { id: 5, label: 'Bot', color: '#000' },
	...overrides,
} );

describe( 'summarizeEntry', () => {
	it( 'describes a request with its status and error code', () => {
		expect(
			summarizeEntry(
				entry( {
					details: {
						method: 'POST',
						route: '/countersign/v1/proposals',
						status: 429,
						code: 'countersign_rate_limited',
					},
				} )
			)
		).toBe(
			'POST /countersign/v1/proposals → 429 countersign_rate_limited'
		);
	} );
	it( 'lists the fields of a proposal', () => {
		expect(
			summarizeEntry(
				entry( {
					action: 'proposal.submitted',
					details: { fields: [ 'title', 'content' ] },
				} )
			)
		).toBe( 'Fields: title, content' );
	} );
	it( 'gives the rule of a refusal', () => {
		expect(
			summarizeEntry(
				entry( {
					action: 'proposal.refused',
					details: {
						code: 'countersign_budget_exceeded',
						rule: 'monthly_token_budget',
						field: null,
					},
				} )
			)
		).toBe( 'countersign_budget_exceeded · monthly_token_budget' );
	} );
} );

describe( 'entrySections', () => {
	it( 'splits request, change and decision, keeping the rest', () => {
		const sections = entrySections(
			entry( {
				action: 'proposal.approved',
				details: {
					fields: [ 'title' ],
					risk: 3,
					edited: true,
					note: 'ok',
					quorum: 2,
				},
			} )
		);
		expect( sections.change ).toEqual( [
			[ 'Fields', 'title' ],
			[ 'Risk', '3' ],
		] );
		expect( sections.decision ).toEqual( [
			[ 'Note', 'ok' ],
			[ 'Edited by the reviewer', 'true' ],
		] );
		expect( sections.request ).toEqual( [
			[ 'IP address', '127.0.0.1' ],
			[ 'Request id', 'r-1' ],
		] );
		expect( sections.other ).toEqual( { quorum: 2 } );
	} );
} );

describe( 'formatValue', () => {
	it( 'reads flat objects as key: value pairs and deeper ones as JSON', () => {
		expect( formatValue( { model: 'm', tokens_in: 3 } ) ).toBe(
			'model: m, tokens_in: 3'
		);
		expect( formatValue( { a: { b: 1 } } ) ).toBe( '{"a":{"b":1}}' );
		expect( formatValue( [ 'title', 'content' ] ) ).toBe(
			'title, content'
		);
		expect( formatValue( false ) ).toBe( 'false' );
		expect( formatValue( null ) ).toBe( '' );
	} );
} );
