/**
 * WordPress dependencies
 */
import { parse as parseRaw } from '@wordpress/block-serialization-default-parser';

/**
 * Internal dependencies
 */
import { countWords, htmlToText, words, type WordCounts } from './text';

/*
 * The model reads block markup with the default serialization parser, not
 * `@wordpress/blocks` `parse()`: it needs no registered block types, so it gives
 * the same structure in the editor, on the queue screen (where no blocks are
 * registered), in jest and in Node benchmarks. Attributes that blocks source from
 * their HTML (an image's url and alt, a heading's level, link targets) are read
 * from the markup by attributesOf().
 */

/** A block as the diff model sees it. */
export interface DiffBlock {
	/** Block name; classic (freeform) HTML between blocks is `core/freeform`. */
	name: string;
	/** Attributes from the block comment. */
	attrs: Record< string, unknown >;
	/** The block's saved markup with its inner blocks' markup in place. */
	html: string;
	/** The block's own markup, without its inner blocks (the wrapper of a group). */
	ownHtml: string;
	/** Visible text of ownHtml (computed on first read). */
	readonly text: string;
	/** Words of the whole block (inner blocks included), counted, for similarity (computed on first read). */
	readonly wordCounts: WordCounts;
	inner: DiffBlock[];
	/** Identity: equal keys mean byte-identical blocks (computed when read). */
	readonly key: string;
}

interface RawBlock {
	blockName: string | null;
	attrs: Record< string, unknown > | null;
	innerBlocks: RawBlock[];
	innerHTML: string;
	innerContent: Array< string | null >;
}

/**
 * JSON with object keys sorted, so attribute order never counts as a change.
 *
 * @param value Any JSON value.
 */
export function stableStringify( value: unknown ): string {
	if ( Array.isArray( value ) ) {
		return `[${ value.map( stableStringify ).join( ',' ) }]`;
	}
	if ( value !== null && typeof value === 'object' ) {
		const entries = Object.keys( value as Record< string, unknown > )
			.sort()
			.map(
				( key ) =>
					`${ JSON.stringify( key ) }:${ stableStringify(
						( value as Record< string, unknown > )[ key ]
					) }`
			);
		return `{${ entries.join( ',' ) }}`;
	}
	return JSON.stringify( value ) ?? 'null';
}

/**
 * The attributes as stable JSON (see stableStringify), the usual way cheaply:
 * no attributes, or flat ones already in order, which plain JSON writes the
 * same.
 *
 * @param attrs Attributes from the block comment.
 */
export function attributesKey( attrs: Record< string, unknown > ): string {
	const names = Object.keys( attrs );
	if ( names.length === 0 ) {
		return '{}';
	}
	for ( let index = 0; index < names.length; index++ ) {
		const value = attrs[ names[ index ]! ];
		const flat =
			value === null ||
			typeof value === 'string' ||
			typeof value === 'number' ||
			typeof value === 'boolean';
		if (
			! flat ||
			( index > 0 && names[ index - 1 ]! >= names[ index ]! )
		) {
			return stableStringify( attrs );
		}
	}
	return JSON.stringify( attrs );
}

/**
 * A parsed block. A class rather than an object literal with getters: a long
 * post makes thousands of these on every diff, and literals with accessors
 * are built slowly and kept in a slow shape. The lazy values are private
 * fields, so the enumerable own properties (what jest compares) stay the same.
 */
class ParsedBlock implements DiffBlock {
	readonly name: string;
	readonly attrs: Record< string, unknown >;
	readonly html: string;
	readonly ownHtml: string;
	readonly inner: DiffBlock[];
	#text: string | undefined;
	#wordCounts: WordCounts | undefined;
	/** The markup a top-level block of a parseContent() result was parsed from. */
	#source: string | undefined;

	static sourceOf( block: DiffBlock ): string | undefined {
		return block instanceof ParsedBlock ? block.#source : undefined;
	}

	/**
	 * Records the markup this top-level block was read from.
	 *
	 * @param source Its markup, delimiters included.
	 */
	setSource( source: string ): void {
		this.#source = source;
	}

