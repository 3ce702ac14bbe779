#!/usr/bin/env bash
# npm test: build, check code quality, bring up a fresh test site on :8889 (and a second web server for it on
# :8989), run PHPUnit, jest and Playwright,
# then every benchmark once at a tiny size on the same site (bench smoke),
# stop the site, print each suite's counts, exit non-zero on any failure. `bin/test.sh
# lint|php|topology|replicas|js|multisite|e2e|mcp|bench` runs one. The topology suite reruns the `@group topology` tests with a
# Redis of its own (on the test port - 2500) as the persistent object cache of both web servers; the replicas suite
# reruns the `@group replicas` tests behind HyperDB with a read-only replica (on the test port - 4900) that lags 0 s,
# then 2 s (bin/site.sh replica); `mcp` runs the
# Playwright specs that drive Countersign's MCP server through the MCP SDK and the stdio proxy (a part of `e2e`).
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
only=${1:-all}
# COUNTERSIGN_TEST_PORT lets a second checkout (a git worktree) run its own test site next to this one.
port=${COUNTERSIGN_TEST_PORT:-8889}
mkdir -p artifacts

bash bin/deps.sh --build || exit 1

need_site=0
[[ $only == all || $only == php || $only == topology || $only == replicas || $only == e2e || $only == mcp || $only == bench ]] && need_site=1
if ((need_site)); then
	trap 'bash "$root/bin/site.sh" down test' EXIT
	bash bin/site.sh up test "$port" --fresh || exit 1
	# A second web server on the same database: the concurrency tests split their requests across both.
	bash bin/site.sh serve test $((port + 100)) || exit 1
fi
export COUNTERSIGN_WP_DIR=$root/.run/test/wordpress
export COUNTERSIGN_TEST_URL=http://localhost:$port
export COUNTERSIGN_TEST_URLS="http://localhost:$port http://localhost:$((port + 100))"

summary=()
total_passed=0
total_failed=0
status=0

record() { # suite passed failed
	summary+=("$1: $2 passed, $3 failed")
	total_passed=$((total_passed + $2))
	total_failed=$((total_failed + $3))
}

record_junit() { # suite junit.xml exit-code: PHPUnit's counts (a run that failed without a report counts one failure)
	local tests failures errors failed
	read -r tests failures errors < <(php -r '$x = @simplexml_load_file($argv[1]); $s = $x ? $x->testsuite : null; echo $s ? ((int)$s["tests"]) . " " . ((int)$s["failures"]) . " " . ((int)$s["errors"] + (int)$s["skipped"]) : "0 1 0";' "$2")
	failed=$((failures + errors))
	(($3 != 0 && failed == 0)) && failed=1
	record "$1" $((tests - failed < 0 ? 0 : tests - failed)) "$failed"
	(($3 != 0)) && status=1
	return 0
}

if [[ $only == all || $only == lint ]]; then
	echo "== Code quality (php -l, PHPCS WordPress standard, PHPStan level 6, tsc --noEmit, ESLint, stylelint)"
	passed=0
	failed=0
	check() { # name command...
		local name=$1
		shift
		if "$@" >artifacts/lint-"$name".log 2>&1; then
			echo "  ok    $name"
			passed=$((passed + 1))
		else
			echo "  FAIL  $name"
			tail -n 30 artifacts/lint-"$name".log
			failed=$((failed + 1))
			status=1
		fi
	}
	check php-lint bash -c 'for f in plugin.php uninstall.php $(find includes bin tests/php bench -name "*.php"); do php -l "$f" >/dev/null || exit 1; done'
	check phpcs vendor/bin/phpcs -q --no-colors
	check phpstan vendor/bin/phpstan analyse --no-progress --memory-limit=1G
	check tsc npx tsc --noEmit
	check eslint npx wp-scripts lint-js src tests/e2e bin bench
	check stylelint npx wp-scripts lint-style 'src/**/*.scss' 'assets/**/*.css'
	record lint "$passed" "$failed"
fi

if [[ $only == all || $only == php ]]; then
	echo "== PHPUnit (real WordPress + MariaDB on the test site)"
	phpunit -c phpunit.xml.dist --log-junit artifacts/phpunit.xml 2>&1 | tee artifacts/phpunit.log
	rc=${PIPESTATUS[0]}
	record_junit php artifacts/phpunit.xml "$rc"
fi

if [[ $only == all || $only == topology ]]; then
	redis_port=$((port - 2500))
	echo "== Topology (both web servers and this process on one MariaDB and a Redis of its own on :$redis_port)"
	if bash bin/site.sh cache test on "$redis_port"; then
		COUNTERSIGN_TEST_OBJECT_CACHE=redis phpunit -c phpunit.xml.dist --group topology --log-junit artifacts/topology.xml 2>&1 | tee artifacts/topology.log
		rc=${PIPESTATUS[0]}
	else
		rc=1
	fi
	bash bin/site.sh cache test off
	record_junit topology artifacts/topology.xml "$rc"
fi

