#!/usr/bin/env bash
# Brings a local WordPress site up or down: its own MariaDB in .run/NAME/db, PHP's built-in server on PORT,
# WordPress installed with admin/password and Countersign active (and the WordPress MCP Adapter, when it is at
# ../shared/vendor/mcp-adapter or COUNTERSIGN_MCP_ADAPTER).
#
#   bin/site.sh up NAME PORT [--fresh] [--multisite]
#                                         start (idempotent); --fresh wipes the site's database and files first;
#                                         --multisite makes it a subdirectory network with Countersign network-active
#   bin/site.sh serve NAME PORT           a second web server for the same site (its own PHP processes, the same
#                                         MariaDB), as behind a load balancer
#   bin/site.sh restart NAME PORT         stop that web server of the site and start it again (PHP's server does not
#                                         replace a worker that died: the fault-injection tests kill one)
#   bin/site.sh db NAME                   start the site's MariaDB if it is not running (the fault-injection tests
#                                         kill it mid-apply)
#   bin/site.sh cache NAME on PORT|off    a persistent object cache for the site: Redis on PORT (started here, emptied)
#                                         with the Redis Object Cache drop-in from ../shared/vendor/redis-cache
#                                         (symlinked, never copied into the project); `off` removes both
#   bin/site.sh replica NAME on LAG|lag LAG|off
#                                         a read-only MariaDB replica of the site (TCP on the site's port - 4900, seeded
#                                         from a dump, MASTER_DELAY=LAG seconds) and HyperDB from ../shared/vendor/hyperdb
#                                         as the site's database drop-in (symlinked, never copied into the project):
#                                         writes to the site's MariaDB, reads to the replica; `lag` changes the delay and
#                                         waits for the replica to catch up; `off` removes the drop-in and the replica
#   bin/site.sh down NAME                 stop its servers
#   bin/site.sh path NAME                 print the site's WordPress directory
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cmd=${1:?usage: site.sh up|down|path NAME [PORT] [--fresh]}
name=${2:?site name}
dir=$root/.run/$name
wp=$dir/wordpress
sock=$dir/mysqld.sock
# The site's MariaDB also listens on TCP (127.0.0.1, the site's port - 5000) with its binary log on, so a replica can
# follow it; the port is kept in db-port, so `site.sh db NAME` restarts it the same way. The replica: port - 4900.
replica=$dir/replica

pid_alive() {
	[[ -f $1 ]] && kill -0 "$(cat "$1")" 2>/dev/null
}

stop_pid() {
	local file=$1
	if pid_alive "$file"; then
		local pid
		pid=$(cat "$file")
		kill "$pid" 2>/dev/null || true
		for _ in $(seq 1 100); do
			kill -0 "$pid" 2>/dev/null || break
			sleep 0.1
		done
		kill -9 "$pid" 2>/dev/null || true
	fi
	rm -f "$file"
}

down() {
	# PHP's server forks its workers (PHP_CLI_SERVER_WORKERS); they outlive the parent, so stop the whole process
	# group, then anything still serving this site's directory.
	local pidfile
	for pidfile in "$dir"/php*.pid; do
		[[ -f $pidfile ]] || continue
		if pid_alive "$pidfile"; then
			kill -- "-$(cat "$pidfile")" 2>/dev/null || true
		fi
		stop_pid "$pidfile"
	done
	pkill -f -- "-t $wp " 2>/dev/null || true
	cache_off
	replica_off
	stop_pid "$dir/mysqld.pid"
}

# Third-party WordPress components the project does not ship (the Redis Object Cache drop-in, the MCP Adapter): beside
# the checkout in ../shared/vendor, else the workplace's /work/shared/vendor (a clean clone elsewhere, as CI makes);
# COUNTERSIGN_VENDOR_DIR overrides both.
vendor=${COUNTERSIGN_VENDOR_DIR:-$root/../shared/vendor}
if [[ -z ${COUNTERSIGN_VENDOR_DIR:-} && ! -d $vendor && -d /work/shared/vendor ]]; then
	vendor=/work/shared/vendor
