<?php
/**
 * Post meta registered for a test the way SEO plugins and themes register theirs.
 *
 * @package Countersign
 */

declare(strict_types=1);

namespace Countersign\Tests;

/**
 * Registers `post` meta keys for REST (editable by whoever may edit the post) and removes them after the test.
 */
trait RegistersPostMeta {

	/**
	 * Keys registered by this test.
	 *
	 * @var list<string>
	 */
	private array $registered_meta = array();

	/**
	 * Registers the keys, as show_in_rest string meta with core's edit_post check.
	 *
	 * @param list<string> $keys Meta keys.
	 */
	protected function register_post_meta_keys( array $keys ): void {
		foreach ( $keys as $key ) {
			register_post_meta(
				'post',
				$key,
				array(
					'type'          => 'string',
					'single'        => true,
					'show_in_rest'  => true,
					'auth_callback' => fn( $allowed, $meta_key, $post_id, $user_id ) => user_can( $user_id, 'edit_post', $post_id ),
				)
			);
			$this->registered_meta[] = $key;
		}
	}

	/**
	 * Unregisters them.
	 *
	 * @after
	 */
	public function unregister_post_meta_keys(): void {
		foreach ( $this->registered_meta as $key ) {
			unregister_post_meta( 'post', $key );
		}
		$this->registered_meta = array();
	}
}
