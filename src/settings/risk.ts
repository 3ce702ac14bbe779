/**
 * WordPress dependencies
 */
import { __ } from '@wordpress/i18n';

/**
 * The change-set fields and their built-in risk levels (DESIGN §3), on a draft
 * and on a published post. `null` where the level depends on the value
 * (status: publishing, scheduling, trashing each have their own).
 */
export const FIELD_LEVELS: ReadonlyArray< {
	field: string;
	draft: number | null;
	published: number | null;
} > = [
	{ field: 'title', draft: 2, published: 3 },
	{ field: 'content', draft: 2, published: 3 },
	{ field: 'excerpt', draft: 2, published: 3 },
	{ field: 'slug', draft: 2, published: 4 },
	{ field: 'status', draft: null, published: null },
	{ field: 'date', draft: 2, published: 3 },
	{ field: 'author', draft: 4, published: 4 },
	{ field: 'featured_media', draft: 2, published: 2 },
	{ field: 'terms', draft: 2, published: 2 },
	{ field: 'meta', draft: 2, published: 3 },
	// Not a post's field: the same level wherever it is proposed.
	{ field: 'site_settings', draft: 3, published: 3 },
	{ field: 'media', draft: 3, published: 3 },
	{ field: 'attachments', draft: 2, published: 2 },
];

/** Overrides raise a field to 2, 3 or 4; 4 and 5 are never lowered. */
export const OVERRIDE_LEVELS = [ 2, 3, 4 ] as const;

/**
 * The override choices for a field: "built-in" plus every level above its
 * lowest built-in level (raising only). A field whose built-in level is 4
 * everywhere has nothing to raise.
 *
 * @example
 * ```ts
 * overrideChoices( { field: 'slug', draft: 2, published: 4 } ); // [ 3, 4 ]
 * overrideChoices( { field: 'author', draft: 4, published: 4 } ); // []
 * ```
 *
 * @param row A row of FIELD_LEVELS.
 */
export function overrideChoices(
	row: ( typeof FIELD_LEVELS )[ number ]
): number[] {
	if ( row.draft === null || row.published === null ) {
		return [ ...OVERRIDE_LEVELS ];
	}
	const lowest = Math.min( row.draft, row.published );
	return OVERRIDE_LEVELS.filter( ( level ) => level > lowest );
}

/**
 * How a built-in level reads in the table.
 *
 * @param level Level or null.
 */
export function levelText( level: number | null ): string {
	return level === null
		? __( 'by status (2–5)', 'countersign' )
		: String( level );
}