fi

cache_on() { # redis-port
	local port=$1
	local dropin=$vendor/redis-cache/includes/object-cache.php
	[[ -f $dropin ]] || { echo "countersign: no Redis Object Cache drop-in at $dropin" >&2; return 1; }
	command -v redis-server >/dev/null || { echo "countersign: redis-server is not installed (bin/install-system.sh)" >&2; return 1; }
	if ! pid_alive "$dir/redis.pid"; then
		redis-server --port "$port" --bind 127.0.0.1 --save '' --appendonly no --daemonize yes \
			--pidfile "$dir/redis.pid" --logfile "$dir/redis.log" --dir "$dir" >/dev/null
		for _ in $(seq 1 100); do
			redis-cli -p "$port" ping >/dev/null 2>&1 && break
			sleep 0.1
		done
	fi
	redis-cli -p "$port" flushall >/dev/null
	cat >"$dir/object-cache-config.php" <<PHP
<?php
// Written by bin/site.sh cache: the Redis Object Cache drop-in's settings for '$name'.
define( 'WP_REDIS_CLIENT', 'phpredis' );
define( 'WP_REDIS_HOST', '127.0.0.1' );
define( 'WP_REDIS_PORT', $port );
define( 'WP_REDIS_PREFIX', 'countersign-$name:' );
define( 'WP_REDIS_TIMEOUT', 1 );
define( 'WP_REDIS_READ_TIMEOUT', 1 );
PHP
	ln -sfn "$dropin" "$wp/wp-content/object-cache.php"
}

cache_off() {
	rm -f "$wp/wp-content/object-cache.php" "$dir/object-cache-config.php"
	stop_pid "$dir/redis.pid"
}

replica_sql() { # statements for the replica, as root
	mariadb --socket="$replica/mysqld.sock" -uroot "$@"
}

replica_wait() { # until the replica has applied everything it was sent (with MASTER_DELAY 0)
	local status
	for _ in $(seq 1 300); do
		status=$(replica_sql -e 'SHOW SLAVE STATUS\G')
		if grep -q 'Slave_SQL_Running: Yes' <<<"$status" && grep -q 'Seconds_Behind_Master: 0' <<<"$status" &&
			[[ $(sed -n 's/^ *Read_Master_Log_Pos: //p' <<<"$status") == $(sed -n 's/^ *Exec_Master_Log_Pos: //p' <<<"$status") ]]; then
			return 0
		fi
		sleep 0.1
	done
	echo "countersign: the replica of '$name' did not catch up:" >&2
	grep -E 'Running|Last_.*Error|Seconds_Behind' <<<"$status" >&2
	return 1
}

replica_lag() { # seconds
	replica_sql -e "STOP SLAVE; CHANGE MASTER TO MASTER_DELAY = $1; START SLAVE;"
	# With no delay, start from a replica that holds everything written so far.
	(($1 == 0)) && replica_wait
	return 0
}

