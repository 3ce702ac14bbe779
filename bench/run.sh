#!/usr/bin/env bash
# npm run bench: runs every benchmark on its own site (:8890, fresh database, OPcache on), then prints one table of
# ratios against core WordPress measured in the same run (bench/report.mjs, also written to bench/RESULTS.md).
#   bash bench/run.sh                    all of them
#   bash bench/run.sh proposals [requests=200] [concurrency=4]   proposal submit/approve vs core post update, MCP vs REST
#   bash bench/run.sh proposals-redis [requests=200] [concurrency=4]   the same, both on Redis as the object cache
#   bash bench/run.sh queue [sizes=1000,10000,50000]               review queue vs core posts list at scale
#   bash bench/run.sh diff                                         block diff of a 1,000-block post
#   bash bench/run.sh editor                                       editor load with Countersign active vs inactive
#   bash bench/run.sh audit [rows=1000000]                         audit append cost, verify, CSV export
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
mode=${1:-all}
[[ $# -gt 0 ]] && shift
out=artifacts/bench
mkdir -p "$out"
bash bin/deps.sh
url=http://localhost:8890
fresh_site() {
	COUNTERSIGN_OPCACHE=1 bash bin/site.sh up bench 8890 --fresh >/dev/null
}
trap 'bash "$root/bin/site.sh" down bench' EXIT
wp=$(bash bin/site.sh path bench)

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
	# A Redis of the bench site's own (port 8890 - 2500), with the Redis Object Cache drop-in, for core and us alike.
	bash bin/site.sh cache bench on 6390
	local requests=${1:-200} concurrency=${2:-4} setup
	setup=$(mktemp)
	php bench/setup.php "$wp" $((2 * (requests + 20))) >"$setup"
	npx tsc -p bench/tsconfig.client.json
	COUNTERSIGN_BENCH_CACHE=Redis node bench/proposals.mjs "$setup" "$requests" "$concurrency" "$out/proposals-redis.json"
	bash bin/site.sh cache bench off
}
run_queue() {
	echo "== Review queue vs core posts list"
	fresh_site
	php -d memory_limit=1G bench/queue.php "$wp" "$url" "$out/queue.json" "${1:-1000,10000,50000}"
}
run_diff() {
	echo "== Block diff of a 1,000-block post"
	npx tsc -p bench/tsconfig.diff.json
	node bench/diff.mjs "$out/diff.json"
}
run_editor() {
	echo "== Editor load, Countersign active vs inactive"
	fresh_site
	COUNTERSIGN_BENCH_URL=$url npx playwright test -c bench/playwright.config.ts
}
run_audit() {
	echo "== Audit log"
	fresh_site
	php -d opcache.enable_cli=1 -d memory_limit=512M bench/audit.php "$wp" "${1:-1000000}" "$out/audit.json"
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
	proposals | proposals-redis | queue | diff | editor | audit) "run_${mode//-/_}" "$@" ;;
	*) echo "usage: bench/run.sh [all|proposals|proposals-redis|queue|diff|editor|audit] [args]" >&2; exit 2 ;;
esac
node bench/report.mjs "$out"
