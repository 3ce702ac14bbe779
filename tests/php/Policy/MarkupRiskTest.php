<?php
/**
 * What kses would take out of an agent's markup.
 *
 * @package Countersign
 */

declare(strict_types=1);

namespace Countersign\Tests\Policy;

use Countersign\Policy\MarkupRisk;
use Countersign\Tests\TestCase;

/**
 * Level 5 means kses would remove something that changes what the post does, never that kses writes the same markup
 * another way. Each case runs the real wp_kses_post of the running WordPress.
 */
final class MarkupRiskTest extends TestCase {

	/**
	 * Markup kses rewrites without removing anything: no finding.
	 *
	 * @dataProvider same_markup_written_another_way
	 *
	 * @param string $markup Markup.
	 */
	public function test_markup_kses_only_rewrites_is_not_a_finding( string $markup ): void {
		$this->assertSame( array(), MarkupRisk::removed( $markup, wp_kses_post( $markup ) ), 'kses: ' . wp_kses_post( $markup ) );
	}

	/**
	 * Named cases, each a difference kses makes on save.
	 *
	 * @return array<string, array{0: string}>
	 */
	public static function same_markup_written_another_way(): array {
		return array(
			'image block as the editor saves it' => array( "<!-- wp:image {\"id\":5,\"sizeSlug\":\"large\"} -->\n<figure class=\"wp-block-image size-large\"><img src=\"https://example.com/a.jpg\" alt=\"\" class=\"wp-image-5\"/></figure>\n<!-- /wp:image -->" ),
			'void element without a space'       => array( '<p>One<br/>two</p>' ),
			'single-quoted attribute'            => array( "<img src='https://example.com/a.jpg' alt='x'>" ),
			'unquoted attribute'                 => array( '<a href=https://example.com/>x</a>' ),
			'upper-case element'                 => array( '<P CLASS="x">Hi</P>' ),
			'bare ampersand'                     => array( '<p>Tom & Jerry</p>' ),
			'ampersand in a URL'                 => array( '<a href="https://example.com/?a=1&b=2">x</a>' ),
			'less-than in text'                  => array( '<p>1 < 2 and I <3 it</p>' ),
			'style spacing'                      => array( '<p style="color: red;  font-size : 12px">x</p>' ),
			'boolean attribute'                  => array( '<video controls src="https://example.com/a.mp4"></video>' ),
			'ampersand in a block attribute'     => array( "<!-- wp:heading {\"content\":\"Tom & Jerry\",\"level\":3} -->\n<h3 class=\"wp-block-heading\">Tom &amp; Jerry</h3>\n<!-- /wp:heading -->" ),
			'self-closing block'                 => array( '<!-- wp:separator /--><!-- wp:latest-posts {"postsToShow":3} /-->' ),
			'plain comment'                      => array( '<!-- a note --><p>x</p>' ),
			'data attribute'                     => array( '<div data-align="wide">x</div>' ),
			'harmless element kses drops'        => array( '<!-- wp:html --><marquee>Welcome</marquee><!-- /wp:html -->' ),
			'harmless attribute kses drops'      => array( '<p contenteditable="true" translate="no">x</p>' ),
			'harmless style kses drops'          => array( '<p style="color: red; zoom: 2">x</p>' ),
			'unfinished tag kses escapes'        => array( '<p>x</p><img src=x onerror=alert(1)' ),
		);
	}

	/**
	 * Markup kses takes something out of: the finding names what and where.
	 *
	 * @dataProvider removed_markup
	 *
	 * @param string $markup    Markup.
	 * @param string $kind      Expected kind of the first finding.
	 * @param string $element   Its element (or block).
	 * @param string $attribute Its attribute.
	 */
	public function test_markup_kses_removes_is_a_finding( string $markup, string $kind, string $element, string $attribute ): void {
		$findings = MarkupRisk::removed( $markup, wp_kses_post( $markup ) );

		$this->assertNotSame( array(), $findings, 'kses: ' . wp_kses_post( $markup ) );
		$this->assertSame( array( $kind, $element, $attribute ), array( $findings[0]['kind'], $findings[0]['element'], $findings[0]['attribute'] ) );
		$this->assertNotSame( '', $findings[0]['message'] );
	}

