/**
 * Internal dependencies
 */
import { alignIds } from './anchors';
import {
	attributeChanges,
	attributesKey,
	parseContent,
	sampleOf,
	type AttributeChange,
	type DiffBlock,
} from './blocks';
import { RecentlyUsed } from './recently-used';
import {
	DEFAULT_LIMITS,
	similarity,
	wordDiff,
	type DiffLimits,
	type WordPart,
} from './text';

export type BlockChangeKind =
	'unchanged' | 'changed' | 'added' | 'removed' | 'moved';

/** One block of the aligned document. */
export interface BlockChange {
	kind: BlockChangeKind;
	name: string;
	/** The block in the current post (absent when added). */
	before?: DiffBlock;
	/** The block as proposed (absent when removed). */
	after?: DiffBlock;
	/**
	 * Word diff of the block's own text: set for changed blocks (and moved
	 * blocks that were edited too) whose text differs; null when a guard tripped.
	 */
	words?: WordPart[] | null;
	/** Attributes that differ (empty unless changed or moved). */
	attributes: AttributeChange[];
	/** Aligned inner blocks of changed containers. */
	inner: BlockChange[];
	/** Moved blocks: where the block was in the current post (0-based, among its siblings). */
	from?: number;
}

export interface DiffStats {
	unchanged: number;
	changed: number;
	added: number;
	removed: number;
	moved: number;
}

export interface ContentDiff {
	blocks: BlockChange[];
	stats: DiffStats;
	/**
	 * Why the model gave up, when it did: `blocks` (the block sequences were
	 * too different to align within the limits) or `words` (some word diffs
	 * were skipped; those blocks show without one). The views then recommend
	 * the markup view.
	 */
	tripped: 'blocks' | 'words' | null;
}

export interface DiffOptions {
	limits?: Partial< DiffLimits >;
}

/** Below this score two blocks of one name are different blocks, not one edited. */
const PAIR_THRESHOLD = 0.35;
/** Edited blocks found far from where they were need to be more alike. */
const MOVED_THRESHOLD = 0.6;

/** Deferred word-diff work, so the async path can spread it across tasks. */
type Job = () => void;

interface AlignContext {
	limits: DiffLimits;
	jobs: Job[];
	trippedWords: boolean;
}

/** How many markups one sample may stand for; later ones are hashed whole. */
const BUCKET_SIZE = 8;

/**
 * Small integer ids for blocks, equal exactly when the blocks' keys are (same
 * name, attributes and markup), without building the keys or hashing every
 * block's markup (which costs as much as parsing): markups are bucketed by a
 * sample of a few characters and compared whole within a bucket (a chain of
 * ids, no array per bucket); a bucket full of look-alikes sends further
 * markups to a Map. A markup's first block gives it its id; the rare block
 * with the same markup but another name or attributes falls back on the
 * whole key. Ids made on top of others (a proposal's on the current
 * version's) read those and add their own, leaving them as they are.
 */
class BlockIds {
	/** The ids these go on from, read only. */
	readonly #parent: BlockIds | null;
	/** Sample → id of the first markup seen with it. */
	readonly #buckets = new Map< number, number >();
	/** Id → next id in its bucket (-1: the last), a bucket being a chain. */
	readonly #nextInBucket: number[] = [];
	/** Markup → id, for markups that found their sample's bucket full. */
	readonly #byHtml = new Map< string, number >();
	/** Whole key → id, for blocks whose markup's id has another name or attributes. */
	readonly #byKey = new Map< string, number >();
	/** Markup, name and attributes key of each markup's id. */
	readonly #htmls: string[] = [];
	readonly #names: string[] = [];
	readonly #attributes: string[] = [];
	#size: number;

	/**
	 * @param parent Ids to go on from.
	 */
	constructor( parent: BlockIds | null = null ) {
		this.#parent = parent;
		this.#size = parent ? parent.#size : 0;
	}

	/** How many ids there are (each is below this). */
	get size(): number {
		return this.#size;
	}

