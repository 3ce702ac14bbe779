<?php
/**
 * Helpers shared by the PHP benchmarks.
 *
 * @package Countersign
 */

declare(strict_types=1);

/**
 * The host (with port) the benchmarked site answers on, from COUNTERSIGN_BENCH_URL (bench/run.sh sets it), for
 * $_SERVER['HTTP_HOST'] before WordPress loads.
 */
function countersign_bench_host(): string {
	$url = getenv( 'COUNTERSIGN_BENCH_URL' );
	$url = is_string( $url ) && '' !== $url ? $url : 'http://localhost:8890';
	return (string) parse_url( $url, PHP_URL_HOST ) . ':' . (string) parse_url( $url, PHP_URL_PORT ); // phpcs:ignore WordPress.WP.AlternativeFunctions.parse_url_parse_url -- WordPress is not loaded yet.
}

/**
 * The p-th percentile (nearest rank) of a list of numbers.
 *
 * @param list<float> $values Values.
 * @param int         $p      Percentile, 0-100.
 */
function countersign_percentile( array $values, int $p ): float {
	sort( $values );
	return (float) $values[ (int) min( count( $values ) - 1, floor( $p / 100 * count( $values ) ) ) ];
}

/**
 * Writes benchmark rows for bench/report.mjs: each {group, name, ours, core|null, unit, target|null}. With a core
 * value the target is the highest acceptable ratio ours/core; without, it is the highest acceptable value.
 *
 * @param string                     $file JSON file.
 * @param list<array<string, mixed>> $rows Rows.
 */
function countersign_bench_write( string $file, array $rows ): void {
	file_put_contents( $file, (string) wp_json_encode( $rows, JSON_PRETTY_PRINT ) ); // phpcs:ignore WordPress.WP.AlternativeFunctions.file_system_operations_file_put_contents
}