	/**
	 * @param name    Block name.
	 * @param attrs   Attributes from the block comment.
	 * @param html    Its markup with its inner blocks', trimmed.
	 * @param ownHtml Its own markup, trimmed (html itself for a block without inner blocks).
	 * @param inner   Inner blocks.
	 */
	constructor(
		name: string,
		attrs: Record< string, unknown >,
		html: string,
		ownHtml: string,
		inner: DiffBlock[]
	) {
		this.name = name;
		this.attrs = attrs;
		this.html = html;
		this.ownHtml = ownHtml;
		this.inner = inner;
	}

	// Text and words are only needed for blocks the identity pass leaves
	// unmatched, usually a few of a long post: computed on first use.
	get text(): string {
		// Whitespace around the markup never reaches the text (trimmed).
		this.#text ??= htmlToText( this.ownHtml );
		return this.#text;
	}

	get wordCounts(): WordCounts {
		this.#wordCounts ??= countWords(
			words( this.text ),
			this.inner.map( ( block ) => block.wordCounts )
		);
		return this.#wordCounts;
	}

	get key(): string {
		return `${ this.name }|${ attributesKey( this.attrs ) }|${ this.html }`;
	}
}

/**
 * Converts one parser block (and its inner blocks).
 *
 * @param raw Parser output.
 */
function fromRaw( raw: RawBlock ): ParsedBlock {
	const inner = raw.innerBlocks.map( fromRaw );
	let html = '';
	let ownHtml = '';
	let nextInner = 0;
	for ( const chunk of raw.innerContent ) {
		if ( chunk === null ) {
			html += inner[ nextInner++ ]?.html ?? '';
		} else {
			html += chunk;
			ownHtml += chunk;
		}
	}
	const trimmed = html.trim();
	return new ParsedBlock(
		raw.blockName ?? 'core/freeform',
		raw.attrs ?? {},
		trimmed,
		inner.length === 0 ? trimmed : ownHtml.trim(),
		inner
	);
}

/**
 * Parses post content into diff blocks, dropping the whitespace between blocks,
 * with the full default parser: the answer parseContent() gives faster.
 *
 * @example
 * ```ts
 * parseBlocks( '<!-- wp:paragraph --><p>Hi</p><!-- /wp:paragraph -->' )[ 0 ].text; // 'Hi'
 * ```
 *
 * @param content Serialized post content.
 */
export function parseBlocks( content: string ): DiffBlock[] {
	if ( content.trim() === '' ) {
		return [];
	}
	return ( parseRaw( content ) as unknown as RawBlock[] )
		.filter( keepRaw )
		.map( fromRaw );
}

/**
 * Whether a top-level parser block is kept: blocks are, and classic HTML
 * between them unless it is only whitespace.
 *
 * @param raw Parser output.
 */
function keepRaw( raw: RawBlock ): boolean {
	return raw.blockName !== null || raw.innerHTML.trim() !== '';
}

/**
 * A cheap fingerprint of a piece of markup: its length and four of its
 * characters. Equal markups have equal samples; unequal ones rarely do.
 *
 * @param html Markup.
 */
export function sampleOf( html: string ): number {
	/* eslint-disable no-bitwise -- integer hashing: 32-bit multiply and mix, 30-bit result (a small integer key) */
	const length = html.length;
	// Positions past either end read NaN, which `^` takes as 0.
	let hash = Math.imul( length ^ html.charCodeAt( length >> 1 ), 0x01000193 );
	hash = Math.imul( hash ^ html.charCodeAt( length >> 2 ), 0x01000193 );
	hash = Math.imul(
		hash ^ html.charCodeAt( ( length * 3 ) >> 2 ),
		0x01000193
	);
	hash = Math.imul( hash ^ html.charCodeAt( length - 6 ), 0x01000193 );
	return hash & 0x3fffffff;
	/* eslint-enable no-bitwise */
}

/**
 * The default parser's tokenizer (a block comment delimiter: closer slash,
 * namespace, name, attributes JSON, void slash), so content splits where the
 * parser would split it.
 */
