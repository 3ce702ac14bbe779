<?php
/**
 * Static check: no Countersign route without a real permission callback.
 *
 * @package Countersign
 */

declare(strict_types=1);

namespace Countersign\Tests\Security;

use Countersign\Tests\TestCase;

/**
 * Fails the suite on any countersign/v1 endpoint registered without a `permission_callback`, or with
 * `__return_true`, both in the live route table and in the source of includes/.
 */
final class RoutePermissionsTest extends TestCase {

	/**
	 * Every endpoint of every countersign/v1 route has a callable permission callback that is not __return_true.
	 */
	public function test_every_registered_endpoint_has_a_permission_callback(): void {
		$routes = rest_get_server()->get_routes( 'countersign/v1' );
		unset( $routes['/countersign/v1'] );
		$this->assertGreaterThanOrEqual( 20, count( $routes ) );
		$endpoints = 0;
		$problems  = array();
		foreach ( $routes as $route => $handlers ) {
			foreach ( $handlers as $handler ) {
				++$endpoints;
				$problem = self::problem( $handler['permission_callback'] ?? null );
				if ( null !== $problem ) {
					$problems[] = $route . ' ' . implode( ',', array_keys( (array) $handler['methods'] ) ) . ': ' . $problem;
				}
			}
		}
		$this->assertGreaterThanOrEqual( 25, $endpoints );
		$this->assertSame( array(), $problems );
	}

	/**
	 * The check itself catches each way of getting it wrong.
	 */
	public function test_the_check_catches_a_missing_or_open_callback(): void {
		$this->assertSame( 'no permission_callback', self::problem( null ) );
		$this->assertSame( 'permission_callback is __return_true', self::problem( '__return_true' ) );
		$this->assertSame( 'permission_callback is not callable', self::problem( 'countersign_no_such_function' ) );
		$this->assertSame( 'permission_callback always allows', self::problem( fn() => true ) );
		$this->assertNull( self::problem( 'is_user_logged_in' ) );

		$this->assertSame( array( 1 ), self::unguarded_calls( "<?php register_rest_route( 'a', '/b', array( 'methods' => 'GET', 'callback' => 'f' ) );" ) );
		$this->assertSame( array( 1 ), self::unguarded_calls( "<?php register_rest_route( 'a', '/b', array( 'methods' => 'GET', 'callback' => 'f', 'permission_callback' => '__return_true' ) );" ) );
		$two = "<?php register_rest_route( 'a', '/b', array( array( 'methods' => 'GET', 'permission_callback' => 'g' ), array( 'methods' => 'POST' ) ) );";
		$this->assertSame( array( 1 ), self::unguarded_calls( $two ) );
		$this->assertSame( array(), self::unguarded_calls( "<?php register_rest_route( 'a', '/b', array( 'methods' => 'GET', 'callback' => 'f', 'permission_callback' => 'g' ) );" ) );
	}

	/**
	 * No register_rest_route call in includes/ lacks a permission_callback for one of its endpoints.
	 */
	public function test_no_route_in_the_source_lacks_a_permission_callback(): void {
		$files = new \RecursiveIteratorIterator( new \RecursiveDirectoryIterator( dirname( __DIR__, 3 ) . '/includes', \FilesystemIterator::SKIP_DOTS ) );
		$calls = 0;
		$bad   = array();
		foreach ( $files as $file ) {
			if ( 'php' !== $file->getExtension() ) {
				continue;
			}
			$source = (string) file_get_contents( $file->getPathname() ); // phpcs:ignore WordPress.WP.AlternativeFunctions.file_get_contents_file_get_contents -- a local source file.
			$calls += substr_count( $source, 'register_rest_route(' );
			foreach ( self::unguarded_calls( $source ) as $line ) {
				$bad[] = $file->getPathname() . ':' . $line;
			}
		}
		$this->assertGreaterThanOrEqual( 10, $calls );
		$this->assertSame( array(), $bad );
	}

	/**
	 * What is wrong with a permission callback, or null.
	 *
	 * @param mixed $callback The callback.
	 */
	private static function problem( mixed $callback ): ?string {
		if ( null === $callback ) {
			return 'no permission_callback';
		}
		if ( '__return_true' === $callback ) {
			return 'permission_callback is __return_true';
		}
		if ( ! is_callable( $callback ) ) {
			return 'permission_callback is not callable';
		}
		// A closure that returns true whatever it is asked: the same as __return_true.
		if ( $callback instanceof \Closure ) {
			$reflection = new \ReflectionFunction( $callback );
			$lines      = file( (string) $reflection->getFileName() );
			$body       = implode( '', array_slice( (array) $lines, $reflection->getStartLine() - 1, $reflection->getEndLine() - $reflection->getStartLine() + 1 ) );
			if ( preg_match( '/(=>|return)\s*true\b/', $body ) && ! preg_match( '/\bcan\b|_check|current_user/', $body ) ) {
				return 'permission_callback always allows';
			}
		}
		return null;
	}

	/**
	 * Lines of register_rest_route calls whose endpoints are not all given a permission_callback (or that use
	 * __return_true).
	 *
	 * @param string $source PHP source.
	 * @return list<int>
	 */
	private static function unguarded_calls( string $source ): array {
		$tokens = token_get_all( $source );
		$lines  = array();
		$count  = count( $tokens );
		for ( $i = 0; $i < $count; $i++ ) {
			if ( ! is_array( $tokens[ $i ] ) || T_STRING !== $tokens[ $i ][0] || 'register_rest_route' !== $tokens[ $i ][1] ) {
				continue;
			}
			$line  = $tokens[ $i ][2];
			$depth = 0;
			$text  = '';
			for ( $j = $i + 1; $j < $count; $j++ ) {
				$value = is_array( $tokens[ $j ] ) ? $tokens[ $j ][1] : $tokens[ $j ];
				if ( '(' === $value ) {
					++$depth;
				} elseif ( ')' === $value ) {
					--$depth;
				}
				$text .= $value;
				if ( 0 === $depth && ')' === $value ) {
					break;
				}
			}
			$methods = substr_count( $text, "'methods'" );
			$guards  = substr_count( $text, "'permission_callback'" );
			if ( 0 === $guards || $guards < $methods || str_contains( $text, '__return_true' ) ) {
				$lines[] = $line;
			}
		}
		return $lines;
	}
}
