#!/usr/bin/env bash
# npm run bench: runs every benchmark on its own site (:8890, fresh database, OPcache on), then prints one table of
# ratios against core WordPress measured in the same run (bench/report.mjs, also written to bench/RESULTS.md).
#   bash bench/run.sh                    all of them
#   bash bench/run.sh proposals [requests=200] [concurrency=4]   proposal submit/approve vs core post update, MCP vs REST
#   bash bench/run.sh proposals-redis [requests=200] [concurrency=4]   the same, both on Redis as the object cache
#   bash bench/run.sh queue [sizes=1000,10000,50000] [requests=100] review queue vs core posts list at scale
#   bash bench/run.sh diff [blocks=1000]                           block diff of a 1,000-block post
#   bash bench/run.sh editor [rounds=10] [clicks=5]                editor load with Countersign active vs inactive;
#                                                                  View changes on the diff's post, one click per load:
#                                                                  click → first changed block (median of the loads),
#                                                                  the longest task until it settles (worst load)
#   bash bench/run.sh audit [rows=1000000]                         audit append cost, verify, CSV export
#   bash bench/run.sh smoke      every benchmark once at a tiny size on a site that is already up (bin/test.sh bench:
#                                COUNTERSIGN_BENCH_SITE, COUNTERSIGN_BENCH_PORT name it); checks that each one printed
#                                its numbers, not their values, and leaves bench/RESULTS.md alone
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
mode=${1:-all}
[[ $# -gt 0 ]] && shift
if [[ $mode == smoke ]]; then
	site=${COUNTERSIGN_BENCH_SITE:?smoke runs on a site that is up: set COUNTERSIGN_BENCH_SITE and COUNTERSIGN_BENCH_PORT}
	port=${COUNTERSIGN_BENCH_PORT:?}
	out=artifacts/bench-smoke
	fresh_site() { :; }
else
	site=bench
	port=${COUNTERSIGN_BENCH_PORT:-8890}
	out=artifacts/bench
	bash bin/deps.sh
	fresh_site() {
		COUNTERSIGN_OPCACHE=1 bash bin/site.sh up bench "$port" --fresh >/dev/null
	}
	trap 'bash "$root/bin/site.sh" down bench' EXIT
fi
mkdir -p "$out"
url=http://localhost:$port
# The PHP benchmarks load WordPress in-process for this host; the Node ones call it over HTTP.
export COUNTERSIGN_BENCH_URL=$url
wp=$(bash bin/site.sh path "$site")

run_proposals() {
	echo "== Proposals: submit and approve vs core POST /wp/v2/posts/{id}"
	fresh_site
	local requests=${1:-200} concurrency=${2:-4} setup
	setup=$(mktemp)
	# Posts for core updates, REST submissions and MCP submissions (warm-up included).
	php bench/setup.php "$wp" $((3 * (requests + 20))) >"$setup"
	npx tsc -p bench/tsconfig.client.json
	node bench/proposals.mjs "$setup" "$requests" "$concurrency" "$out/proposals.json"
}
run_proposals_redis() {
	echo "== Proposals with Redis as the object cache: submit and approve vs core POST /wp/v2/posts/{id}"
	fresh_site
	# A Redis of the site's own (its port - 2500), with the Redis Object Cache drop-in, for core and us alike.
	bash bin/site.sh cache "$site" on $((port - 2500))
	local requests=${1:-200} concurrency=${2:-4} setup
	setup=$(mktemp)
	php bench/setup.php "$wp" $((2 * (requests + 20))) >"$setup"
	npx tsc -p bench/tsconfig.client.json
	COUNTERSIGN_BENCH_CACHE=Redis node bench/proposals.mjs "$setup" "$requests" "$concurrency" "$out/proposals-redis.json"
	bash bin/site.sh cache "$site" off
}
run_queue() {
	echo "== Review queue vs core posts list"
	fresh_site
	php -d memory_limit=1G bench/queue.php "$wp" "$url" "$out/queue.json" "${1:-1000,10000,50000}" "${2:-100}"
}
run_diff() {
	echo "== Block diff of a ${1:-1000}-block post"
	npx tsc -p bench/tsconfig.diff.json
	node bench/diff.mjs "$out/diff.json" "${1:-1000}"
}
run_editor() {
	echo "== Editor load, Countersign active vs inactive; View changes of the diff benchmark's post"
	# The post comes from the diff benchmark (large-post.json).
	[[ -f $out/large-post.json ]] || run_diff
	fresh_site
	ROUNDS=${1:-10} CLICKS=${2:-5} COUNTERSIGN_BENCH_OUT=$out npx playwright test -c bench/playwright.config.ts
}
run_audit() {
	echo "== Audit log"
	fresh_site
	php -d opcache.enable_cli=1 -d memory_limit=512M bench/audit.php "$wp" "${1:-1000000}" "$out/audit.json" "${2:-300}"
}

case $mode in
	all)
		rm -f "$out"/*.json
		run_proposals
		run_proposals_redis
		run_queue
		run_diff
		run_editor
		run_audit
		;;
	smoke)
		# The sizes of issue 18's smoke mode: a few requests, 100 queue rows, a 50-block diff, one editor load
		# each way and one View changes click, 1,000 audit rows (and 10 submits for the append cost).
		rm -f "$out"/*.json
		run_proposals 3 2
		run_proposals_redis 3 2
		run_queue 100 5
		run_diff 50
		run_editor 1 1
		run_audit 1000 10
		node bench/report.mjs "$out" --smoke
		exit
		;;
	proposals | proposals-redis | queue | diff | editor | audit) "run_${mode//-/_}" "$@" ;;
	*) echo "usage: bench/run.sh [all|smoke|proposals|proposals-redis|queue|diff|editor|audit] [args]" >&2; exit 2 ;;
esac
node bench/report.mjs "$out"
