<?php
/**
 * Audit benchmarks, in one run on the benchmark site:
 *  - append cost: a proposal submit's time with its audit rows vs the same submit's time minus those appends;
 *  - verify time for N rows (default 1,000,000), and streamed CSV export of them with peak PHP memory.
 *
 * Usage: php -d opcache.enable_cli=1 bench/audit.php WORDPRESS_DIR [ROWS] [OUT_JSON]
 *
 * @package Countersign
 */

declare(strict_types=1);

[ , $countersign_wp ] = $argv;
$countersign_rows     = (int) ( $argv[2] ?? 1000000 );
$_SERVER['HTTP_HOST'] = 'localhost:8890';
require $countersign_wp . '/wp-load.php';
require __DIR__ . '/bench.php';

use Countersign\Audit\AuditExport;
use Countersign\Audit\AuditLog;
use Countersign\Install\Schema;
use Countersign\Plugin;

$countersign = Plugin::instance();
global $wpdb;
$countersign_table = $countersign->schema->table( Schema::AUDIT );

// 1. Append cost against a whole submit (in-process dispatch, no HTTP noise).
wp_set_current_user( 1 );
$countersign_request = new WP_REST_Request( 'POST', '/countersign/v1/agents' );
$countersign_request->set_body_params( array( 'label' => 'Audit bench', 'role' => 'editor', 'preset' => 'content_manager', 'rate_limit' => 100000, 'daily_proposal_budget' => 100000 ) );
$countersign_agent = rest_do_request( $countersign_request )->get_data();
$countersign_post  = wp_insert_post( array( 'post_title' => 'Audit bench', 'post_status' => 'draft', 'post_content' => 'x' ) );
wp_set_current_user( (int) $countersign_agent['id'] );
$countersign_n = 300;
$countersign_t = hrtime( true );
for ( $i = 0; $i < $countersign_n; $i++ ) {
	$countersign_r = new WP_REST_Request( 'POST', '/countersign/v1/proposals' );
	$countersign_r->set_body_params( array( 'post' => $countersign_post, 'changes' => array( 'title' => "T{$i}" ), 'rationale' => 'bench' ) );
	$countersign_response = rest_get_server()->dispatch( $countersign_r );
	apply_filters( 'rest_post_dispatch', $countersign_response, rest_get_server(), $countersign_r );
}
$countersign_submit = ( hrtime( true ) - $countersign_t ) / 1e6 / $countersign_n;
$countersign_t      = hrtime( true );
for ( $i = 0; $i < $countersign_n; $i++ ) {
	$countersign->audit->append( 'bench.append', array( 'details' => array( 'i' => $i ) ) );
}
$countersign_append = ( hrtime( true ) - $countersign_t ) / 1e6 / $countersign_n;
// Each submit writes two rows: the proposal.submitted row and the request row.
printf( "submit %.2f ms (2 audit rows); append %.2f ms; submit with audit / without: %.2fx\n", $countersign_submit, $countersign_append, $countersign_submit / max( 0.001, $countersign_submit - 2 * $countersign_append ) );

// 2. Grow the chain to N rows with valid hashes (bulk insert, as appends would, but fast).
$countersign_have = (int) $wpdb->get_var( "SELECT COUNT(*) FROM {$countersign_table}" );
$countersign_prev = (string) $wpdb->get_var( "SELECT hash FROM {$countersign_table} ORDER BY id DESC LIMIT 1" );
$countersign_t    = hrtime( true );
$wpdb->query( 'START TRANSACTION' );
for ( $i = $countersign_have; $i < $countersign_rows; $i += 1000 ) {
	$countersign_values = array();
	for ( $j = $i; $j < min( $countersign_rows, $i + 1000 ); $j++ ) {
		$countersign_row  = array(
			'created_at'  => gmdate( 'Y-m-d H:i:s' ) . '.000000',
			'actor_type'  => 'agent',
			'actor_id'    => 7,
			'agent_id'    => 7,
			'action'      => 'request',
			'object_type' => 'route',
			'object_id'   => 0,
			'proposal_id' => 0,
			'outcome'     => 'ok',
			'ip'          => '127.0.0.1',
			'request_id'  => '00000000-0000-4000-8000-000000000000',
			'details'     => '{"method":"GET","route":"/countersign/v1/me","status":200,"code":null}',
		);
		$countersign_hash = AuditLog::hash_row( $countersign_row, $countersign_prev );
		$countersign_values[] = $wpdb->prepare( '(%s,%s,%d,%d,%s,%s,%d,%d,%s,%s,%s,%s,%s,%s)', array_merge( array_values( $countersign_row ), array( $countersign_prev, $countersign_hash ) ) );
		$countersign_prev = $countersign_hash;
	}
	$wpdb->query( "INSERT INTO {$countersign_table} (created_at, actor_type, actor_id, agent_id, action, object_type, object_id, proposal_id, outcome, ip, request_id, details, prev_hash, hash) VALUES " . implode( ',', $countersign_values ) ); // phpcs:ignore
}
$wpdb->query( 'COMMIT' );
printf( "seeded %d rows in %.1f s\n", $countersign_rows, ( hrtime( true ) - $countersign_t ) / 1e9 );

// 3. Verify.
$countersign_t = hrtime( true );
$countersign_v      = $countersign->audit_verifier->verify();
$countersign_verify = ( hrtime( true ) - $countersign_t ) / 1e9;
printf( "verify: %d rows in %.1f s, ok=%s (target <= 30 s)\n", $countersign_v['verified'], $countersign_verify, $countersign_v['ok'] ? 'yes' : 'no' );

// 4. CSV export, streamed to /dev/null, with peak memory.
$countersign_before = memory_get_peak_usage( true );
$countersign_null   = fopen( '/dev/null', 'wb' );
$countersign_t      = hrtime( true );
$countersign_n      = ( new AuditExport( $wpdb ) )->stream( array(), 'csv', $countersign_null );
printf( "csv export: %d rows in %.1f s, peak PHP memory %.1f MB (before export %.1f MB; target <= 64 MB)\n", $countersign_n, ( hrtime( true ) - $countersign_t ) / 1e9, memory_get_peak_usage( true ) / 1048576, $countersign_before / 1048576 );

if ( isset( $argv[3] ) ) {
	countersign_bench_write(
		$argv[3],
		array(
			array(
				'group'  => 'Audit log',
				'name'   => 'Proposal submit with its audit rows vs without (in-process)',
				'ours'   => $countersign_submit,
				'core'   => $countersign_submit - 2 * $countersign_append,
				'unit'   => 'ms',
				'target' => null,
			),
			array(
				'group'  => 'Audit log',
				'name'   => sprintf( 'Verify %s rows', number_format( $countersign_v['verified'] ) ),
				'ours'   => $countersign_verify,
				'core'   => null,
				'unit'   => 's',
				'target' => 30,
			),
			array(
				'group'  => 'Audit log',
				'name'   => sprintf( 'CSV export of %s rows, peak PHP memory', number_format( $countersign_n ) ),
				'ours'   => memory_get_peak_usage( true ) / 1048576,
				'core'   => null,
				'unit'   => 'MB',
				'target' => 64,
			),
		)
	);
}
