/**
 * Benchmark: block editor load with Countersign active vs inactive, the Gutenberg perf-suite way: median of 10
 * loads of the same post, time to the first block in the canvas (`firstBlock`), alternating active and inactive
 * so drift hits both. Also the gzipped size of Countersign's JavaScript the editor loads; and, on the post the
 * diff benchmark generated (about 1,000 blocks, large-post.json, 10% of blocks changed by a proposal), the time
 * from the click on View changes to the first changed block visible in the sidebar, and the longest main-thread
 * task from the click until the diff has settled. Writes editor.json for bench/report.mjs.
 */
/* eslint-disable no-console -- the benchmark reports its numbers in the Playwright output */
import { gzipSync } from 'node:zlib';
import { readFileSync, writeFileSync } from 'node:fs';
import { test, expect, type Page } from '@playwright/test';
import { RequestUtils } from '@wordpress/e2e-test-utils-playwright';
import {
	agentClient,
	createAgent,
	createPost,
	propose,
} from '../tests/e2e/utils';
import { openProposalsSidebar } from '../tests/e2e/specs/review-helpers';

const ROUNDS = Number( process.env.ROUNDS ?? 10 );

async function firstBlock( page: Page, url: string ): Promise< number > {
	await page.goto( url );
	const handle = await page.waitForFunction(
		() => {
			const canvas = document.querySelector< HTMLIFrameElement >(
				'iframe[name="editor-canvas"]'
			);
			const block = ( canvas?.contentDocument ?? document ).querySelector(
				'.block-editor-block-list__layout [data-block]'
			);
			return block ? performance.now() : false;
		},
		undefined,
		{ polling: 'raf', timeout: 120_000 }
	);
	return ( await handle.jsonValue() ) as number;
}

const median = ( values: number[] ) =>
	[ ...values ].sort( ( a, b ) => a - b )[ Math.floor( values.length / 2 ) ]!;

