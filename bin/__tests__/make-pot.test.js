/**
 * bin/make-pot.js: the .pot `npm run build` writes to languages/countersign.pot.
 */

/**
 * External dependencies
 */
const { execFileSync } = require( 'child_process' );
const fs = require( 'fs' );
const os = require( 'os' );
const path = require( 'path' );

/**
 * Internal dependencies
 */
const { extractTs, po } = require( '../make-pot' );

describe( 'make-pot', () => {
	let pot = '';

	beforeAll( () => {
		const out = path.join(
			fs.mkdtempSync( path.join( os.tmpdir(), 'countersign-pot-' ) ),
			'countersign.pot'
		);
		execFileSync( process.execPath, [
			path.join( __dirname, '..', 'make-pot.js' ),
			'--strict',
			'--out',
			out,
		] );
		pot = fs.readFileSync( out, 'utf8' );
	} );

	it( 'has the PHP strings, with their references', () => {
		expect( pot ).toMatch(
			/#: [^\n]*includes\/Rest\/ProposalsController\.php:\d+[^\n]*\nmsgid "No such proposal\."\n/
		);
		expect( pot ).toContain(
			'msgid "Agents may propose changes to public post types with REST support only."'
		);
	} );

	it( 'has the TypeScript strings', () => {
		expect( pot ).toMatch(
			/#: [^\n]*src\/api\/errors\.ts:\d+[^\n]*\nmsgid "Something went wrong\. Please try again\."/
		);
	} );

	it( 'has block.json and the plugin header', () => {
		expect( pot ).toContain(
			'msgctxt "block title"\nmsgid "AI disclosure"'
		);
		expect( pot ).toMatch(
			/#: plugin\.php( [^\n]*)?\nmsgid "Countersign"\n/
		);
	} );

	it( 'writes a valid header and no string twice', () => {
		expect( pot ).toContain( '"X-Domain: countersign\\n"' );
		const ids = [
			...pot.matchAll( /^(?:msgctxt (".*")\n)?msgid (".+")$/gm ),
		].map( ( m ) => `${ m[ 1 ] ?? '' }|${ m[ 2 ] }` );
		expect( new Set( ids ).size ).toBe( ids.length );
	} );
} );

describe( 'extractTs', () => {
	const source = `
import { __, _n, _x } from '@wordpress/i18n';
const a = __( 'Approve', 'countersign' );
// translators: %s: agent name.
const b = sprintf( __( 'Proposed by %s', 'countersign' ), name );
const c = _x( 'Post', 'noun', 'countersign' );
const d = _n( '%d proposal', '%d proposals', n, 'countersign' );
const e = __( 'No domain' );
const f = __( dynamic, 'countersign' );
`;

	it( 'reads text, context, plural, domain and translator comments', () => {
		const entries = extractTs( 'src/x.tsx', source );
		expect( entries ).toEqual( [
			expect.objectContaining( {
				msgid: 'Approve',
				domain: 'countersign',
				line: 3,
			} ),
			expect.objectContaining( {
				msgid: 'Proposed by %s',
				comment: 'translators: %s: agent name.',
			} ),
			expect.objectContaining( { msgid: 'Post', msgctxt: 'noun' } ),
			expect.objectContaining( {
				msgid: '%d proposal',
				plural: '%d proposals',
			} ),
			expect.objectContaining( { msgid: 'No domain', domain: null } ),
		] );
	} );

	it( 'escapes PO strings', () => {
		expect( po( 'a "b"\nc\\d' ) ).toBe( '"a \\"b\\"\\nc\\\\d"' );
	} );
} );