const DELIMITER =
	/<!--\s+(\/)?wp:([a-z][a-z0-9_-]*\/)?([a-z][a-z0-9_-]*)\s+({(?:(?=([^}]+|}+(?=})|(?!}\s+\/?-->)[^])*)\5|[^]*?)}\s+)?(\/)?-->/g;

/** Per parseContent() result: source markup → index of its first block with it. */
const sourceIndexes = new WeakMap< DiffBlock[], Map< string, number > >();

/**
 * The parser's attributes JSON, or null where it is not JSON (as the parser reads it).
 *
 * @param json Attributes JSON from a delimiter.
 */
function parseAttributes( json: string ): Record< string, unknown > | null {
	try {
		return JSON.parse( json ) as Record< string, unknown >;
	} catch {
		return null;
	}
}

/**
 * Source markup → index of a block parsed from it, for a parseContent() result.
 *
 * @param known A parseContent() result.
 */
function indexSources( known: DiffBlock[] ): Map< string, number > {
	let index = sourceIndexes.get( known );
	if ( index === undefined ) {
		index = new Map();
		for ( let at = known.length - 1; at >= 0; at-- ) {
			const source = ParsedBlock.sourceOf( known[ at ]! );
			if ( source !== undefined ) {
				index.set( source, at );
			}
		}
		sourceIndexes.set( known, index );
	}
	return index;
}

/**
 * A block comment delimiter's start: where the parser's tokenizer tries a
 * match that may read on past its own comment.
 */
const DELIMITER_START = /<!--\s+\/?wp:/g;

/**
 * How many delimiter starts (DELIMITER_START) a piece of markup holds,
 * without running the pattern where it holds no other comment.
 *
 * @param markup     Markup.
 * @param delimiters How many delimiters it holds (each opens a comment).
 */
function delimiterStarts( markup: string, delimiters: number ): number {
	let comments = 0;
	for (
		let at = markup.indexOf( '<!--' );
		at !== -1 && comments <= delimiters;
		at = markup.indexOf( '<!--', at + 4 )
	) {
		comments++;
	}
	return comments === delimiters
		? delimiters
		: ( markup.match( DELIMITER_START )?.length ?? 0 );
}

/**
 * Where the first character that is not whitespace is, from `from` on.
 *
 * @param content Markup.
 * @param from    Where to start.
 */
function skipBlank( content: string, from: number ): number {
	let at = from;
	for ( ; at < content.length; at++ ) {
		const code = content.charCodeAt( at );
		if ( code !== 10 && code !== 32 && code !== 13 && code !== 9 ) {
			break;
		}
	}
	return at;
}

/**
 * parseBlocks(), piece by piece: the content is split at its top-level blocks
 * with the parser's own tokenizer, a block whose markup is byte-identical to
 * one of `known` (another version's parseContent() result, each of its blocks
 * reused at most once) is that block, a leaf block is built from its
 * delimiters, and only blocks with inner blocks go through the parser. Where
 * the next block of `known` follows the last piece after only whitespace,
 * it is taken without running the tokenizer over it. The result is
 * parseBlocks()' (the tests compare them). Content the split cannot read as
 * well-formed blocks (a closer without an opener, an unclosed block) is
 * handed to parseBlocks() whole, and so is a block holding a delimiter start
 * that is not a delimiter (the tokenizer's match there could read past the
 * block, so the block could parse differently on its own).
 *
 * @param content Serialized post content.
 * @param known   A parse of another version of it, to reuse blocks of.
 */
