/**
 * Benchmark: the block diff of a post shaped like Gutenberg's large-post fixture (about 1,000 blocks, 36k words)
 * with 10% of its blocks changed, against react-diff-viewer-continued's own diff of the same markup (the way our
 * Markup view calls it: word compare), in the same run: once against the post as it is, already parsed (as the
 * editor keeps it), once against a version of the post never parsed before. Also the longest main-thread task while
 * the chunked diff (diffContentAsync) runs, measured slice by slice.
 *
 * Usage: node bench/diff.mjs OUT_JSON [BLOCKS=1000]   (after `npx tsc -p bench/tsconfig.diff.json`)
 */
/* eslint-disable no-console -- a command-line benchmark: its results go to stdout */
import { createRequire } from 'node:module';
import { writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve( dirname( fileURLToPath( import.meta.url ) ), '..' );
const require = createRequire( import.meta.url );
const { diffContent, diffContentAsync } = require(
	`${ root }/.cache/bench-diff/diff/model.js`
);
const { computeLineInformation, DiffMethod } = await import(
	`${ root }/node_modules/react-diff-viewer-continued/lib/esm/src/compute-lines.js`
);
const [ out, blocksArg = '1000' ] = process.argv.slice( 2 );
const size = Number( blocksArg );

// A deterministic PRNG, so every run diffs the same post.
let seed = 20261123;
const random = () => {
	seed = ( seed * 1664525 + 1013904223 ) % 4294967296;
	return seed / 4294967296;
};
const vocabulary =
	'the editor reviews every proposal before it lands on the site and agents explain why they changed a paragraph heading list or image so people can decide quickly with confidence about content quality accuracy tone and links'.split(
		' '
	);
const sentence = ( n ) =>
	Array.from(
		{ length: n },
		() => vocabulary[ Math.floor( random() * vocabulary.length ) ]
	).join( ' ' );

const paragraph = ( text ) =>
	`<!-- wp:paragraph -->\n<p>${ text }</p>\n<!-- /wp:paragraph -->`;
const heading = ( text, level ) =>
	`<!-- wp:heading {"level":${ level }} -->\n<h${ level } class="wp-block-heading">${ text }</h${ level }>\n<!-- /wp:heading -->`;
const list = ( items ) =>
	`<!-- wp:list -->\n<ul class="wp-block-list">${ items
		.map(
			( item ) =>
				`<!-- wp:list-item -->\n<li>${ item }</li>\n<!-- /wp:list-item -->`
		)
		.join( '' ) }</ul>\n<!-- /wp:list -->`;
const image = ( id, alt ) =>
	`<!-- wp:image {"id":${ id },"sizeSlug":"large"} -->\n<figure class="wp-block-image size-large"><img src="https://example.test/${ id }.jpg" alt="${ alt }" class="wp-image-${ id }"/></figure>\n<!-- /wp:image -->`;
const quote = ( text ) =>
	`<!-- wp:quote -->\n<blockquote class="wp-block-quote">${ paragraph( text ) }</blockquote>\n<!-- /wp:quote -->`;

// About 1,000 top-level blocks (BLOCKS) and 36k words, in the large-post fixture's proportions (mostly paragraphs).
const blocks = [];
let wordCount = 0;
for ( let i = 0; blocks.length < size; i++ ) {
	const pick = random();
	if ( pick < 0.72 ) {
		const n = 40 + Math.floor( random() * 20 );
		wordCount += n;
		blocks.push( paragraph( sentence( n ) ) );
	} else if ( pick < 0.84 ) {
		wordCount += 6;
		blocks.push( heading( sentence( 6 ), 2 + Math.floor( random() * 2 ) ) );
	} else if ( pick < 0.92 ) {
		const items = Array.from( { length: 4 }, () => sentence( 8 ) );
		wordCount += 32;
		blocks.push( list( items ) );
	} else if ( pick < 0.97 ) {
		wordCount += 5;
		blocks.push( image( 1000 + i, sentence( 5 ) ) );
	} else {
		wordCount += 30;
		blocks.push( quote( sentence( 30 ) ) );
	}
}
const base = blocks.join( '\n\n' );

// 10% of blocks changed: word edits, attribute changes, insertions and deletions.
const proposedBlocks = [ ...blocks ];
for ( let k = 0; k < size / 10; k++ ) {
	const at = Math.floor( random() * proposedBlocks.length );
	const block = proposedBlocks[ at ];
	const kind = k % 10;
	if ( kind < 6 ) {
		proposedBlocks[ at ] = block.replace(
			/<p>(\w+ \w+ \w+)/,
			'<p>$1 carefully revised'
		);
	} else if ( kind < 8 ) {
		proposedBlocks[ at ] = block
			.replace( '"sizeSlug":"large"', '"sizeSlug":"medium"' )
			.replace( 'alt="', 'alt="Updated: ' );
	} else if ( kind < 9 ) {
		proposedBlocks.splice( at, 0, paragraph( sentence( 45 ) ) );
	} else {
		proposedBlocks.splice( at, 1 );
	}
}
const proposed = proposedBlocks.join( '\n\n' );
// The editor benchmark proposes the same change to a post in the real editor (bench/editor-load.bench.ts).
writeFileSync(
	`${ dirname( out ) }/large-post.json`,
	JSON.stringify( { base, proposed, blocks: blocks.length } )
);

const group = `Diff (${ blocks.length.toLocaleString( 'en' ) } blocks, ${ Math.round( wordCount / 1000 ) }k words, 10% changed)`;
const median = ( values ) =>
	[ ...values ].sort( ( a, b ) => a - b )[ Math.floor( values.length / 2 ) ];
const timeOnce = ( run ) => {
	const started = performance.now();
	run();
	return performance.now() - started;
};
const theirsOf = ( current ) =>
	computeLineInformation( current, proposed, false, DiffMethod.WORDS );

// Rounds alternate which side runs first (the one timed second ran up to twice as slow, in the other's garbage),
// after one warm-up of each. Each round times both on the same current version twice: "kept" is a current version
// ours has parsed before (the editor keeps the parse of the post as it is, so every proposal on it and every reopened
// diff finds it); "new" is a current version never seen (a paragraph that names the round), ours parsing everything.
diffContent( base, proposed );
theirsOf( base );
const rounds = 15;
const runs = { ours: [], theirs: [], oursNew: [], theirsNew: [] };
for ( let round = 0; round < rounds; round++ ) {
	// Flat, as a version decoded from a REST response is (a joined string is flattened by whichever side reads it
	// first, about 1 ms on this post, which would count against that side only).
	const fresh = JSON.parse(
		JSON.stringify( `${ base }\n\n${ paragraph( `Round ${ round }.` ) }` )
	);
	const pairs = [
		[
			() =>
				runs.ours.push(
					timeOnce( () => diffContent( base, proposed ) )
				),
			() => runs.theirs.push( timeOnce( () => theirsOf( base ) ) ),
		],
		[
			() =>
				runs.oursNew.push(
					timeOnce( () => diffContent( fresh, proposed ) )
				),
			() => runs.theirsNew.push( timeOnce( () => theirsOf( fresh ) ) ),
		],
	];
	for ( const pair of pairs ) {
		( round % 2 ? pair.reverse() : pair ).forEach( ( run ) => run() );
	}
}
const ours = median( runs.ours );
const theirs = median( runs.theirs );
const oursNew = median( runs.oursNew );
const theirsNew = median( runs.theirsNew );
const result = diffContent( base, proposed );
const changed = result.blocks.filter(
	( block ) => block.kind !== 'unchanged'
).length;

// Longest main-thread task while the chunked diff runs: each slice runs from a timer callback until the next
// setTimeout it schedules to yield (the last one until it resolves).
const realSetTimeout = globalThis.setTimeout;
let longest = 0;
let sliceStart = performance.now();
globalThis.setTimeout = ( callback, ms, ...args ) => {
	longest = Math.max( longest, performance.now() - sliceStart );
	return realSetTimeout( () => {
		sliceStart = performance.now();
		callback( ...args );
	}, ms );
};
await diffContentAsync( base, proposed );
longest = Math.max( longest, performance.now() - sliceStart );
globalThis.setTimeout = realSetTimeout;

console.log(
	`post: ${ blocks.length } blocks, ${ wordCount } words, ${ Math.round( base.length / 1024 ) } KB; ${ changed } blocks differ (tripped: ${ result.tripped ?? 'none' })`
);
console.log(
	`block diff ${ ours.toFixed( 1 ) } ms; react-diff-viewer-continued ${ theirs.toFixed( 1 ) } ms; ratio ${ ( ours / theirs ).toFixed( 2 ) }x`
);
console.log(
	`against a current version never parsed: block diff ${ oursNew.toFixed( 1 ) } ms; react-diff-viewer-continued ${ theirsNew.toFixed( 1 ) } ms; ratio ${ ( oursNew / theirsNew ).toFixed( 2 ) }x`
);
console.log(
	`longest main-thread task while diffing in chunks: ${ longest.toFixed( 1 ) } ms`
);
writeFileSync(
	out,
	JSON.stringify(
		[
			{
				group,
				name: 'Block diff vs react-diff-viewer-continued (words), post as it is already parsed',
				ours,
				core: theirs,
				unit: 'ms',
				target: 0.5,
				baseline: 'react-diff-viewer-continued',
			},
			{
				group,
				name: 'The same, against a current version never parsed before',
				ours: oursNew,
				core: theirsNew,
				unit: 'ms',
				target: 0.5,
				baseline: 'react-diff-viewer-continued',
			},
			{
				group,
				name: 'Block diff time',
				ours,
				core: null,
				unit: 'ms',
				target: 150,
			},
			{
				group,
				name: 'Longest main-thread task (chunked diff)',
				ours: longest,
				core: null,
				unit: 'ms',
				target: 50,
			},
		],
		null,
		2
	)
);
