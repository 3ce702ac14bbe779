<?php
/**
 * What kses would take out of an agent's markup.
 *
 * @package Countersign
 */

declare(strict_types=1);

namespace Countersign\Policy;

use Countersign\Proposals\ChangeSet;
use WP_HTML_Tag_Processor;

/**
 * Compares markup before and after kses the way a browser reads it, token by token, and reports what kses would
 * remove that changes what the post does: an element that runs, loads, embeds or submits something (script, iframe,
 * object, form, style, svg...), an event handler, a URL kses refuses (javascript:, data:), a style that loads or runs
 * something, or such markup in a block attribute.
 *
 * Everything else kses does is not a finding. Writing the same markup another way (`<img/>` against `<img />`, quoting,
 * entities, the order of attributes) changes nothing a reader sees; dropping harmless markup it does not allow (a
 * `<marquee>`, an unknown attribute) is what kses does to every author without unfiltered_html, the block editor's own
 * examples included, and the reviewer sees the result in the diff.
 *
 * Level 5 means there is at least one finding. The findings name the field, element and attribute, so a refusal and
 * the reviewer's card can say why.
 */
final class MarkupRisk {

	/** At most this many findings per field are reported (the first one decides; the rest help a reviewer). */
	private const MAX_FINDINGS = 5;

	/** Attributes whose value is a URL, as kses checks them for protocols. */
	private const URL_ATTRIBUTES = array( 'href', 'src', 'action', 'formaction', 'cite', 'poster', 'background', 'longdesc', 'usemap', 'xmlns', 'codebase', 'data', 'icon', 'manifest', 'profile', 'classid' );

	/** Elements that run, load, embed or submit something: removing one changes what the post does. */
	private const ACTIVE_ELEMENTS = array( 'script', 'noscript', 'style', 'link', 'meta', 'base', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'param', 'portal', 'svg', 'math', 'form', 'input', 'select', 'template', 'xml', 'import', 'use', 'animate', 'set', 'handler', 'listener' );

	/** Attributes that run or load something whatever their value. */
	private const ACTIVE_ATTRIBUTES = array( 'formaction', 'srcdoc', 'action', 'http-equiv', 'xlink:href', 'ping', 'dynsrc', 'lowsrc', 'background', 'srcset', 'data', 'codebase', 'classid' );

	/** What in a style makes it load or run something. */
	private const ACTIVE_STYLE = '/url\s*\(|expression\s*\(|behavio(u)?r\s*:|-moz-binding|javascript:|vbscript:|@import|\\\\/i';

	/** A block delimiter, as WP_Block_Parser reads one (the text between `<!--` and `-->`). */
	private const BLOCK_DELIMITER = '#^\s+/?wp:((?:[a-z][a-z0-9_-]*/)?[a-z][a-z0-9_-]*)\s+(\{.*\}\s+)?/?$#s';

	/**
	 * Findings for every text of a change set an agent sets and a page renders or an API serves back — title,
	 * content, excerpt, each meta value (list items, and the text inside JSON such as core's footnotes) and each new
	 * term name — against the same text after kses. Each finding names its field path (`content`,
	 * `meta.footnotes`, `terms.post_tag.1`).
	 *
	 * @param ChangeSet     $raw  The change set as the agent sent it.
	 * @param callable|null $kses The filter, when the caller keeps what it returns (default wp_kses_post).
	 * @return list<array{field: string, kind: string, element: string, attribute: string, message: string}>
	 */
	public static function findings( ChangeSet $raw, ?callable $kses = null ): array {
		$kses   ??= 'wp_kses_post';
		$findings = array();
		foreach ( $raw->text_values() as $field => $text ) {
			foreach ( self::removed( $text, (string) $kses( $text ) ) as $finding ) {
				$findings[] = array( 'field' => $field ) + $finding;
			}
		}
		return $findings;
	}

