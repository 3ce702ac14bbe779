<?php
/**
 * What an agent may do, operation by operation, as the Gate would judge it.
 *
 * @package Countersign
 */

declare(strict_types=1);

namespace Countersign\Policy;

use Countersign\Agents\Agent;
use Countersign\Proposals\ChangeSet;
use Countersign\Proposals\SiteSettings;
use WP_Error;
use WP_Post;

/**
 * GET /me's operations table. Each operation is an example change set (one per kind of change the change set
 * supports) on each kind of target it applies to; its group, risk, refusal, token and approval are the Gate's own
 * verdict on that change set (Gate::evaluate(), the code that decides real proposals), so this table holds no policy
 * of its own and cannot drift from what a proposal meets.
 *
 * The role layer is judged on a post that exists only in this request's object cache (one the agent wrote, and one
 * somebody else wrote), so core's map_meta_cap, and any plugin's, answers exactly as it would for a real post of that
 * type, status and author.
 */
final class Operations {

	/** Target kinds and the post status they stand for (null: a new post). */
	public const TARGETS = array(
		'new'       => null,
		'draft'     => 'draft',
		'published' => 'publish',
		'trash'     => 'trash',
	);

	/** The example's stand-in for an upload's reference (POST /media answers the real one). */
	public const EXAMPLE_REF = 'cs-upload-00000000000000000000000000000000';

	/** The example's stand-in for an attachment id (judged on an attachment somebody else uploaded). */
	public const EXAMPLE_ATTACHMENT = 0;

	/** Content that kses would change: what makes a proposal level 5. */
	private const UNFILTERED = "<!-- wp:html -->\n<script>document.title = 'x';</script>\n<!-- /wp:html -->";

	/**
	 * Constructor.
	 *
	 * @param Gate $gate The Gate, whose verdicts these are.
	 */
	public function __construct( private readonly Gate $gate ) {}

	/**
	 * Every operation for the agent on posts of a type.
	 *
	 * @param Agent  $agent     Agent.
	 * @param string $post_type Post type.
	 * @return array<string, array{fields: list<string>, example: array<string, mixed>|null, keys?: list<string>, taxonomies?: list<string>, params?: list<string>, allowed: bool, targets: array<string, array<string, mixed>>}>
	 */
	public function for_agent( Agent $agent, string $post_type ): array {
		$status = $this->gate->check_agent( $agent );
		$out    = array();
		foreach ( $this->catalogue( $agent, $post_type ) as $name => $operation ) {
			$judge   = function ( array $stored ) use ( $agent, $operation, $post_type, $status ): array {
				$targets = array();
				foreach ( $operation['targets'] as $target ) {
					$targets[ $target ] = $this->verdict( $agent, ChangeSet::from_stored( $stored ), $target, $post_type, $operation['unavailable'] ?? ( is_wp_error( $status ) ? $status : null ) );
				}
				return $targets;
			};
			$targets = isset( $operation['changes']['attachments'] )
				// Describing an attachment is judged on one somebody else uploaded, as real as the probe posts.
				? $this->on_probe_post( 'attachment', 'inherit', 0, fn( WP_Post $attachment ): array => $judge( array( 'attachments' => array( $attachment->ID => $operation['changes']['attachments'][ self::EXAMPLE_ATTACHMENT ] ) ) ) )
				: $judge( $operation['changes'] );
			$row = array(
				'fields'  => array_keys( $operation['changes'] ),
				'example' => isset( $operation['unavailable'] ) ? null : $operation['changes'],
			);
			foreach ( array( 'keys', 'taxonomies', 'params' ) as $extra ) {
				if ( isset( $operation[ $extra ] ) ) {
					$row[ $extra ] = $operation[ $extra ];
				}
			}
			$out[ $name ] = $row + array(
				'allowed' => in_array( true, array_column( $targets, 'allowed' ), true ),
				'targets' => $targets,
			);
		}
		return $out;
	}

