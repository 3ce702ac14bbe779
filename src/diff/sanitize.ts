/**
 * Agents write the markup the Visual view renders, so it is treated as hostile:
 * parsed in an inert document (nothing runs, nothing loads), then rebuilt from
 * an allowlist of tags and attributes, with URLs limited to http(s), relative
 * and data:image. Everything else is dropped, keeping its text.
 */

const TAGS = new Set( [
	'a',
	'abbr',
	'b',
	'blockquote',
	'br',
	'caption',
	'cite',
	'code',
	'del',
	'div',
	'em',
	'figcaption',
	'figure',
	'h1',
	'h2',
	'h3',
	'h4',
	'h5',
	'h6',
	'hr',
	'i',
	'img',
	'ins',
	'kbd',
	'li',
	'mark',
	'ol',
	'p',
	'pre',
	's',
	'small',
	'span',
	'strong',
	'sub',
	'sup',
	'table',
	'tbody',
	'td',
	'tfoot',
	'th',
	'thead',
	'tr',
	'u',
	'ul',
] );

/** Elements dropped with their content. */
const DROP = new Set( [
	'script',
	'style',
	'iframe',
	'object',
	'embed',
	'template',
	'noscript',
	'svg',
	'math',
	'form',
	'textarea',
	'select',
	'button',
	'input',
] );

const ATTRIBUTES = new Set( [
	'href',
	'src',
	'alt',
	'title',
	'class',
	'width',
	'height',
	'colspan',
	'rowspan',
	'start',
	'reversed',
	'datetime',
] );

/**
 * Whether a URL may appear in href/src.
 *
 * @param value The attribute value.
 * @param name  The attribute name.
 */
function isSafeUrl( value: string, name: string ): boolean {
	const url = value
		.trim()
		.toLowerCase()
		.replace( /[\u0000-\u001f\s]+/gu, '' );
	if ( /^(?:https?:|\/|#|\.|[^:]*$)/u.test( url ) ) {
		return true;
	}
	return (
		name === 'src' && /^data:image\/(?:png|gif|jpe?g|webp);/u.test( url )
	);
}

/**
 * Copies the allowed parts of `source` into `target`.
 *
 * @param source Inert node.
 * @param target Clean parent.
 * @param doc    The inert document that builds clean nodes.
 */
function copyClean( source: Node, target: Node, doc: Document ): void {
	for ( const child of Array.from( source.childNodes ) ) {
		if ( child.nodeType === 3 ) {
			target.appendChild( doc.createTextNode( child.textContent ?? '' ) );
			continue;
		}
		if ( child.nodeType !== 1 ) {
			continue;
		}
		const element = child as Element;
		const tag = element.tagName.toLowerCase();
		if ( DROP.has( tag ) ) {
			continue;
		}
		if ( ! TAGS.has( tag ) ) {
			copyClean( element, target, doc );
			continue;
		}
		const clean = doc.createElement( tag );
		for ( const attribute of Array.from( element.attributes ) ) {
			const name = attribute.name.toLowerCase();
			if ( ! ATTRIBUTES.has( name ) ) {
				continue;
			}
			if (
				( name === 'href' || name === 'src' ) &&
				! isSafeUrl( attribute.value, name )
			) {
				continue;
			}
			clean.setAttribute( name, attribute.value );
		}
		if ( tag === 'a' ) {
			// Reviewing must not navigate away from unsaved work, nor hand the opener to an agent's page.
			clean.setAttribute( 'target', '_blank' );
			clean.setAttribute( 'rel', 'noopener noreferrer nofollow' );
		}
		copyClean( element, clean, doc );
		target.appendChild( clean );
	}
}

/**
 * Block markup made safe to render in the admin.
 *
 * @example
 * ```ts
 * sanitizeHtml( '<p onclick="x()">Hi<script>alert(1)</script></p>' ); // '<p>Hi</p>'
 * ```
 *
 * @param html Untrusted markup.
 */
export function sanitizeHtml( html: string ): string {
	const doc = document.implementation.createHTMLDocument( '' );
	const source = doc.createElement( 'div' );
	source.innerHTML = html;
	const target = doc.createElement( 'div' );
	copyClean( source, target, doc );
	return target.innerHTML;
}
