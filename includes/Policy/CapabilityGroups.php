<?php
/**
 * Which capability group and core capability each change needs.
 *
 * @package Countersign
 */

declare(strict_types=1);

namespace Countersign\Policy;

/**
 * Maps change-set fields onto DESIGN §3's capability groups and onto the core capability the agent's role must
 * hold on the target.
 */
final class CapabilityGroups {

	/**
	 * The group a field's change needs.
	 *
	 * @param string $field Field.
	 * @param string $value Proposed value.
	 * @param string $from  Target's current status ('' for a new post).
	 */
	public function group_for( string $field, string $value, string $from ): string {
		if ( 'status' !== $field ) {
			return 'create_edit';
		}
		if ( in_array( $value, array( 'publish', 'future', 'private' ), true ) ) {
			return 'publish';
		}
		if ( in_array( $from, array( 'publish', 'future', 'private' ), true ) ) {
			return 'publish';
		}
		return 'create_edit';
	}

	/**
	 * The core meta capability the role needs for the field on an existing post.
	 *
	 * @param string $field Field.
	 * @param string $value Proposed value.
	 * @return list<string>
	 */
	public function core_caps_for( string $field, string $value ): array {
		if ( 'status' === $field && in_array( $value, array( 'publish', 'future', 'private' ), true ) ) {
			return array( 'edit_post', 'publish_post' );
		}
		return array( 'edit_post' );
	}
}