	/**
	 * The operations: one example change set for each kind of change, and the targets it applies to.
	 *
	 * @param Agent  $agent     Agent (its creator is a valid example author).
	 * @param string $post_type Post type.
	 * @return array<string, array{changes: array<string, mixed>, targets: list<string>, keys?: list<string>, taxonomies?: list<string>, params?: list<string>, unavailable?: WP_Error}>
	 */
	private function catalogue( Agent $agent, string $post_type ): array {
		$edit       = array( 'draft', 'published' );
		$meta       = ChangeSet::rest_meta_keys( $post_type );
		$seo        = array_intersect_key( $meta, array_flip( ChangeSet::SEO_META_KEYS ) );
		$plain      = array_diff_key( $meta, $seo );
		$taxonomies = ChangeSet::rest_taxonomies( $post_type );
		$day        = DAY_IN_SECONDS;
		return array(
			'create_post'        => array(
				'changes' => array( 'title' => 'A new post' ),
				'targets' => array( 'new' ),
			),
			// Site settings (post 0): the settings /wp/v2/settings exposes, by name, in `keys`.
			'site_settings'      => array(
				'changes' => array( SiteSettings::FIELD => array( 'title' => 'A better site title' ) ),
				'targets' => array( 'new' ),
				'keys'    => array_keys( SiteSettings::registered() ),
			),
			// A clone (post 0 with clone_from) is a new post whose change set starts as the source's fields: judged
			// like create_post with what it copies (terms need taxonomy, a featured image media_manage).
			'clone_post'         => array(
				'changes' => array(
					'title'   => 'A copy of a post',
					'content' => "<!-- wp:paragraph -->\n<p>The copied words.</p>\n<!-- /wp:paragraph -->",
				),
				'targets' => array( 'new' ),
				'params'  => array( 'clone_from' ),
			),
			'title'              => array(
				'changes' => array( 'title' => 'A better title' ),
				'targets' => $edit,
			),
			'content'            => array(
				'changes' => array( 'content' => "<!-- wp:paragraph -->\n<p>Better words.</p>\n<!-- /wp:paragraph -->" ),
				'targets' => $edit,
			),
			'excerpt'            => array(
				'changes' => array( 'excerpt' => 'A short summary.' ),
				'targets' => $edit,
			),
			'slug'               => array(
				'changes' => array( 'slug' => 'a-better-slug' ),
				'targets' => $edit,
			),
			'date'               => array(
				'changes' => array( 'date' => gmdate( 'Y-m-d\TH:i:s\Z', time() - $day ) ),
				'targets' => $edit,
			),
			'author'             => array(
				'changes' => array( 'author' => $agent->created_by > 0 ? $agent->created_by : 1 ),
				'targets' => $edit,
			),
			'featured_media'     => array(
				'changes' => array( 'featured_media' => 0 ),
				'targets' => $edit,
			),
			'terms'              => $this->keyed(
				array( 'terms' => array_fill_keys( $taxonomies, array() ) ),
				$edit,
				'taxonomies',
				$taxonomies,
				'changes.terms'
			),
			'meta'               => $this->keyed(
				array( 'meta' => array_map( array( $this, 'meta_example' ), $plain ) ),
				$edit,
				'keys',
				array_map( 'strval', array_keys( $plain ) ),
				'changes.meta'
			),
			'seo_meta'           => $this->keyed(
				array( 'meta' => array() !== $seo ? array_map( array( $this, 'meta_example' ), $seo ) : array( ChangeSet::SEO_META_KEYS[0] => '' ) ),
				$edit,
				'keys',
				array_map( 'strval', array_keys( $seo ) ),
				'changes.meta'
			),
			'submit_for_review'  => array(
				'changes' => array( 'status' => 'pending' ),
				'targets' => array( 'draft' ),
			),
			'publish'            => array(
				'changes' => array( 'status' => 'publish' ),
				'targets' => array( 'draft' ),
			),
			'schedule'           => array(
				'changes' => array(
					'status' => 'future',
					'date'   => gmdate( 'Y-m-d\TH:i:s\Z', time() + $day ),
				),
				'targets' => array( 'draft' ),
			),
			'make_private'       => array(
				'changes' => array( 'status' => 'private' ),
				'targets' => array( 'draft' ),
			),
			'unpublish'          => array(
				'changes' => array( 'status' => 'draft' ),
				'targets' => array( 'published' ),
			),
			'trash'              => array(
				'changes' => array( 'status' => 'trash' ),
				'targets' => $edit,
			),
			'restore'            => array(
				'changes' => array( 'status' => 'draft' ),
				'targets' => array( 'trash' ),
			),
			'content_unfiltered' => array(
				'changes' => array( 'content' => self::UNFILTERED ),
				'targets' => $edit,
			),
			// An upload staged with POST /media (its ref here is a stand-in), into the library or onto a post.
			'upload_media'       => array(
				'changes' => array(
					'media' => array(
						array(
							'ref'   => self::EXAMPLE_REF,
							'title' => 'Opening day',
							'alt'   => 'Members planting tulips by the gate.',
						),
					),
				),
				'targets' => array( 'new', 'draft', 'published' ),
			),
			// Title, alt text, caption or description of attachments (the id here is a stand-in), one or many at once.
			'describe_media'     => array(
				'changes' => array( 'attachments' => array( self::EXAMPLE_ATTACHMENT => array( 'alt' => 'Members planting tulips by the gate.' ) ) ),
				'targets' => array( 'new' ),
			),
		);
	}

	/**
	 * An operation that needs registered keys (meta) or taxonomies (terms): without any, a proposal of it is an
	 * invalid payload, and the table says so.
	 *
	 * @param array<string, mixed> $changes Example changes.
	 * @param list<string>         $targets Targets.
	 * @param string               $what    `keys` or `taxonomies`.
	 * @param list<string>         $names   The registered keys or taxonomies.
	 * @param string               $field   Field path for the refusal.
	 * @return array{changes: array<string, mixed>, targets: list<string>, keys?: list<string>, taxonomies?: list<string>, unavailable?: WP_Error}
	 */
	private function keyed( array $changes, array $targets, string $what, array $names, string $field ): array {
		$operation = array(
			'changes' => $changes,
			'targets' => $targets,
			$what     => $names,
		);
		if ( array() === $names ) {
			$operation['unavailable'] = ChangeSet::invalid(
				$field,
				'keys' === $what
					? __( 'No meta key of this kind is registered with show_in_rest for this post type.', 'countersign' )
					: __( 'This post type has no taxonomy that shows in REST.', 'countersign' )
			);
		}
		return $operation;
	}