	/**
	 * What kses removed from one piece of markup.
	 *
	 * @param string $before Markup as sent.
	 * @param string $after  The same markup after kses.
	 * @return list<array{kind: string, element: string, attribute: string, message: string}>
	 */
	public static function removed( string $before, string $after ): array {
		if ( $before === $after ) {
			return array();
		}
		$original = self::tokens( $before );
		$kept     = self::tokens( $after );

		$findings = array();
		$j        = 0;
		foreach ( $original as $token ) {
			$match = $kept[ $j ] ?? null;
			if ( null === $match || $match['key'] !== $token['key'] ) {
				// kses only removes; a token with no counterpart where it should be was taken out. A removed closer
				// repeats its opener's finding.
				if ( ! $token['closer'] ) {
					$findings = array_merge( $findings, self::removed_token( $token ) );
				}
				continue;
			}
			++$j;
			if ( 'block' === $token['type'] ) {
				if ( $token['attrs'] !== $match['attrs'] && self::block_attributes_active( $token['attrs'], $match['attrs'] ) ) {
					$findings[] = self::finding( 'block', $token['name'], '' );
				}
				continue;
			}
			foreach ( $token['attrs'] as $name => $value ) {
				$name = (string) $name;
				if ( ! array_key_exists( $name, $match['attrs'] ) ) {
					$findings = array_merge( $findings, self::removed_attribute( $token['name'], $name, $value ) );
				} elseif ( $value !== $match['attrs'][ $name ] ) {
					if ( 'style' === $name ) {
						if ( self::active_style( implode( ';', array_diff( explode( ';', $value ), explode( ';', $match['attrs'][ $name ] ) ) ) ) ) {
							$findings[] = self::finding( 'style', $token['name'], $name );
						}
					} elseif ( in_array( $name, self::URL_ATTRIBUTES, true ) || self::active_attribute( $name, $value ) ) {
						// kses rewrote a URL: it took out a protocol it does not allow.
						$findings[] = self::finding( 'url', $token['name'], $name );
					}
				}
			}
		}
		return array_slice( array_values( array_unique( $findings, SORT_REGULAR ) ), 0, self::MAX_FINDINGS );
	}

	/**
	 * The findings for a tag or block delimiter kses removed whole: the element itself where it is active, else any
	 * active attribute it carried (a `<marquee onstart=…>`).
	 *
	 * @param array{type: string, key: string, name: string, closer: bool, attrs: array<string, mixed>} $token Token.
	 * @return list<array{kind: string, element: string, attribute: string, message: string}>
	 */
	private static function removed_token( array $token ): array {
		if ( 'block' === $token['type'] ) {
			return array( self::finding( 'block', $token['name'], '' ) );
		}
		if ( in_array( $token['name'], self::ACTIVE_ELEMENTS, true ) ) {
			return array( self::finding( 'element', $token['name'], '' ) );
		}
		$findings = array();
		foreach ( $token['attrs'] as $name => $value ) {
			$findings = array_merge( $findings, self::removed_attribute( $token['name'], (string) $name, (string) $value ) );
		}
		return $findings;
	}

	/**
	 * The finding for an attribute kses removed, if it was active (a handler, a URL it refuses, a style that loads
	 * or runs something); none for a harmless one.
	 *
	 * @param string $element Element name.
	 * @param string $name    Attribute name.
	 * @param string $value   Its value, as attribute_value() reads it.
	 * @return list<array{kind: string, element: string, attribute: string, message: string}>
	 */
	private static function removed_attribute( string $element, string $name, string $value ): array {
		if ( 'style' === $name ) {
			return self::active_style( $value ) ? array( self::finding( 'style', $element, $name ) ) : array();
		}
		return self::active_attribute( $name, $value ) ? array( self::finding( 'attribute', $element, $name ) ) : array();
	}

	/**
	 * Whether an attribute runs or loads something: an event handler, an attribute that always does, or a value that
	 * is a script or data URL.
	 *
	 * @param string $name  Attribute name.
	 * @param string $value Decoded value.
	 */
	private static function active_attribute( string $name, string $value ): bool {
		if ( str_starts_with( $name, 'on' ) || in_array( $name, self::ACTIVE_ATTRIBUTES, true ) ) {
			return true;
		}
		// Browsers ignore control characters and spaces inside a scheme (`java\tscript:`).
		$scheme = strtolower( (string) preg_replace( '/[\x00-\x20]+/', '', $value ) );
		return 1 === preg_match( '/^(javascript|vbscript|data|livescript|mocha):/', $scheme );
	}

	/**
	 * Whether style declarations load or run something.
	 *
	 * @param string $style Declarations.
	 */
	private static function active_style( string $style ): bool {
		return 1 === preg_match( self::ACTIVE_STYLE, $style );
	}

	/**
	 * Whether kses took active markup out of a block's attributes (its string values, compared one by one).
	 *
	 * @param array<mixed> $before Attributes as sent.
	 * @param array<mixed> $after  Attributes after kses.
	 */
	private static function block_attributes_active( array $before, array $after ): bool {
		foreach ( $before as $key => $value ) {
			$kept = $after[ $key ] ?? null;
			if ( is_array( $value ) ? self::block_attributes_active( $value, is_array( $kept ) ? $kept : array() ) : ( is_string( $value ) && $value !== $kept && array() !== self::removed( $value, is_string( $kept ) ? $kept : '' ) ) ) {
				return true;
			}
		}
		return false;
	}

