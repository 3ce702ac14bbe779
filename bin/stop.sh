#!/usr/bin/env bash
# Stops the local site (:8888) and the test site (:8889).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bash "$root/bin/site.sh" down dev
bash "$root/bin/site.sh" down test
echo "countersign: stopped"
