/**
 * External dependencies
 */
import { wordDiff as jsdiffWords, type ChangeObject } from 'diff';

/**
 * Internal dependencies
 */
import { diffIds } from './myers';

/** One run of a word diff: kept, inserted or deleted text. */
export interface WordPart {
	value: string;
	added?: true;
	removed?: true;
}

/**
 * Limits that keep jsdiff away from its worst cases (Myers is O(N·D): two long,
 * unrelated texts are the slow path). When one trips, the caller says so and
 * offers the markup view instead of freezing the page.
 */
export interface DiffLimits {
	/** Most edits jsdiff may explore before giving up. */
	maxEditLength: number;
	/** Milliseconds one word diff may take. */
	timeout: number;
	/** Characters above which a block's text is not word-diffed at all. */
	maxTextLength: number;
}

export const DEFAULT_LIMITS: DiffLimits = {
	maxEditLength: 2_000,
	timeout: 40,
	maxTextLength: 20_000,
};

const ENTITIES: Record< string, string > = {
	amp: '&',
	lt: '<',
	gt: '>',
	quot: '"',
	apos: "'",
	nbsp: ' ',
	hellip: '…',
	ndash: '–',
	mdash: '—',
	lsquo: '‘',
	rsquo: '’',
	ldquo: '“',
	rdquo: '”',
};

/**
 * Decodes the HTML entities block markup commonly holds. Runs without a DOM so
 * the model works in tests, in Node benchmarks and off the main thread.
 *
 * @param text Text with entities.
 */
