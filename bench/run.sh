#!/usr/bin/env bash
# Runs the benchmarks on their own site (:8890, fresh database, OPcache on) and prints ratios against core
# WordPress measured in the same run. Usage: bash bench/run.sh [requests=200] [concurrency=4]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
requests=${1:-200}
concurrency=${2:-4}
bash bin/deps.sh
COUNTERSIGN_OPCACHE=1 bash bin/site.sh up bench 8890 --fresh
trap 'bash "$root/bin/site.sh" down bench' EXIT
setup=$(mktemp)
php bench/setup.php "$(bash bin/site.sh path bench)" $((2 * (requests + 20))) >"$setup"
node bench/proposals.mjs "$setup" "$requests" "$concurrency"
