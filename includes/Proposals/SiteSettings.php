<?php
/**
 * Site settings as a proposal's change.
 *
 * @package Countersign
 */

declare(strict_types=1);

namespace Countersign\Proposals;

use WP_Error;

/**
 * The `site_settings` change: the settings core exposes through `/wp/v2/settings` (registered with `show_in_rest`,
 * by their REST names: `title`, `description`, `timezone`…), and nothing else. Values are checked and sanitised
 * against the schema core's settings controller publishes, and written with update_option(), so core's
 * sanitize_option() and cache invalidation run as for an administrator's own change.
 */
final class SiteSettings {

	/** The change-set field. */
	public const FIELD = 'site_settings';

	/** The capability an approver needs, as core's settings route asks. */
	public const CAPABILITY = 'manage_options';

	/**
	 * The settings that may be proposed: REST name => option name and the value's schema.
	 *
	 * @return array<string, array{option: string, schema: array<string, mixed>}>
	 */
	public static function registered(): array {
		$schema   = ( new \WP_REST_Settings_Controller() )->get_item_schema();
		$settings = array();
		foreach ( get_registered_settings() as $option => $args ) {
			if ( empty( $args['show_in_rest'] ) ) {
				continue;
			}
			$name = is_array( $args['show_in_rest'] ) && isset( $args['show_in_rest']['name'] ) ? (string) $args['show_in_rest']['name'] : (string) $option;
			if ( ! isset( $schema['properties'][ $name ] ) ) {
				continue;
			}
			$settings[ $name ] = array(
				'option' => (string) $option,
				'schema' => (array) $schema['properties'][ $name ],
			);
		}
		return $settings;
	}

	/**
	 * Validates a proposed `site_settings` object: registered names only, each value valid for its schema.
	 *
	 * @param mixed  $value Raw value.
	 * @param string $path  Error path (`changes.site_settings`).
	 * @return array<string, mixed>|WP_Error
	 */
	public static function normalise( mixed $value, string $path ): array|WP_Error {
		if ( ! is_array( $value ) || array() === $value || array_is_list( $value ) ) {
			return ChangeSet::invalid( $path, __( 'site_settings must be an object of setting => value.', 'countersign' ) );
		}
		$registered = self::registered();
		$clean      = array();
		foreach ( $value as $name => $item ) {
			$name = (string) $name;
			if ( ! isset( $registered[ $name ] ) ) {
				/* translators: %s: setting name. */
				return ChangeSet::invalid( "{$path}.{$name}", sprintf( __( '%s is not a setting WordPress exposes through /wp/v2/settings.', 'countersign' ), $name ) );
			}
			$schema = $registered[ $name ]['schema'];
			unset( $schema['context'] );
			$valid = rest_validate_value_from_schema( $item, $schema, "{$path}.{$name}" );
			if ( is_wp_error( $valid ) ) {
				return ChangeSet::invalid( "{$path}.{$name}", $valid->get_error_message() );
			}
			$clean[ $name ] = rest_sanitize_value_from_schema( $item, $schema, "{$path}.{$name}" );
		}
		return $clean;
	}

	/**
	 * The current value of each named setting (as /wp/v2/settings reads it).
	 *
	 * @param array<string, mixed> $values Setting => anything (only the names are read).
	 * @return array<string, mixed>
	 */
	public static function current( array $values ): array {
		$registered = self::registered();
		$current    = array();
		foreach ( array_keys( $values ) as $name ) {
			$option = $registered[ $name ]['option'] ?? null;
			if ( null === $option ) {
				continue;
			}
			$raw              = get_option( $option, $registered[ $name ]['schema']['default'] ?? null );
			$current[ $name ] = is_scalar( $raw ) || is_array( $raw ) || null === $raw ? $raw : null;
		}
		return $current;
	}

	/**
	 * Writes settings through core (sanitize_option, the option hooks and the cache all run).
	 *
	 * @param array<string, mixed> $values Setting => value.
	 * @throws \RuntimeException When a name is no longer registered.
	 */
	public static function apply( array $values ): void {
		$registered = self::registered();
		foreach ( $values as $name => $value ) {
			if ( ! isset( $registered[ $name ] ) ) {
				/* translators: %s: setting name. */
				throw new \RuntimeException( sprintf( __( 'The setting %s is no longer registered.', 'countersign' ), $name ) );
			}
			update_option( $registered[ $name ]['option'], $value );
		}
	}

	/**
	 * Drops the cached copies of the settings after a write inside a transaction: update_option() caches the value it
	 * wrote before the commit, which with a shared object cache other servers would read (or keep after a rollback).
	 *
	 * @param array<string, mixed> $values Setting => anything (only the names are read).
	 */
	public static function forget( array $values ): void {
		$registered = self::registered();
		foreach ( array_keys( $values ) as $name ) {
			if ( isset( $registered[ $name ] ) ) {
				wp_cache_delete( $registered[ $name ]['option'], 'options' );
			}
		}
		wp_cache_delete( 'alloptions', 'options' );
		wp_cache_delete( 'notoptions', 'options' );
	}

	/**
	 * Whether a change set is a site-settings change.
	 *
	 * @param ChangeSet $changes Change set.
	 */
	public static function in( ChangeSet $changes ): bool {
		return array_key_exists( self::FIELD, $changes->fields() );
	}
}