replica_on() { # lag
	local lag=$1
	local dropin=$vendor/hyperdb/db.php
	[[ -f $dropin ]] || { echo "countersign: no HyperDB drop-in at $dropin" >&2; return 1; }
	[[ -f $dir/db-port ]] || { echo "countersign: the site '$name' has no TCP port for its database; run site.sh up again with --fresh" >&2; return 1; }
	local primary_port replica_port
	primary_port=$(cat "$dir/db-port")
	replica_port=$((primary_port + 100))
	if ! pid_alive "$replica/mysqld.pid"; then
		rm -rf "$replica"
		mkdir -p "$replica"
		mariadb-install-db --user="$(id -un)" --datadir="$replica/db" --auth-root-authentication-method=normal \
			--skip-test-db >"$replica/install.log" 2>&1
		setsid nohup mariadbd --no-defaults --user="$(id -un)" --datadir="$replica/db" --socket="$replica/mysqld.sock" \
			--port="$replica_port" --bind-address=127.0.0.1 --server-id=2 --read-only --skip-log-bin \
			--relay-log="$replica/db/relay" --skip-slave-start --innodb-buffer-pool-size=64M \
			--pid-file="$replica/mysqld.pid" --log-error="$replica/mysqld.err" >/dev/null 2>&1 &
		for _ in $(seq 1 300); do
			replica_sql -e 'SELECT 1' >/dev/null 2>&1 && break
			sleep 0.1
		done
		# Seeded from a consistent dump that records the primary's binlog position it was taken at.
		mariadb-dump --socket="$sock" -uroot --single-transaction --master-data=1 --databases wordpress | replica_sql
		replica_sql <<SQL
CREATE USER IF NOT EXISTS 'wordpress'@'127.0.0.1' IDENTIFIED BY 'wordpress';
GRANT ALL PRIVILEGES ON wordpress.* TO 'wordpress'@'127.0.0.1';
CHANGE MASTER TO MASTER_HOST = '127.0.0.1', MASTER_PORT = $primary_port, MASTER_USER = 'replication',
	MASTER_PASSWORD = 'replication';
SQL
	fi
	replica_lag "$lag"
	cat >"$dir/db-config.php" <<PHP
<?php
// Written by bin/site.sh replica: HyperDB's servers for '$name'. Writes (and reads sent to masters) go to the
// site's MariaDB; every other read goes to its read-only replica, MASTER_DELAY seconds behind.
\$wpdb->save_queries             = false;
\$wpdb->persistent               = false;
\$wpdb->max_connections          = 10;
\$wpdb->check_tcp_responsiveness = true;
\$wpdb->add_database(
	array(
		'host'     => '127.0.0.1:$primary_port',
		'user'     => DB_USER,
		'password' => DB_PASSWORD,
		'name'     => DB_NAME,
		'write'    => 1,
		'read'     => 0,
	)
);
\$wpdb->add_database(
	array(
		'host'     => '127.0.0.1:$replica_port',
		'user'     => DB_USER,
		'password' => DB_PASSWORD,
		'name'     => DB_NAME,
		'write'    => 0,
		'read'     => 1,
	)
);
PHP
	ln -sfn "$dropin" "$wp/wp-content/db.php"
}

replica_off() {
	rm -f "$wp/wp-content/db.php" "$dir/db-config.php"
	stop_pid "$replica/mysqld.pid"
	rm -rf "$replica"
}

write_config() {
	local port=$1
	# Fresh salts per site; they also derive the audit key when COUNTERSIGN_AUDIT_KEY is not set.
	local salts
	salts=$(php -r 'foreach (["AUTH_KEY","SECURE_AUTH_KEY","LOGGED_IN_KEY","NONCE_KEY","AUTH_SALT","SECURE_AUTH_SALT","LOGGED_IN_SALT","NONCE_SALT"] as $k) { printf("define( %s, %s );\n", var_export($k, true), var_export(bin2hex(random_bytes(32)), true)); }')
	cat >"$wp/wp-config.php" <<PHP
<?php
// Written by bin/site.sh for the local Countersign site '$name'.
define( 'DB_NAME', 'wordpress' );
define( 'DB_USER', 'wordpress' );
define( 'DB_PASSWORD', 'wordpress' );
define( 'DB_HOST', 'localhost:$sock' );
define( 'DB_CHARSET', 'utf8mb4' );
define( 'DB_COLLATE', '' );
$salts
\$table_prefix = 'wp_';
define( 'WP_HOME', 'http://localhost:$port' );
define( 'WP_SITEURL', 'http://localhost:$port' );
define( 'WP_ENVIRONMENT_TYPE', 'local' );
define( 'WP_HTTP_BLOCK_EXTERNAL', true );
define( 'AUTOMATIC_UPDATER_DISABLED', true );
define( 'DISABLE_WP_CRON', true );
define( 'WP_DEBUG', true );
define( 'WP_DEBUG_LOG', '$dir/debug.log' );
define( 'WP_DEBUG_DISPLAY', false );
define( 'SCRIPT_DEBUG', false );
// bin/site.sh cache NAME on PORT writes this file (the persistent object cache's settings); off removes it.
if ( is_readable( '$dir/object-cache-config.php' ) ) {
	require '$dir/object-cache-config.php';
}
// bin/site.sh replica NAME on LAG writes this file (HyperDB's servers: this site's MariaDB and its replica).
if ( is_readable( '$dir/db-config.php' ) ) {
	define( 'DB_CONFIG_FILE', '$dir/db-config.php' );
}
if ( ! defined( 'ABSPATH' ) ) {
	define( 'ABSPATH', __DIR__ . '/' );
}
require_once ABSPATH . 'wp-settings.php';
PHP
}