export function parseContent(
	content: string,
	known: DiffBlock[] = []
): DiffBlock[] {
	// Known blocks already reused, and the one expected next.
	const used = new Uint8Array( known.length );
	let next = 0;
	const blocks: DiffBlock[] = [];
	const add = ( block: ParsedBlock, source: string ) => {
		block.setSource( source );
		blocks.push( block );
	};
	// A known block has its source already.
	const reuse = ( at: number ) => {
		used[ at ] = 1;
		next = at + 1;
		blocks.push( known[ at ]! );
	};
	// Classic HTML between blocks, as the parser gives it, unless only whitespace.
	const freeform = ( html: string ) => {
		const trimmed = html.trim();
		if ( trimmed !== '' ) {
			blocks.push(
				new ParsedBlock( 'core/freeform', {}, trimmed, trimmed, [] )
			);
		}
	};
	const tokenizer = new RegExp( DELIMITER );
	let depth = 0;
	let end = 0; // Where the last top-level piece ended.
	let start = 0; // Where the open top-level block starts.
	let opener: RegExpExecArray | null = null; // Its opener, while it has no inner blocks.
	let delimiters = 0; // Delimiters read in the open block.
	for (;;) {
		if ( depth === 0 && next < known.length && used[ next ] === 0 ) {
			const source = ParsedBlock.sourceOf( known[ next ]! );
			const at = skipBlank( content, end );
			// A slice compared with `===` (V8 compares flat strings' memory):
			// several times faster than startsWith().
			if (
				source !== undefined &&
				content.slice( at, at + source.length ) === source
			) {
				end = at + source.length;
				tokenizer.lastIndex = end;
				reuse( next );
				continue;
			}
		}
		const token = tokenizer.exec( content );
		if ( token === null ) {
			break;
		}
		// The parser reads `<!-- /wp:x /-->` as a void block, not a closer.
		const isVoid = token[ 6 ] !== undefined;
		const closer = token[ 1 ] !== undefined && ! isVoid;
		if ( closer && depth === 0 ) {
			return parseBlocks( content );
		}
		if ( depth === 0 ) {
			freeform( content.slice( end, token.index ) );
			start = token.index;
			delimiters = 0;
		}
		delimiters++;
		if ( ! closer && ! isVoid ) {
			opener = depth === 0 ? token : null;
			depth++;
			continue;
		}
		if ( closer ) {
			depth--;
		} else if ( depth > 0 ) {
			opener = null; // A void inner block.
			continue;
		}
		if ( depth > 0 ) {
			continue;
		}
		end = tokenizer.lastIndex;
		const source = content.slice( start, end );
		if ( delimiterStarts( source, delimiters ) !== delimiters ) {
			return parseBlocks( content );
		}
		const at =
			known.length === 0
				? undefined
				: indexSources( known ).get( source );
		if ( at !== undefined && used[ at ] === 0 ) {
			reuse( at );
		} else if ( isVoid || opener !== null ) {
			// A leaf: what the parser makes of it, read off its delimiters.
			const first = isVoid ? token : opener!;
			const html = isVoid
				? ''
				: content
						.slice( first.index + first[ 0 ].length, token.index )
						.trim();
			add(
				new ParsedBlock(
					`${ first[ 2 ] ?? 'core/' }${ first[ 3 ] }`,
					( first[ 4 ] === undefined
						? {}
						: parseAttributes( first[ 4 ] ) ) ?? {},
					html,
					html,
					[]
				),
				source
			);
			// Most likely an edit of the block expected here.
			next++;
		} else {
			const [ raw ] = parseRaw( source ) as unknown as RawBlock[];
			add( fromRaw( raw! ), source );
			next++;
		}
		opener = null;
	}
	if ( depth > 0 ) {
		return parseBlocks( content );
	}
	freeform( content.slice( end ) );
	return blocks;
}

/** The HTML attributes attributesOf() reads, each with its pattern (compiled once). */
const TAG_ATTRIBUTES = {
	src: tagAttributePattern( 'src' ),
	alt: tagAttributePattern( 'alt' ),
	href: tagAttributePattern( 'href' ),
	target: tagAttributePattern( 'target' ),
	rel: tagAttributePattern( 'rel' ),
};

/**
 * The pattern of one attribute of an HTML tag: its value double-, single- or unquoted.
 *
 * @param name Attribute name.
 */
function tagAttributePattern( name: string ): RegExp {
	return new RegExp(
		`\\s${ name }\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`,
		'iu'
	);
}

/**
 * Reads one attribute of an HTML tag.
 *
 * @param tag  The tag's markup.
 * @param name Attribute name.
 */
function tagAttribute(
	tag: string,
	name: keyof typeof TAG_ATTRIBUTES
): string | null {
	const match = TAG_ATTRIBUTES[ name ].exec( tag );
	if ( ! match ) {
		return null;
	}
	return match[ 1 ] ?? match[ 2 ] ?? match[ 3 ] ?? '';
}

