#!/usr/bin/env bash
# npm start: the local site on http://localhost:8888 with demo data. Harmless to run again.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
started=$(date +%s)

bash bin/deps.sh
bash bin/site.sh up dev 8888
credentials=.run/dev/demo.json
php bin/seed-demo.php "$(bash bin/site.sh path dev)" "$credentials"

login=$(php -r 'echo json_decode(file_get_contents($argv[1]), true)["user_login"];' "$credentials")
password=$(php -r 'echo json_decode(file_get_contents($argv[1]), true)["application_password"];' "$credentials")
post=$(php -r 'echo json_decode(file_get_contents($argv[1]), true)["post"];' "$credentials")
mcp=''
if [[ -e "$(bash bin/site.sh path dev)/wp-content/plugins/mcp-adapter" ]]; then
	mcp=$'\n\nOver MCP (the MCP Adapter is active): Countersign\'s server is http://localhost:8888/wp-json/countersign/v1/mcp;\nthe Agents screen prints a client configuration when you add an agent.'
fi

cat <<TXT

Countersign is running (ready in $(($(date +%s) - started)) s).

  Site:          http://localhost:8888
  Admin:         http://localhost:8888/wp-admin   user admin, password password
  Review queue:  http://localhost:8888/wp-admin/admin.php?page=countersign
  Agents:        http://localhost:8888/wp-admin/admin.php?page=countersign-agents
  Demo agent:    $login
  App password:  $password

Submit a proposal as the demo agent, then open the post in the editor ("Agent proposals" sidebar):

  export COUNTERSIGN_URL=http://localhost:8888 COUNTERSIGN_USER='$login' COUNTERSIGN_APP_PASSWORD='$password'
  bin/countersign-agent propose --post $post --title 'Welcome, gardeners!' --rationale 'A friendlier title.'

  http://localhost:8888/wp-admin/post.php?post=$post&action=edit$mcp

Stop everything with: npm stop
TXT
