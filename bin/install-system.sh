#!/usr/bin/env bash
# Installs the Debian packages Countersign's local site and test suites need.
# Skips apt entirely when everything is already present, so warm runs stay fast.
set -euo pipefail

packages=(
	php-cli php-mysql php-xml php-mbstring php-gd php-curl php-intl php-zip
	mariadb-server mariadb-client
	chromium
	redis-server php-redis
)

missing=()
for pkg in "${packages[@]}"; do
	if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
		missing+=("$pkg")
	fi
done

if ((${#missing[@]} == 0)); then
	exit 0
fi

echo "countersign: installing Debian packages: ${missing[*]}"
sudo_cmd=()
if [[ $(id -u) -ne 0 ]]; then
	sudo_cmd=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
# dpkg occasionally fails a configure step on first contact (triggers racing); a second pass finishes it.
if ! "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null; then
	"${sudo_cmd[@]}" dpkg --configure -a || true
	"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
