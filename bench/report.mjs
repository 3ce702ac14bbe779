/**
 * Prints one table of every benchmark's result (artifacts/bench/*.json) with its ratio against core WordPress
 * (or the named baseline) measured in the same run, the target, and the machine it ran on; writes the same
 * table to bench/RESULTS.md. A benchmark's file holds its rows, or { rows, note }: the note (markdown) is printed
 * under the table.
 *
 * Usage: node bench/report.mjs [ARTIFACTS_DIR=artifacts/bench] [--smoke]
 *
 * With --smoke (bench/run.sh smoke): every benchmark must have written its rows, each a finite number; the table is
 * printed but bench/RESULTS.md is left alone (it holds a full run); exits 1 when a benchmark's numbers are missing.
 */
/* eslint-disable no-console -- a command-line report: the table goes to stdout */
import { execSync } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';

const dir = process.argv[ 2 ] ?? 'artifacts/bench';
const smoke = process.argv.includes( '--smoke' );
const order = [
	'proposals',
	'proposals-redis',
	'queue',
	'diff',
	'editor',
	'audit',
	'load',
];
const files = readdirSync( dir )
	.filter(
		( file ) =>
			file.endsWith( '.json' ) &&
			order.includes( file.replace( '.json', '' ) )
	)
	.sort(
		( a, b ) =>
			order.indexOf( a.replace( '.json', '' ) ) -
			order.indexOf( b.replace( '.json', '' ) )
	);
// A benchmark writes its rows, or { rows, note } when it has more to say than the table holds (the editor benchmark:
// every load's numbers, the load average, the worst load's long animation frames).
const results = files.map( ( file ) => {
	const written = JSON.parse( readFileSync( `${ dir }/${ file }`, 'utf8' ) );
	return Array.isArray( written ) ? { rows: written } : written;
} );
const rows = results.flatMap( ( result ) => result.rows );
const notes = results
	.filter( ( result ) => result.note )
	.map( ( result ) => `\n\n${ result.note }` )
	.join( '' );
if ( smoke ) {
	const problems = order
		.filter(
			( name ) => name !== 'load' && ! files.includes( `${ name }.json` )
		)
		.map( ( name ) => `${ name }: no numbers written` );
	for ( const row of rows ) {
		const finite = ( value ) =>
			typeof value === 'number' && Number.isFinite( value );
		if (
			! finite( row.ours ) ||
			( row.core !== null && ! finite( row.core ) )
		) {
			problems.push( `${ row.group } / ${ row.name }: not a number` );
		}
	}
	for ( const problem of problems ) {
		console.error( `bench smoke: ${ problem }` );
	}
	console.log(
		`bench smoke: ${ files.length } benchmarks, ${ rows.length } numbers, ${ problems.length } missing`
	);
	if ( problems.length > 0 ) {
		process.exit( 1 );
	}
}

const shell = ( command ) => {
	try {
		return execSync( command, { encoding: 'utf8' } ).trim();
	} catch {
		return 'unknown';
	}
};
const machine = [
	`${ cpus()[ 0 ]?.model ?? 'unknown CPU' } × ${ cpus().length }`,
	`${ Math.round( totalmem() / 2 ** 30 ) } GiB`,
	shell( 'php -r "echo \'PHP \' . PHP_VERSION;"' ),
	shell(
		'mariadbd --version | grep -o "Ver [^ ]*" | sed "s/Ver /MariaDB /"'
	),
	`WordPress ${ shell( 'php -r \'include ".cache/wordpress-core/wp-includes/version.php"; echo $wp_version;\'' ) }`,
	`Node ${ process.version }`,
].join( ', ' );

const number = ( value, unit ) =>
	value === null || value === undefined
		? '—'
		: `${ value.toFixed( value < 10 ? 2 : 1 ) } ${ unit }`;
const lines = [
	'| Benchmark | Countersign | Core (same run) | Ratio | Target | Met |',
	'|---|---:|---:|---:|---:|:-:|',
];
let group = '';
let failed = 0;
for ( const row of rows ) {
	if ( row.group !== group ) {
		group = row.group;
		lines.push( `| **${ group }** | | | | | |` );
	}
	const ratio = row.core ? row.ours / row.core : null;
	const measured = ratio ?? row.ours;
	const hasTarget = row.target !== null && row.target !== undefined;
	let met = '';
	if ( hasTarget ) {
		met = measured <= row.target ? 'yes' : 'no';
	}
	if ( met === 'no' ) {
		failed++;
	}
	let target = '—';
	if ( hasTarget ) {
		target =
			ratio !== null
				? `≤ ${ row.target }×`
				: `≤ ${ row.target } ${ row.unit }`;
	}
	const core =
		row.core === null || row.core === undefined
			? '—'
			: `${ number( row.core, row.unit ) }${ row.baseline ? ` (${ row.baseline })` : '' }`;
	lines.push(
		`| ${ row.name } | ${ number( row.ours, row.unit ) } | ${ core } | ${ ratio === null ? '—' : `${ ratio.toFixed( 2 ) }×` } | ${ target } | ${ met } |`
	);
}
const table = lines.join( '\n' );
const stamp = new Date().toISOString().replace( /\.\d+Z$/, 'Z' );
if ( smoke ) {
	console.log( `\n${ table }${ notes }\n` );
	process.exit( 0 );
}
console.log(
	`\nCountersign benchmarks, ${ stamp }\nMachine: ${ machine }\n\n${ table }${ notes }\n\n${ failed } target(s) missed.`
);
writeFileSync(
	'bench/RESULTS.md',
	`# Benchmark results\n\nThe latest \`npm run bench\` on the project's machine, ${ stamp }. Every ratio is against core WordPress (or the named baseline) measured in the same run, on the same site.\n\nMachine: ${ machine }.\n\n${ table }${ notes }\n\n${ failed } target(s) missed. These machines are shared and noisy: ratios move by ±20% between runs; absolute times more.\n`
);
