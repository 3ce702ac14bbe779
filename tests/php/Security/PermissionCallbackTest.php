<?php
/**
 * A static check: every Countersign route says who may call it.
 *
 * @package Countersign
 */

declare(strict_types=1);

namespace Countersign\Tests\Security;

use Countersign\Tests\TestCase;

/**
 * Fails the suite on any countersign/v1 endpoint without a permission_callback or with one that lets everyone
 * in, both as registered on the live server and as written in the source.
 */
final class PermissionCallbackTest extends TestCase {

	/**
	 * Callbacks that let everyone in.
	 */
	private const OPEN = array( '__return_true', '__return_null', '__return_empty_array', '__return_empty_string' );

	/**
	 * Every registered endpoint of the namespace has a real permission callback.
	 */
	public function test_every_registered_endpoint_has_a_permission_callback(): void {
		$problems  = array();
		$endpoints = 0;
		foreach ( rest_get_server()->get_routes( 'countersign/v1' ) as $route => $handlers ) {
			if ( '/countersign/v1' === $route ) {
				continue; // The namespace index, which core answers for every namespace.
			}
			foreach ( $handlers as $handler ) {
				++$endpoints;
				$methods  = implode( '|', array_keys( array_filter( (array) ( $handler['methods'] ?? array() ) ) ) );
				$callback = $handler['permission_callback'] ?? null;
				if ( null === $callback ) {
					$problems[] = "{$methods} {$route}: no permission_callback";
				} elseif ( ! is_callable( $callback ) ) {
					$problems[] = "{$methods} {$route}: permission_callback is not callable";
				} elseif ( is_string( $callback ) && in_array( strtolower( ltrim( $callback, '\\' ) ), self::OPEN, true ) ) {
					$problems[] = "{$methods} {$route}: permission_callback {$callback} lets everyone in";
				} elseif ( $callback instanceof \Closure && $this->always_true( $callback ) ) {
					$problems[] = "{$methods} {$route}: permission_callback is a closure that returns true";
				}
			}
		}
		// DESIGN §4 names 25 method+route pairs; fewer means a route went missing from the check.
		$this->assertGreaterThanOrEqual( 25, $endpoints );
		$this->assertSame( array(), $problems, implode( "\n", $problems ) );
	}

	/**
	 * Every register_rest_route call in includes/ passes a permission_callback that is not __return_true.
	 */
	public function test_every_register_rest_route_in_the_source_names_a_permission_callback(): void {
		$root  = dirname( __DIR__, 3 ) . '/includes';
		$files = new \RecursiveIteratorIterator( new \RecursiveDirectoryIterator( $root, \FilesystemIterator::SKIP_DOTS ) );
		$calls = 0;
		$bad   = array();
		foreach ( $files as $file ) {
			if ( 'php' !== $file->getExtension() ) {
				continue;
			}
			$source = (string) file_get_contents( $file->getPathname() ); // phpcs:ignore WordPress.WP.AlternativeFunctions.file_get_contents_file_get_contents
			if ( str_contains( $source, '__return_true' ) ) {
				$bad[] = $file->getPathname() . ': uses __return_true';
			}
			foreach ( $this->calls( $source, 'register_rest_route' ) as $offset => $arguments ) {
				++$calls;
				$line = substr_count( substr( $source, 0, $offset ), "\n" ) + 1;
				// Every endpoint array of the call carries its own permission_callback.
				$endpoints   = substr_count( $arguments, "'methods'" );
				$permissions = substr_count( $arguments, "'permission_callback'" );
				if ( 0 === $permissions || $permissions < $endpoints ) {
					$bad[] = sprintf( '%s:%d: %d endpoint(s), %d permission_callback(s)', $file->getPathname(), $line, $endpoints, $permissions );
				}
			}
		}
		$this->assertGreaterThanOrEqual( 10, $calls, 'The scan found too few register_rest_route calls to be looking in the right place.' );
		$this->assertSame( array(), $bad, implode( "\n", $bad ) );
	}

	/**
	 * The check itself fails on an open route: a throwaway route with __return_true is caught.
	 */
	public function test_the_check_catches_an_open_route(): void {
		$source = "<?php register_rest_route( 'countersign/v1', '/open', array( 'methods' => 'GET', 'callback' => 'x' ) );";
		$calls  = $this->calls( $source, 'register_rest_route' );
		$this->assertCount( 1, $calls );
		$this->assertSame( 0, substr_count( (string) reset( $calls ), "'permission_callback'" ) );
		$this->assertTrue( $this->always_true( static fn(): bool => true ) );
		$this->assertFalse( $this->always_true( static fn(): bool => current_user_can( 'edit_posts' ) ) );
	}

	/**
	 * The argument text of every call of a function, by offset, found with the tokenizer so nested parentheses
	 * and strings are handled.
	 *
	 * @param string $source   PHP source.
	 * @param string $function Function name.
	 * @return array<int, string>
	 */
	private function calls( string $source, string $function ): array {
		$tokens = token_get_all( $source );
		$found  = array();
		$offset = 0;
		$count  = count( $tokens );
		for ( $i = 0; $i < $count; $i++ ) {
			$text    = is_array( $tokens[ $i ] ) ? $tokens[ $i ][1] : $tokens[ $i ];
			$start   = $offset;
			$offset += strlen( $text );
			if ( ! is_array( $tokens[ $i ] ) || T_STRING !== $tokens[ $i ][0] || $function !== $text ) {
				continue;
			}
			$depth = 0;
			$args  = '';
			for ( $j = $i + 1; $j < $count; $j++ ) {
				$piece = is_array( $tokens[ $j ] ) ? $tokens[ $j ][1] : $tokens[ $j ];
				if ( '(' === $piece ) {
					++$depth;
				} elseif ( ')' === $piece ) {
					--$depth;
				}
				$args .= $piece;
				if ( 0 === $depth && ')' === $piece ) {
					break;
				}
			}
			if ( '' !== trim( $args ) && '(' === trim( $args )[0] ) {
				$found[ $start ] = $args;
			}
		}
		return $found;
	}

	/**
	 * Whether a closure's body is only `return true;` (or an arrow function of `true`).
	 *
	 * @param \Closure $closure Closure.
	 */
	private function always_true( \Closure $closure ): bool {
		$reflection = new \ReflectionFunction( $closure );
		$file       = (string) $reflection->getFileName();
		if ( '' === $file || ! is_readable( $file ) ) {
			return false;
		}
		$lines = array_slice( (array) file( $file ), $reflection->getStartLine() - 1, $reflection->getEndLine() - $reflection->getStartLine() + 1 );
		$body  = (string) preg_replace( '/\s+/', '', implode( '', array_map( 'strval', $lines ) ) );
		return (bool) preg_match( '/(fn\([^)]*\)(:bool|:true)?=>true[,);]|function\([^)]*\)(:bool|:true)?\{returntrue;\})/i', $body );
	}
}
