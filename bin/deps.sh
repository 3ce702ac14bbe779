#!/usr/bin/env bash
# Installs what the project needs on this machine, skipping whatever is already in place:
# Debian packages, npm dependencies, WordPress core (cached), and a fresh build when sources changed.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

bash bin/install-system.sh
if [[ ! -x node_modules/.bin/wp-scripts || package.json -nt node_modules/.package-lock.json ]]; then
	echo "countersign: installing npm dependencies"
	npm install --no-audit --no-fund --loglevel=error >/dev/null
fi
if [[ ! -x vendor/bin/phpstan || ! -x vendor/bin/phpcs || composer.json -nt vendor/autoload.php ]]; then
	echo "countersign: installing Composer dependencies"
	# WP-CLI: Packagist's copy here has only wp-cli/wp-cli 2.4.1, which declares PHP <= 7 but runs on 8.2 (the
	# tests run every Countersign command through it), hence --ignore-platform-req=php.
	composer install --no-interaction --no-progress --quiet --ignore-platform-req=php
fi
bash bin/fetch-wordpress.sh
if [[ ${1:-} == --build || ! -f build/sidebar.js ]] || [[ -n $(find src webpack.config.js -newer build/sidebar.js -print -quit 2>/dev/null) ]]; then
	echo "countersign: building the editor and admin scripts, the agent command and languages/countersign.pot"
	npm run build >.cache/build.log 2>&1 || { cat .cache/build.log; exit 1; }
fi
