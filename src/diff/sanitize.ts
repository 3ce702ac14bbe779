/**
 * Agents write the markup the Visual view renders, so it is treated as hostile:
 * parsed in an inert document (nothing runs, nothing loads), then rebuilt from
 * an allowlist of tags and attributes, with URLs limited to http(s), relative
 * and data:image. Everything else is dropped, keeping its text.
 *
 * Two more rules keep a preview from acting on the reviewer: it loads nothing
 * from another host until the reviewer asks (an image URL is a beacon that
 * reports who opened the proposal, and when), and it keeps only the classes
 * block content uses, so `notice notice-error` or `button-primary` cannot dress
 * agent text up as the screen's own notices and buttons.
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
 * Classes block markup carries (core blocks' own, colour, size, alignment and
 * layout classes). Any other class, the admin's among them, is dropped.
 */
const BLOCK_CLASS =
	/^(?:wp-block-[a-z0-9_-]+|wp-image-\d+|wp-element-[a-z0-9_-]+|has-[a-z0-9_-]+|is-(?:style|layout|content|resized|vertical|stacked|not-stacked|nowrap)[a-z0-9_-]*|align(?:left|right|center|wide|full|none)|size-[a-z0-9_-]+|columns-\d+|items-justified-[a-z-]+|are-vertically-aligned-[a-z-]+|blocks-gallery-[a-z0-9_-]+)$/u;

/** What a preview should do with images from other hosts. */
export interface PreviewOptions {
	/** Load them (the reviewer clicked to); by default they are held back. */
	loadRemote?: boolean;
	/** The admin's own origin; anything else is another host. */
	origin?: string;
}

/** Sanitised markup, and what it held back. */
export interface Preview {
	html: string;
	/** Images from other hosts that were not loaded. */
	blocked: number;
	/** Their hosts, each once. */
	hosts: string[];
}

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
 * The host of an image source that is not on the admin's origin, or null.
 *
 * @param value  The src attribute.
 * @param origin The admin's origin.
 */
function remoteHost( value: string, origin: string ): string | null {
	let url: URL;
	try {
		url = new URL( value.trim(), `${ origin }/` );
	} catch {
		return null;
	}
	if ( url.protocol === 'data:' || url.origin === origin ) {
		return null;
	}
	return url.host || url.protocol;
}

/** What copyClean() needs besides the nodes. */
interface CopyContext {
	doc: Document;
	origin: string;
	loadRemote: boolean;
	blocked: string[];
}

/**
 * An image from another host, held back: a visible stand-in naming the host.
 *
 * @param element The image.
 * @param host    Its host.
 * @param context Copy context.
 */
function heldBackImage(
	element: Element,
	host: string,
	context: CopyContext
): Element {
	const stand = context.doc.createElement( 'span' );
	stand.setAttribute( 'class', 'countersign-visual__remote-image' );
	const alt = element.getAttribute( 'alt' ) ?? '';
	stand.appendChild(
		context.doc.createTextNode( alt ? `${ host }: ${ alt }` : host )
	);
	context.blocked.push( host );
	return stand;
}

/**
 * Copies the allowed parts of `source` into `target`.
 *
 * @param source  Inert node.
 * @param target  Clean parent.
 * @param context The inert document that builds clean nodes, and what to hold back.
 */
function copyClean( source: Node, target: Node, context: CopyContext ): void {
	const { doc } = context;
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
			copyClean( element, target, context );
			continue;
		}
		const src = element.getAttribute( 'src' );
		const host =
			tag === 'img' && src !== null && isSafeUrl( src, 'src' )
				? remoteHost( src, context.origin )
				: null;
		if ( host !== null && ! context.loadRemote ) {
			target.appendChild( heldBackImage( element, host, context ) );
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
			if ( name === 'class' ) {
				const classes = attribute.value
					.split( /\s+/u )
					.filter( ( item ) => BLOCK_CLASS.test( item ) );
				if ( classes.length > 0 ) {
					clean.setAttribute( 'class', classes.join( ' ' ) );
				}
				continue;
			}
			clean.setAttribute( name, attribute.value );
		}
		if ( tag === 'a' ) {
			// Reviewing must not navigate away from unsaved work, nor hand the opener to an agent's page.
			clean.setAttribute( 'target', '_blank' );
			clean.setAttribute( 'rel', 'noopener noreferrer nofollow' );
		}
		copyClean( element, clean, context );
		target.appendChild( clean );
	}
}

let inert: Document | null = null;

/**
 * The inert document previews are parsed and rebuilt in: one for every call,
 * since making a document costs several times what sanitising a block does,
 * and the Visual view sanitises each block it shows. Nothing is ever attached
 * to it, so one call leaves nothing behind for the next.
 */
function inertDocument(): Document {
	inert ??= document.implementation.createHTMLDocument( '' );
	return inert;
}

/**
 * Block markup made safe to render in the admin: no script, no handlers, no
 * admin classes, and no image from another host unless `loadRemote` is set.
 *
 * @example
 * ```ts
 * sanitizePreview( '<p class="notice" onclick="x()">Hi<img src="https://x.test/a.png"></p>' );
 * // { html: '<p>Hi<span class="countersign-visual__remote-image">x.test</span></p>', blocked: 1, hosts: [ 'x.test' ] }
 * ```
 *
 * @param html    Untrusted markup.
 * @param options Remote loading, and the origin that counts as this site.
 */
export function sanitizePreview(
	html: string,
	options: PreviewOptions = {}
): Preview {
	const doc = inertDocument();
	const source = doc.createElement( 'div' );
	source.innerHTML = html;
	const target = doc.createElement( 'div' );
	const context: CopyContext = {
		doc,
		origin: options.origin ?? window.location.origin,
		loadRemote: options.loadRemote ?? false,
		blocked: [],
	};
	copyClean( source, target, context );
	return {
		html: target.innerHTML,
		blocked: context.blocked.length,
		hosts: Array.from( new Set( context.blocked ) ),
	};
}