export function decodeEntities( text: string ): string {
	return text.replace(
		/&(#x[0-9a-f]+|#\d+|[a-z]+);/giu,
		( match, entity: string ) => {
			if ( entity[ 0 ] === '#' ) {
				const code =
					entity[ 1 ] === 'x' || entity[ 1 ] === 'X'
						? Number.parseInt( entity.slice( 2 ), 16 )
						: Number.parseInt( entity.slice( 1 ), 10 );
				return Number.isFinite( code ) && code > 0 && code < 0x110000
					? String.fromCodePoint( code )
					: match;
			}
			return ENTITIES[ entity.toLowerCase() ] ?? match;
		}
	);
}

/** The tags htmlToText() reads as a space (in lower case). */
const BLOCK_TAGS = new Set( [
	'p',
	'div',
	'h1',
	'h2',
	'h3',
	'h4',
	'h5',
	'h6',
	'li',
	'ul',
	'ol',
	'blockquote',
	'figure',
	'figcaption',
	'table',
	'tr',
	'td',
	'th',
	'pre',
	'hr',
	'section',
] );

/**
 * The tag step of htmlToText() in one pass, for the usual markup: tags that
 * each end before the next one starts, none of them a comment, `<br>`,
 * `<script>` or `<style>`, and ASCII names. Block-level tags become a space,
 * other tags nothing; that is what the step's patterns do to such markup, in
 * the same places. Null for any other markup (the patterns read it).
 *
 * @param html Markup.
 */
function plainTags( html: string ): string | null {
	let text = '';
	let from = 0;
	for (
		let open = html.indexOf( '<' );
		open !== -1;
		open = html.indexOf( '<', from )
	) {
		const close = html.indexOf( '>', open );
		if (
			close === -1 ||
			html.lastIndexOf( '<', close ) !== open ||
			html.charCodeAt( open + 1 ) === 33 // '!': a comment.
		) {
			return null;
		}
		let at = html.charCodeAt( open + 1 ) === 47 ? open + 2 : open + 1;
		const nameStart = at;
		for ( ; at < close; at++ ) {
			const code = html.charCodeAt( at );
			if ( ! (
				( code >= 97 && code <= 122 ) || // a-z
				( code >= 65 && code <= 90 ) || // A-Z
				( code >= 48 && code <= 57 ) || // 0-9
				code === 95 // _
			) ) {
				break;
			}
		}
		const name = html.slice( nameStart, at ).toLowerCase();
		// Past a name, a non-ASCII character may be a word character to the
		// patterns (`/iu` folds ſ to s, K to k).
		if (
			html.charCodeAt( at ) >= 128 ||
			name === 'br' ||
			name === 'script' ||
			name === 'style'
		) {
			return null;
		}
		text +=
			html.slice( from, open ) + ( BLOCK_TAGS.has( name ) ? ' ' : '' );
		from = close + 1;
	}
	return from === 0 ? html : text + html.slice( from );
}

/** Stands for a `<br>` while whitespace is collapsed (a private-use character no text holds). */
const BREAK = '\uE000';

/**
 * The visible text of a piece of block markup: tags dropped (block-level tags
 * become spaces, `<br>` a line break), entities decoded, whitespace collapsed.
 *
 * @param html Markup.
 */
export function htmlToText( html: string ): string {
	let text = html.includes( '&' ) ? null : plainTags( html );
	if ( text === null ) {
		// Each step only where it can match: a replace() copies the string.
		text = html;
		if ( text.includes( '<!--' ) ) {
			text = text.replace( /<!--[\s\S]*?-->/gu, ' ' );
		}
		if ( text.includes( '<' ) ) {
			text = text
				.replace( /<(script|style)\b[\s\S]*?<\/\1>/giu, ' ' )
				.replace( /<br\b[^>]*>/giu, BREAK )
				.replace(
					/<\/?(?:p|div|h[1-6]|li|ul|ol|blockquote|figure|figcaption|table|tr|td|th|pre|hr|section)\b[^>]*>/giu,
					' '
				)
				.replace( /<[^>]*>/gu, '' );
		}
		if ( text.includes( '&' ) ) {
			text = decodeEntities( text );
		}
	}
	// Trimming first reads the same as collapsing first; then a text whose
	// whitespace is all single spaces has nothing to collapse.
	text = text.trim();
	if ( /\s\s|[^\S ]/u.test( text ) ) {
		text = text.replace( /\s+/gu, ' ' );
	}
	// A line break survives the collapse as a private-use character, and comes back as the one newline it was.
	return text.includes( BREAK )
		? text.replace( / ?\uE000 ?/gu, '\n' ).trim()
		: text;
}

/**
 * Lower-cased words of a text, for similarity scores.
 *
 * @param text Plain text.
 */
export function words( text: string ): string[] {
	return text.toLowerCase().match( /[\p{L}\p{N}]+/gu ) ?? [];
}

/** Words as a multiset: what similarity() compares, counted once per text. */
export interface WordCounts {
	/** Word → how often it occurs. */
	readonly counts: ReadonlyMap< string, number >;
	/** How many words there are (the counts' sum). */
	readonly total: number;
}

/**
 * Counts a list of words, and adds the counts of others (a block's inner blocks).
 *
 * @example
 * ```ts
 * countWords( words( 'a b a' ) ); // { counts: Map { a → 2, b → 1 }, total: 3 }
 * ```
 *
 * @param list Words.
 * @param also Counts to add.
 */
export function countWords(
	list: readonly string[],
	also: readonly WordCounts[] = []
): WordCounts {
	const counts = new Map< string, number >();
	let total = list.length;
	for ( const word of list ) {
		counts.set( word, ( counts.get( word ) ?? 0 ) + 1 );
	}
	for ( const other of also ) {
		total += other.total;
		for ( const [ word, count ] of other.counts ) {
			counts.set( word, ( counts.get( word ) ?? 0 ) + count );
		}
	}
	return { counts, total };
}

/**
 * How alike two texts are, from 0 (nothing shared) to 1 (same words): the
 * Sørensen–Dice coefficient over word multisets. Order-blind on purpose:
 * alignment only needs "is this the same paragraph, edited". Reads the
 * smaller of the two counts.
 *
 * @param a First text's words.
 * @param b Second text's words.
 */
export function similarity( a: WordCounts, b: WordCounts ): number {
	if ( a.total === 0 && b.total === 0 ) {
		return 1;
	}
	if ( a.total === 0 || b.total === 0 ) {
		return 0;
	}
	const fewer = a.counts.size <= b.counts.size ? a.counts : b.counts;
	const more = fewer === a.counts ? b.counts : a.counts;
	let shared = 0;
	fewer.forEach( ( count, word ) => {
		shared += Math.min( count, more.get( word ) ?? 0 );
	} );
	return ( 2 * shared ) / ( a.total + b.total );
}

/**
 * jsdiff's word tokenizer (diff 8, `tokenizeIncludingWhitespace`) splits a
 * text into parts: a run of word characters, a run of whitespace (`\s`) or
 * one other character (code point). The tests compare wordDiff() with
 * jsdiff's diffWords(), so a jsdiff that tokenizes differently shows up there.
 * These read the classes off character codes, so tokenize() never builds the
 * parts.
 *
 * @param code A UTF-16 code unit.
 */
function isWordCharacter( code: number ): boolean {
	if ( code < 128 ) {
		return (
			( code >= 97 && code <= 122 ) || // a-z
			( code >= 65 && code <= 90 ) || // A-Z
			( code >= 48 && code <= 57 ) || // 0-9
			code === 95 // _
		);
	}
	return (
		code === 0xad ||
		( code >= 0xc0 && code <= 0xd6 ) ||
		( code >= 0xd8 && code <= 0xf6 ) ||
		( code >= 0xf8 && code <= 0x2c6 ) ||
		( code >= 0x2c8 && code <= 0x2d7 ) ||
		( code >= 0x2de && code <= 0x2ff ) ||
		( code >= 0x1e00 && code <= 0x1eff )
	);
}

/**
 * Whether a code unit is whitespace as `/\s/` reads it (and trim(), which
 * strips the same characters).
 *
 * @param code A UTF-16 code unit.
 */
export function isSpaceCharacter( code: number ): boolean {
	if ( code < 128 ) {
		return code === 32 || ( code >= 9 && code <= 13 );
	}
	return (
		code === 0xa0 ||
		code === 0x1680 ||
		( code >= 0x2000 && code <= 0x200a ) ||
		code === 0x2028 ||
		code === 0x2029 ||
		code === 0x202f ||
		code === 0x205f ||
		code === 0x3000 ||
		code === 0xfeff
	);
}

/**
 * Where the part (see isWordCharacter) that starts at `start` ends.
 *
 * @param text  Plain text.
 * @param start Where the part starts.
 * @param code  Its first code unit.
 */
function partEnd( text: string, start: number, code: number ): number {
	let end = start + 1;
	if ( isWordCharacter( code ) ) {
		while (
			end < text.length &&
			isWordCharacter( text.charCodeAt( end ) )
		) {
			end++;
		}
	} else if ( isSpaceCharacter( code ) ) {
		while (
			end < text.length &&
			isSpaceCharacter( text.charCodeAt( end ) )
		) {
			end++;
		}
	} else if (
		code >= 0xd800 &&
		code <= 0xdbff &&
		end < text.length &&
		text.charCodeAt( end ) >= 0xdc00 &&
		text.charCodeAt( end ) <= 0xdfff
	) {
		end++; // The rest of a surrogate pair: one code point.
	}
	return end;
}

/** A text's words as jsdiff's diffWords sees them, without building its token strings. */
interface Tokens {
	/** The text the tokens come from. */
	text: string;
	/** Per token: its word (jsdiff compares tokens trimmed), interned. */
	ids: number[];
	/** Per token: where it starts in the text, with the whitespace before it. */
	starts: number[];
	/** Per token: where it ends, with the whitespace after it. */
	ends: number[];
}

/**
 * Tokenizes like jsdiff's WordDiff.tokenize, which glues each run of
 * whitespace to the token before it and to the token after it (a text's
 * leading whitespace only to the one after). A token is kept as its span of
 * the text, so a run of tokens reads back as one slice: what jsdiff's join()
 * rebuilds from the tokens, each after the first without its leading
 * whitespace.
 *
 * @param text       Plain text.
 * @param vocabulary Word → id, shared by the texts compared (grows).
 */
function tokenize( text: string, vocabulary: Vocabulary ): Tokens {
	const tokens: Tokens = { text, ids: [], starts: [], ends: [] };
	const { ids, starts, ends } = tokens;
	let index = 0;
	let spaceStart = -1; // Start of the whitespace just read, if the last part was one.
	let leadingSpace = false;
	for ( let start = 0; start < text.length; index++ ) {
		const code = text.charCodeAt( start );
		const offset = partEnd( text, start, code );
		if ( isSpaceCharacter( code ) ) {
			if ( index === 0 ) {
				// Leading whitespace: a token of its own until a word follows.
				ids.push( vocabulary.idOf( text, start, start ) );
				starts.push( start );
				ends.push( offset );
				leadingSpace = true;
			} else {
				ends[ ends.length - 1 ] = offset;
			}
			spaceStart = start;
		} else if ( index === 1 && leadingSpace ) {
			ids[ 0 ] = vocabulary.idOf( text, start, offset );
			ends[ 0 ] = offset;
			spaceStart = -1;
		} else {
			ids.push( vocabulary.idOf( text, start, offset ) );
			starts.push( spaceStart === -1 ? start : spaceStart );
			ends.push( offset );
			spaceStart = -1;
		}
		start = offset;
	}
	return tokens;
}

/**
 * Word → id for the texts one word diff compares, without a string per word:
 * a word is a span of its text, hashed and compared character by character
 * in an open-addressing table (ids + 1; 0 is an empty slot).
 */
class Vocabulary {
	#table: Int32Array;
	/** Per id: the hash, text and span of its word. */
	readonly #hashes: number[] = [];
	readonly #texts: string[] = [];
	readonly #starts: number[] = [];
	readonly #ends: number[] = [];

	/**
	 * @param characters How long the texts are together, to size the table.
	 */
	constructor( characters: number ) {
		let size = 64;
		while ( size < characters ) {
			size *= 2;
		}
		this.#table = new Int32Array( size );
	}

	/**
	 * The id of the word text[start, end), added if new.
	 *
	 * @param text  A text.
	 * @param start Where the word starts.
	 * @param end   Where it ends.
	 */
	idOf( text: string, start: number, end: number ): number {
		/* eslint-disable no-bitwise -- FNV-1a over the word's code units, and a power-of-two table */
		let hash = 0x811c9dc5;
		for ( let at = start; at < end; at++ ) {
			hash = Math.imul( hash ^ text.charCodeAt( at ), 0x01000193 );
		}
		const mask = this.#table.length - 1;
		let slot = hash & mask;
		for (
			let entry = this.#table[ slot ]!;
			entry !== 0;
			entry = this.#table[ slot ]!
		) {
			if (
				this.#hashes[ entry - 1 ] === hash &&
				this.#same( entry - 1, text, start, end )
			) {
				return entry - 1;
			}
			slot = ( slot + 1 ) & mask;
		}
		const id = this.#hashes.length;
		this.#hashes.push( hash );
		this.#texts.push( text );
		this.#starts.push( start );
		this.#ends.push( end );
		this.#table[ slot ] = id + 1;
		if ( 2 * ( id + 1 ) > this.#table.length ) {
			// At most half full: twice the size, every id placed again.
			const table = new Int32Array( 2 * this.#table.length );
			const wider = table.length - 1;
			this.#hashes.forEach( ( each, index ) => {
				let at = each & wider;
				while ( table[ at ] !== 0 ) {
					at = ( at + 1 ) & wider;
				}
				table[ at ] = index + 1;
			} );
			this.#table = table;
		}
		return id;
		/* eslint-enable no-bitwise */
	}

	/**
	 * Whether the word of an id is text[start, end).
	 *
	 * @param id    A word's id.
	 * @param text  A text.
	 * @param start Where the word starts.
	 * @param end   Where it ends.
	 */
	#same( id: number, text: string, start: number, end: number ): boolean {
		const from = this.#starts[ id ]!;
		if ( this.#ends[ id ]! - from !== end - start ) {
			return false;
		}
		const known = this.#texts[ id ]!;
		for ( let at = 0; at < end - start; at++ ) {
			if (
				known.charCodeAt( from + at ) !== text.charCodeAt( start + at )
			) {
				return false;
			}
		}
		return true;
	}
}