	of( block: DiffBlock ): number {
		const { html, name } = block;
		const attributes = attributesKey( block.attrs );
		const sample = sampleOf( html );
		const parent = this.#parent;
		return (
			( parent === null
				? undefined
				: parent.#find( html, name, attributes, sample, false ) ) ??
			this.#find( html, name, attributes, sample, true )!
		);
	}

	/**
	 * A block's id, given with or without a new one made for it.
	 *
	 * @param html       Its markup.
	 * @param name       Its name.
	 * @param attributes Its attributes key.
	 * @param sample     Its markup's sample (sampleOf()).
	 * @param add        Make an id for a block that has none.
	 * @return The id; undefined when the block has none and add is false.
	 */
	#find(
		html: string,
		name: string,
		attributes: string,
		sample: number,
		add: boolean
	): number | undefined {
		const first = this.#buckets.get( sample );
		let id: number | undefined;
		let last = -1;
		let length = 0;
		for (
			let at = first ?? -1;
			at !== -1;
			at = this.#nextInBucket[ at ]!
		) {
			if ( this.#htmls[ at ] === html ) {
				id = at;
				break;
			}
			last = at;
			length++;
		}
		if ( id === undefined && length >= BUCKET_SIZE ) {
			id = this.#byHtml.get( html );
		}
		if ( id === undefined ) {
			if ( ! add ) {
				return undefined;
			}
			id = this.#size++;
			this.#htmls[ id ] = html;
			this.#names[ id ] = name;
			this.#attributes[ id ] = attributes;
			this.#nextInBucket[ id ] = -1;
			if ( first === undefined ) {
				this.#buckets.set( sample, id );
			} else if ( length < BUCKET_SIZE ) {
				this.#nextInBucket[ last ] = id;
			} else {
				this.#byHtml.set( html, id );
			}
			return id;
		}
		if (
			this.#names[ id ] === name &&
			this.#attributes[ id ] === attributes
		) {
			return id;
		}
		const key = `${ name }|${ attributes }|${ html }`;
		let other = this.#byKey.get( key );
		if ( other === undefined && add ) {
			other = this.#size++;
			this.#byKey.set( key, other );
		}
		return other;
	}
}

/** Per block sequence already diffed: its ids, and the ids to go on from. */
const sequenceIds = new WeakMap<
	readonly DiffBlock[],
	{ ids: BlockIds; beforeIds: number[] }
>();

/**
 * Ids for the current blocks, and the ids to number the proposed ones with.
 * The current version is diffed again and again (against each proposal, as
 * they come in; its parse is kept, see parseCurrent()), so a sequence's ids
 * are kept with it, and the proposal's ids made on top of them, instead of
 * reading its blocks again.
 *
 * @param before Current blocks.
 */
function idsBefore( before: readonly DiffBlock[] ): {
	ids: BlockIds;
	beforeIds: number[];
} {
	let known = sequenceIds.get( before );
	if ( ! known ) {
		const ids = new BlockIds();
		known = { ids, beforeIds: before.map( ( block ) => ids.of( block ) ) };
		sequenceIds.set( before, known );
	}
	return { ids: new BlockIds( known.ids ), beforeIds: known.beforeIds };
}

/**
 * The ids of the proposed blocks. Most of a proposal's blocks are the current
 * version's own block objects (parseContent() reuses them), in order: a block
 * that is the current block expected next, or the one after it (one removed),
 * takes that block's id without its markup being read; any other is looked
 * up, and a current block found that way is where the next one is expected.
 * The ids are those ids.of() gives (one block, one id).
 *
 * @param before    Current blocks.
 * @param beforeIds Their ids.
 * @param after     Proposed blocks.
 * @param ids       The ids of both.
 */
function idsAfter(
	before: readonly DiffBlock[],
	beforeIds: number[],
	after: readonly DiffBlock[],
	ids: BlockIds
): number[] {
	const afterIds: number[] = new Array( after.length );
	// Id → index of the first current block with it, +1 (built when first needed).
	let firstWith: Int32Array | null = null;
	let expected = 0;
	for ( let index = 0; index < after.length; index++ ) {
		const block = after[ index ]!;
		if ( before[ expected ] === block ) {
			afterIds[ index ] = beforeIds[ expected++ ]!;
			continue;
		}
		if ( before[ expected + 1 ] === block ) {
			afterIds[ index ] = beforeIds[ expected + 1 ]!;
			expected += 2;
			continue;
		}
		const id = ids.of( block );
		afterIds[ index ] = id;
		if ( firstWith === null ) {
			firstWith = new Int32Array( ids.size );
			for ( let at = before.length - 1; at >= 0; at-- ) {
				firstWith[ beforeIds[ at ]! ] = at + 1;
			}
		}
		const at = ( firstWith[ id ] ?? 0 ) - 1;
		if ( at >= 0 && before[ at ] === block ) {
			expected = at + 1;
		}
	}
	return afterIds;
}

/**
 * Fills in a pair's word diff, attribute list and inner alignment (the last
 * recursively), deferring the word diff to a job.
 *
 * @param change    The pair's entry, words still unset.
 * @param context   Shared state.
 * @param identical The blocks have one id (a reordered block, not an edited one).
 */