/**
 * Flattens nested attribute objects into dotted paths
 * (`style.typography.fontSize`), values as stable JSON.
 *
 * @param value  Attribute value.
 * @param prefix Path so far.
 * @param out    Accumulator.
 */
function flatten(
	value: unknown,
	prefix: string,
	out: Record< string, string >
): void {
	if (
		value !== null &&
		typeof value === 'object' &&
		! Array.isArray( value ) &&
		Object.keys( value ).length > 0
	) {
		for ( const [ key, inner ] of Object.entries(
			value as Record< string, unknown >
		) ) {
			flatten( inner, prefix === '' ? key : `${ prefix }.${ key }`, out );
		}
		return;
	}
	out[ prefix ] =
		typeof value === 'string' ? value : stableStringify( value );
}

/**
 * Every attribute a reviewer should see change, including those the block
 * sources from its own markup: comment attributes (flattened), the heading
 * level, image url and alt, link targets. Keyed by a readable path.
 *
 * @example
 * ```ts
 * attributesOf( parseBlocks( '<!-- wp:heading {"level":3} --><h3>A</h3><!-- /wp:heading -->' )[ 0 ] );
 * // { level: '3' }
 * ```
 *
 * @param block A diff block.
 */
export function attributesOf( block: DiffBlock ): Record< string, string > {
	const out: Record< string, string > = {};
	for ( const [ key, value ] of Object.entries( block.attrs ) ) {
		flatten( value, key, out );
	}
	const html = block.ownHtml;
	if ( block.name === 'core/heading' && out.level === undefined ) {
		const level = /<h([1-6])\b/iu.exec( html )?.[ 1 ];
		// The heading block does not store its default level in the comment.
		out.level = level ?? '2';
	}
	const images = html.match( /<img\b[^>]*>/giu ) ?? [];
	images.forEach( ( tag, index ) => {
		const suffix = images.length > 1 ? ` ${ index + 1 }` : '';
		out[ `url${ suffix }` ] ??= tagAttribute( tag, 'src' ) ?? '';
		out[ `alt${ suffix }` ] ??= tagAttribute( tag, 'alt' ) ?? '';
	} );
	const links = html.match( /<a\b[^>]*>/giu ) ?? [];
	links.forEach( ( tag, index ) => {
		const suffix = links.length > 1 ? ` ${ index + 1 }` : '';
		out[ `href${ suffix }` ] = tagAttribute( tag, 'href' ) ?? '';
		const target = tagAttribute( tag, 'target' );
		if ( target !== null ) {
			out[ `target${ suffix }` ] = target;
		}
		const rel = tagAttribute( tag, 'rel' );
		if ( rel !== null ) {
			out[ `rel${ suffix }` ] = rel;
		}
	} );
	return out;
}

/** One attribute that differs between two versions of a block. */
export interface AttributeChange {
	name: string;
	/** null when the attribute is absent on that side. */
	before: string | null;
	after: string | null;
}

/**
 * The attributes that differ between two versions of a block, sorted by name.
 *
 * @param before Old block.
 * @param after  New block.
 */
export function attributeChanges(
	before: DiffBlock,
	after: DiffBlock
): AttributeChange[] {
	const a = attributesOf( before );
	const b = attributesOf( after );
	const names = new Set( [ ...Object.keys( a ), ...Object.keys( b ) ] );
	return [ ...names ]
		.sort()
		.filter( ( name ) => a[ name ] !== b[ name ] )
		.map( ( name ) => ( {
			name,
			before: a[ name ] ?? null,
			after: b[ name ] ?? null,
		} ) );
}

/**
 * The element a block's markup opens with (`p`, `h3`, `figure`…), for
 * rendering its word diff inside the right tag.
 *
 * @param block A diff block.
 */
export function outerTag( block: DiffBlock ): string {
	return (
		/^<([a-z][a-z0-9]*)\b/iu.exec( block.ownHtml )?.[ 1 ]?.toLowerCase() ??
		'div'
	);
}
