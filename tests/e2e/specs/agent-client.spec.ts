/**
 * bin/countersign-agent against the test site: the command really submits,
 * and the proposal it made is there over REST, as blocks.
 */

/**
 * External dependencies
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * WordPress dependencies
 */
import { test, expect } from '@wordpress/e2e-test-utils-playwright';

/**
 * Internal dependencies
 */
import type { ProposalDetail } from '../../../src/api/types';
import { createAgent, siteUrl, type CreatedAgent, createPost } from '../utils';

const bin = resolve( __dirname, '../../../bin/countersign-agent' );

/**
 * Runs the command as the agent, with its credentials in the environment.
 *
 * @param agent The agent.
 * @param args  Arguments.
 */
function cli( agent: CreatedAgent, args: string[] ) {
	const result = spawnSync( process.execPath, [ bin, ...args ], {
		encoding: 'utf8',
		env: {
			...process.env,
			COUNTERSIGN_URL: siteUrl(),
			COUNTERSIGN_USER: agent.user_login,
			COUNTERSIGN_APP_PASSWORD: agent.application_password,
		},
	} );
	return {
		status: result.status,
		stdout: result.stdout,
		stderr: result.stderr,
	};
}

test.describe( 'countersign-agent', () => {
	test( 'proposes a Markdown draft as blocks, then lists and shows it', async ( {
		requestUtils,
	} ) => {
		const agent = await createAgent( requestUtils, {
			label: 'CLI bot e2e',
			role: 'editor',
			preset: 'content_manager',
		} );
		const post = await createPost( requestUtils, {
			title: 'Parking',
			content:
				'<!-- wp:paragraph -->\n<p>Parking is free.</p>\n<!-- /wp:paragraph -->',
			status: 'draft',
		} );
		const dir = mkdtempSync( join( tmpdir(), 'countersign-agent-' ) );
		const draft = join( dir, 'draft.md' );
		writeFileSync(
			draft,
			'## Parking\n\nParking is free on **Sundays**, see [the map](https://example.com/map).\n\n- Level 1: cars\n- Level 2: bikes\n'
		);

		const me = cli( agent, [ 'me', '--json' ] );
		expect( me.stderr ).toBe( '' );
		expect( JSON.parse( me.stdout ) ).toMatchObject( {
			id: agent.id,
			label: 'CLI bot e2e',
		} );

		const proposed = cli( agent, [
			'propose',
			'--post',
			String( post.id ),
			'--file',
			draft,
			'--title',
			'Parking on Sundays',
			'--rationale',
			'Readers asked about weekends.',
			'--json',
		] );
		expect( proposed.stderr ).toBe( '' );
		expect( proposed.status ).toBe( 0 );
		const { id } = JSON.parse( proposed.stdout ) as { id: number };

		// What the server stored, read by the admin: blocks, not Markdown.
		const stored = await requestUtils.rest< ProposalDetail >( {
			path: `/countersign/v1/proposals/${ id }`,
		} );
		expect( stored.status ).toBe( 'pending' );
		expect( stored.post ).toBe( post.id );
		expect( stored.rationale ).toBe( 'Readers asked about weekends.' );
		expect( stored.changes.title ).toBe( 'Parking on Sundays' );
		expect( stored.changes.content ).toContain(
			'<!-- wp:heading -->\n<h2 class="wp-block-heading">Parking</h2>'
		);
		expect( stored.changes.content ).toContain(
			'<strong>Sundays</strong>, see <a href="https://example.com/map">the map</a>'
		);
		expect( stored.changes.content ).toContain(
			'<!-- wp:list-item -->\n<li>Level 2: bikes</li>'
		);

		const list = cli( agent, [ 'list', '--status', 'pending' ] );
		expect( list.status ).toBe( 0 );
		expect( list.stdout ).toContain( `#${ id }` );
		expect( list.stdout ).toContain( 'Parking' );

		const show = cli( agent, [ 'show', String( id ) ] );
		expect( show.stdout ).toContain( `Proposal #${ id }: pending` );
		expect( show.stdout ).toContain(
			'Rationale: Readers asked about weekends.'
		);
	} );

	test( "shows the server's error code and field when refused", async ( {
		requestUtils,
	} ) => {
		const agent = await createAgent( requestUtils, {
			label: 'CLI refused e2e',
			role: 'editor',
			preset: 'content_manager',
		} );
		const dir = mkdtempSync( join( tmpdir(), 'countersign-agent-' ) );
		const draft = join( dir, 'draft.html' );
		writeFileSync( draft, '<p>Hello</p>' );

		const refused = cli( agent, [
			'propose',
			'--post',
			'999999',
			'--file',
			draft,
		] );
		expect( refused.status ).toBe( 1 );
		expect( refused.stderr ).toMatch(
			/^countersign-agent: \w+ \(HTTP 404, field post\): /
		);

		const badPassword = cli( { ...agent, application_password: 'nope' }, [
			'me',
		] );
		expect( badPassword.status ).toBe( 1 );
		expect( badPassword.stderr ).toContain( '(HTTP 401' );
	} );
} );