	/**
	 * Named cases: the dangerous ones and the structural ones.
	 *
	 * @return array<string, array{0: string, 1: string, 2: string, 3: string}>
	 */
	public static function removed_markup(): array {
		return array(
			'script'                       => array( '<p>Hi</p><script>alert(1)</script>', 'element', 'script', '' ),
			'event handler'                => array( '<p><img src="https://example.com/a.jpg" onerror="alert(1)"></p>', 'attribute', 'img', 'onerror' ),
			'event handler, no space'      => array( '<img src="x"/onerror=alert(1)>', 'attribute', 'img', 'onerror' ),
			'javascript: URL'              => array( '<a href="javascript:alert(1)">x</a>', 'url', 'a', 'href' ),
			'entity-encoded javascript:'   => array( '<a href="jav&#x61;script:alert(1)">x</a>', 'url', 'a', 'href' ),
			'iframe'                       => array( '<iframe src="https://example.com"></iframe>', 'element', 'iframe', '' ),
			'javascript: image source'     => array( '<img src="javascript:alert(1)" alt="">', 'url', 'img', 'src' ),
			'form'                         => array( '<form action="https://example.com"><button>Go</button></form>', 'element', 'form', '' ),
			'svg onload'                   => array( '<svg onload="alert(1)"></svg>', 'element', 'svg', '' ),
			'style element'                => array( '<style>body{display:none}</style><p>x</p>', 'element', 'style', '' ),
			'style url javascript:'        => array( '<p style="color: red; background-image: url(javascript:alert(1))">x</p>', 'style', 'p', 'style' ),
			'style attribute emptied'      => array( '<p style="behavior: url(x.htc)">x</p>', 'style', 'p', 'style' ),
			'object data'                  => array( '<object data="https://example.com/x.swf"></object>', 'attribute', 'object', 'data' ),
			'script in a block attribute'  => array( '<!-- wp:heading {"content":"<script>alert(1)</script>"} --><h2>x</h2><!-- /wp:heading -->', 'block', 'core/heading', '' ),
			'handler on a dropped element' => array( '<marquee onstart="alert(1)">x</marquee>', 'attribute', 'marquee', 'onstart' ),
			'data URL'                     => array( '<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>', 'url', 'a', 'href' ),
		);
	}

	/**
	 * One change set: findings name their field, title and excerpt as well as content.
	 */
	public function test_findings_name_the_field(): void {
		$raw = \Countersign\Proposals\ChangeSet::from_input(
			array(
				'title'   => '<b onmouseover="alert(1)">T</b>',
				'content' => '<p>Fine<br/></p>',
				'excerpt' => 'E <script>x</script>',
			),
			'post'
		);
		$this->assertInstanceOf( \Countersign\Proposals\ChangeSet::class, $raw );
		$findings = MarkupRisk::findings( $raw );

		$this->assertSame(
			array( array( 'title', 'attribute', 'onmouseover' ), array( 'excerpt', 'element', '' ) ),
			array_map( fn( array $f ): array => array( $f['field'], $f['kind'], $f['attribute'] ), $findings )
		);
	}

	/**
	 * Meta (list items, JSON inside a value such as footnotes) and new term names are read like content, each
	 * finding naming its path; plain text kses would only re-encode is no finding.
	 */
	public function test_findings_cover_meta_and_term_names(): void {
		register_post_meta( 'post', 'countersign_markup_list', array( 'type' => 'string', 'single' => false, 'show_in_rest' => true ) );
		try {
			$raw = \Countersign\Proposals\ChangeSet::from_input(
				array(
					'meta'  => array(
						'footnotes'               => (string) wp_json_encode( array( array( 'id' => 'f', 'content' => '<img src=x onerror=alert(1)>' ) ) ),
						'countersign_markup_list' => array( 'Tom & Jerry < Friends', '<a href="javascript:x()">y</a>' ),
					),
					'terms' => array( 'post_tag' => array( 'R&D', '<script>alert(1)</script>' ) ),
				),
				'post'
			);
		} finally {
			unregister_post_meta( 'post', 'countersign_markup_list' );
		}
		$this->assertInstanceOf( \Countersign\Proposals\ChangeSet::class, $raw );

		$this->assertSame(
			array( array( 'meta.footnotes', 'attribute' ), array( 'meta.countersign_markup_list.1', 'url' ), array( 'terms.post_tag.1', 'element' ) ),
			array_map( fn( array $f ): array => array( $f['field'], $f['kind'] ), MarkupRisk::findings( $raw ) )
		);
	}
}
