<?php
/**
 * Agent presets and capability groups.
 *
 * @package Countersign
 */

declare(strict_types=1);

namespace Countersign\Agents;

/**
 * The presets of DESIGN §3, each a set of capability groups.
 */
final class Presets {

	public const GROUPS = array( 'read', 'create_edit', 'publish', 'trash_restore', 'media_manage', 'taxonomy', 'authors', 'seo', 'site_settings' );

	/** Accepted in preset definitions for compatibility with other connectors; they grant nothing here. */
	public const COMPAT_GROUPS = array( 'image', 'upload_portal' );

	public const CUSTOM = 'custom';

	private const PRESETS = array(
		'read_only'       => array( 'read' ),
		'seo_specialist'  => array( 'read', 'seo' ),
		'media_manager'   => array( 'read', 'media_manage' ),
		'draft_only'      => array( 'read', 'create_edit', 'media_manage', 'taxonomy', 'seo' ),
		'content_manager' => array( 'read', 'create_edit', 'publish', 'media_manage', 'taxonomy', 'authors', 'seo' ),
		'standard'        => array( 'read', 'create_edit', 'publish', 'media_manage', 'taxonomy', 'authors', 'seo', 'image', 'upload_portal' ),
		'full_access'     => array( 'read', 'create_edit', 'publish', 'trash_restore', 'media_manage', 'taxonomy', 'authors', 'seo', 'site_settings', 'image', 'upload_portal' ),
	);

	/**
	 * Every preset slug, custom included.
	 *
	 * @return list<string>
	 */
	public function slugs(): array {
		return array_merge( array_keys( self::PRESETS ), array( self::CUSTOM ) );
	}

	/**
	 * Whether the slug names a preset.
	 *
	 * @param string $preset Slug.
	 */
	public function exists( string $preset ): bool {
		return in_array( $preset, $this->slugs(), true );
	}

	/**
	 * The groups an agent holds: the preset's, or its own list for custom. `read` always.
	 *
	 * @param string       $preset Preset slug.
	 * @param list<string> $custom Groups chosen one by one (custom preset only).
	 * @return list<string>
	 */
	public function groups( string $preset, array $custom = array() ): array {
		$groups = self::CUSTOM === $preset ? $custom : ( self::PRESETS[ $preset ] ?? array() );
		$valid  = array_merge( self::GROUPS, self::COMPAT_GROUPS );
		return array_values( array_unique( array_merge( array( 'read' ), array_intersect( $groups, $valid ) ) ) );
	}

	/**
	 * Every preset's groups (custom: none beyond read), for the Agents screen's preset picker.
	 *
	 * @return array<string, list<string>>
	 */
	public function map(): array {
		$map = array();
		foreach ( $this->slugs() as $slug ) {
			$map[ $slug ] = $this->groups( $slug );
		}
		return $map;
	}
}
