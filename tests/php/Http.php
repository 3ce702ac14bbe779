<?php
/**
 * Real HTTP against the test site's web servers, for races, limits and load.
 *
 * @package Countersign
 */

declare(strict_types=1);

namespace Countersign\Tests;

/**
 * Fires requests at once with curl_multi, spread round-robin over every web server of the test site
 * (COUNTERSIGN_TEST_URLS: `npm test` runs two PHP servers on one MariaDB), so a race is also a race between
 * servers that share nothing but the database.
 */
final class Http {

	/**
	 * The web servers' base URLs.
	 *
	 * @return list<string>
	 */
	public static function servers(): array {
		$list = getenv( 'COUNTERSIGN_TEST_URLS' );
		if ( ! $list ) {
			$list = getenv( 'COUNTERSIGN_TEST_URL' ) ? (string) getenv( 'COUNTERSIGN_TEST_URL' ) : 'http://localhost:8889';
		}
		return array_values( array_map( fn( string $url ): string => rtrim( $url, '/' ), explode( ' ', trim( (string) $list ) ) ) );
	}

	/**
	 * Sends requests at once. Each request is [credentials "user:password" or '', method, path under /wp-json,
	 * body: an array sent as JSON, a string sent as it is (raw bytes, for fuzzing), or null, and optionally 'form'
	 * to send the body form-encoded instead (an array through http_build_query, a string as it is)]. Request i goes
	 * to server i mod N.
	 *
	 * @param list<array{0: string, 1: string, 2: string, 3?: array<mixed>|string|null, 4?: string}> $requests Requests.
	 * @param float                                                                                   $timeout  Seconds per request.
	 * @param int                                                                                     $offset   Request i goes to server (i + offset) mod N.
	 * @return list<array{status: int, body: mixed, headers: array<string, string>, server: string, seconds: float}>
	 */
	public static function parallel( array $requests, float $timeout = 60.0, int $offset = 0 ): array {
		$servers = self::servers();
		$multi   = curl_multi_init();
		$handles = array();
		foreach ( array_values( $requests ) as $i => $request ) {
			$server  = $servers[ ( $i + $offset ) % count( $servers ) ];
			$handle  = curl_init( $server . '/wp-json' . $request[2] );
			$options = array(
				CURLOPT_CUSTOMREQUEST  => $request[1],
				CURLOPT_RETURNTRANSFER => true,
				CURLOPT_HEADER         => true,
				CURLOPT_TIMEOUT_MS     => (int) ( $timeout * 1000 ),
			);
			if ( '' !== $request[0] ) {
				$options[ CURLOPT_USERPWD ] = $request[0];
			}
			if ( 'GET' !== $request[1] ) {
				$body = $request[3] ?? array();
				if ( 'form' === ( $request[4] ?? 'json' ) ) {
					$options[ CURLOPT_POSTFIELDS ] = is_string( $body ) ? $body : http_build_query( $body );
					$options[ CURLOPT_HTTPHEADER ] = array( 'Content-Type: application/x-www-form-urlencoded', 'Expect:' );
				} else {
					$options[ CURLOPT_POSTFIELDS ] = is_string( $body ) ? $body : (string) wp_json_encode( (object) $body );
					$options[ CURLOPT_HTTPHEADER ] = array( 'Content-Type: application/json', 'Expect:' );
				}
			}
			curl_setopt_array( $handle, $options );
			curl_multi_add_handle( $multi, $handle );
			$handles[] = array( $handle, $server );
		}
		do {
			$status = curl_multi_exec( $multi, $running );
			if ( $running ) {
				curl_multi_select( $multi, 1.0 );
			}
		} while ( $running && CURLM_OK === $status );
		$results = array();
		foreach ( $handles as list( $handle, $server ) ) {
			$raw         = (string) curl_multi_getcontent( $handle );
			$header_size = (int) curl_getinfo( $handle, CURLINFO_HEADER_SIZE );
			$headers     = array();
			foreach ( explode( "\r\n", substr( $raw, 0, $header_size ) ) as $line ) {
				if ( str_contains( $line, ':' ) ) {
					list( $name, $value )              = explode( ':', $line, 2 );
					$headers[ strtolower( $name ) ] = trim( $value );
				}
			}
			$results[] = array(
				'status'  => (int) curl_getinfo( $handle, CURLINFO_RESPONSE_CODE ),
				'body'    => json_decode( substr( $raw, $header_size ), true ),
				'headers' => $headers,
				'server'  => $server,
				'seconds' => (float) curl_getinfo( $handle, CURLINFO_TOTAL_TIME ),
			);
			curl_multi_remove_handle( $multi, $handle );
		}
		curl_multi_close( $multi );
		return $results;
	}

	/**
	 * Sends one request to one of the site's web servers (0 = the first; -1 = the last).
	 *
	 * @param int                       $server      Server index.
	 * @param string                    $credentials "user:password" or ''.
	 * @param string                    $method      Method.
	 * @param string                    $path        Path under /wp-json.
	 * @param array<mixed>|string|null  $body        Body.
	 * @return array{status: int, body: mixed, headers: array<string, string>, server: string, seconds: float}
	 */
	public static function send( int $server, string $credentials, string $method, string $path, array|string|null $body = null ): array {
		$count = count( self::servers() );
		return self::parallel( array( array( $credentials, $method, $path, $body ) ), 60.0, ( $server % $count + $count ) % $count )[0];
	}

	/**
	 * One request, on one of the servers.
	 *
	 * @param string                   $credentials "user:password" or ''.
	 * @param string                   $method      Method.
	 * @param string                   $path        Path under /wp-json (query string included).
	 * @param array<mixed>|string|null $body        Body (JSON unless $type is 'form').
	 * @param string                   $type        'json' or 'form'.
	 * @return array{status: int, body: mixed, headers: array<string, string>, server: string, seconds: float}
	 */
	public static function one( string $credentials, string $method, string $path, array|string|null $body = null, string $type = 'json' ): array {
		return self::parallel( array( array( $credentials, $method, $path, $body, $type ) ) )[0];
	}
}