function describePair(
	change: BlockChange,
	context: AlignContext,
	identical: boolean
): void {
	const { before, after } = change;
	if ( ! before || ! after ) {
		return;
	}
	// One id means one name, attributes and markup; with the same own markup
	// too (a group's markup is also its inner blocks'), no attribute or text
	// can differ: skip reading them. Inner blocks are still aligned.
	if ( ! identical || before.ownHtml !== after.ownHtml ) {
		change.attributes = attributeChanges( before, after );
		if ( before.text !== after.text ) {
			context.jobs.push( () => {
				const result = wordDiff(
					before.text,
					after.text,
					context.limits
				);
				if ( result === null ) {
					context.trippedWords = true;
				}
				change.words = result;
			} );
		}
	}
	if ( before.inner.length > 0 || after.inner.length > 0 ) {
		change.inner = alignSequences( before.inner, after.inner, context );
	}
}

/**
 * Aligns two block sequences.
 *
 * 1. An identity alignment (alignIds: blocks unique on both sides anchor it,
 *    Myers within the edit limit in between): identical blocks in order are
 *    unchanged. This is the "line-level first" pass: word diffs only ever run
 *    inside blocks it left unmatched.
 * 2. Identical blocks it left unmatched on both sides were reordered: moved.
 * 3. Inside each hunk, removed and added blocks of one name that read alike
 *    are one block, changed.
 * 4. Across hunks, remaining look-alikes are moved and changed.
 *
 * @param before  Current blocks.
 * @param after   Proposed blocks.
 * @param context Shared state.
 * @return Entries in the proposed order, removed blocks where they were.
 */
