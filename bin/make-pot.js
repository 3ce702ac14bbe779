#!/usr/bin/env node
/**
 * Writes languages/countersign.pot from the PHP sources (PHP's tokenizer, bin/make-pot-php.php), the TypeScript
 * sources (the TypeScript compiler API), block.json and the plugin header. Part of `npm run build`, because
 * WP-CLI's `i18n make-pot` is not available here.
 *
 * Usage: node bin/make-pot.js [--out FILE] [--strict]
 * --strict fails when a gettext call has no literal `countersign` text domain.
 */
'use strict';
const fs = require( 'fs' );
const path = require( 'path' );
const { execFileSync } = require( 'child_process' );
const ts = require( 'typescript' );

const root = path.resolve( __dirname, '..' );
const DOMAIN = 'countersign';

/**
 * Files under a folder with one of the extensions, skipping tests and build output.
 *
 * @param {string}   dir  Folder relative to the root.
 * @param {string[]} exts Extensions.
 * @return {string[]} Paths relative to the root, sorted.
 */
function walk( dir, exts ) {
	const out = [];
	const abs = path.join( root, dir );
	if ( ! fs.existsSync( abs ) ) {
		return out;
	}
	for ( const entry of fs.readdirSync( abs, { withFileTypes: true } ) ) {
		const rel = path.join( dir, entry.name );
		if ( entry.isDirectory() ) {
			if ( entry.name !== '__tests__' && entry.name !== 'node_modules' ) {
				out.push( ...walk( rel, exts ) );
			}
		} else if (
			exts.some( ( ext ) => entry.name.endsWith( ext ) ) &&
			! entry.name.endsWith( '.d.ts' )
		) {
			out.push( rel );
		}
	}
	return out.sort();
}

/** @type {Record<string, [number, number, number, number]>} text, plural, context, domain positions */
const JS_GETTEXT = {
	__: [ 0, -1, -1, 1 ],
	_x: [ 0, -1, 1, 2 ],
	_n: [ 0, 1, -1, 3 ],
	_nx: [ 0, 1, 3, 4 ],
};

/**
 * Gettext calls in a TypeScript or JavaScript source.
 *
 * @param {string} file   Path relative to the root (used in references).
 * @param {string} source The file's text.
 * @return {Array<Object>} Entries.
 */
function extractTs( file, source ) {
	const sf = ts.createSourceFile(
		file,
		source,
		ts.ScriptTarget.Latest,
		true,
		file.endsWith( 'x' ) ? ts.ScriptKind.TSX : ts.ScriptKind.TS
	);
	const entries = [];
	const literal = ( node ) =>
		node &&
		( ts.isStringLiteral( node ) ||
			ts.isNoSubstitutionTemplateLiteral( node ) )
			? node.text
			: null;
	const visit = ( node ) => {
		if ( ts.isCallExpression( node ) ) {
			const callee = node.expression;
			let name = null;
			if ( ts.isIdentifier( callee ) ) {
				name = callee.text;
			} else if ( ts.isPropertyAccessExpression( callee ) ) {
				name = callee.name.text;
			}
			const spec = name ? JS_GETTEXT[ name ] : undefined;
			const msgid = spec ? literal( node.arguments[ spec[ 0 ] ] ) : null;
			if ( spec && msgid !== null ) {
				const line =
					sf.getLineAndCharacterOfPosition( node.getStart( sf ) )
						.line + 1;
				// A translators: comment on the call or on the statement that holds it.
				let comment = null;
				for ( let n = node; n && ! comment && n !== sf; n = n.parent ) {
					for ( const range of ts.getLeadingCommentRanges(
						source,
						n.getFullStart()
					) ?? [] ) {
						const text = source.slice( range.pos, range.end );
						if ( /translators:/i.test( text ) ) {
							comment = text
								.replace(
									/^\s*(\/\*+|\/\/|\*\/?)\s?|\s*\*+\/\s*$/gm,
									''
								)
								.replace( /\s+/g, ' ' )
								.trim();
						}
					}
					if ( ts.isStatement( n ) ) {
						break;
					}
				}
				entries.push( {
					msgid,
					plural:
						spec[ 1 ] >= 0
							? literal( node.arguments[ spec[ 1 ] ] )
							: null,
					msgctxt:
						spec[ 2 ] >= 0
							? literal( node.arguments[ spec[ 2 ] ] )
							: null,
					domain: literal( node.arguments[ spec[ 3 ] ] ),
					file,
					line,
					comment,
				} );
			}
		}
		ts.forEachChild( node, visit );
	};
	visit( sf );
	return entries;
}

/**
 * block.json's translatable fields, with the contexts core uses for them.
 *
 * @return {Array<Object>} Entries.
 */
function extractBlockJson() {
	const file = 'block.json';
	const meta = JSON.parse(
		fs.readFileSync( path.join( root, file ), 'utf8' )
	);
	const entry = ( msgid, msgctxt ) => ( {
		msgid,
		msgctxt,
		plural: null,
		domain: DOMAIN,
		file,
		line: null,
		comment: null,
	} );
	return [
		meta.title && entry( meta.title, 'block title' ),
		meta.description && entry( meta.description, 'block description' ),
		...( meta.keywords ?? [] ).map( ( k ) => entry( k, 'block keyword' ) ),
	].filter( Boolean );
}

/**
 * The plugin header's translatable fields.
 *
 * @return {Array<Object>} Entries.
 */
