/**
 * WordPress dependencies
 */
import { parse as parseRaw } from '@wordpress/block-serialization-default-parser';

/**
 * Internal dependencies
 */
import {
	countWords,
	htmlToText,
	isSpaceCharacter,
	words,
	type WordCounts,
} from './text';

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
	readonly attrs: Readonly< Record< string, unknown > >;
	/** The block's saved markup with its inner blocks' markup in place. */
	html: string;
	/** The block's own markup, without its inner blocks (the wrapper of a group). */
	ownHtml: string;
	/** Visible text of ownHtml (computed on first read). */
	readonly text: string;
	/** Words of the whole block (inner blocks included), counted, for similarity (computed on first read). */
	readonly wordCounts: WordCounts;
	readonly inner: readonly DiffBlock[];
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
	readonly attrs: Readonly< Record< string, unknown > >;
	readonly html: string;
	readonly ownHtml: string;
	readonly inner: readonly DiffBlock[];
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
		attrs: Readonly< Record< string, unknown > >,
		html: string,
		ownHtml: string,
		inner: readonly DiffBlock[]
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

/*
 * Block comment delimiters, read by hand where the parser runs its tokenizer
 * (a regular expression that costs more than everything else of a parse):
 * readDelimiter() reads one as that expression would, and parseContent()
 * hands content with any it does not read to the parser whole.
 */
/** Kinds of delimiter: a block's opener, its closer, a void (self-closing) block. */
const OPENER = 0;
const CLOSER = 1;
const VOID = 2;
/** readDelimiter(): the comment is no delimiter (the tokenizer cannot match there). */
const NOT_DELIMITER = -1;
/** readDelimiter(): the comment starts like a delimiter, but is not one this reads. */
const UNREAD = -2;
/** nextDelimiter(): no delimiter follows. */
const NO_DELIMITER = -3;

/** The attributes, and the inner blocks, of every block built without any (one frozen object each, for less to collect). */
const NO_ATTRIBUTES: Readonly< Record< string, unknown > > = Object.freeze(
	{}
);
const NO_BLOCKS: readonly DiffBlock[] = Object.freeze( [] );

/** How many numbers a delimiter is in Delimiters, and which is which. */
const FIELDS = 7;
const START = 0;
const END = 1;
const KIND = 2;
/** Its name, after `wp:`. */
const NAME_START = 3;
const NAME_END = 4;
/** Its attributes JSON, with the whitespace after it (-1 without). */
const ATTRIBUTES_START = 5;
const ATTRIBUTES_END = 6;

/**
 * The delimiters of the top-level block being read, FIELDS numbers each in
 * one typed array kept from block to block (no object per delimiter).
 */
class Delimiters {
	fields = new Int32Array( FIELDS * 64 );
	/** Fields in use. */
	length = 0;
	/** The next delimiter buildBlock() reads (its first field). */
	cursor = 0;

	/** Makes room for one more delimiter, and returns where its fields go. */
	claim(): number {
		const at = this.length;
		if ( at + FIELDS > this.fields.length ) {
			const wider = new Int32Array( this.fields.length * 2 );
			wider.set( this.fields );
			this.fields = wider;
		}
		this.length += FIELDS;
		return at;
	}
}

/** Scratch for parseContent(), which never runs twice at once. */
const delimiters = new Delimiters();

/**
 * Where a run of block-name characters (`[a-z][a-z0-9_-]*`) that starts at
 * `from` ends; `from` when there is none.
 *
 * @param content Markup.
 * @param from    Where the name starts.
 */
function nameEnd( content: string, from: number ): number {
	let code = content.charCodeAt( from );
	if ( ! ( code >= 97 && code <= 122 ) ) {
		return from;
	}
	let at = from + 1;
	for ( ; at < content.length; at++ ) {
		code = content.charCodeAt( at );
		if ( ! (
			( code >= 97 && code <= 122 ) || // a-z
			( code >= 48 && code <= 57 ) || // 0-9
			code === 95 || // _
			code === 45 // -
		) ) {
			break;
		}
	}
	return at;
}

/**
 * Where the whitespace (as `\s` reads it) that starts at `from` ends.
 *
 * @param content Markup.
 * @param from    Where to start.
 */
