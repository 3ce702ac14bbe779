/**
 * WordPress dependencies
 */
import { __, sprintf } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import type { FieldComparison, FieldWords } from '../api';
import { fieldText } from '../utils/format';
import { stableStringify } from './blocks';
import {
	DEFAULT_LIMITS,
	wordDiff,
	type DiffLimits,
	type WordPart,
} from './text';

/** A non-content field's change, in the shape that reads best for its kind. */
export type FieldChange =
	| {
			name: string;
			kind: 'text';
			before: string;
			after: string;
			/** null when a guard tripped. */
			words: WordPart[] | null;
	  }
	| { name: string; kind: 'value'; before: Shown; after: Shown }
	| {
			name: string;
			kind: 'terms';
			taxonomies: Array< {
				taxonomy: string;
				/** The taxonomy's plural label ("Categories"); the slug when unknown. */
				label: string;
				added: string[];
				removed: string[];
			} >;
	  }
	| {
			name: string;
			kind: 'meta';
			keys: Array< {
				key: string;
				/** The key's registered label, when it has one. */
				label: string | null;
				before: string | null;
				after: string | null;
			} >;
	  };

/** A value as a reviewer reads it: words, and for a person or an image, a picture. */
export interface Shown {
	text: string;
	/** Avatar (author) or thumbnail (featured image) URL. */
	image?: string;
	/** The author is an agent. */
	agent?: boolean;
}

const NO_WORDS: FieldWords = {
	users: {},
	media: {},
	terms: {},
	statuses: {},
	dates: {},
	meta: {},
};

/**
 * A scalar field's value in words: a user's name and avatar, an image's title
 * and thumbnail, a status label, a date in the site's format. An id the site
 * no longer knows reads "#5"; none reads "".
 *
 * @param name  Field name.
 * @param value The value as stored.
 * @param words The detail's words.
 */
function shown( name: string, value: unknown, words: FieldWords ): Shown {
	const text = scalar( value );
	switch ( name ) {
		case 'author': {
			if ( text === '' || text === '0' ) {
				return { text: '' };
			}
			const user = words.users[ text ];
			if ( user ) {
				return {
					text: user.name,
					image: user.avatar,
					agent: user.agent,
				};
			}
			return {
				/* translators: %s: a user id that no longer exists. */
				text: sprintf( __( 'User #%s', 'countersign' ), text ),
			};
		}
		case 'featured_media': {
			if ( text === '' || text === '0' ) {
				return { text: '' };
			}
			const media = words.media[ text ];
			if ( media ) {
				return media.thumbnail === ''
					? { text: media.title }
					: { text: media.title, image: media.thumbnail };
			}
			return {
				/* translators: %s: an attachment id that no longer exists. */
				text: sprintf( __( 'Image #%s', 'countersign' ), text ),
			};
		}
		case 'status':
			return { text: words.statuses[ text ] ?? text };
		case 'date':
			return { text: words.dates[ text ] ?? text };
		default:
			return { text };
	}
}

/** Fields whose values read as prose and get a word diff. */
const TEXT_FIELDS = new Set( [ 'title', 'excerpt' ] );

/**
 * A value as a short string: scalars as themselves, the rest as stable JSON.
 *
 * @param value Any value.
 */
function scalar( value: unknown ): string {
	if ( value === null || value === undefined ) {
		return '';
	}
	if ( typeof value === 'object' && ! ( 'raw' in value ) ) {
		return stableStringify( value );
	}
	return fieldText( value );
}

/**
 * A taxonomy → term list map from any value (missing or malformed → empty).
 *
 * @param value A `terms` field value.
 */
function termMap( value: unknown ): Record< string, string[] > {
	if (
		value === null ||
		typeof value !== 'object' ||
		Array.isArray( value )
	) {
		return {};
	}
	const out: Record< string, string[] > = {};
	for ( const [ taxonomy, list ] of Object.entries( value ) ) {
		out[ taxonomy ] = Array.isArray( list )
			? list.map( ( item ) => String( item ) )
			: [];
	}
	return out;
}

/**
 * The field-level diff of one non-content field (title, excerpt, slug, status,
 * date, author, featured_media, terms, meta): current against proposed.
 *
 * @example
 * ```ts
 * diffField( 'terms', { base: null, current: { category: [ 1 ] }, proposed: { category: [ 1, 5 ] } } );
 * // { name: 'terms', kind: 'terms', taxonomies: [ { taxonomy: 'category', added: [ '5' ], removed: [] } ] }
 * ```
 *
 * @param name       Field name.
 * @param comparison Base, current and proposed values.
 * @param limits     Guard rails for the word diff.
 * @param words      What the values are called (the detail's `words`).
 */