/**
 * The text of tokens `from` … `from + count - 1`.
 *
 * @param tokens Tokens.
 * @param from   First token.
 * @param count  How many.
 */
function slice( tokens: Tokens, from: number, count: number ): string {
	return tokens.text.slice(
		tokens.starts[ from ],
		tokens.ends[ from + count - 1 ]
	);
}

/**
 * jsdiff's `diffWords( before, after, { maxEditLength, timeout } )`, with the
 * same answer: jsdiff's tokens, values and whitespace clean-up (its own
 * postProcess), but the Myers search runs over one integer per distinct word
 * in diffIds(), and tokens and values are spans of the texts instead of
 * strings glued together and trimmed again.
 *
 * @param before        Old text.
 * @param after         New text.
 * @param maxEditLength Most edits to explore.
 * @param timeout       Milliseconds to explore.
 * @return The change objects, or undefined when a limit tripped.
 */
function diffWords(
	before: string,
	after: string,
	maxEditLength: number,
	timeout: number
): ChangeObject< string >[] | undefined {
	const vocabulary = new Vocabulary( ( before.length + after.length ) / 2 );
	const oldTokens = tokenize( before, vocabulary );
	const newTokens = tokenize( after, vocabulary );
	const runs = diffIds(
		oldTokens.ids,
		newTokens.ids,
		maxEditLength,
		timeout
	);
	if ( ! runs ) {
		return undefined;
	}
	// jsdiff's buildValues: kept and added text from the new side.
	let oldPos = 0;
	let newPos = 0;
	const changes: ChangeObject< string >[] = [];
	for ( const { count, added, removed } of runs ) {
		let value: string;
		if ( removed ) {
			value = slice( oldTokens, oldPos, count );
			oldPos += count;
		} else {
			value = slice( newTokens, newPos, count );
			newPos += count;
			if ( ! added ) {
				oldPos += count;
			}
		}
		changes.push( { count, added, removed, value } );
	}
	return jsdiffWords.postProcess( changes, {} );
}

/**
 * A word diff of two texts within the limits, or null when a limit tripped.
 *
 * @param before Old text.
 * @param after  New text.
 * @param limits Guard rails.
 */
export function wordDiff(
	before: string,
	after: string,
	limits: DiffLimits = DEFAULT_LIMITS
): WordPart[] | null {
	if ( before === after ) {
		return before === '' ? [] : [ { value: before } ];
	}
	if (
		before.length > limits.maxTextLength ||
		after.length > limits.maxTextLength
	) {
		return null;
	}
	const changes = diffWords(
		before,
		after,
		limits.maxEditLength,
		limits.timeout
	);
	if ( ! changes ) {
		return null;
	}
	return changes.map( ( change ) => {
		const part: WordPart = { value: change.value };
		if ( change.added ) {
			part.added = true;
		}
		if ( change.removed ) {
			part.removed = true;
		}
		return part;
	} );
}
