<?php
/**
 * The base of Countersign's WP-CLI commands.
 *
 * @package Countersign
 */

declare(strict_types=1);

namespace Countersign\Cli;

use Countersign\Rest\Controller;
use WP_CLI;

/**
 * Every command runs the same REST route the screens and agents use, as the user given with `--user=`, so the
 * same permission callbacks, Gate, Applier and audit apply; the CLI adds no second path to any decision.
 */
abstract class RestCommand {

	/**
	 * Runs a countersign/v1 route as the current user; prints the error (code, field) and exits on failure.
	 *
	 * @param string               $method HTTP method.
	 * @param string               $route  Route under /countersign/v1.
	 * @param array<string, mixed> $body   Query parameters (GET) or JSON body.
	 * @return array<mixed>
	 */
	protected function request( string $method, string $route, array $body = array() ): array {
		if ( 0 === get_current_user_id() ) {
			WP_CLI::error( __( 'Run this as a person: add --user=<login>.', 'countersign' ) );
		}
		$response = Controller::run_route( $method, $route, $body );
		if ( $response->is_error() ) {
			$error = $response->as_error();
			$data  = $error->get_error_data();
			$field = is_array( $data ) && isset( $data['field'] ) ? ', field ' . $data['field'] : '';
			WP_CLI::error( sprintf( '%s (%s%s)', $error->get_error_message(), $error->get_error_code(), $field ) );
		}
		// Nested objects (change sets) come back as stdClass: normalise to arrays.
		return (array) json_decode( (string) wp_json_encode( $response->get_data() ), true );
	}

	/**
	 * Prints items as a table, JSON, CSV or YAML (`--format`), nested values as JSON.
	 *
	 * @param list<array<string, mixed>> $items  Items.
	 * @param list<string>               $fields Columns.
	 * @param array<string, mixed>       $assoc  Command options.
	 */
	protected function output( array $items, array $fields, array $assoc ): void {
		$format = (string) ( $assoc['format'] ?? 'table' );
		if ( 'json' !== $format ) {
			$items = array_map( fn( array $item ): array => array_map( fn( $value ) => is_array( $value ) ? (string) wp_json_encode( $value ) : ( $value ?? '' ), $item ), $items );
		}
		WP_CLI\Utils\format_items( $format, $items, $fields );
	}
}
