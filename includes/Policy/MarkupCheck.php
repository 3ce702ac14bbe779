<?php
/**
 * What kses would remove from an agent's text.
 *
 * @package Countersign
 */

declare(strict_types=1);

namespace Countersign\Policy;

use Countersign\Proposals\ChangeSet;
use WP_HTML_Tag_Processor;

/**
 * Reports markup `wp_kses_post` would remove from a string — an element it does not allow, an attribute it drops,
 * a URL with a protocol it strips, a style it empties, a block attribute carrying any of these — rather than any
 * difference kses makes: re-encoding `&` or writing `<img/>` as `<img />` removes nothing. An agent never has
 * unfiltered_html, so this is what its role may not post: the level-5 rule, for every text field of a change set.
 */
final class MarkupCheck {

	/**
	 * The first field of a change set carrying markup kses would remove, or null.
	 *
	 * @param ChangeSet $changes Change set.
	 * @param string    $prefix  Path prefix for the field (`changes`).
	 */
	public function first_unsafe( ChangeSet $changes, string $prefix = 'changes' ): ?string {
		foreach ( $changes->text_values( $prefix ) as $path => $value ) {
			if ( null !== $this->removed( $value ) ) {
				return $path;
			}
		}
		return null;
	}

	/**
	 * What kses would remove first from a string (`<script>`, `img onerror`, `a href`…), or null when it would
	 * remove nothing.
	 *
	 * @param string $html Text or markup.
	 */
	public function removed( string $html ): ?string {
		if ( ! str_contains( $html, '<' ) ) {
			return null;
		}
		$allowed   = wp_kses_allowed_html( 'post' );
		$processor = new WP_HTML_Tag_Processor( $html );
		while ( $processor->next_tag( array( 'tag_closers' => 'visit' ) ) ) {
			$tag = strtolower( (string) $processor->get_tag() );
			if ( ! isset( $allowed[ $tag ] ) || ! is_array( $allowed[ $tag ] ) ) {
				return "<{$tag}>";
			}
			if ( $processor->is_tag_closer() ) {
				continue;
			}
			foreach ( $processor->get_attribute_names_with_prefix( '' ) ?? array() as $name ) {
				$value = $processor->get_attribute( $name );
				if ( ! $this->attribute_allowed( $allowed[ $tag ], strtolower( $name ), is_string( $value ) ? $value : '' ) ) {
					return "{$tag} {$name}";
				}
			}
		}
		if ( $processor->paused_at_incomplete_token() ) {
			return 'incomplete markup';
		}
		return $this->removed_from_blocks( parse_blocks( $html ) );
	}

	/**
	 * Whether kses keeps an attribute as it is.
	 *
	 * @param array<string, mixed> $rules The element's allowed attributes.
	 * @param string               $name  Attribute name, lowercase.
	 * @param string               $value Its decoded value.
	 */
	private function attribute_allowed( array $rules, string $name, string $value ): bool {
		if ( ! isset( $rules[ $name ] ) && ! ( ! empty( $rules['data-*'] ) && preg_match( '/^data(?:-[a-z0-9_]+)+$/', $name ) ) ) {
			return false;
		}
		if ( in_array( $name, wp_kses_uri_attributes(), true ) && wp_kses_bad_protocol( $value, wp_allowed_protocols() ) !== $value ) {
			return false;
		}
		return ! ( 'style' === $name && '' !== trim( $value ) && '' === safecss_filter_attr( $value ) );
	}

	/**
	 * The same check over the blocks' attributes (kses filters them too: core's filter_block_kses).
	 *
	 * @param array<int, array<string, mixed>> $blocks Parsed blocks.
	 */
	private function removed_from_blocks( array $blocks ): ?string {
		foreach ( $blocks as $block ) {
			$found = $this->removed_from_value( $block['attrs'] ?? array() ) ?? $this->removed_from_blocks( (array) ( $block['innerBlocks'] ?? array() ) );
			if ( null !== $found ) {
				return $found;
			}
		}
		return null;
	}

	/**
	 * Markup kses would remove inside a block attribute value, or a URL-like value with a protocol it strips.
	 *
	 * @param mixed $value Attribute value.
	 */
	private function removed_from_value( mixed $value ): ?string {
		if ( is_array( $value ) ) {
			foreach ( $value as $item ) {
				$found = $this->removed_from_value( $item );
				if ( null !== $found ) {
					return $found;
				}
			}
			return null;
		}
		if ( ! is_string( $value ) ) {
			return null;
		}
		if ( preg_match( '/^\s*[a-z][a-z0-9+.\-]*:\S*$/i', $value ) && wp_kses_bad_protocol( $value, wp_allowed_protocols() ) !== $value ) {
			return 'block attribute URL';
		}
		return $this->removed( $value );
	}
}
