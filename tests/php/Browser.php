<?php
/**
 * A browser's cookies against the test site, for what only a signed-in browser does.
 *
 * @package Countersign
 */

declare(strict_types=1);

namespace Countersign\Tests;

/**
 * A browser's view of the site: cookies kept across requests (as a browser keeps them, ignoring paths), signed in
 * through wp-login.php, REST requests with the nonce the block editor would send.
 */
final class Browser {

	/**
	 * Cookies by name.
	 *
	 * @var array<string, string>
	 */
	private array $cookies = array( 'wordpress_test_cookie' => 'WP%20Cookie%20check' );

	/**
	 * The REST nonce.
	 *
	 * @var string
	 */
	private string $nonce = '';

	/**
	 * Signs in through the login form; whether the site set the signed-in cookie.
	 *
	 * @param string $login    User login.
	 * @param string $password Password.
	 */
	public function log_in( string $login, string $password ): bool {
		$this->send(
			0,
			'POST',
			'/wp-login.php',
			http_build_query(
				array(
					'log'        => $login,
					'pwd'        => $password,
					'testcookie' => 1,
				)
			),
			array( 'Content-Type: application/x-www-form-urlencoded' )
		);
		return (bool) array_filter( array_keys( $this->cookies ), fn( string $name ): bool => str_starts_with( $name, 'wordpress_logged_in_' ) );
	}

	/**
	 * Asks the site for a REST nonce (admin-ajax's rest-nonce); whether the session was recognised.
	 */
	public function nonce(): bool {
		$answer      = $this->send( 1, 'GET', '/wp-admin/admin-ajax.php?action=rest-nonce' );
		$this->nonce = 200 === $answer['status'] && preg_match( '/^[a-f0-9]{10}$/', $answer['body'] ) ? $answer['body'] : '';
		return '' !== $this->nonce;
	}

	/**
	 * Whether the browser holds a cookie.
	 *
	 * @param string $name Cookie.
	 */
	public function has( string $name ): bool {
		return isset( $this->cookies[ $name ] );
	}

	/**
	 * A REST request under /wp-json with the nonce and the cookies (but those in $without).
	 *
	 * @param int                       $server  Web server index.
	 * @param string                    $method  Method.
	 * @param string                    $path    Path under /wp-json.
	 * @param array<string, mixed>|null $body    JSON body.
	 * @param list<string>              $without Cookies left out of this request.
	 * @return array{status: int, body: mixed}
	 */
	public function request( int $server, string $method, string $path, ?array $body = null, array $without = array() ): array {
		$answer = $this->send( $server, $method, '/wp-json' . $path, null === $body ? null : (string) wp_json_encode( (object) $body ), array( 'Content-Type: application/json', 'X-WP-Nonce: ' . $this->nonce ), $without );
		return array(
			'status' => $answer['status'],
			'body'   => json_decode( $answer['body'], true ),
		);
	}

	/**
	 * One request, keeping the cookies it sets.
	 *
	 * @param int          $server  Web server index.
	 * @param string       $method  Method.
	 * @param string       $path    Path.
	 * @param string|null  $body    Body.
	 * @param list<string> $headers Headers.
	 * @param list<string> $without Cookies left out.
	 * @return array{status: int, body: string}
	 */
	private function send( int $server, string $method, string $path, ?string $body = null, array $headers = array(), array $without = array() ): array {
		$servers = Http::servers();
		$handle  = curl_init( $servers[ $server % count( $servers ) ] . $path );
		$cookies = array_diff_key( $this->cookies, array_flip( $without ) );
		$headers = array_merge( $headers, array( 'Expect:', 'Cookie: ' . implode( '; ', array_map( fn( string $name, string $value ): string => "{$name}={$value}", array_keys( $cookies ), $cookies ) ) ) );
		curl_setopt_array(
			$handle,
			array(
				CURLOPT_CUSTOMREQUEST  => $method,
				CURLOPT_RETURNTRANSFER => true,
				CURLOPT_HEADER         => true,
				CURLOPT_TIMEOUT        => 60,
				CURLOPT_HTTPHEADER     => $headers,
			) + ( null === $body ? array() : array( CURLOPT_POSTFIELDS => $body ) )
		);
		$raw    = (string) curl_exec( $handle );
		$size   = (int) curl_getinfo( $handle, CURLINFO_HEADER_SIZE );
		$status = (int) curl_getinfo( $handle, CURLINFO_RESPONSE_CODE );
		curl_close( $handle );
		foreach ( explode( "\r\n", substr( $raw, 0, $size ) ) as $line ) {
			if ( preg_match( '/^set-cookie:\s*([^=;\s]+)=([^;]*)/i', $line, $cookie ) ) {
				if ( 'deleted' === $cookie[2] || '' === $cookie[2] ) {
					unset( $this->cookies[ $cookie[1] ] );
				} else {
					$this->cookies[ $cookie[1] ] = $cookie[2];
				}
			}
		}
		return array(
			'status' => $status,
			'body'   => substr( $raw, $size ),
		);
	}
}