	/**
	 * A value a registered meta key accepts: its default, else the empty value of its type.
	 *
	 * @param array<string, mixed> $args Registration arguments.
	 */
	private function meta_example( array $args ): mixed {
		if ( empty( $args['single'] ) ) {
			return array();
		}
		if ( array_key_exists( 'default', $args ) ) {
			return $args['default'];
		}
		return match ( $args['type'] ?? 'string' ) {
			'integer', 'number' => 0,
			'boolean'           => false,
			'array'             => array(),
			'object'            => new \stdClass(),
			default             => '',
		};
	}

	/**
	 * The Gate's verdict on one operation for one kind of target: on a new post, or on an existing post the agent
	 * wrote and on one somebody else wrote (the role may allow one and not the other, or refuse them for different
	 * reasons), each in `by_author`. `allowed` says whether it is allowed on either, `scope` where, and `why_not`
	 * and `rule` give the first refusal (the agent's own post first), null when it is refused nowhere.
	 *
	 * @param Agent         $agent     Agent.
	 * @param ChangeSet     $changes   Example change set.
	 * @param string        $target    Target kind (a key of TARGETS).
	 * @param string        $post_type Post type.
	 * @param WP_Error|null $refused   A refusal that comes before the Gate's (the agent's status, an unusable payload).
	 * @return array<string, mixed>
	 */
	private function verdict( Agent $agent, ChangeSet $changes, string $target, string $post_type, ?WP_Error $refused ): array {
		$status = self::TARGETS[ $target ];
		if ( null === $status ) {
			$verdicts = array( 'any' => $this->gate->evaluate( $agent, $changes, null, $post_type ) );
		} else {
			$verdicts = array(
				'own'    => $this->on_probe_post( $post_type, $status, $agent->id, fn( WP_Post $post ) => $this->gate->evaluate( $agent, $changes, $post, $post_type ) ),
				'others' => $this->on_probe_post( $post_type, $status, 0, fn( WP_Post $post ) => $this->gate->evaluate( $agent, $changes, $post, $post_type ) ),
			);
		}
		$by_author = array();
		foreach ( $verdicts as $whose => $verdict ) {
			$refusal             = $refused ?? $verdict['refusal'];
			$data                = $refusal ? (array) $refusal->get_error_data() : array();
			$by_author[ $whose ] = array(
				'allowed' => null === $refusal,
				'why_not' => $refusal?->get_error_code(),
				'rule'    => isset( $data['rule'] ) ? (string) $data['rule'] : null,
			);
		}
		$allowed = array_keys( array_filter( $by_author, fn( array $row ): bool => $row['allowed'] ) );
		$denied  = current( array_filter( $by_author, fn( array $row ): bool => ! $row['allowed'] ) );
		$first   = reset( $verdicts );
		$row     = array(
			'groups'         => $first['groups'],
			'risk'           => $first['risk'],
			'risk_label'     => RiskPolicy::LABELS[ $first['risk'] ] ?? '',
			'allowed'        => array() !== $allowed,
			// Where it is allowed: any post (or the new one), only posts the agent wrote, only posts others wrote.
			'scope'          => array() === $allowed ? null : ( count( $allowed ) === count( $by_author ) ? 'any' : (string) $allowed[0] ),
			'why_not'        => $denied ? $denied['why_not'] : null,
			'rule'           => $denied ? $denied['rule'] : null,
			'needs_token'    => $first['needs_token'],
			'needs_approval' => $first['needs_approval'],
		);
		if ( null !== $status ) {
			$row['by_author'] = $by_author;
		}
		return $row;
	}

	/**
	 * Runs a check on a post of the given type, status and author that exists only in this request's object cache.
	 * Its id is far beyond any real post's and random, so no real post is shadowed and concurrent requests sharing a
	 * persistent cache do not see each other's; it is removed again at once.
	 *
	 * @template T
	 * @param string              $post_type Post type.
	 * @param string              $status    Post status.
	 * @param int                 $author    Author (0: somebody other than the agent).
	 * @param callable(WP_Post):T $check     The check.
	 * @return T
	 */
	private function on_probe_post( string $post_type, string $status, int $author, callable $check ): mixed {
		$id     = PHP_INT_MAX - random_int( 0, 1 << 40 );
		$object = (object) array(
			'ID'          => $id,
			'post_author' => (string) $author,
			'post_type'   => $post_type,
			'post_status' => $status,
			'post_parent' => 0,
			'filter'      => 'raw',
		);
		wp_cache_set( $id, $object, 'posts', MINUTE_IN_SECONDS );
		try {
			$post = get_post( $id );
			return $check( $post instanceof WP_Post ? $post : new WP_Post( $object ) );
		} finally {
			wp_cache_delete( $id, 'posts' );
			wp_cache_delete( $id, 'post_meta' );
		}
	}
}
