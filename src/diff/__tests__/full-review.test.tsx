/**
 * External dependencies
 */
import '@testing-library/jest-dom';

/**
 * Internal dependencies
 */
import { changeNodes } from '../full-review';

describe( 'changeNodes', () => {
	it( 'counts changed blocks and fields in reading order, a changed container through its inner blocks', () => {
		document.body.innerHTML = `
			<div id="root">
				<dl><div class="countersign-diff__field" id="title"></div></dl>
				<div class="countersign-visual__block is-unchanged"></div>
				<div class="countersign-visual__block is-changed" id="group">
					<div class="countersign-visual__block is-changed" id="inner-1"></div>
					<div class="countersign-visual__block is-unchanged"></div>
					<div class="countersign-visual__block is-added" id="inner-2"></div>
				</div>
				<div class="countersign-visual__block is-moved" id="moved"></div>
			</div>`;
		expect(
			changeNodes( document.getElementById( 'root' ) ).map(
				( node ) => node.id
			)
		).toEqual( [ 'title', 'inner-1', 'inner-2', 'moved' ] );
		expect( changeNodes( null ) ).toEqual( [] );
	} );
} );
