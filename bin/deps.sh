#!/usr/bin/env bash
# Installs what the project needs on this machine, skipping whatever is already in place:
# Debian packages, npm dependencies, WordPress core (cached), and a fresh build when sources changed.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

bash bin/install-system.sh
# Installs are exactly what the committed lock files say (npm ci, composer install from composer.lock), so a run
# never rewrites them and leaves the tree as it found it. Each install is stamped with its lock file's checksum and
# redone only when the lock changes (not on timestamps: a fresh checkout or worktree touches every file).
stamp() { # lock-file
	sha256sum "$1" | cut -d' ' -f1
}
if [[ ! -x node_modules/.bin/wp-scripts || $(stamp package-lock.json) != $(cat node_modules/.countersign-lock 2>/dev/null) ]]; then
	echo "countersign: installing npm dependencies (npm ci, from package-lock.json)"
	npm ci --no-audit --no-fund --loglevel=error >/dev/null
	stamp package-lock.json >node_modules/.countersign-lock
fi
if [[ ! -x vendor/bin/phpstan || ! -x vendor/bin/phpcs || $(stamp composer.lock) != $(cat vendor/.countersign-lock 2>/dev/null) ]]; then
	echo "countersign: installing Composer dependencies (from composer.lock)"
	# WP-CLI: Packagist's copy here has only wp-cli/wp-cli 2.4.1, which declares PHP <= 7 but runs on 8.2 (the
	# tests run every Countersign command through it), hence --ignore-platform-req=php.
	composer install --no-interaction --no-progress --quiet --ignore-platform-req=php
	stamp composer.lock >vendor/.countersign-lock
fi
bash bin/fetch-wordpress.sh
if [[ ${1:-} == --build || ! -f build/sidebar.js ]] || [[ -n $(find src webpack.config.js -newer build/sidebar.js -print -quit 2>/dev/null) ]]; then
	echo "countersign: building the editor and admin scripts, the agent command and languages/countersign.pot"
	npm run build >.cache/build.log 2>&1 || { cat .cache/build.log; exit 1; }
fi
