<?php
/**
 * `wp countersign audit`.
 *
 * @package Countersign
 */

declare(strict_types=1);

namespace Countersign\Cli;

use Countersign\Audit\AuditExport;
use Countersign\Policy\Capabilities;
use WP_CLI;

/**
 * Verifies and exports the audit log. Needs `--user=` someone with `countersign_audit`.
 */
final class AuditCommand extends RestCommand {

	/**
	 * Constructor.
	 *
	 * @param AuditExport $export The streamed exporter.
	 */
	public function __construct( private readonly AuditExport $export ) {}

	/**
	 * Verifies the hash chain and that the log still reaches its anchored head (and, with --head, a head exported
	 * earlier); exits 1 naming the first row that does not verify, or saying the log was cut short.
	 *
	 * ## OPTIONS
	 *
	 * [--head=<file>]
	 * : A head saved from GET /countersign/v1/audit/head (or the Audit screen's Export head), as JSON.
	 *
	 * [--format=<format>]
	 * : table or json.
	 * ---
	 * default: table
	 * ---
	 *
	 * ## EXAMPLES
	 *
	 *     wp countersign audit verify --head=countersign-audit-head.json --user=admin
	 *
	 * @param list<string>         $args  Positional arguments.
	 * @param array<string, mixed> $assoc Options.
	 */
	public function verify( array $args, array $assoc ): void {
		$body = array();
		if ( isset( $assoc['head'] ) ) {
			$file = (string) $assoc['head'];
			$json = is_readable( $file ) ? file_get_contents( $file ) : false; // phpcs:ignore WordPress.WP.AlternativeFunctions.file_get_contents_file_get_contents -- a local file named on the command line.
			if ( false === $json ) {
				/* translators: %s: file name. */
				WP_CLI::error( sprintf( __( 'Cannot read %s.', 'countersign' ), $file ) );
			}
			$head = json_decode( (string) $json, true );
			if ( ! is_array( $head ) ) {
				/* translators: %s: file name. */
				WP_CLI::error( sprintf( __( '%s is not an exported head (JSON).', 'countersign' ), $file ) );
			}
			$body['head'] = $head;
		}
		$result = $this->request( array() === $body ? 'GET' : 'POST', '/audit/verify', $body );
		$this->output( array( $result ), array_keys( $result ), $assoc );
		if ( ! empty( $result['ok'] ) ) {
			return;
		}
		if ( is_array( $result['fork'] ?? null ) ) {
			WP_CLI::error( sprintf( /* translators: 1: audit row id, 2: audit row id */ __( 'The chain forks at row %1$d: it chains onto row %2$d (0: the start), which another row already follows.', 'countersign' ), (int) $result['fork']['id'], (int) $result['fork']['onto'] ) );
		}
		if ( null !== ( $result['first_bad'] ?? null ) ) {
			WP_CLI::error( sprintf( /* translators: %d: audit row id */ __( 'The chain breaks at row %d.', 'countersign' ), (int) $result['first_bad'] ) );
		}
		WP_CLI::error( __( 'The log does not reach its anchored head (or the head given): entries were deleted from its end, the table was wiped, or the anchor was tampered with.', 'countersign' ) );
	}

	/**
	 * Prints the log's signed head as JSON, to keep outside the site (a cron job can mail it or copy it off-site)
	 * and check later with `verify --head=<file>`.
	 *
	 * ## EXAMPLES
	 *
	 *     wp countersign audit head --user=admin > countersign-audit-head.json
	 *
	 * @param list<string>         $args  Positional arguments.
	 * @param array<string, mixed> $assoc Options.
	 */
	public function head( array $args, array $assoc ): void {
		WP_CLI::line( (string) wp_json_encode( $this->request( 'GET', '/audit/head' ), JSON_UNESCAPED_SLASHES ) );
	}

	/**
	 * Streams the audit log to standard output, row by row.
	 *
	 * ## OPTIONS
	 *
	 * [--format=<format>]
	 * : csv or json.
	 * ---
	 * default: csv
	 * ---
	 *
	 * [--agent=<id>]
	 * : Only this agent's rows.
	 *
	 * [--action=<action>]
	 * : Only this action (e.g. proposal.approved).
	 *
	 * [--outcome=<outcome>]
	 * : Only this outcome.
	 *
	 * [--from=<date>]
	 * : From this date (UTC).
	 *
	 * [--to=<date>]
	 * : Until this date (UTC).
	 *
	 * @param list<string>         $args  Positional arguments.
	 * @param array<string, mixed> $assoc Options.
	 */
	public function export( array $args, array $assoc ): void {
		if ( ! current_user_can( Capabilities::AUDIT ) ) {
			WP_CLI::error( __( 'Reading the audit log needs the countersign_audit capability: add --user=<login> of someone who has it.', 'countersign' ) );
		}
		$format = (string) ( $assoc['format'] ?? 'csv' );
		if ( ! in_array( $format, array( 'csv', 'json' ), true ) ) {
			WP_CLI::error( __( 'The format is csv or json.', 'countersign' ) );
		}
		$filters = array_map( 'sanitize_text_field', array_intersect_key( $assoc, array_flip( array( 'agent', 'action', 'outcome', 'from', 'to' ) ) ) );
		$out     = fopen( 'php://stdout', 'wb' );
		if ( false === $out ) {
			WP_CLI::error( 'Cannot write to standard output.' );
		}
		$this->export->stream( $filters, $format, $out );
	}
}
