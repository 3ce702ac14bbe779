/**
 * WordPress dependencies
 */
import { __ } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import type { Preset } from '../api';

declare global {
	interface Window {
		/** Printed by the Agents page (PHP): each preset's capability groups. */
		countersignPresets?: Partial< Record< Preset, string[] > >;
	}
}

/**
 * One sentence per capability group: what an agent holding it may propose.
 *
 * @param group Group slug.
 */
export function groupDescription( group: string ): string {
	switch ( group ) {
		case 'read':
			return __(
				'Read posts, pages and its own proposals, and its profile.',
				'countersign'
			);
		case 'create_edit':
			return __(
				'Propose new posts and changes to titles, content, excerpts and slugs of drafts.',
				'countersign'
			);
		case 'publish':
			return __(
				'Propose publishing, scheduling and changes to published posts.',
				'countersign'
			);
		case 'trash_restore':
			return __(
				'Propose moving posts to the trash and back.',
				'countersign'
			);
		case 'media_manage':
			return __( 'Propose featured images.', 'countersign' );
		case 'taxonomy':
			return __(
				'Propose categories and tags (creating new ones needs a role that may).',
				'countersign'
			);
		case 'authors':
			return __(
				'Propose a different author for a post.',
				'countersign'
			);
		case 'seo':
			return __(
				'Propose SEO titles and descriptions (Yoast, Rank Math, AIOSEO fields).',
				'countersign'
			);
		case 'site_settings':
			return __(
				'Propose site settings (title, tagline and the others WordPress exposes); an administrator approves.',
				'countersign'
			);
		case 'image':
			return __(
				'Use image tools of AI connector plugins (compatibility).',
				'countersign'
			);
		case 'upload_portal':
			return __(
				'Use upload tools of AI connector plugins (compatibility).',
				'countersign'
			);
		default:
			return group;
	}
}

/**
 * The groups a preset grants, from the map the page printed.
 *
 * @param preset Preset slug.
 * @param map    Preset → groups (defaults to the page's).
 */
export function presetGroups(
	preset: Preset,
	map: Partial< Record< Preset, string[] > > = window.countersignPresets ?? {}
): string[] {
	return map[ preset ] ?? [ 'read' ];
}

/** The groups a `custom` preset chooses from (the server's Presets::GROUPS; `read` is always held). */
export const CHOOSABLE_GROUPS = [
	'create_edit',
	'publish',
	'trash_restore',
	'media_manage',
	'taxonomy',
	'authors',
	'seo',
	'site_settings',
];

/**
 * The groups an agent holds: its preset's, or with `custom` its own list (and `read`).
 *
 * @param preset Preset slug.
 * @param custom Groups chosen one by one (custom only).
 * @param map    Preset → groups (defaults to the page's).
 */
export function effectiveGroups(
	preset: Preset,
	custom: string[],
	map: Partial< Record< Preset, string[] > > = window.countersignPresets ?? {}
): string[] {
	return preset === 'custom'
		? [ 'read', ...custom.filter( ( group ) => group !== 'read' ) ]
		: presetGroups( preset, map );
}

/**
 * Whether a change of groups grants one the agent did not hold: the server then
 * rotates the agent's credentials, so the screen warns first.
 *
 * @example
 * ```ts
 * widens( [ 'read' ], [ 'read', 'create_edit' ] ); // true
 * ```
 *
 * @param from Groups held now.
 * @param to   Groups after the change.
 */
export function widens( from: string[], to: string[] ): boolean {
	const before = new Set( from );
	return to.some( ( group ) => ! before.has( group ) );
}
