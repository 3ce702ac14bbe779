/**
 * WordPress dependencies
 */
import { __, sprintf } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import type { FieldComparison } from '../api';
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
	| { name: string; kind: 'value'; before: string; after: string }
	| {
			name: string;
			kind: 'terms';
			taxonomies: Array< {
				taxonomy: string;
				added: string[];
				removed: string[];
			} >;
	  }
	| {
			name: string;
			kind: 'meta';
			keys: Array< {
				key: string;
				before: string | null;
				after: string | null;
			} >;
	  };

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
 */
export function diffField(
	name: string,
	comparison: FieldComparison,
	limits: DiffLimits = DEFAULT_LIMITS
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
				return {
					taxonomy,
					added: will.filter( ( term ) => ! was.includes( term ) ),
					removed: was.filter( ( term ) => ! will.includes( term ) ),
				};
			} )
			.filter(
				( entry ) => entry.added.length > 0 || entry.removed.length > 0
			);
		return { name, kind: 'terms', taxonomies };
	}
	if ( name === 'meta' || name === 'media' || name === 'attachments' ) {
		// Uploads and attachments read like custom fields: one line per text (title, alt, caption, description).
		const flat = ( value: unknown ) =>
			name === 'meta'
				? ( ( value ?? {} ) as Record< string, unknown > )
				: mediaTexts( value );
		const before = flat( comparison.current );
		const after = flat( comparison.proposed );
		const keys = [
			...new Set( [ ...Object.keys( before ), ...Object.keys( after ) ] ),
		]
			.sort()
			.map( ( key ) => ( {
				key,
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
	return { name, kind: 'value', before, after };
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
 */
export function diffFields(
	fields: Partial< Record< string, FieldComparison > >,
	limits: DiffLimits = DEFAULT_LIMITS
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
			return comparison ? [ diffField( name, comparison, limits ) ] : [];
		} );
}
