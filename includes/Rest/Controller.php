<?php
/**
 * Shared pieces of Countersign's REST controllers.
 *
 * @package Countersign
 */

declare(strict_types=1);

namespace Countersign\Rest;

use Countersign\Agents\Agent;
use Countersign\Agents\AgentRepository;
use Countersign\Policy\Gate;
use WP_Error;
use WP_REST_Controller;
use WP_REST_Request;
use WP_REST_Response;

/**
 * Base controller: namespace, who-is-asking checks, and list responses with pagination headers.
 */
abstract class Controller extends WP_REST_Controller {

	public const NAMESPACE = 'countersign/v1';

	/** The highest page a list computes an offset for (100 items a page: far past any real list). */
	private const MAX_PAGE = 1000000000;

	/** Post types an agent may never target. */
	private const INTERNAL_TYPES = array( 'attachment', 'revision', 'nav_menu_item', 'custom_css', 'customize_changeset', 'oembed_cache', 'user_request', 'wp_block', 'wp_template', 'wp_template_part', 'wp_global_styles', 'wp_navigation', 'wp_font_family', 'wp_font_face' );

	/**
	 * Constructor.
	 *
	 * @param AgentRepository $agents Agents.
	 */
	public function __construct( protected readonly AgentRepository $agents ) {
		$this->namespace = self::NAMESPACE;
	}

	/**
	 * The agent making this request, or null.
	 */
	protected function current_agent(): ?Agent {
		return $this->agents->find( get_current_user_id() );
	}

	/**
	 * Permission: the caller is an agent.
	 *
	 * @return true|WP_Error
	 */
	public function agent_permissions_check(): true|WP_Error {
		if ( ! is_user_logged_in() ) {
			return new WP_Error( 'rest_forbidden', __( 'Authenticate with the agent\'s Application Password.', 'countersign' ), array( 'status' => rest_authorization_required_code() ) );
		}
		if ( null === $this->current_agent() ) {
			return new WP_Error( 'countersign_not_agent', __( 'Only agents use this route.', 'countersign' ), array( 'status' => 403 ) );
		}
		return true;
	}

	/**
	 * Whether agents may propose changes to posts of a type: public post types with REST support, minus core
	 * internals.
	 *
	 * @param string $post_type Post type.
	 */
	protected function is_allowed_type( string $post_type ): bool {
		$type = get_post_type_object( $post_type );
		return null !== $type && $type->public && $type->show_in_rest && ! in_array( $post_type, self::INTERNAL_TYPES, true );
	}

	/**
	 * Permission: the caller holds a capability (never true for agents: the write-strip removes it).
	 *
	 * @param string $cap Capability.
	 * @return true|WP_Error
	 */
	protected function require_cap( string $cap ): true|WP_Error {
		return current_user_can( $cap ) ? true : $this->forbidden();
	}

	/**
	 * The standard refusal for people without the capability: 401 when logged out, 403 otherwise.
	 */
	protected function forbidden(): WP_Error {
		return new WP_Error( 'rest_forbidden', __( 'Sorry, you are not allowed to do that.', 'countersign' ), array( 'status' => rest_authorization_required_code() ) );
	}

	/**
	 * A list response with X-WP-Total and X-WP-TotalPages.
	 *
	 * @param list<mixed> $items    Items, already prepared.
	 * @param int         $total    Total matching.
	 * @param int         $per_page Per page.
	 */
	protected function list_response( array $items, int $total, int $per_page ): WP_REST_Response {
		$response = rest_ensure_response( $items );
		$response->header( 'X-WP-Total', (string) $total );
		$response->header( 'X-WP-TotalPages', (string) (int) ceil( $total / max( 1, $per_page ) ) );
		return $response;
	}

	/**
	 * Validated page and per_page (at most 100).
	 *
	 * @param WP_REST_Request $request Request.
	 * @return array{0: int, 1: int}|WP_Error
	 */
	protected function pagination( WP_REST_Request $request ): array|WP_Error {
		$page     = $request->get_param( 'page' ) ?? 1;
		$per_page = $request->get_param( 'per_page' ) ?? 20;
		if ( ! ( is_int( $page ) || ( is_string( $page ) && ctype_digit( $page ) ) ) || (int) $page < 1 ) {
			return $this->invalid( 'page', __( 'page must be a positive integer.', 'countersign' ) );
		}
		if ( ! is_numeric( $per_page ) || (int) $per_page < 1 || (int) $per_page > 100 ) {
			return $this->invalid( 'per_page', __( 'per_page must be between 1 and 100.', 'countersign' ) );
		}
		// Any page beyond this is past the end of every list; the cap keeps the offset from overflowing into page 1.
		return array( min( (int) $page, self::MAX_PAGE ), (int) $per_page );
	}

	/**
	 * 404 for a target post that does not exist or is not a type agents may change, naming the field `post`.
	 */
	protected function post_not_found(): WP_Error {
		return Gate::unknown_post();
	}

	/**
	 * An invalid-payload error (400) naming the field.
	 *
	 * @param string $field   Field.
	 * @param string $message Message.
	 */
	protected function invalid( string $field, string $message ): WP_Error {
		return new WP_Error(
			'countersign_invalid_payload',
			$message,
			array(
				'status' => 400,
				'field'  => $field,
			)
		);
	}

	/**
	 * An optional non-negative integer parameter.
	 *
	 * @param WP_REST_Request $request Request.
	 * @param string          $name    Parameter.
	 * @return int|null|WP_Error
	 */
	protected function int_param( WP_REST_Request $request, string $name ): int|null|WP_Error {
		$value = $request->get_param( $name );
		if ( null === $value || '' === $value ) {
			return null;
		}
		if ( ! is_numeric( $value ) || (int) $value < 0 || (string) (int) $value !== (string) $value && ! is_int( $value ) ) {
			/* translators: %s: parameter name. */
			return $this->invalid( $name, sprintf( __( '%s must be a non-negative integer.', 'countersign' ), $name ) );
		}
		return (int) $value;
	}

	/**
	 * Runs one of Countersign's routes inside this PHP request, as the current user, with every permission
	 * callback and hook of a real request (the Abilities and WP-CLI use it, so they add no second path).
	 *
	 * @param string               $method HTTP method.
	 * @param string               $route  Route under the namespace, e.g. `/proposals`.
	 * @param array<string, mixed> $params Query parameters (GET) or the JSON body.
	 */
	public static function run_route( string $method, string $route, array $params = array() ): WP_REST_Response {
		$request = new WP_REST_Request( $method, '/' . self::NAMESPACE . $route );
		if ( 'GET' === $method ) {
			$request->set_query_params( $params );
		} else {
			$request->set_header( 'content-type', 'application/json' );
			$request->set_body( (string) wp_json_encode( (object) $params ) );
		}
		return rest_do_request( $request );
	}
}