	/**
	 * The tokens that carry behaviour: tags with their attributes (decoded and normalised) and block delimiters with
	 * their decoded attributes. Text and plain comments are left out: kses keeps text, and comments do nothing.
	 *
	 * @param string $html Markup.
	 * @return list<array{type: string, key: string, name: string, closer: bool, attrs: array<string, mixed>}>
	 */
	private static function tokens( string $html ): array {
		$processor = new WP_HTML_Tag_Processor( $html );
		$tokens    = array();
		while ( $processor->next_token() ) {
			$type = $processor->get_token_type();
			if ( '#tag' === $type ) {
				$name   = strtolower( (string) $processor->get_tag() );
				$closer = $processor->is_tag_closer();
				$attrs  = array();
				foreach ( $closer ? array() : (array) $processor->get_attribute_names_with_prefix( '' ) as $attr ) {
					$attrs[ $attr ] = self::attribute_value( $attr, $processor->get_attribute( $attr ) );
				}
				$tokens[] = array(
					'type'   => 'tag',
					'key'    => ( $closer ? '/' : '' ) . $name,
					'name'   => $name,
					'closer' => $closer,
					'attrs'  => $attrs,
				);
				continue;
			}
			$text = '#comment' === $type ? (string) $processor->get_modifiable_text() : '';
			if ( 1 === preg_match( self::BLOCK_DELIMITER, $text, $m ) ) {
				$closer   = 1 === preg_match( '#^\s+/#', $text );
				$name     = str_contains( $m[1], '/' ) ? $m[1] : 'core/' . $m[1];
				$attrs    = isset( $m[2] ) ? json_decode( trim( $m[2] ), true ) : array();
				$tokens[] = array(
					'type'   => 'block',
					'key'    => ( $closer ? '/' : '' ) . 'wp:' . $name,
					'name'   => $name,
					'closer' => $closer,
					'attrs'  => self::decode_entities( is_array( $attrs ) ? $attrs : array( '#invalid' => $m[2] ) ),
				);
			}
		}
		// An unfinished tag at the end is not a finding: kses escapes it into text, and a browser drops it.
		return $tokens;
	}

	/**
	 * An attribute's value as it reads: entities decoded (the processor does that), a boolean attribute as an empty
	 * string, a style as its declarations with kses's spacing undone.
	 *
	 * @param string $name  Attribute name.
	 * @param mixed  $value Value from the tag processor (true for a boolean attribute).
	 */
	private static function attribute_value( string $name, mixed $value ): string {
		$value = true === $value ? '' : (string) $value;
		if ( 'style' !== $name ) {
			return $value;
		}
		$declarations = array();
		foreach ( explode( ';', $value ) as $declaration ) {
			$parts = explode( ':', $declaration, 2 );
			if ( 2 === count( $parts ) ) {
				$declarations[] = strtolower( trim( $parts[0] ) ) . ':' . (string) preg_replace( '/\s+/', ' ', trim( $parts[1] ) );
			}
		}
		return implode( ';', $declarations );
	}

	/**
	 * Block attributes with the strings' entities decoded, so kses's `&` → `&amp;` in a block attribute is not a
	 * finding, while markup it removed from one is.
	 *
	 * @param array<mixed> $attrs Attributes.
	 * @return array<mixed>
	 */
	private static function decode_entities( array $attrs ): array {
		foreach ( $attrs as $key => $value ) {
			if ( is_array( $value ) ) {
				$attrs[ $key ] = self::decode_entities( $value );
			} elseif ( is_string( $value ) ) {
				$attrs[ $key ] = html_entity_decode( $value, ENT_QUOTES | ENT_HTML5, 'UTF-8' );
			}
		}
		return $attrs;
	}

	/**
	 * One finding, with the sentence a reviewer reads.
	 *
	 * @param string $kind      element, attribute, url, style or block.
	 * @param string $element   Element (or block) name.
	 * @param string $attribute Attribute name.
	 * @return array{kind: string, element: string, attribute: string, message: string}
	 */
	private static function finding( string $kind, string $element, string $attribute ): array {
		$message = match ( $kind ) {
			/* translators: %s: HTML element name such as script. */
			'element'    => sprintf( __( 'a <%s> element', 'countersign' ), $element ),
			/* translators: 1: HTML attribute name such as onerror, 2: HTML element name. */
			'attribute'  => sprintf( __( 'the %1$s attribute on <%2$s>', 'countersign' ), $attribute, $element ),
			/* translators: 1: HTML attribute name such as href, 2: HTML element name. */
			'url'        => sprintf( __( 'a URL WordPress does not allow (such as javascript:) in %1$s on <%2$s>', 'countersign' ), $attribute, $element ),
			/* translators: %s: HTML element name. */
			'style'      => sprintf( __( 'a style that loads or runs something on <%s>', 'countersign' ), $element ),
			/* translators: %s: block name such as core/paragraph. */
			default      => sprintf( __( 'active markup in an attribute of the %s block', 'countersign' ), $element ),
		};
		return array(
			'kind'      => $kind,
			'element'   => $element,
			'attribute' => $attribute,
			'message'   => $message,
		);
	}
}
