<?php
/**
 * The plugin's headers say what the suites run on.
 *
 * @package Countersign
 */

declare(strict_types=1);

namespace Countersign\Tests\Install;

use Countersign\Tests\TestCase;

use const Countersign\PLUGIN_FILE;

/**
 * "Requires at least", "Requires PHP" and "Tested up to" are the WordPress and PHP these tests run on, and
 * readme.txt agrees with plugin.php.
 */
final class HeadersTest extends TestCase {

	/**
	 * The readme.txt header block, as name => value.
	 *
	 * @return array<string, string>
	 */
	private function readme(): array {
		$headers = array();
		$text    = (string) file_get_contents( dirname( PLUGIN_FILE ) . '/readme.txt' );
		foreach ( array( 'Requires at least', 'Tested up to', 'Requires PHP', 'Stable tag' ) as $name ) {
			$this->assertSame( 1, preg_match( '/^' . preg_quote( $name, '/' ) . ':\s*(\S+)\s*$/m', $text, $match ), "readme.txt has no {$name}" );
			$headers[ $name ] = $match[1];
		}
		return $headers;
	}

	/**
	 * A version cut to major.minor.
	 *
	 * @param string $version Version.
	 */
	private static function minor( string $version ): string {
		return implode( '.', array_slice( explode( '.', $version ), 0, 2 ) );
	}

	/**
	 * The lowest WordPress and PHP the plugin claims are the ones under test, and readme.txt says the same.
	 */
	public function test_headers_match_what_is_tested(): void {
		$plugin = get_file_data(
			PLUGIN_FILE,
			array(
				'requires_wp'  => 'Requires at least',
				'requires_php' => 'Requires PHP',
				'version'      => 'Version',
			)
		);
		$readme = $this->readme();

		$this->assertSame( self::minor( get_bloginfo( 'version' ) ), $plugin['requires_wp'], 'Requires at least is the WordPress the suites run on' );
		$this->assertSame( self::minor( PHP_VERSION ), $plugin['requires_php'], 'Requires PHP is the PHP the suites run on' );
		$this->assertSame( self::minor( get_bloginfo( 'version' ) ), $readme['Tested up to'] );
		$this->assertSame( $plugin['requires_wp'], $readme['Requires at least'] );
		$this->assertSame( $plugin['requires_php'], $readme['Requires PHP'] );
		$this->assertSame( $plugin['version'], $readme['Stable tag'] );
	}
}