if [[ $only == all || $only == replicas ]]; then
	echo "== Replicas (HyperDB: writes to the site's MariaDB, reads to a read-only replica on :$((port - 4900)), MASTER_DELAY 0 s, then 2 s)"
	if bash bin/site.sh replica test on 0; then
		for lag in 0 2; do
			if bash bin/site.sh replica test lag "$lag"; then
				COUNTERSIGN_TEST_REPLICA_LAG=$lag phpunit -c phpunit.xml.dist --group replicas --log-junit artifacts/replicas-"$lag".xml 2>&1 | tee artifacts/replicas-"$lag".log
				rc=${PIPESTATUS[0]}
			else
				rc=1
				rm -f artifacts/replicas-"$lag".xml
			fi
			record_junit "replicas (lag ${lag} s)" artifacts/replicas-"$lag".xml "$rc"
		done
	else
		record replicas 0 1
		status=1
	fi
	# Later suites run on the site as it was: no drop-in, no replica.
	bash bin/site.sh replica test off
fi

if [[ $only == all || $only == js ]]; then
	echo "== jest"
	npx wp-scripts test-unit-js --config jest.config.js --json --outputFile=artifacts/jest.json 2>&1 | tail -n 40
	rc=${PIPESTATUS[0]}
	read -r passed failed < <(php -r '$j = json_decode((string) @file_get_contents($argv[1]), true); echo ($j["numPassedTests"] ?? 0) . " " . (($j["numFailedTests"] ?? 0) + ($j["numPendingTests"] ?? 0) + ($j ? 0 : 1));' artifacts/jest.json)
	((rc != 0 && failed == 0)) && failed=1
	record js "$passed" "$failed"
	((rc != 0)) && status=1
fi

if [[ $only == all || $only == multisite ]]; then
	echo "== Multisite (a real subdirectory network on :$((port + 200)), thrown away after)"
	ms_log=artifacts/multisite.log
	if bash bin/site.sh up test-ms $((port + 200)) --fresh --multisite >"$ms_log" 2>&1; then
		php tests/multisite/network-check.php "$root/.run/test-ms/wordpress" "localhost:$((port + 200))" 2>&1 | tee -a "$ms_log"
	fi
	bash bin/site.sh down test-ms
	read -r passed failed < <(sed -n 's/^multisite: \([0-9]*\) passed, \([0-9]*\) failed$/\1 \2/p' "$ms_log" | tail -n1 | grep . || echo "0 1")
	record multisite "$passed" "$failed"
	((failed > 0)) && status=1
fi

if [[ $only == all || $only == e2e ]]; then
	echo "== Playwright (Chromium driving the block editor)"
	rm -f artifacts/playwright.json
	npx playwright test 2>&1 | tee artifacts/playwright.log
	rc=${PIPESTATUS[0]}
	read -r passed failed < <(php -r '$j = json_decode((string) @file_get_contents($argv[1]), true); $s = $j["stats"] ?? null; echo ($s["expected"] ?? 0) . " " . (($s["unexpected"] ?? 0) + ($s["flaky"] ?? 0) + ($s["skipped"] ?? 0) + ($s ? 0 : 1));' artifacts/playwright.json)
	((rc != 0 && failed == 0)) && failed=1
	record e2e "$passed" "$failed"
	((rc != 0)) && status=1
fi

if [[ $only == mcp ]]; then
	echo "== MCP (the MCP SDK client and the stdio proxy against Countersign's MCP server, on the MCP Adapter)"
	rm -f artifacts/playwright.json
	npx playwright test tests/e2e/specs/mcp- 2>&1 | tee artifacts/playwright.log
	rc=${PIPESTATUS[0]}
	read -r passed failed < <(php -r '$j = json_decode((string) @file_get_contents($argv[1]), true); $s = $j["stats"] ?? null; echo ($s["expected"] ?? 0) . " " . (($s["unexpected"] ?? 0) + ($s["flaky"] ?? 0) + ($s["skipped"] ?? 0) + ($s ? 0 : 1));' artifacts/playwright.json)
	((rc != 0 && failed == 0)) && failed=1
	record mcp "$passed" "$failed"
	((rc != 0)) && status=1
fi

if [[ $only == all || $only == bench ]]; then
	# Last: it changes the site (plugin toggled, ip_rate_limit off, seeded rows) and needs nothing fresh.
	echo "== Bench smoke (every benchmark once at a tiny size on this test site; its numbers printed, not judged)"
	COUNTERSIGN_BENCH_SITE=test COUNTERSIGN_BENCH_PORT=$port bash bench/run.sh smoke 2>&1 | tee artifacts/bench-smoke.log
	rc=${PIPESTATUS[0]}
	read -r passed failed < <(sed -n 's/^bench smoke: \([0-9]*\) benchmarks, [0-9]* numbers, \([0-9]*\) missing$/\1 \2/p' artifacts/bench-smoke.log | tail -n1 | grep . || echo "0 1")
	((rc != 0 && failed == 0)) && failed=1
	record bench "$passed" "$failed"
	((rc != 0)) && status=1
fi

echo
echo "== Summary"
for line in "${summary[@]}"; do echo "  $line"; done
echo "$total_passed passed, $total_failed failed"
exit $status