function skipBlank( content: string, from: number ): number {
	let at = from;
	while ( isSpaceCharacter( content.charCodeAt( at ) ) ) {
		at++;
	}
	return at;
}

/**
 * Reads the block comment delimiter at `at` as the parser's tokenizer reads it:
 *
 * `<!--\s+(\/)?wp:([a-z][a-z0-9_-]*\/)?([a-z][a-z0-9_-]*)\s+({…}\s+)?(\/)?-->`
 *
 * where the attributes JSON ends at the first `}` followed by whitespace and
 * `-->` or `/-->`, and a closer with the void slash is a void block. On
 * success its fields are added to `out`.
 *
 * @param content Markup.
 * @param at      Where a comment (`<!--`) starts.
 * @param out     Delimiters read so far.
 * @return Where the delimiter ends, NOT_DELIMITER or UNREAD.
 */
function readDelimiter( content: string, at: number, out: Delimiters ): number {
	let cursor = skipBlank( content, at + 4 );
	if ( cursor === at + 4 ) {
		return NOT_DELIMITER;
	}
	const closer = content.charCodeAt( cursor ) === 47; // '/'
	if ( closer ) {
		cursor++;
	}
	if ( ! content.startsWith( 'wp:', cursor ) ) {
		return NOT_DELIMITER;
	}
	const nameStart = cursor + 3;
	cursor = nameEnd( content, nameStart );
	if ( cursor === nameStart ) {
		return UNREAD;
	}
	if ( content.charCodeAt( cursor ) === 47 ) {
		// A namespace, then the name.
		const local = cursor + 1;
		cursor = nameEnd( content, local );
		if ( cursor === local ) {
			return UNREAD;
		}
	}
	const afterName = cursor;
	cursor = skipBlank( content, cursor );
	if ( cursor === afterName ) {
		return UNREAD;
	}
	let attributesStart = -1;
	let attributesEnd = -1;
	if ( content.charCodeAt( cursor ) === 123 ) {
		// '{': the attributes, through the whitespace after their end.
		attributesStart = cursor;
		for (
			let brace = content.indexOf( '}', cursor + 1 );
			attributesEnd === -1;
			brace = content.indexOf( '}', brace + 1 )
		) {
			if ( brace === -1 ) {
				return UNREAD;
			}
			const after = skipBlank( content, brace + 1 );
			if (
				after > brace + 1 &&
				( content.startsWith( '-->', after ) ||
					content.startsWith( '/-->', after ) )
			) {
				attributesEnd = after;
			}
		}
		cursor = attributesEnd;
	}
	const isVoid = content.charCodeAt( cursor ) === 47;
	if ( isVoid ) {
		cursor++;
	}
	if ( ! content.startsWith( '-->', cursor ) ) {
		return UNREAD;
	}
	cursor += 3;
	const field = out.claim();
	const fields = out.fields;
	fields[ field + START ] = at;
	fields[ field + END ] = cursor;
	let kind = OPENER;
	if ( isVoid ) {
		// The parser reads `<!-- /wp:x /-->` as a void block, not a closer.
		kind = VOID;
	} else if ( closer ) {
		kind = CLOSER;
	}
	fields[ field + KIND ] = kind;
	fields[ field + NAME_START ] = nameStart;
	fields[ field + NAME_END ] = afterName;
	fields[ field + ATTRIBUTES_START ] = attributesStart;
	fields[ field + ATTRIBUTES_END ] = attributesEnd;
	return cursor;
}

/**
 * Reads the next block comment delimiter from `from` on (see readDelimiter()).
 *
 * @param content Markup.
 * @param from    Where to look from.
 * @param out     Delimiters read so far.
 * @return Where the delimiter ends, UNREAD or NO_DELIMITER.
 */
function nextDelimiter(
	content: string,
	from: number,
	out: Delimiters
): number {
	for (
		let at = content.indexOf( '<!--', from );
		at !== -1;
		at = content.indexOf( '<!--', at + 4 )
	) {
		const end = readDelimiter( content, at, out );
		if ( end !== NOT_DELIMITER ) {
			return end;
		}
	}
	return NO_DELIMITER;
}

/**
 * Block names by how they are written after `wp:`, so that the blocks of a
 * name share one string (a parse is kept, and a string per block would add
 * to every garbage collection while it is). Cleared when it grows past
 * NAMES_KEPT (content naming ever more blocks).
 */
