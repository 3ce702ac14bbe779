<?php
/**
 * An agent's Application Passwords.
 *
 * @package Countersign
 */

declare(strict_types=1);

namespace Countersign\Agents;

use WP_Application_Passwords;
use WP_Error;

/**
 * Issues and revokes the Application Passwords agents authenticate with.
 */
final class Credentials {

	public const APP_NAME = 'Countersign agent';

	/**
	 * Creates a new Application Password; the plain text is returned this once and never stored.
	 *
	 * @param Agent $agent Agent.
	 * @return string|WP_Error The password, formatted in groups of four.
	 */
	public function issue( Agent $agent ): string|WP_Error {
		$created = WP_Application_Passwords::create_new_application_password(
			$agent->id,
			array( 'name' => self::APP_NAME . ' (' . gmdate( 'Y-m-d H:i' ) . ')' )
		);
		if ( is_wp_error( $created ) ) {
			return $created;
		}
		return WP_Application_Passwords::chunk_password( $created[0] );
	}

	/**
	 * Deletes every Application Password of the agent.
	 *
	 * @param Agent $agent Agent.
	 * @return int How many were deleted.
	 */
	public function revoke_all( Agent $agent ): int {
		$deleted = WP_Application_Passwords::delete_all_application_passwords( $agent->id );
		return is_wp_error( $deleted ) ? 0 : (int) $deleted;
	}
}
