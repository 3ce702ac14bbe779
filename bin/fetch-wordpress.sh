#!/usr/bin/env bash
# Puts a WordPress core tree at $1 (default .cache/wordpress-core) without touching the system's apt setup.
#
# Sources, in order:
#   COUNTERSIGN_WP_SOURCE=/path/to/wordpress(.zip)  a WordPress you already have (directory or zip)
#   COUNTERSIGN_WP_SOURCE=wordpress.org             the latest release from wordpress.org
#   default                                         Debian unstable's `wordpress` package, fetched through a
#                                                   private apt configuration, symlinks resolved into files.
# The .deb files are cached in .cache/debs so repeat runs work offline.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
dest=${1:-$root/.cache/wordpress-core}
cache=$root/.cache

if [[ -f $dest/wp-includes/version.php ]]; then
	exit 0
fi

source_opt=${COUNTERSIGN_WP_SOURCE:-debian}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

if [[ $source_opt == wordpress.org ]]; then
	curl -fsSL https://wordpress.org/latest.tar.gz | tar -xz -C "$tmp"
	mv "$tmp/wordpress" "$dest"
	exit 0
fi
if [[ $source_opt != debian ]]; then
	if [[ -d $source_opt ]]; then
		cp -rL "$source_opt" "$dest"
	else
		(cd "$tmp" && unzip -q "$source_opt")
		mv "$tmp/wordpress" "$dest"
	fi
	exit 0
fi

debs=$cache/debs
mkdir -p "$debs"
wanted=(wordpress wordpress-theme-twentytwentyfive libjs-jquery-ui libjs-lodash libjs-underscore libjs-cropper php-getid3 libphp-phpmailer)

have_all=1
for pkg in "${wanted[@]}"; do
	compgen -G "$debs/${pkg}_*.deb" >/dev/null || have_all=0
done

if ((have_all == 0)); then
	# The archive address comes from the machine's own apt sources unless COUNTERSIGN_DEBIAN_MIRROR says otherwise.
	mirror=${COUNTERSIGN_DEBIAN_MIRROR:-}
	if [[ -z $mirror ]]; then
		mirror=$(grep -hE '^URIs:' /etc/apt/sources.list.d/*.sources 2>/dev/null | awk '{print $2}' | grep -v security | head -n1 || true)
	fi
	if [[ -z $mirror ]]; then
		mirror=$(grep -hE '^deb ' /etc/apt/sources.list 2>/dev/null | awk '{print $2}' | head -n1 || true)
	fi
	if [[ -z $mirror ]]; then
		echo "countersign: no Debian mirror found; set COUNTERSIGN_DEBIAN_MIRROR or COUNTERSIGN_WP_SOURCE" >&2
		exit 1
	fi
	apt_dir=$cache/apt
	mkdir -p "$apt_dir/lists/partial" "$apt_dir/parts" "$apt_dir/archives/partial"
	echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $mirror unstable main" >"$apt_dir/sources.list"
	apt_opts=(
		-o "Dir::Etc::sourcelist=$apt_dir/sources.list"
		-o "Dir::Etc::sourceparts=$apt_dir/parts"
		-o "Dir::State::Lists=$apt_dir/lists"
		-o "Dir::Cache::Archives=$apt_dir/archives"
		-o "APT::Sandbox::User=root"
		-o "Debug::NoLocking=1"
	)
	echo "countersign: fetching WordPress from Debian unstable ($mirror)"
	apt-get "${apt_opts[@]}" update -qq
	(cd "$debs" && apt-get "${apt_opts[@]}" download "${wanted[@]}" 2>&1 | grep -v '^W:' || true)
fi

staging=$tmp/staging
mkdir -p "$staging"
for deb in "$debs"/*.deb; do
	dpkg-deb -x "$deb" "$staging"
done
# Debian's symlinks are absolute (into /usr/share/javascript, /usr/share/php, /etc/wordpress): point them into the
# staging root instead, and drop the ones that lead nowhere (the Debian-only wp-config and .htaccess).
while IFS= read -r link; do
	target=$(readlink "$link")
	if [[ $target == /* ]]; then
		if [[ -e $staging$target ]]; then
			ln -sfn "$staging$target" "$link"
		else
			rm -f "$link"
		fi
	fi
done < <(find "$staging" -type l)
cp -rL "$staging/usr/share/wordpress" "$dest"
# Debian keeps the theme under /usr/share/wordpress/wp-content or /var/lib/wordpress; take whichever holds it.
if [[ ! -d $dest/wp-content/themes/twentytwentyfive ]]; then
	theme=$(find "$staging" -type d -name twentytwentyfive | head -n1)
	mkdir -p "$dest/wp-content/themes"
	cp -rL "$theme" "$dest/wp-content/themes/"
fi
rm -f "$dest/wp-config.php"
echo "countersign: WordPress $(php -r "include '$dest/wp-includes/version.php'; echo \$wp_version;") ready"
