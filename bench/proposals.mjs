/**
 * Benchmark: Countersign proposal submit and approve against core's own post update, measured in the same run
 * on the same site, with concurrent clients. Prints p50/p95 per operation and the ratios to core; and the same
 * submission over Countersign's MCP server (the MCP SDK client, Streamable HTTP) against the REST submission.
 *
 * The agent submits through the typed agent client (src/api/agent-client.ts, the one bin/countersign-agent uses);
 * the administrator's core updates and approvals are plain fetches.
 *
 * Usage: node bench/proposals.mjs SETUP_JSON [requests=200] [concurrency=4] [OUT_JSON]
 *        (after `npx tsc -p bench/tsconfig.client.json`)
 */
/* eslint-disable no-console -- a command-line benchmark: its results go to stdout */
import { createRequire } from 'node:module';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
// The MCP SDK's subpaths resolve through its package "exports", which the import plugin's resolver does not read.
// eslint-disable-next-line import/no-unresolved
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
// eslint-disable-next-line import/no-unresolved
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

const root = resolve( dirname( fileURLToPath( import.meta.url ) ), '..' );
const { createAgentClient } = createRequire( import.meta.url )(
	`${ root }/build/bench-client/api/agent-client.js`
);

const [ setupFile, requestsArg = '200', concurrencyArg = '4', out ] =
	process.argv.slice( 2 );
const setup = JSON.parse( readFileSync( setupFile, 'utf8' ) );
const base = process.env.COUNTERSIGN_BENCH_URL ?? 'http://localhost:8890';
const requests = Number( requestsArg );
const concurrency = Number( concurrencyArg );

const auth = ( [ user, password ] ) =>
	'Basic ' + Buffer.from( `${ user }:${ password }` ).toString( 'base64' );
const admin = auth( setup.admin );
const agentClient = createAgentClient( {
	url: base,
	user: setup.agent[ 0 ],
	password: setup.agent[ 1 ],
} );

async function call( authorization, path, body, expected ) {
	const started = performance.now();
	const response = await fetch( `${ base }/wp-json${ path }`, {
		method: 'POST',
		headers: {
			Authorization: authorization,
			'Content-Type': 'application/json',
		},
		body: JSON.stringify( body ),
	} );
	const data = await response.json();
	const elapsed = performance.now() - started;
	if ( response.status !== expected ) {
		throw new Error(
			`${ path }: ${ response.status } ${ JSON.stringify( data ) }`
		);
	}
	return { elapsed, data };
}

/**
 * Runs jobs with N concurrent clients; returns each job's latency in ms.
 *
 * @param {Array<() => Promise<{elapsed: number}>>} jobs Requests to make.
 */
async function run( jobs ) {
	const latencies = [];
	let next = 0;
	const client = async () => {
		while ( next < jobs.length ) {
			const job = jobs[ next++ ];
			latencies.push( ( await job() ).elapsed );
		}
	};
	await Promise.all( Array.from( { length: concurrency }, client ) );
	return latencies;
}

const percentile = ( values, p ) => {
	const sorted = [ ...values ].sort( ( a, b ) => a - b );
	return sorted[
		Math.min( sorted.length - 1, Math.floor( ( p / 100 ) * sorted.length ) )
	];
};

const posts = setup.posts;
const edited = ( i ) =>
	setup.content.replace( 'Paragraph 3 of', `Paragraph 3 (edit ${ i }) of` );
const warm = Math.min( 20, requests );

// Core update: an administrator saving the same content change through POST /wp/v2/posts/{id}.
const coreJobs = ( from, count ) =>
	Array.from(
		{ length: count },
		( _, i ) => () =>
			call(
				admin,
				`/wp/v2/posts/${ posts[ from + i ] }`,
				{ content: edited( from + i ) },
				200
			)
	);
// Submit: the agent proposes the same change to a different post each time.
const proposalIds = [];
const submitJobs = ( from, count ) =>
	Array.from( { length: count }, ( _, i ) => async () => {
		const started = performance.now();
		const proposal = await agentClient.propose( {
			post: posts[ from + i ],
			changes: { content: edited( from + i ) },
			rationale: 'Benchmark edit.',
		} );
		const result = { elapsed: performance.now() - started, data: proposal };
		proposalIds.push( result.data.id );
		return result;
	} );
const approveJobs = ( ids ) =>
	ids.map(
		( id ) => () =>
			call( admin, `/countersign/v1/proposals/${ id }/approve`, {}, 200 )
	);

// Posts [0, requests+warm) take core updates; [requests+warm, 2*(requests+warm)) take proposals.
const offset = requests + warm;
await run( coreJobs( 0, warm ) );
await run( submitJobs( offset, warm ) );
await run( approveJobs( proposalIds.splice( 0 ) ) );

const core = await run( coreJobs( warm, requests ) );
const submit = await run( submitJobs( offset + warm, requests ) );
const approve = await run( approveJobs( proposalIds.splice( 0 ) ) );

