<?php
/**
 * The AI-disclosure block's editor script and its translations.
 *
 * @package Countersign
 */

declare(strict_types=1);

namespace Countersign\Tests\Blocks;

use Countersign\Tests\TestCase;
use WP_Block_Type_Registry;

use const Countersign\PLUGIN_FILE;

/**
 * block.json's editorScript is registered from the build, with its dependencies and the plugin's translations.
 */
final class DisclosureEditorScriptTest extends TestCase {

	/**
	 * The registered block type has one editor script, built with the WordPress packages it imports.
	 */
	public function test_editor_script_is_registered_from_the_build(): void {
		$type = WP_Block_Type_Registry::get_instance()->get_registered( 'countersign/ai-disclosure' );
		$this->assertNotNull( $type );
		$this->assertCount( 1, $type->editor_script_handles );
		$script = wp_scripts()->registered[ $type->editor_script_handles[0] ] ?? null;
		$this->assertNotNull( $script );
		$this->assertStringEndsWith( '/build/disclosure-editor.js', (string) $script->src );
		foreach ( array( 'wp-blocks', 'wp-block-editor', 'wp-server-side-render', 'wp-i18n' ) as $dependency ) {
			$this->assertContains( $dependency, $script->deps );
		}
	}

	/**
	 * Its strings load from the countersign domain, from the plugin's languages/ folder too.
	 */
	public function test_editor_script_translations_use_the_plugin_languages_folder(): void {
		$type   = WP_Block_Type_Registry::get_instance()->get_registered( 'countersign/ai-disclosure' );
		$script = wp_scripts()->registered[ $type->editor_script_handles[0] ?? '' ] ?? null;
		$this->assertNotNull( $script );
		$this->assertSame( 'countersign', $script->textdomain );
		$this->assertSame( plugin_dir_path( PLUGIN_FILE ) . 'languages', untrailingslashit( (string) $script->translations_path ) );
	}

	/**
	 * The attributes the inspector edits are registered with their defaults.
	 */
	public function test_attributes_are_registered(): void {
		$type = WP_Block_Type_Registry::get_instance()->get_registered( 'countersign/ai-disclosure' );
		$this->assertNotNull( $type );
		$this->assertSame(
			array(
				'wording'        => '',
				'showAgentNames' => true,
				'showApprovers'  => true,
			),
			array_map(
				static fn( array $attribute ) => $attribute['default'] ?? null,
				array_intersect_key( (array) $type->attributes, array_flip( array( 'wording', 'showAgentNames', 'showApprovers' ) ) )
			)
		);
	}
}