function alignSequences(
	before: readonly DiffBlock[],
	after: readonly DiffBlock[],
	context: AlignContext
): BlockChange[] {
	// Myers compares elements many times over: compare small integers, one per
	// distinct block, instead of whole blocks' markup.
	const { ids, beforeIds } = idsBefore( before );
	const afterIds = idsAfter( before, beforeIds, after, ids );
	const hunks = alignIds( beforeIds, afterIds, context.limits.maxEditLength );
	if ( ! hunks ) {
		throw new TrippedError();
	}

	// Walk the hunks into index lists: kept pairs and, per gap, removed/added indexes.
	interface Gap {
		removed: number[];
		added: number[];
	}
	// Per index (arrays, not maps: every block has an entry). After index →
	// before index of a kept block, else -1.
	const keptFrom: number[] = new Array( after.length ).fill( -1 );
	// After index → how many current blocks precede it, so removed blocks show before it.
	const beforeAt: number[] = new Array( after.length ).fill( 0 );
	// Before index → kept, or paired with an added block.
	const keptBefore: boolean[] = new Array( before.length ).fill( false );
	const pairedBefore: boolean[] = new Array( before.length ).fill( false );
	const gaps: Gap[] = [];
	let gap: Gap = { removed: [], added: [] };
	let i = 0;
	let j = 0;
	for ( const hunk of hunks ) {
		const count = hunk.count;
		if ( hunk.removed ) {
			for ( let n = 0; n < count; n++ ) {
				gap.removed.push( i++ );
			}
		} else if ( hunk.added ) {
			for ( let n = 0; n < count; n++ ) {
				beforeAt[ j ] = i;
				gap.added.push( j++ );
			}
		} else {
			if ( gap.removed.length > 0 || gap.added.length > 0 ) {
				gaps.push( gap );
				gap = { removed: [], added: [] };
			}
			for ( let n = 0; n < count; n++ ) {
				keptBefore[ i ] = true;
				keptFrom[ j++ ] = i++;
			}
		}
	}
	if ( gap.removed.length > 0 || gap.added.length > 0 ) {
		gaps.push( gap );
	}

	const pairedAfter = new Map<
		number,
		{ from: number; kind: BlockChangeKind; identical: boolean }
	>();

	// 2. Reordered identical blocks.
	const removedById = new Map< number, number[] >();
	for ( const g of gaps ) {
		for ( const index of g.removed ) {
			const id = beforeIds[ index ]!;
			const list = removedById.get( id );
			if ( list ) {
				list.push( index );
			} else {
				removedById.set( id, [ index ] );
			}
		}
	}
	for ( const g of gaps ) {
		for ( const index of g.added ) {
			const candidates = removedById.get( afterIds[ index ]! );
			const from = candidates?.shift();
			if ( from !== undefined ) {
				pairedAfter.set( index, {
					from,
					kind: 'moved',
					identical: true,
				} );
				pairedBefore[ from ] = true;
			}
		}
	}

	// 3. Edited blocks inside a hunk.
	for ( const g of gaps ) {
		const removed = g.removed.filter(
			( index ) => ! pairedBefore[ index ]
		);
		const added = g.added.filter( ( index ) => ! pairedAfter.has( index ) );
		if (
			removed.length === 1 &&
			added.length === 1 &&
			before[ removed[ 0 ]! ]!.name === after[ added[ 0 ]! ]!.name
		) {
			// One block for one, of one name: the same block, edited, however
			// little they share; no need to score them.
			pairedAfter.set( added[ 0 ]!, {
				from: removed[ 0 ]!,
				kind: 'changed',
				identical: false,
			} );
			pairedBefore[ removed[ 0 ]! ] = true;
			continue;
		}
		for ( const index of added ) {
			const block = after[ index ]!;
			let best: number | null = null;
			let bestScore = PAIR_THRESHOLD;
			for ( const candidate of removed ) {
				if ( pairedBefore[ candidate ] ) {
					continue;
				}
				const other = before[ candidate ]!;
				if ( other.name !== block.name ) {
					continue;
				}
				const score = similarity( other.wordCounts, block.wordCounts );
				if ( score > bestScore ) {
					best = candidate;
					bestScore = score;
				}
			}
			if ( best !== null ) {
				pairedAfter.set( index, {
					from: best,
					kind: 'changed',
					identical: false,
				} );
				pairedBefore[ best ] = true;
			}
		}
	}

	// 4. Edited blocks that also moved to another hunk.
	if ( gaps.length > 1 ) {
		const leftovers = gaps.flatMap( ( g ) =>
			g.removed.filter( ( index ) => ! pairedBefore[ index ] )
		);
		for ( const g of gaps ) {
			for ( const index of g.added ) {
				if ( pairedAfter.has( index ) ) {
					continue;
				}
				const block = after[ index ]!;
				let best: number | null = null;
				let bestScore = MOVED_THRESHOLD;
				for ( const candidate of leftovers ) {
					const other = before[ candidate ]!;
					if (
						pairedBefore[ candidate ] ||
						other.name !== block.name
					) {
						continue;
					}
					const score = similarity(
						other.wordCounts,
						block.wordCounts
					);
					if ( score >= bestScore ) {
						best = candidate;
						bestScore = score;
					}
				}
				if ( best !== null ) {
					pairedAfter.set( index, {
						from: best,
						kind: 'moved',
						identical: false,
					} );
					pairedBefore[ best ] = true;
				}
			}
		}
	}

	// Emit in the proposed order; an unpaired removed block shows up just before
	// the first proposed block that follows it in the current post.
	const result: BlockChange[] = [];
	let nextBefore = 0;
	const flushRemovedUntil = ( limit: number ) => {
		for ( ; nextBefore < limit; nextBefore++ ) {
			if ( ! pairedBefore[ nextBefore ] && ! keptBefore[ nextBefore ] ) {
				const block = before[ nextBefore ]!;
				result.push( {
					kind: 'removed',
					name: block.name,
					before: block,
					attributes: [],
					inner: [],
				} );
			}
		}
	};
	for ( let index = 0; index < after.length; index++ ) {
		const block = after[ index ]!;
		const from = keptFrom[ index ]!;
		if ( from !== -1 ) {
			flushRemovedUntil( from + 1 );
			result.push( {
				kind: 'unchanged',
				name: block.name,
				before: before[ from ]!,
				after: block,
				attributes: [],
				inner: [],
			} );
			continue;
		}
		flushRemovedUntil( beforeAt[ index ]! );
		const pair = pairedAfter.get( index );
		if ( pair ) {
			if ( pair.kind === 'changed' ) {
				flushRemovedUntil( pair.from + 1 );
			}
			const change: BlockChange = {
				kind: pair.kind,
				name: block.name,
				before: before[ pair.from ]!,
				after: block,
				attributes: [],
				inner: [],
				...( pair.kind === 'moved' ? { from: pair.from } : {} ),
			};
			describePair( change, context, pair.identical );
			result.push( change );
			continue;
		}
		result.push( {
			kind: 'added',
			name: block.name,
			after: block,
			attributes: [],
			inner: [],
		} );
	}
	flushRemovedUntil( before.length );
	return result;
}

/** Thrown when the block alignment itself exceeds the limits. */
class TrippedError extends Error {}

