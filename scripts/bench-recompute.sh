#!/usr/bin/env bash
# Times a full coverage recompute of every server in the database: queues them all, then waits
# until the running coverage service(s) have drained the queue, and prints servers per second.
#
#   ./blindspot up --detach && ./blindspot generate-fleet --servers 10000   # or any fleet
#   scripts/bench-recompute.sh
#
# PSQL_ARGS (default: -h localhost -U postgres -d blindspot) says which database.
set -euo pipefail
read -r -a psql_args <<<"${PSQL_ARGS:--h localhost -U postgres -d blindspot}"
sql() { psql -X -q -At "${psql_args[@]}" -c "$1"; }

servers=$(sql "SELECT count(*) FROM servers")
echo "queueing $servers servers"
start=$(date +%s.%N)
sql "INSERT INTO coverage_queue (server_id, reason) SELECT server_id, 'benchmark' FROM servers
     ON CONFLICT (server_id) DO UPDATE SET enqueued_at = clock_timestamp()"
while :; do
  left=$(sql "SELECT count(*) FROM coverage_queue")
  [ "$left" = 0 ] && break
  sleep 0.2
done
end=$(date +%s.%N)
awk -v n="$servers" -v s="$start" -v e="$end" \
  'BEGIN { t = e - s; printf "recomputed %d servers in %.1f s: %.0f servers/s\n", n, t, n / t }'
