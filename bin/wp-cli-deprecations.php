<?php
/**
 * Loaded by bin/wp (`--require`): WP-CLI 2.4 and its libraries predate PHP 8.2 and raise deprecation notices on
 * every run; this hides those from vendor/ only, so Countersign's own code still reports everything.
 *
 * @package Countersign
 */

declare(strict_types=1);

set_error_handler( // phpcs:ignore WordPress.PHP.DevelopmentFunctions.prevent_path_disclosure_error_reporting -- CLI only.
	static fn( int $errno, string $errstr, string $errfile ): bool => str_contains( $errfile, '/vendor/' ),
	E_DEPRECATED
);
