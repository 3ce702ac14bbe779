<?php
/**
 * The policy gate, cell by cell.
 *
 * @package Countersign
 */

declare(strict_types=1);

namespace Countersign\Tests\Policy;

use Countersign\Tests\TestCase;

/**
 * Every preset × role × operation × target state, submitted for real through POST /proposals.
 */
final class GateTest extends TestCase {

	/** DESIGN §3's presets, as data (custom gets create_edit only). */
	private const PRESET_GROUPS = array(
		'read_only'       => array( 'read' ),
		'seo_specialist'  => array( 'read', 'seo' ),
		'media_manager'   => array( 'read', 'media_manage' ),
		'draft_only'      => array( 'read', 'create_edit', 'media_manage', 'taxonomy', 'seo' ),
		'content_manager' => array( 'read', 'create_edit', 'publish', 'media_manage', 'taxonomy', 'authors', 'seo' ),
		'standard'        => array( 'read', 'create_edit', 'publish', 'media_manage', 'taxonomy', 'authors', 'seo' ),
		'full_access'     => array( 'read', 'create_edit', 'publish', 'trash_restore', 'media_manage', 'taxonomy', 'authors', 'seo' ),
		'custom'          => array( 'read', 'create_edit' ),
	);

	/** Operation => [changes, group on a draft, group on a published post, risk on a draft, risk on a published post]. */
	private const OPERATIONS = array(
		'title'     => array( array( 'title' => 'Matrix title' ), 'create_edit', 'create_edit', 2, 3 ),
		'content'   => array( array( 'content' => '<!-- wp:paragraph --><p>Matrix.</p><!-- /wp:paragraph -->' ), 'create_edit', 'create_edit', 2, 3 ),
		'excerpt'   => array( array( 'excerpt' => 'Matrix excerpt' ), 'create_edit', 'create_edit', 2, 3 ),
		'slug'      => array( array( 'slug' => 'matrix-slug' ), 'create_edit', 'create_edit', 2, 4 ),
		'publish'   => array( array( 'status' => 'publish' ), 'publish', 'publish', 4, 4 ),
		'unpublish' => array( array( 'status' => 'draft' ), 'create_edit', 'publish', 2, 4 ),
		'new_post'  => array( array( 'title' => 'Matrix new post' ), 'create_edit', 'create_edit', 2, 2 ),
	);

	/**
	 * What each role may do on its own post, by target state: null = allowed, else the error code. The agent
	 * authors the target, so the role's own-post capabilities decide.
	 */
	private const ROLE_VERDICTS = array(
		'contributor' => array(
			'draft'   => array( 'publish' => 'countersign_role_denies' ),
			'publish' => array( '*' => 'countersign_role_denies' ),
		),
		'author'      => array(
			'draft'   => array(),
			'publish' => array(),
		),
		'editor'      => array(
			'draft'   => array(),
			'publish' => array(),
		),
	);

	/**
	 * Walks the whole table: 8 presets × 3 roles × 7 operations × 2 target states.
	 */
	public function test_every_cell_of_the_matrix(): void {
		$cells = 0;
		$fails = array();
		foreach ( self::PRESET_GROUPS as $preset => $groups ) {
			foreach ( array_keys( self::ROLE_VERDICTS ) as $role ) {
				$agent = (int) $this->agent(
					array(
						'role'   => $role,
						'preset' => $preset,
						'groups' => 'custom' === $preset ? array( 'create_edit' ) : array(),
					)
				)['id'];
				foreach ( array( 'draft', 'publish' ) as $state ) {
					foreach ( self::OPERATIONS as $operation => list( $changes, $group_draft, $group_published, $risk_draft, $risk_published ) ) {
						$expected = $this->expected( $groups, $role, $state, $operation, 'draft' === $state ? $group_draft : $group_published );
						$risk     = 'draft' === $state ? $risk_draft : $risk_published;
						$actual   = $this->submit( $agent, $state, $operation, $changes, $risk );
						++$cells;
						if ( $expected !== $actual ) {
							$fails[] = "{$preset}/{$role}/{$state}/{$operation}: expected {$expected}, got {$actual}";
						}
					}
				}
			}
		}
		$this->assertSame( array(), $fails );
		$this->assertSame( 336, $cells );
	}

	/**
	 * The outcome the table says a cell must have.
	 *
	 * @param list<string> $groups    The preset's groups.
	 * @param string       $role      Role.
	 * @param string       $state     Target state.
	 * @param string       $operation Operation.
	 * @param string       $group     Group the operation needs.
	 */
	private function expected( array $groups, string $role, string $state, string $operation, string $group ): string {
		if ( 'new_post' === $operation && ! in_array( 'create_edit', $groups, true ) ) {
			return 'countersign_forbidden_group';
		}
		if ( 'new_post' !== $operation && ! in_array( $group, $groups, true ) ) {
			return 'countersign_forbidden_group';
		}
		$verdicts = self::ROLE_VERDICTS[ $role ][ $state ];
		$verdict  = 'new_post' === $operation ? null : ( $verdicts[ $operation ] ?? $verdicts['*'] ?? null );
		return $verdict ?? 'pending:' . ( 'new_post' === $operation ? 2 : ( 'draft' === $state ? self::OPERATIONS[ $operation ][3] : self::OPERATIONS[ $operation ][4] ) );
	}

	/**
	 * Submits one cell and returns `pending:RISK` or the error code. Risk 4 cells get a confirmation token first.
	 *
	 * @param int                   $agent     Agent.
	 * @param string                $state     Target state.
	 * @param string                $operation Operation.
	 * @param array<string, string> $changes   Changes.
	 * @param int                   $risk      Expected risk (decides whether a token is fetched).
	 */
	private function submit( int $agent, string $state, string $operation, array $changes, int $risk ): string {
		$post = 0;
		if ( 'new_post' !== $operation ) {
			$post = $this->post(
				array(
					'post_author' => $agent,
					'post_status' => $state,
				)
			);
		}
		$body = array(
			'post'    => $post,
			'changes' => $changes,
		);
		if ( $risk >= 4 ) {
			$intent = $this->rest( $agent, 'POST', '/countersign/v1/intents', $body )->get_data();
			$body['confirm_token'] = (string) ( $intent['token'] ?? '' );
		}
		$response = $this->propose( $agent, $body );
		$data     = $response->get_data();
		if ( 201 === $response->get_status() ) {
			return $data['status'] . ':' . $data['risk'];
		}
		return (string) ( $data['code'] ?? 'http_' . $response->get_status() );
	}
}