db_up() { # starts the site's MariaDB unless it runs
	pid_alive "$dir/mysqld.pid" && return 0
	local network=(--skip-networking --skip-log-bin)
	if [[ -f $dir/db-port ]]; then
		# With the binary log on, MariaDB lets only SUPER create triggers unless log_bin_trust_function_creators is
		# set; the audit table's triggers (which refuse UPDATE and DELETE) are created by the site's own user.
		network=(--port="$(cat "$dir/db-port")" --bind-address=127.0.0.1 --log-bin="$dir/db/binlog" --server-id=1
			--binlog-format=ROW --expire-logs-days=1 --log-bin-trust-function-creators=1)
	fi
	setsid nohup mariadbd --no-defaults --user="$(id -un)" --datadir="$dir/db" --socket="$sock" \
		"${network[@]}" --pid-file="$dir/mysqld.pid" --innodb-buffer-pool-size=128M \
		--log-error="$dir/mysqld.err" >/dev/null 2>&1 &
	for _ in $(seq 1 300); do
		[[ -S $sock ]] && mariadb --socket="$sock" -uroot -e 'SELECT 1' >/dev/null 2>&1 && return 0
		sleep 0.1
	done
	echo "countersign: MariaDB for '$name' did not start; see $dir/mysqld.err" >&2
	return 1
}

up() {
	local port=${1:?port}
	shift
	local fresh='' multisite=''
	for flag in "$@"; do
		case $flag in
			--fresh) fresh=--fresh ;;
			--multisite) multisite=multisite ;;
		esac
	done
	if [[ $fresh == --fresh ]]; then
		down
		rm -rf "$dir"
	fi
	mkdir -p "$dir"

	if [[ ! -f $wp/wp-includes/version.php ]]; then
		bash "$root/bin/fetch-wordpress.sh"
		rm -rf "$wp"
		cp -r "$root/.cache/wordpress-core" "$wp"
		mkdir -p "$wp/wp-content/plugins" "$wp/wp-content/uploads"
		ln -sfn "$root" "$wp/wp-content/plugins/countersign"
		write_config "$port"
	fi

	# The WordPress MCP Adapter (agents' MCP server), from ../shared/vendor or COUNTERSIGN_MCP_ADAPTER, on a single
	# site; without it the site works as before and the Agents screen says how to add it.
	local adapter=${COUNTERSIGN_MCP_ADAPTER:-$vendor/mcp-adapter}
	if [[ -z $multisite && -f $adapter/mcp-adapter.php && ! -e $wp/wp-content/plugins/mcp-adapter ]]; then
		ln -s "$(cd "$adapter" && pwd)" "$wp/wp-content/plugins/mcp-adapter"
	fi

	echo $((port - 5000)) >"$dir/db-port"
	if [[ ! -d $dir/db/mysql ]]; then
		mariadb-install-db --user="$(id -un)" --datadir="$dir/db" --auth-root-authentication-method=normal \
			--skip-test-db >"$dir/mariadb-install.log" 2>&1
	fi
	db_up
	mariadb --socket="$sock" -uroot <<'SQL'