const blockNames = new Map< string, string >();
const NAMES_KEPT = 256;

/**
 * The block name written at content[from, to) (`paragraph` is `core/paragraph`).
 *
 * @param content Markup.
 * @param from    Where the name starts, after `wp:`.
 * @param to      Where it ends.
 */
function nameAt( content: string, from: number, to: number ): string {
	const written = content.slice( from, to );
	let name = blockNames.get( written );
	if ( name === undefined ) {
		name = written.includes( '/' ) ? written : `core/${ written }`;
		if ( blockNames.size >= NAMES_KEPT ) {
			blockNames.clear();
		}
		blockNames.set( written, name );
	}
	return name;
}

/**
 * content.slice( from, to ).trim(), without the untrimmed slice.
 *
 * @param content Markup.
 * @param from    Where the slice starts.
 * @param to      Where it ends.
 */
function trimmedSlice( content: string, from: number, to: number ): string {
	let start = from;
	while ( start < to && isSpaceCharacter( content.charCodeAt( start ) ) ) {
		start++;
	}
	let end = to;
	while ( end > start && isSpaceCharacter( content.charCodeAt( end - 1 ) ) ) {
		end--;
	}
	return content.slice( start, end );
}

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
 * Builds the block whose opener (or void delimiter) is the next delimiter
 * (the cursor), with its inner blocks, as the parser does: a closer closes
 * the innermost open block, whatever its name. Moves the cursor past the
 * block's last delimiter.
 *
 * @param content Markup.
 * @param read    Delimiters of a top-level block, balanced.
 */
function buildBlock( content: string, read: Delimiters ): ParsedBlock {
	const fields = read.fields;
	const opener = read.cursor;
	read.cursor += FIELDS;
	const name = nameAt(
		content,
		fields[ opener + NAME_START ]!,
		fields[ opener + NAME_END ]!
	);
	const attributesStart = fields[ opener + ATTRIBUTES_START ]!;
	const attrs =
		( attributesStart === -1
			? NO_ATTRIBUTES
			: parseAttributes(
					content.slice(
						attributesStart,
						fields[ opener + ATTRIBUTES_END ]
					)
				) ) ?? NO_ATTRIBUTES;
	if ( fields[ opener + KIND ] === VOID ) {
		return new ParsedBlock( name, attrs, '', '', NO_BLOCKS );
	}
	let chunkStart = fields[ opener + END ]!;
	if ( fields[ read.cursor + KIND ] === CLOSER ) {
		// A leaf: its markup is one slice of the content.
		const html = trimmedSlice(
			content,
			chunkStart,
			fields[ read.cursor + START ]!
		);
		read.cursor += FIELDS;
		return new ParsedBlock( name, attrs, html, html, NO_BLOCKS );
	}
	const inner: DiffBlock[] = [];
	let html = '';
	let ownHtml = '';
	while ( fields[ read.cursor + KIND ] !== CLOSER ) {
		const chunk = content.slice(
			chunkStart,
			fields[ read.cursor + START ]
		);
		const block = buildBlock( content, read );
		inner.push( block );
		html += chunk + block.html;
		ownHtml += chunk;
		// The next chunk starts where the inner block's last delimiter ends.
		chunkStart = fields[ read.cursor - FIELDS + END ]!;
	}
	const chunk = content.slice( chunkStart, fields[ read.cursor + START ] );
	read.cursor += FIELDS;
	return new ParsedBlock(
		name,
		attrs,
		( html + chunk ).trim(),
		( ownHtml + chunk ).trim(),
		inner
	);
}

/** Blocks of a parseContent() result by their source's sample: first index, and the next index with the same sample. */
interface SourceIndex {
	first: Map< number, number >;
	nextSame: Int32Array;
}

/** Per parseContent() result, its SourceIndex (built when first needed). */
const sourceIndexes = new WeakMap< DiffBlock[], SourceIndex >();

/**
 * The first block of `known` not used yet whose source is `source`, found by
 * its sample (sampleOf()), so no source is hashed whole; -1 when none is.
 *
 * @param known  A parseContent() result.
 * @param used   Which of its blocks are taken (1).
 * @param source Markup of a top-level block.
 */
