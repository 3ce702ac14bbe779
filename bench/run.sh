#!/usr/bin/env bash
# Runs the benchmarks on their own site (:8890, fresh database, OPcache on) and prints ratios against core
# WordPress measured in the same run.
#   bash bench/run.sh [requests=200] [concurrency=4]   proposal submit/approve vs core post update
#   bash bench/run.sh audit [rows=1000000]             audit append cost, verify and CSV export of N rows
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
mode=proposals
if [[ ${1:-} == audit ]]; then
	mode=audit
	shift
fi
requests=${1:-200}
concurrency=${2:-4}
bash bin/deps.sh
COUNTERSIGN_OPCACHE=1 bash bin/site.sh up bench 8890 --fresh
trap 'bash "$root/bin/site.sh" down bench' EXIT
if [[ $mode == audit ]]; then
	php -d opcache.enable_cli=1 -d memory_limit=512M bench/audit.php "$(bash bin/site.sh path bench)" "${1:-1000000}"
	exit 0
fi
setup=$(mktemp)
php bench/setup.php "$(bash bin/site.sh path bench)" $((2 * (requests + 20))) >"$setup"
node bench/proposals.mjs "$setup" "$requests" "$concurrency"