/**
 * Counts entries by kind, inner blocks of changed containers included.
 *
 * @param blocks Aligned entries.
 * @param stats  Accumulator.
 */
function countKinds( blocks: BlockChange[], stats: DiffStats ): DiffStats {
	for ( const block of blocks ) {
		stats[ block.kind ]++;
		countKinds( block.inner, stats );
	}
	return stats;
}

interface Prepared {
	blocks: BlockChange[];
	jobs: Job[];
	context: AlignContext;
}

/**
 * Aligns two parsed versions, leaving the word diffs as jobs.
 *
 * @param current  Current post content, parsed.
 * @param proposed Proposed post content, parsed.
 * @param options  Limits.
 */
function prepare(
	current: DiffBlock[],
	proposed: DiffBlock[],
	options: DiffOptions
): Prepared | null {
	const context: AlignContext = {
		limits: { ...DEFAULT_LIMITS, ...options.limits },
		jobs: [],
		trippedWords: false,
	};
	try {
		const blocks = alignSequences( current, proposed, context );
		return { blocks, jobs: context.jobs, context };
	} catch ( error ) {
		if ( error instanceof TrippedError ) {
			return null;
		}
		throw error;
	}
}

function finish( prepared: Prepared | null ): ContentDiff {
	if ( ! prepared ) {
		return {
			blocks: [],
			stats: { unchanged: 0, changed: 0, added: 0, removed: 0, moved: 0 },
			tripped: 'blocks',
		};
	}
	return {
		blocks: prepared.blocks,
		stats: countKinds( prepared.blocks, {
			unchanged: 0,
			changed: 0,
			added: 0,
			removed: 0,
			moved: 0,
		} ),
		tripped: prepared.context.trippedWords ? 'words' : null,
	};
}

/** Current content → its parse, for the last few current contents. */
const currentParses = new RecentlyUsed< string, DiffBlock[] >( 4 );

/**
 * The parse of a post's current content, kept for the next diffs against it
 * (the sidebar diffs one current content against each proposal, and again as
 * proposals come in).
 *
 * @param content The post's content now.
 */
function parseCurrent( content: string ): DiffBlock[] {
	return (
		currentParses.get( content ) ??
		currentParses.set( content, parseContent( content ) )
	);
}

/**
 * The block-aware diff of two versions of post content, computed at once.
 *
 * @example
 * ```ts
 * const { blocks, stats } = diffContent( current, proposed );
 * blocks.filter( ( block ) => block.kind !== 'unchanged' );
 * ```
 *
 * @param current  The post's content now.
 * @param proposed The content the agent proposes.
 * @param options  Guard-rail limits.
 */
export function diffContent(
	current: string,
	proposed: string,
	options: DiffOptions = {}
): ContentDiff {
	const currentBlocks = parseCurrent( current );
	const prepared = prepare(
		currentBlocks,
		parseContent( proposed, currentBlocks ),
		options
	);
	for ( const job of prepared?.jobs ?? [] ) {
		job();
	}
	return finish( prepared );
}

/** Lets the browser paint and handle input between chunks. */
const yieldToMain = (): Promise< void > =>
	new Promise( ( resolve ) => setTimeout( resolve, 0 ) );

/**
 * diffContent() spread over several tasks: parsing each version and aligning
 * them in one task each, then word diffs in slices of at most `budget` ms,
 * yielding in between, so no task holds the main thread much longer than a
 * frame. Resolves to the same result.
 *
 * @param current  The post's content now.
 * @param proposed The content the agent proposes.
 * @param options  Guard-rail limits, plus the time budget of one slice.
 * @param signal   Aborts between slices (the view went away).
 */
export async function diffContentAsync(
	current: string,
	proposed: string,
	options: DiffOptions & { budget?: number } = {},
	signal?: AbortSignal
): Promise< ContentDiff > {
	const budget = options.budget ?? 30;
	const yieldAndCheck = async () => {
		await yieldToMain();
		if ( signal?.aborted ) {
			throw new DOMException( 'Aborted', 'AbortError' );
		}
	};
	await yieldToMain();
	const currentBlocks = parseCurrent( current );
	await yieldAndCheck();
	const proposedBlocks = parseContent( proposed, currentBlocks );
	await yieldAndCheck();
	const prepared = prepare( currentBlocks, proposedBlocks, options );
	let sliceStart = Date.now();
	for ( const job of prepared?.jobs ?? [] ) {
		if ( Date.now() - sliceStart > budget ) {
			await yieldAndCheck();
			sliceStart = Date.now();
		}
		job();
	}
	return finish( prepared );
}