function extractHeader() {
	const file = 'plugin.php';
	const source = fs.readFileSync( path.join( root, file ), 'utf8' );
	const out = [];
	for ( const field of [
		'Plugin Name',
		'Plugin URI',
		'Description',
		'Author',
	] ) {
		const match = source.match(
			new RegExp( `^[ \\t/*#@]*${ field }:(.*)$`, 'mi' )
		);
		if ( match && match[ 1 ].trim() ) {
			out.push( {
				msgid: match[ 1 ].trim(),
				msgctxt: null,
				plural: null,
				domain: DOMAIN,
				file,
				line: null,
				comment: `${ field } of the plugin`,
			} );
		}
	}
	return out;
}

/**
 * A PO string, escaped.
 *
 * @param {string} text Text.
 * @return {string} Quoted.
 */
function po( text ) {
	return (
		'"' +
		text
			.replace( /\\/g, '\\\\' )
			.replace( /"/g, '\\"' )
			.replace( /\t/g, '\\t' )
			.replace( /\r?\n/g, '\\n' ) +
		'"'
	);
}

/**
 * Every entry from every source, and the calls that miss the text domain.
 *
 * @return {{entries: Array<Object>, missing: Array<Object>}} Result.
 */
function collect() {
	const phpFiles = [
		'plugin.php',
		'uninstall.php',
		...walk( 'includes', [ '.php' ] ),
	];
	const php = JSON.parse(
		execFileSync(
			'php',
			[ path.join( 'bin', 'make-pot-php.php' ), ...phpFiles ],
			{
				cwd: root,
				encoding: 'utf8',
				maxBuffer: 64 * 1024 * 1024,
			}
		)
	);
	const js = walk( 'src', [ '.ts', '.tsx', '.js' ] ).flatMap( ( file ) =>
		extractTs( file, fs.readFileSync( path.join( root, file ), 'utf8' ) )
	);
	const all = [ ...extractHeader(), ...extractBlockJson(), ...php, ...js ];
	return {
		entries: all.filter( ( e ) => e.domain === DOMAIN ),
		missing: all.filter( ( e ) => e.domain !== DOMAIN ),
	};
}

/**
 * The .pot text for the entries, merged by context and text.
 *
 * @param {Array<Object>} entries Entries.
 * @param {string}        version Plugin version.
 * @return {string} The .pot.
 */
function render( entries, version ) {
	const merged = new Map();
	for ( const e of entries ) {
		const key = `${ e.msgctxt ?? '' }\u0004${ e.msgid }`;
		const m = merged.get( key ) ?? { ...e, refs: [], comments: [] };
		if ( e.plural && ! m.plural ) {
			m.plural = e.plural;
		}
		const ref = e.line ? `${ e.file }:${ e.line }` : e.file;
		if ( ! m.refs.includes( ref ) ) {
			m.refs.push( ref );
		}
		if ( e.comment && ! m.comments.includes( e.comment ) ) {
			m.comments.push( e.comment );
		}
		merged.set( key, m );
	}
	// No creation date: the same sources give the same file, so a rebuild is not a change.
	const lines = [
		'# Copyright (C) Countersign',
		'# This file is distributed under the GPL-2.0-or-later.',
		'msgid ""',
		'msgstr ""',
		`"Project-Id-Version: Countersign ${ version }\\n"`,
		'"MIME-Version: 1.0\\n"',
		'"Content-Type: text/plain; charset=UTF-8\\n"',
		'"Content-Transfer-Encoding: 8bit\\n"',
		'"Language-Team: LANGUAGE <LL@li.org>\\n"',
		'"X-Generator: countersign bin/make-pot.js\\n"',
		`"X-Domain: ${ DOMAIN }\\n"`,
		'',
	];
	for ( const m of merged.values() ) {
		for ( const c of m.comments ) {
			lines.push( `#. ${ c }` );
		}
		lines.push( `#: ${ m.refs.join( ' ' ) }` );
		if ( m.msgctxt ) {
			lines.push( `msgctxt ${ po( m.msgctxt ) }` );
		}
		lines.push( `msgid ${ po( m.msgid ) }` );
		if ( m.plural ) {
			lines.push(
				`msgid_plural ${ po( m.plural ) }`,
				'msgstr[0] ""',
				'msgstr[1] ""'
			);
		} else {
			lines.push( 'msgstr ""' );
		}
		lines.push( '' );
	}
	return lines.join( '\n' );
}

module.exports = { extractTs, collect, render, po };

if ( require.main === module ) {
	const args = process.argv.slice( 2 );
	const outAt = args.indexOf( '--out' );
	const out =
		outAt >= 0 && args[ outAt + 1 ]
			? path.resolve( args[ outAt + 1 ] )
			: path.join( root, 'languages', `${ DOMAIN }.pot` );
	const { entries, missing } = collect();
	for ( const e of missing ) {
		process.stderr.write(
			`make-pot: ${ e.file }:${ e.line }: "${ e.msgid }" has text domain ${ JSON.stringify(
				e.domain
			) }, not "${ DOMAIN }"\n`
		);
	}
	const version = require( path.join( root, 'package.json' ) ).version;
	fs.mkdirSync( path.dirname( out ), { recursive: true } );
	fs.writeFileSync( out, render( entries, version ) );
	process.stdout.write(
		`make-pot: ${ path.relative( process.cwd(), out ) }: ${ entries.length } calls\n`
	);
	if ( missing.length > 0 && args.includes( '--strict' ) ) {
		process.exitCode = 1;
	}
}