function findKnown(
	known: DiffBlock[],
	used: Uint8Array,
	source: string
): number {
	let index = sourceIndexes.get( known );
	if ( index === undefined ) {
		index = { first: new Map(), nextSame: new Int32Array( known.length ) };
		for ( let at = known.length - 1; at >= 0; at-- ) {
			const knownSource = ParsedBlock.sourceOf( known[ at ]! );
			if ( knownSource !== undefined ) {
				const sample = sampleOf( knownSource );
				index.nextSame[ at ] = index.first.get( sample ) ?? -1;
				index.first.set( sample, at );
			}
		}
		sourceIndexes.set( known, index );
	}
	for (
		let at = index.first.get( sampleOf( source ) ) ?? -1;
		at !== -1;
		at = index.nextSame[ at ]!
	) {
		if (
			used[ at ] === 0 &&
			ParsedBlock.sourceOf( known[ at ]! ) === source
		) {
			return at;
		}
	}
	return -1;
}

/**
 * Adds the classic HTML between blocks, unless it is only whitespace, as
 * parseBlocks() does.
 *
 * @param blocks  Blocks so far.
 * @param content Markup.
 * @param from    Where the HTML starts.
 * @param to      Where it ends.
 */
function addFreeform(
	blocks: DiffBlock[],
	content: string,
	from: number,
	to: number
): void {
	const html = trimmedSlice( content, from, to );
	if ( html !== '' ) {
		blocks.push(
			new ParsedBlock(
				'core/freeform',
				NO_ATTRIBUTES,
				html,
				html,
				NO_BLOCKS
			)
		);
	}
}

/**
 * parseBlocks(), faster: the content is read delimiter by delimiter
 * (readDelimiter(), where the parser runs its tokenizer), each top-level block
 * built from its delimiters, and a block whose markup is byte-identical to
 * one of `known` (another version's parseContent() result, each of its blocks
 * reused at most once) is that block. Where the next block of `known` follows
 * the last one after only whitespace, it is taken without reading its
 * delimiters. The result is parseBlocks()' (the tests compare them). Content
 * this cannot read as well-formed blocks (a closer without an opener, an
 * unclosed block) or that holds a comment starting like a delimiter that
 * readDelimiter() does not read is handed to parseBlocks() whole: a block
 * that holds such a comment could parse differently next to other markup
 * (the tokenizer's try there may read on past the block), so no block is
 * ever reused across one.
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
	const read = delimiters;
	let end = 0; // Where the last top-level piece ended.
	for (;;) {
		if ( next < known.length && used[ next ] === 0 ) {
			const source = ParsedBlock.sourceOf( known[ next ]! );
			const at = skipBlank( content, end );
			// A slice compared with `===` (V8 compares flat strings' memory):
			// several times faster than startsWith().
			if (
				source !== undefined &&
				content.slice( at, at + source.length ) === source
			) {
				end = at + source.length;
				used[ next ] = 1;
				blocks.push( known[ next++ ]! );
				continue;
			}
		}
		read.length = 0;
		let blockEnd = nextDelimiter( content, end, read );
		if ( blockEnd === NO_DELIMITER ) {
			break;
		}
		if ( blockEnd === UNREAD || read.fields[ KIND ] === CLOSER ) {
			return parseBlocks( content );
		}
		const start = read.fields[ START ]!;
		for ( let depth = read.fields[ KIND ] === OPENER ? 1 : 0; depth > 0; ) {
			const field = read.length;
			blockEnd = nextDelimiter( content, blockEnd, read );
			if ( blockEnd < 0 ) {
				// Unclosed, or a comment this does not read.
				return parseBlocks( content );
			}
			const kind = read.fields[ field + KIND ];
			if ( kind === OPENER ) {
				depth++;
			} else if ( kind === CLOSER ) {
				depth--;
			}
		}
		addFreeform( blocks, content, end, start );
		end = blockEnd;
		const source = content.slice( start, end );
		const at = known.length === 0 ? -1 : findKnown( known, used, source );
		if ( at === -1 ) {
			read.cursor = 0;
			const block = buildBlock( content, read );
			block.setSource( source );
			blocks.push( block );
			// Most likely an edit of the block expected here.
			next++;
		} else {
			used[ at ] = 1;
			next = at + 1;
			blocks.push( known[ at ]! );
		}
	}
	addFreeform( blocks, content, end, content.length );
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
