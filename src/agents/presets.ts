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
			return __(
				'Propose featured images and image alt text.',
				'countersign'
			);
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

/**
 * Whether moving from one preset to another grants a group the first did not:
 * the server then rotates the agent's credentials, so the screen warns first.
 *
 * @example
 * ```ts
 * widens( 'read_only', 'draft_only', { read_only: [ 'read' ], draft_only: [ 'read', 'create_edit' ] } ); // true
 * ```
 *
 * @param from Current preset.
 * @param to   New preset.
 * @param map  Preset → groups.
 */
export function widens(
	from: Preset,
	to: Preset,
	map: Partial< Record< Preset, string[] > > = window.countersignPresets ?? {}
): boolean {
	const before = new Set( presetGroups( from, map ) );
	return presetGroups( to, map ).some( ( group ) => ! before.has( group ) );
}