export function diffField(
	name: string,
	comparison: FieldComparison,
	limits: DiffLimits = DEFAULT_LIMITS,
	words: FieldWords = NO_WORDS
): FieldChange {
	if ( name === 'terms' ) {
		const before = termMap( comparison.current );
		const after = termMap( comparison.proposed );
		const taxonomies = [
			...new Set( [ ...Object.keys( before ), ...Object.keys( after ) ] ),
		]
			.sort()
			.map( ( taxonomy ) => {
				const was = before[ taxonomy ] ?? [];
				const will = after[ taxonomy ] ?? [];
				const known = words.terms[ taxonomy ];
				const termName = ( term: string ) =>
					known?.names[ term ] ?? term;
				return {
					taxonomy,
					label: known?.label ?? taxonomy,
					added: will
						.filter( ( term ) => ! was.includes( term ) )
						.map( termName ),
					removed: was
						.filter( ( term ) => ! will.includes( term ) )
						.map( termName ),
				};
			} )
			.filter(
				( entry ) => entry.added.length > 0 || entry.removed.length > 0
			);
		return { name, kind: 'terms', taxonomies };
	}
	// Custom fields, site settings, uploads and attachments read key by key.
	if (
		name === 'meta' ||
		name === 'site_settings' ||
		name === 'media' ||
		name === 'attachments'
	) {
		// Site settings show what they were when proposed: after the apply, current is the new value. Uploads and
		// attachments read like custom fields: one line per text (title, alt, caption, description).
		const flat = ( value: unknown ) =>
			name === 'media' || name === 'attachments'
				? mediaTexts( value )
				: ( ( value ?? {} ) as Record< string, unknown > );
		const before = flat(
			name === 'site_settings'
				? ( comparison.base ?? comparison.current )
				: comparison.current
		);
		const after = flat( comparison.proposed );
		const keys = [
			...new Set( [ ...Object.keys( before ), ...Object.keys( after ) ] ),
		]
			.sort()
			.map( ( key ) => ( {
				key,
				label: words.meta[ key ] ?? null,
				before: key in before ? scalar( before[ key ] ) : null,
				after: key in after ? scalar( after[ key ] ) : null,
			} ) )
			.filter( ( entry ) => entry.before !== entry.after );
		return { name, kind: 'meta', keys };
	}
	const before = scalar( comparison.current );
	const after = scalar( comparison.proposed );
	if ( TEXT_FIELDS.has( name ) ) {
		return {
			name,
			kind: 'text',
			before,
			after,
			words: wordDiff( before, after, limits ),
		};
	}
	return {
		name,
		kind: 'value',
		before: shown( name, comparison.current, words ),
		after: shown( name, comparison.proposed, words ),
	};
}

/**
 * The texts of uploads (`media`, a list) or attachments (`attachments`, by id) as one line each: `Upload 1: alt`,
 * `#12: caption`. References are left out: they name the file, which the reviewer sees above the diff.
 *
 * @param value A `media` list or an `attachments` map.
 */
function mediaTexts( value: unknown ): Record< string, unknown > {
	const entries: Array< [ string, unknown ] > = Array.isArray( value )
		? value.map( ( item, index ) => [
				/* translators: %d: the upload's place in the proposal, from 1. */
				sprintf( __( 'Upload %d', 'countersign' ), index + 1 ),
				item,
			] )
		: Object.entries( ( value ?? {} ) as Record< string, unknown > ).map(
				( [ id, item ] ) => [ `#${ id }`, item ]
			);
	const out: Record< string, unknown > = {};
	for ( const [ label, item ] of entries ) {
		for ( const [ key, text ] of Object.entries(
			( item ?? {} ) as Record< string, unknown >
		) ) {
			if ( key !== 'ref' && key !== 'attachment' ) {
				out[ `${ label }: ${ key }` ] = text;
			}
		}
	}
	return out;
}

/**
 * Field-level diffs of every changed field except content, in reading order.
 *
 * @param fields A proposal detail's `fields`.
 * @param limits Guard rails.
 * @param words  What the values are called (the detail's `words`).
 */
export function diffFields(
	fields: Partial< Record< string, FieldComparison > >,
	limits: DiffLimits = DEFAULT_LIMITS,
	words: FieldWords = NO_WORDS
): FieldChange[] {
	const order = [
		'title',
		'excerpt',
		'slug',
		'status',
		'date',
		'author',
		'featured_media',
		'media',
		'attachments',
		'terms',
		'meta',
		'site_settings',
	];
	const rank = ( name: string ) => {
		const index = order.indexOf( name );
		return index === -1 ? order.length : index;
	};
	return Object.keys( fields )
		.filter( ( name ) => name !== 'content' )
		.sort( ( a, b ) => rank( a ) - rank( b ) || a.localeCompare( b ) )
		.flatMap( ( name ) => {
			const comparison = fields[ name ];
			return comparison
				? [ diffField( name, comparison, limits, words ) ]
				: [];
		} );
}
