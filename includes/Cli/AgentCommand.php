<?php
/**
 * `wp countersign agent`.
 *
 * @package Countersign
 */

declare(strict_types=1);

namespace Countersign\Cli;

use WP_CLI;

/**
 * Lists, creates, pauses, resumes and revokes agents, and changes their preset. Needs `--user=` an administrator.
 */
final class AgentCommand extends RestCommand {

	private const FIELDS = array( 'id', 'label', 'user_login', 'role', 'preset', 'status', 'autonomy', 'rate_limit', 'daily_proposal_budget', 'last_seen_at' );

	/**
	 * Lists agents.
	 *
	 * ## OPTIONS
	 *
	 * [--format=<format>]
	 * : table, json, csv or yaml.
	 * ---
	 * default: table
	 * ---
	 *
	 * @subcommand list
	 *
	 * @param list<string>         $args  Positional arguments.
	 * @param array<string, mixed> $assoc Options.
	 */
	public function list_( array $args, array $assoc ): void {
		$this->output( array_values( $this->request( 'GET', '/agents' ) ), self::FIELDS, $assoc );
	}

	/**
	 * Creates an agent: its own WordPress user and an Application Password, printed once.
	 *
	 * ## OPTIONS
	 *
	 * --label=<label>
	 * : Name people see.
	 *
	 * [--role=<role>]
	 * : contributor, author or editor.
	 * ---
	 * default: author
	 * ---
	 *
	 * [--preset=<preset>]
	 * : One of the presets (see the Agents screen).
	 * ---
	 * default: content_writer
	 * ---
	 *
	 * [--autonomy=<autonomy>]
	 * : supervised or autonomous.
	 *
	 * [--color=<hex>]
	 * : Colour of the agent's chip.
	 *
	 * [--description=<text>]
	 * : What the agent does.
	 *
	 * [--format=<format>]
	 * : text or json.
	 * ---
	 * default: text
	 * ---
	 *
	 * @param list<string>         $args  Positional arguments.
	 * @param array<string, mixed> $assoc Options.
	 */
	public function create( array $args, array $assoc ): void {
		$body  = array_intersect_key( $assoc, array_flip( array( 'label', 'role', 'preset', 'autonomy', 'color', 'description' ) ) );
		$agent = $this->request( 'POST', '/agents', $body );
		if ( 'json' === ( $assoc['format'] ?? 'text' ) ) {
			WP_CLI::line( (string) wp_json_encode( $agent ) );
			return;
		}
		WP_CLI::success( sprintf( /* translators: 1: label, 2: user id, 3: login, 4: preset */ __( 'Created %1$s (user %2$d, login %3$s, preset %4$s).', 'countersign' ), (string) $agent['label'], (int) $agent['id'], (string) $agent['user_login'], (string) $agent['preset'] ) );
		WP_CLI::line( sprintf( /* translators: %s: password */ __( 'Application Password (shown only this once): %s', 'countersign' ), (string) $agent['application_password'] ) );
	}

	/**
	 * Pauses an agent: its requests are refused until resumed.
	 *
	 * <id>
	 * : Agent user id.
	 *
	 * @param list<string>         $args  Positional arguments.
	 * @param array<string, mixed> $assoc Options.
	 */
	public function pause( array $args, array $assoc ): void {
		$this->act( (int) $args[0], 'pause' );
	}

	/**
	 * Resumes a paused agent.
	 *
	 * <id>
	 * : Agent user id.
	 *
	 * @param list<string>         $args  Positional arguments.
	 * @param array<string, mixed> $assoc Options.
	 */
	public function resume( array $args, array $assoc ): void {
		$this->act( (int) $args[0], 'resume' );
	}

	/**
	 * Revokes an agent for good: Application Passwords deleted, pending proposals withdrawn.
	 *
	 * <id>
	 * : Agent user id.
	 *
	 * [--yes]
	 * : Skip the confirmation.
	 *
	 * @param list<string>         $args  Positional arguments.
	 * @param array<string, mixed> $assoc Options.
	 */
	public function revoke( array $args, array $assoc ): void {
		WP_CLI::confirm( __( 'Revoke this agent? Its pending proposals are withdrawn; this cannot be undone.', 'countersign' ), $assoc );
		$this->act( (int) $args[0], 'revoke' );
	}

	/**
	 * Changes an agent's preset. Widening it rotates the agent's credentials: the new password is printed once.
	 *
	 * <id>
	 * : Agent user id.
	 *
	 * <preset>
	 * : The new preset.
	 *
	 * @param list<string>         $args  Positional arguments.
	 * @param array<string, mixed> $assoc Options.
	 */
	public function preset( array $args, array $assoc ): void {
		$agent = $this->request( 'PUT', '/agents/' . (int) $args[0], array( 'preset' => (string) $args[1] ) );
		WP_CLI::success( sprintf( /* translators: 1: agent label, 2: preset */ __( '%1$s now has the %2$s preset.', 'countersign' ), (string) $agent['label'], (string) $agent['preset'] ) );
		if ( ! empty( $agent['application_password'] ) ) {
			WP_CLI::line( sprintf( /* translators: %s: password */ __( 'The preset widened, so the credentials were rotated. New Application Password (shown once): %s', 'countersign' ), (string) $agent['application_password'] ) );
		}
	}

	/**
	 * Runs a state action on an agent and reports its new status.
	 *
	 * @param int    $id     Agent.
	 * @param string $action pause, resume or revoke.
	 */
	private function act( int $id, string $action ): void {
		$agent = $this->request( 'POST', "/agents/{$id}/{$action}" );
		WP_CLI::success( sprintf( /* translators: 1: agent label, 2: status */ __( '%1$s is %2$s.', 'countersign' ), (string) $agent['label'], (string) $agent['status'] ) );
	}
}
