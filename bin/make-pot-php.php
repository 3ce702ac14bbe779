<?php
/**
 * Extracts gettext calls from PHP files with PHP's own tokenizer, for bin/make-pot.js.
 *
 * Usage: php bin/make-pot-php.php FILE...
 * Prints a JSON list of {msgid, msgctxt, plural, domain, file, line, comment}; `domain` is null when the call has
 * no literal text domain, so the caller can report strings that miss `countersign`.
 *
 * @package Countersign
 */

declare(strict_types=1);

// Function => positions of (text, plural, context, domain) among its arguments; -1 when it has none.
const COUNTERSIGN_GETTEXT = array(
	'__'         => array( 0, -1, -1, 1 ),
	'_e'         => array( 0, -1, -1, 1 ),
	'esc_html__' => array( 0, -1, -1, 1 ),
	'esc_html_e' => array( 0, -1, -1, 1 ),
	'esc_attr__' => array( 0, -1, -1, 1 ),
	'esc_attr_e' => array( 0, -1, -1, 1 ),
	'_x'         => array( 0, -1, 1, 2 ),
	'_ex'        => array( 0, -1, 1, 2 ),
	'esc_html_x' => array( 0, -1, 1, 2 ),
	'esc_attr_x' => array( 0, -1, 1, 2 ),
	'_n'         => array( 0, 1, -1, 3 ),
	'_nx'        => array( 0, 1, 3, 4 ),
	'_n_noop'    => array( 0, 1, -1, 2 ),
	'_nx_noop'   => array( 0, 1, 2, 3 ),
);

/**
 * The value of a PHP string literal token, or null when the argument is not one literal.
 *
 * @param list<array{0:int,1:string,2:int}|string> $arg Tokens of one argument, whitespace removed.
 */
function countersign_literal( array $arg ): ?string {
	if ( 1 !== count( $arg ) || ! is_array( $arg[0] ) || T_CONSTANT_ENCAPSED_STRING !== $arg[0][0] ) {
		return null;
	}
	$raw  = $arg[0][1];
	$body = substr( $raw, 1, -1 );
	if ( "'" === $raw[0] ) {
		return str_replace( array( "\\\\", "\\'" ), array( "\\", "'" ), $body );
	}
	return stripcslashes( $body );
}

/**
 * Gettext calls of one file.
 *
 * @param string $file Path.
 * @return list<array<string, mixed>>
 */
function countersign_extract( string $file ): array {
	$tokens  = token_get_all( (string) file_get_contents( $file ) );
	$count   = count( $tokens );
	$out     = array();
	$comment = null;
	for ( $i = 0; $i < $count; $i++ ) {
		$token = $tokens[ $i ];
		if ( is_array( $token ) && in_array( $token[0], array( T_COMMENT, T_DOC_COMMENT ), true ) && false !== stripos( $token[1], 'translators:' ) ) {
			$text    = preg_replace( '#^\s*(/\*+|//|\*/?)\s?|\s*\*+/\s*$#m', '', $token[1] );
			$comment = array(
				'text' => trim( (string) preg_replace( '/\s+/', ' ', (string) $text ) ),
				'line' => $token[2] + substr_count( $token[1], "\n" ),
			);
			continue;
		}
		if ( ! is_array( $token ) || ! in_array( $token[0], array( T_STRING, T_NAME_FULLY_QUALIFIED ), true ) ) {
			continue;
		}
		$name = ltrim( $token[1], '\\' );
		if ( ! isset( COUNTERSIGN_GETTEXT[ $name ] ) ) {
			continue;
		}
		// Methods and declarations of the same name are not gettext calls.
		$prev = $i - 1;
		while ( $prev >= 0 && is_array( $tokens[ $prev ] ) && T_WHITESPACE === $tokens[ $prev ][0] ) {
			--$prev;
		}
		if ( $prev >= 0 && is_array( $tokens[ $prev ] ) && in_array( $tokens[ $prev ][0], array( T_OBJECT_OPERATOR, T_NULLSAFE_OBJECT_OPERATOR, T_DOUBLE_COLON, T_FUNCTION, T_NEW ), true ) ) {
			continue;
		}
		$j = $i + 1;
		while ( $j < $count && is_array( $tokens[ $j ] ) && T_WHITESPACE === $tokens[ $j ][0] ) {
			++$j;
		}
		if ( $j >= $count || '(' !== $tokens[ $j ] ) {
			continue;
		}
		$args  = array( array() );
		$depth = 0;
		for ( ++$j; $j < $count; $j++ ) {
			$t = $tokens[ $j ];
			if ( in_array( $t, array( '(', '[', '{' ), true ) ) {
				++$depth;
			} elseif ( in_array( $t, array( ')', ']', '}' ), true ) ) {
				if ( 0 === $depth ) {
					break;
				}
				--$depth;
			} elseif ( ',' === $t && 0 === $depth ) {
				$args[] = array();
				continue;
			}
			if ( is_array( $t ) && in_array( $t[0], array( T_WHITESPACE, T_COMMENT ), true ) ) {
				continue;
			}
			$args[ count( $args ) - 1 ][] = $t;
		}
		list( $text_at, $plural_at, $context_at, $domain_at ) = COUNTERSIGN_GETTEXT[ $name ];
		$msgid = countersign_literal( $args[ $text_at ] ?? array() );
		if ( null === $msgid ) {
			continue;
		}
		$line  = $token[2];
		$out[] = array(
			'msgid'   => $msgid,
			'plural'  => $plural_at >= 0 ? countersign_literal( $args[ $plural_at ] ?? array() ) : null,
			'msgctxt' => $context_at >= 0 ? countersign_literal( $args[ $context_at ] ?? array() ) : null,
			'domain'  => countersign_literal( $args[ $domain_at ] ?? array() ),
			'file'    => $file,
			'line'    => $line,
			'comment' => null !== $comment && $line - $comment['line'] <= 2 ? $comment['text'] : null,
		);
	}
	return $out;
}

$countersign_entries = array();
foreach ( array_slice( $argv, 1 ) as $countersign_file ) {
	array_push( $countersign_entries, ...countersign_extract( $countersign_file ) );
}
echo wp_json_encode_fallback( $countersign_entries );

/**
 * JSON without WordPress loaded.
 *
 * @param mixed $value Value.
 */
function wp_json_encode_fallback( mixed $value ): string {
	return (string) json_encode( $value, JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE | JSON_THROW_ON_ERROR );
}
