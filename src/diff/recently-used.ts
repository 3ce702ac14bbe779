/**
 * The last few values looked up, by key: a small least-recently-used cache.
 * Kept in an array, not a Map: it holds a handful of entries, and its keys
 * (whole post contents, or several of them) would be compared in full either
 * way.
 *
 * @example
 * ```ts
 * const parses = new RecentlyUsed< string, DiffBlock[] >( 4 );
 * const blocks = parses.get( content ) ?? parses.set( content, parseContent( content ) );
 * ```
 */
export class RecentlyUsed< Key, Value > {
	readonly #size: number;
	readonly #same: ( a: Key, b: Key ) => boolean;
	/** Least recently used first. */
	#entries: Array< { key: Key; value: Value } > = [];

	/**
	 * @param size How many values to keep.
	 * @param same Whether two keys are the same key (`===` unless given).
	 */
	constructor(
		size: number,
		same: ( a: Key, b: Key ) => boolean = ( a, b ) => a === b
	) {
		this.#size = size;
		this.#same = same;
	}

	/**
	 * The value of a key, now the most recently used; undefined when it is not kept.
	 *
	 * @param key Its key.
	 */
	get( key: Key ): Value | undefined {
		const at = this.#entries.findIndex( ( entry ) =>
			this.#same( entry.key, key )
		);
		if ( at === -1 ) {
			return undefined;
		}
		const [ entry ] = this.#entries.splice( at, 1 );
		this.#entries.push( entry! );
		return entry!.value;
	}

	/**
	 * Keeps a value as the most recently used, dropping the least recently
	 * used beyond the size.
	 *
	 * @param key   Its key (not kept yet).
	 * @param value The value.
	 * @return The value.
	 */
	set( key: Key, value: Value ): Value {
		this.#entries.push( { key, value } );
		if ( this.#entries.length > this.#size ) {
			this.#entries.shift();
		}
		return value;
	}

	/**
	 * Drops a value, if it is still kept.
	 *
	 * @param value The value.
	 */
	delete( value: Value ): void {
		this.#entries = this.#entries.filter(
			( entry ) => entry.value !== value
		);
	}
}