test( 'editor load with Countersign active vs inactive', async ( { page } ) => {
	const requestUtils = await RequestUtils.setup( {
		baseURL: process.env.WP_BASE_URL!,
		storageStatePath: process.env.STORAGE_STATE_PATH!,
		user: { username: 'admin', password: 'password' },
	} );
	const paragraphs = Array.from(
		{ length: 60 },
		( _, i ) =>
			`<!-- wp:paragraph -->\n<p>Paragraph ${ i } of the benchmark post, a few sentences of ordinary prose.</p>\n<!-- /wp:paragraph -->`
	).join( '\n\n' );
	const post = await requestUtils.rest< { id: number } >( {
		method: 'POST',
		path: '/wp/v2/posts',
		data: {
			title: 'Editor load benchmark',
			content: paragraphs,
			status: 'publish',
		},
	} );
	// A pending proposal, so the active run loads what a reviewer sees.
	const agent = await createAgent( requestUtils, {
		label: 'Bench agent',
		role: 'editor',
		preset: 'content_manager',
	} );
	await propose( agentClient( agent ), {
		post: post.id,
		changes: { title: 'A proposed title' },
		rationale: 'Benchmark.',
	} );
	const url = `/wp-admin/post.php?post=${ post.id }&action=edit`;
	const setActive = ( active: boolean ) =>
		requestUtils.rest( {
			method: 'PUT',
			path: '/wp/v2/plugins/countersign/plugin',
			data: { status: active ? 'active' : 'inactive' },
		} );

	// Warm both (PHP opcache, browser cache) and dismiss the welcome guide.
	await firstBlock( page, url );
	await page.evaluate( () =>
		window.wp?.data
			?.dispatch( 'core/preferences' )
			.set( 'core/edit-post', 'welcomeGuide', false )
	);

	const loads: Record< 'active' | 'inactive', number[] > = {
		active: [],
		inactive: [],
	};
	let pluginBytes = 0;
	let pluginGzip = 0;
	for ( let round = 0; round < ROUNDS; round++ ) {
		for ( const state of [ 'active', 'inactive' ] as const ) {
			await setActive( state === 'active' );
			// By URL: Chromium may report one script twice (preload scan and parse).
			const scripts = new Map< string, Promise< Buffer > >();
			const listener = (
				response: import( '@playwright/test' ).Response
			) => {
				if (
					/\/plugins\/countersign\/build\/.*\.js/.test(
						response.url()
					)
				) {
					scripts.set( response.url(), response.body() );
				}
			};
			page.on( 'response', listener );
			loads[ state ].push( await firstBlock( page, url ) );
			page.off( 'response', listener );
			if ( state === 'active' && round === 0 ) {
				const bodies = await Promise.all( scripts.values() );
				expect( bodies.length ).toBeGreaterThan( 0 );
				pluginBytes = bodies.reduce(
					( sum, body ) => sum + body.length,
					0
				);
				pluginGzip = bodies.reduce(
					( sum, body ) =>
						sum + gzipSync( body, { level: 9 } ).length,
					0
				);
			}
			if ( state === 'inactive' ) {
				expect( scripts.size ).toBe( 0 );
			}
		}
	}
	await setActive( true );

	// The diff of a long post in the real editor: click View changes, wait for the first changed block.
	const out = process.env.COUNTERSIGN_BENCH_OUT ?? 'artifacts/bench';
	const large = JSON.parse(
		readFileSync( `${ out }/large-post.json`, 'utf8' )
	) as { base: string; proposed: string; blocks: number };
	const long = await createPost( requestUtils, {
		title: 'Diff paint benchmark',
		content: large.base,
		status: 'publish',
	} );
	await propose( agentClient( agent ), {
		post: long.id,
		changes: { content: large.proposed },
		rationale: 'Benchmark: 10% of the blocks changed.',
	} );
	await firstBlock(
		page,
		`/wp-admin/post.php?post=${ long.id }&action=edit`
	);
	const sidebar = await openProposalsSidebar( page );
	const toggle = sidebar.getByRole( 'button', { name: 'View changes' } );
	await toggle.waitFor();
	await page.evaluate( () => {
		const state = window as unknown as {
			countersignBench: { clickAt: number; tasks: number[] };
		};
		// Until the click, no task counts: one that ended before it (the editor still laying out the post) is not the diff's.
		state.countersignBench = { clickAt: Infinity, tasks: [] };
		new PerformanceObserver( ( list ) => {
			for ( const entry of list.getEntries() ) {
				if (
					entry.startTime + entry.duration >=
					state.countersignBench.clickAt
				) {
					state.countersignBench.tasks.push( entry.duration );
				}
			}
		} ).observe( { type: 'longtask', buffered: false } );
		document.addEventListener(
			'click',
			() => ( state.countersignBench.clickAt = performance.now() ),
			{ capture: true, once: true }
		);
	} );
	await toggle.click();
	const painted = await page.waitForFunction(
		() => {
			const state = window as unknown as {
				countersignBench: { clickAt: number };
			};
			const changed = document.querySelector< HTMLElement >(
				'.countersign-visual__block:not(.is-unchanged), .countersign-blocks__item:not(.is-unchanged)'
			);
			return changed && changed.getClientRects().length > 0
				? performance.now() - state.countersignBench.clickAt
				: false;
		},
		undefined,
		{ polling: 'raf', timeout: 120_000 }
	);
	const clickToChange = ( await painted.jsonValue() ) as number;
	// Tasks the diff and its rendering leave after the first paint count too.
	await page.waitForTimeout( 1_000 );
	const longestTask = await page.evaluate( () =>
		Math.max(
			0,
			...(
				window as unknown as {
					countersignBench: { tasks: number[] };
				}
			 ).countersignBench.tasks
		)
	);

	const active = median( loads.active );
	const inactive = median( loads.inactive );
	console.log(
		`firstBlock median of ${ ROUNDS }: active ${ active.toFixed( 0 ) } ms, inactive ${ inactive.toFixed( 0 ) } ms, ratio ${ ( active / inactive ).toFixed( 3 ) }x`
	);
	console.log(
		`Countersign JS loaded with the editor: ${ ( pluginBytes / 1024 ).toFixed( 1 ) } KB, ${ ( pluginGzip / 1024 ).toFixed( 1 ) } KB gzipped`
	);
	console.log(
		`${ large.blocks }-block post: View changes → first changed block ${ clickToChange.toFixed( 0 ) } ms; longest main-thread task ${ longestTask.toFixed( 0 ) } ms`
	);
	writeFileSync(
		`${ out }/editor.json`,
		JSON.stringify(
			[
				{
					group: 'Block editor',
					name: `Editor load, firstBlock, median of ${ ROUNDS } (active vs inactive)`,
					ours: active,
					core: inactive,
					unit: 'ms',
					target: 1.05,
				},
				{
					group: 'Block editor',
					name: 'Countersign JS loaded with the editor (gzipped)',
					ours: pluginGzip / 1024,
					core: null,
					unit: 'KB',
					target: 20,
				},
				{
					group: 'Block editor',
					name: `View changes of a ${ large.blocks.toLocaleString( 'en' ) }-block post: click → first changed block visible`,
					ours: clickToChange,
					core: null,
					unit: 'ms',
					target: 200,
				},
				{
					group: 'Block editor',
					name: 'Longest main-thread task from that click until the diff settles',
					ours: longestTask,
					core: null,
					unit: 'ms',
					target: 50,
				},
			],
			null,
			2
		)
	);
} );