CREATE DATABASE IF NOT EXISTS wordpress CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE USER IF NOT EXISTS 'wordpress'@'localhost' IDENTIFIED BY 'wordpress';
GRANT ALL PRIVILEGES ON wordpress.* TO 'wordpress'@'localhost';
CREATE USER IF NOT EXISTS 'wordpress'@'127.0.0.1' IDENTIFIED BY 'wordpress';
GRANT ALL PRIVILEGES ON wordpress.* TO 'wordpress'@'127.0.0.1';
CREATE USER IF NOT EXISTS 'replication'@'127.0.0.1' IDENTIFIED BY 'replication';
GRANT REPLICATION SLAVE ON *.* TO 'replication'@'127.0.0.1';
SQL

	if [[ -n $multisite ]] && ! grep -q "'MULTISITE'" "$wp/wp-config.php"; then
		php "$root/bin/install-wp.php" "$wp" "http://localhost:$port" multisite
		# The network's constants go before wp-settings.php is loaded.
		sed -i "s|^if ( ! defined( 'ABSPATH' ) ) {|define( 'MULTISITE', true );\\
define( 'SUBDOMAIN_INSTALL', false );\\
define( 'DOMAIN_CURRENT_SITE', 'localhost:$port' );\\
define( 'PATH_CURRENT_SITE', '/' );\\
define( 'SITE_ID_CURRENT_SITE', 1 );\\
define( 'BLOG_ID_CURRENT_SITE', 1 );\\
&|" "$wp/wp-config.php"
	fi
	php "$root/bin/install-wp.php" "$wp" "http://localhost:$port" $multisite

	serve "$port" php
}

serve() { # port pid-name
	local port=$1 pidname=${2:-php-$1}
	if ! pid_alive "$dir/$pidname.pid"; then
		# Benchmarks turn OPcache on (COUNTERSIGN_OPCACHE=1) so PHP compile time does not drown what is measured.
		local opcache=()
		[[ ${COUNTERSIGN_OPCACHE:-0} == 1 ]] && opcache=(-d opcache.enable_cli=1 -d opcache.memory_consumption=128)
		PHP_CLI_SERVER_WORKERS=${COUNTERSIGN_PHP_WORKERS:-4} setsid nohup php "${opcache[@]}" -d upload_max_filesize=32M \
			-d post_max_size=32M -S "localhost:$port" -t "$wp" "$root/bin/router.php" \
			>"$dir/$pidname-server.log" 2>&1 &
		echo $! >"$dir/$pidname.pid"
	fi
	for _ in $(seq 1 100); do
		curl -fs -o /dev/null "http://localhost:$port/wp-json/" && return 0
		sleep 0.1
	done
	echo "countersign: the site on :$port did not answer; see $dir/$pidname-server.log" >&2
	return 1
}

restart() { # port
	local port=$1 pidname=php-$1
	# The site's first server (site.sh up) keeps its pid in php.pid.
	[[ -f $dir/$pidname.pid ]] || pidname=php
	if pid_alive "$dir/$pidname.pid"; then
		kill -- "-$(cat "$dir/$pidname.pid")" 2>/dev/null || true
	fi
	stop_pid "$dir/$pidname.pid"
	pkill -f -- "-S localhost:$port -t $wp " 2>/dev/null || true
	serve "$port" "$pidname"
}

case $cmd in
	up) up "${3:?port}" "${@:4}" ;;
	serve) [[ -f $wp/wp-config.php ]] || { echo "countersign: no site '$name'; run site.sh up first" >&2; exit 1; }; serve "${3:?port}" ;;
	restart) restart "${3:?port}" ;;
	db) db_up ;;
	cache) case ${3:-} in on) cache_on "${4:?redis port}" ;; off) cache_off ;; *) echo "usage: site.sh cache NAME on PORT|off" >&2; exit 2 ;; esac ;;
	replica) case ${3:-} in on) replica_on "${4:?lag in seconds}" ;; lag) replica_lag "${4:?lag in seconds}" ;; off) replica_off ;; *) echo "usage: site.sh replica NAME on LAG|lag LAG|off" >&2; exit 2 ;; esac ;;
	down) down ;;
	path) echo "$wp" ;;
	*) echo "usage: site.sh up|serve|restart|db|cache|replica|down|path NAME [PORT] [--fresh]" >&2; exit 2 ;;
esac
