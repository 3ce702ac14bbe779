<?php
/**
 * Agents cannot go around the REST checks through XML-RPC.
 *
 * @package Countersign
 */

declare(strict_types=1);

namespace Countersign\Tests\Security;

use Countersign\Tests\Http;
use Countersign\Tests\TestCase;

/**
 * Application Passwords also authenticate XML-RPC, where the kill switch, pause, rate limits and request audit
 * of the REST API do not run. Over real HTTP: an agent's password is refused there (and the refusal audited),
 * a person's still works.
 */
final class XmlRpcTest extends TestCase {

	/**
	 * One XML-RPC call with a user name and password, as its raw response body.
	 *
	 * @param string $method   Method, e.g. wp.getProfile.
	 * @param string $login    User name.
	 * @param string $password Application Password.
	 */
	private function call( string $method, string $login, string $password ): string {
		$param = fn( string $value ): string => '<param><value><string>' . esc_html( $value ) . '</string></value></param>';
		$body  = '<?xml version="1.0"?><methodCall><methodName>' . $method . '</methodName><params>'
			. '<param><value><int>1</int></value></param>' . $param( $login ) . $param( $password )
			. '</params></methodCall>';
		$response = wp_remote_post(
			Http::servers()[0] . '/xmlrpc.php',
			array(
				'body'    => $body,
				'headers' => array( 'Content-Type' => 'text/xml' ),
				'timeout' => 30,
			)
		);
		$this->assertIsArray( $response, is_wp_error( $response ) ? $response->get_error_message() : '' );
		$this->assertSame( 200, wp_remote_retrieve_response_code( $response ) );
		return wp_remote_retrieve_body( $response );
	}

	/**
	 * The agent's valid Application Password gets an XML-RPC fault and an audited refusal; an editor's works.
	 */
	public function test_agents_are_refused_on_xmlrpc_and_people_are_not(): void {
		$agent     = $this->agent();
		$agent_id  = (int) $agent['id'];
		$login     = get_userdata( $agent_id )->user_login;
		$editor_id = $this->user( 'editor' );
		list( $editor_login, $editor_password ) = explode( ':', $this->credentials( $editor_id ), 2 );

		$refused = $this->call( 'wp.getProfile', $login, (string) $agent['application_password'] );
		$this->assertStringContainsString( '<name>faultCode</name>', $refused );
		$this->assertStringContainsString( '<int>403</int>', $refused );
		// The fault says why, with the documented code, not core's "Incorrect username or password".
		$this->assertStringContainsString( 'countersign_xmlrpc_refused', $refused );
		$this->assertStringNotContainsString( 'Incorrect username or password', $refused );
		$this->assertStringNotContainsString( $login . '</string>', $refused, 'no profile data for the agent' );

		global $wpdb;
		$rows = $wpdb->get_results( $wpdb->prepare( "SELECT outcome, details FROM {$wpdb->countersign_audit} WHERE agent_id = %d AND object_type = %s", $agent_id, 'xmlrpc' ), ARRAY_A );
		$this->assertCount( 1, $rows );
		$this->assertSame( 'refused', $rows[0]['outcome'] );
		$this->assertSame( 'countersign_xmlrpc_refused', json_decode( (string) $rows[0]['details'], true )['code'] );

		$allowed = $this->call( 'wp.getProfile', $editor_login, $editor_password );
		$this->assertStringNotContainsString( 'faultCode', $allowed );
		$this->assertStringContainsString( $editor_login, $allowed );
	}
}