// The same submission over MCP: one session, the propose-change tool, posts [2*offset, 3*offset).
const mcp = new Client( { name: 'countersign-bench', version: '1.0.0' } );
await mcp.connect(
	new StreamableHTTPClientTransport(
		new URL( `${ base }/wp-json/countersign/v1/mcp` ),
		{ requestInit: { headers: { Authorization: auth( setup.agent ) } } }
	)
);
const mcpJobs = ( from, count ) =>
	Array.from( { length: count }, ( _, i ) => async () => {
		const started = performance.now();
		const result = await mcp.callTool( {
			name: 'countersign-propose-change',
			arguments: {
				post: posts[ from + i ],
				changes: { content: edited( from + i ) },
				rationale: 'Benchmark edit.',
			},
		} );
		if ( result.isError ) {
			throw new Error( JSON.stringify( result.content ) );
		}
		return { elapsed: performance.now() - started };
	} );
await run( mcpJobs( 2 * offset, warm ) );
const mcpSubmit = await run( mcpJobs( 2 * offset + warm, requests ) );
await mcp.close();

const row = ( name, values ) => ( {
	name,
	p50: percentile( values, 50 ),
	p95: percentile( values, 95 ),
} );
const rows = [
	row( 'core POST /wp/v2/posts/{id}', core ),
	row( 'POST /countersign/v1/proposals', submit ),
	row( 'POST /proposals/{id}/approve', approve ),
	row( 'MCP tools/call propose-change', mcpSubmit ),
];
console.log(
	`requests per operation: ${ requests }, concurrent clients: ${ concurrency }`
);
for ( const r of rows ) {
	console.log(
		`${ r.name.padEnd( 34 ) } p50 ${ r.p50.toFixed( 1 ).padStart( 7 ) } ms   p95 ${ r.p95.toFixed( 1 ).padStart( 7 ) } ms`
	);
}
const ratio = ( r ) =>
	`p50 ${ ( r.p50 / rows[ 0 ].p50 ).toFixed( 2 ) }x, p95 ${ ( r.p95 / rows[ 0 ].p95 ).toFixed( 2 ) }x`;
console.log(
	`submit  / core update: ${ ratio( rows[ 1 ] ) }   (target <= 1.25x)`
);
console.log(
	`approve / core update: ${ ratio( rows[ 2 ] ) }   (target <= 2x)`
);
console.log(
	`MCP submit / REST submit: p50 ${ ( rows[ 3 ].p50 / rows[ 1 ].p50 ).toFixed( 2 ) }x, p95 ${ ( rows[ 3 ].p95 / rows[ 1 ].p95 ).toFixed( 2 ) }x`
);
// COUNTERSIGN_BENCH_CACHE names the persistent object cache both sides ran on (bench/run.sh proposals-redis):
// then only the p50 rows, in a group of their own.
const cache = process.env.COUNTERSIGN_BENCH_CACHE;
if ( out && cache ) {
	const group = `Proposals with ${ cache } as the object cache (${ requests } requests, ${ concurrency } clients)`;
	writeFileSync(
		out,
		JSON.stringify(
			[
				{
					group,
					name: `Submit vs core update, both with ${ cache }, p50`,
					ours: rows[ 1 ].p50,
					core: rows[ 0 ].p50,
					unit: 'ms',
					target: 1.25,
				},
				{
					group,
					name: `Approve vs core update, both with ${ cache }, p50`,
					ours: rows[ 2 ].p50,
					core: rows[ 0 ].p50,
					unit: 'ms',
					target: 2,
				},
			],
			null,
			2
		)
	);
} else if ( out ) {
	const group = `Proposals (${ requests } requests, ${ concurrency } clients)`;
	writeFileSync(
		out,
		JSON.stringify(
			[
				{
					group,
					name: 'Submit vs core update, p50',
					ours: rows[ 1 ].p50,
					core: rows[ 0 ].p50,
					unit: 'ms',
					target: 1.25,
				},
				{
					group,
					name: 'Submit vs core update, p95',
					ours: rows[ 1 ].p95,
					core: rows[ 0 ].p95,
					unit: 'ms',
					target: 1.25,
				},
				{
					group,
					name: 'Approve vs core update, p50',
					ours: rows[ 2 ].p50,
					core: rows[ 0 ].p50,
					unit: 'ms',
					target: 2,
				},
				{
					group,
					name: 'Approve vs core update, p95',
					ours: rows[ 2 ].p95,
					core: rows[ 0 ].p95,
					unit: 'ms',
					target: 2,
				},
				{
					group,
					// The baseline here is Countersign's own REST submission, not core.
					name: 'Submit over MCP vs over REST, p50',
					ours: rows[ 3 ].p50,
					core: rows[ 1 ].p50,
					unit: 'ms',
					target: 1.25,
				},
			],
			null,
			2
		)
	);
}
