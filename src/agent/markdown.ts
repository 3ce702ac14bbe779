/**
 * Markdown to block markup, so an agent's draft arrives in the editor as
 * core blocks (paragraphs, headings, lists, quotes, code) rather than one
 * Classic block.
 */

/**
 * External dependencies
 */
import { Lexer, Parser, type Token, type Tokens } from 'marked';

/**
 * Serialises one block: its comment delimiters around its saved HTML.
 *
 * @param name       Block name without the core/ prefix.
 * @param attributes Attributes that are not the defaults.
 * @param html       The block's saved HTML.
 */
export function block(
	name: string,
	attributes: Record< string, unknown >,
	html: string
): string {
	const attrs =
		Object.keys( attributes ).length > 0
			? ' ' + JSON.stringify( attributes )
			: '';
	return `<!-- wp:${ name }${ attrs } -->\n${ html }\n<!-- /wp:${ name } -->`;
}

const escapeHtml = ( text: string ): string =>
	text
		.replace( /&/g, '&amp;' )
		.replace( /</g, '&lt;' )
		.replace( />/g, '&gt;' );

/**
 * Inline Markdown (links, emphasis, code spans) of a token as HTML.
 *
 * @param token A token that may carry inline tokens.
 */
function inline( token: Token ): string {
	const children = ( token as { tokens?: Token[] } ).tokens;
	if ( children ) {
		return Parser.parseInline( children ).trim();
	}
	return escapeHtml( ( token as { text?: string } ).text ?? '' );
}

/**
 * A list and its items as core/list with core/list-item inner blocks.
 *
 * @param list The list token.
 */
function listBlock( list: Tokens.List ): string {
	const tag = list.ordered ? 'ol' : 'ul';
	const attributes: Record< string, unknown > = {};
	if ( list.ordered ) {
		attributes.ordered = true;
		if ( typeof list.start === 'number' && list.start !== 1 ) {
			attributes.start = list.start;
		}
	}
	const startAttr =
		typeof attributes.start === 'number'
			? ` start="${ attributes.start }"`
			: '';
	const items = list.items.map( ( item ) => {
		let text = '';
		let nested = '';
		for ( const child of item.tokens ) {
			if ( child.type === 'list' ) {
				nested += listBlock( child as Tokens.List );
			} else if ( child.type === 'text' || child.type === 'paragraph' ) {
				text += ( text ? '<br>' : '' ) + inline( child );
			} else if ( child.type !== 'space' ) {
				text += Parser.parse( [ child ] ).trim();
			}
		}
		return block( 'list-item', {}, `<li>${ text }${ nested }</li>` );
	} );
	return block(
		'list',
		attributes,
		`<${ tag } class="wp-block-list"${ startAttr }>${ items.join(
			''
		) }</${ tag }>`
	);
}

/**
 * One block-level token as a block; null for blank space.
 *
 * @param token Block-level token.
 */
function tokenToBlock( token: Token ): string | null {
	switch ( token.type ) {
		case 'space':
		case 'def':
			return null;
		case 'paragraph':
			return block( 'paragraph', {}, `<p>${ inline( token ) }</p>` );
		case 'text':
			return block( 'paragraph', {}, `<p>${ inline( token ) }</p>` );
		case 'heading': {
			const { depth } = token as Tokens.Heading;
			return block(
				'heading',
				depth === 2 ? {} : { level: depth },
				`<h${ depth } class="wp-block-heading">${ inline(
					token
				) }</h${ depth }>`
			);
		}
		case 'list':
			return listBlock( token as Tokens.List );
		case 'code':
			return block(
				'code',
				{},
				`<pre class="wp-block-code"><code>${ escapeHtml(
					( token as Tokens.Code ).text
				) }</code></pre>`
			);
		case 'blockquote': {
			const inner = markdownTokensToBlocks(
				( token as Tokens.Blockquote ).tokens
			);
			return block(
				'quote',
				{},
				`<blockquote class="wp-block-quote">${ inner.join(
					'\n\n'
				) }</blockquote>`
			);
		}
		case 'hr':
			return block(
				'separator',
				{},
				'<hr class="wp-block-separator has-alpha-channel-opacity"/>'
			);
		case 'html':
			return block( 'html', {}, ( token as Tokens.HTML ).text.trim() );
		default:
			// Tables and anything else marked knows: its HTML, kept editable as a Custom HTML block.
			return block( 'html', {}, Parser.parse( [ token ] ).trim() );
	}
}

/**
 * Block-level tokens as a list of serialised blocks.
 *
 * @param tokens Tokens from the lexer.
 */
function markdownTokensToBlocks( tokens: Token[] ): string[] {
	return tokens
		.map( tokenToBlock )
		.filter( ( html ): html is string => html !== null );
}

/**
 * Markdown as serialised core blocks.
 *
 * @example
 * markdownToBlocks( '# Hi\n\nSome *text*.' );
 * // <!-- wp:heading {"level":1} --> … <!-- wp:paragraph --> …
 *
 * @param markdown The Markdown source.
 */
export function markdownToBlocks( markdown: string ): string {
	return markdownTokensToBlocks( Lexer.lex( markdown, { gfm: true } ) ).join(
		'\n\n'
	);
}

/**
 * A draft file's contents as post content: Markdown is converted, HTML that
 * already has block delimiters is kept, other HTML is sent as it is (the
 * editor shows it as a Classic block with a one-click "Convert to blocks").
 *
 * @param fileName Used for its extension (.md, .markdown, .html, .htm).
 * @param source   The file's contents.
 */
export function draftToContent( fileName: string, source: string ): string {
	if ( /\.(md|markdown)$/i.test( fileName ) ) {
		return markdownToBlocks( source );
	}
	if ( /\.html?$/i.test( fileName ) ) {
		return source.trim();
	}
	throw new Error(
		`Unsupported draft file "${ fileName }": use .md, .markdown, .html or .htm.`
	);
}
