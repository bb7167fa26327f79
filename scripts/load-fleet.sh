#!/usr/bin/env bash
# Load test of the fleet queries on a generated fleet, in a database of its own.
#
#   scripts/load-fleet.sh [--servers 10000] [--reuse]       (or ./blindspot load ...)
#
# 1. builds the fleet and coverage jars (SKIP_BUILD=1 to use those in target/);
# 2. unless --reuse: recreates database $LOAD_DB (blindspot_load), starts fleet on $LOAD_PORT
#    (18080) so it migrates it, generates the fleet, lets a coverage instance (port 18082)
#    evaluate every server, then generates the compliance tables from that coverage
#    (FleetGenerator --compliance: results, findings, 90 days of daily history);
# 3. drives every fleet query with wrk (Debian package wrk; C, event-driven, so the client takes
#    little of the machine's two cores from the service it measures): a warm-up, one client for
#    the single-client median, then CLIENTS (20) connections for DURATION (10) seconds: p50, p95,
#    p99, max, throughput (scripts/load-fleet.lua prints them); any non-2xx answer fails the run.
#    Then three full CSV exports of the findings with curl, in rows/s;
# 4. runs the same SQL with pgbench (1 client, then CLIENTS clients) for the ratio to PostgreSQL.
#
# Everything talks to 127.0.0.1 only; each phase is bounded in requests; the services it starts
# are stopped on exit. PostgreSQL: PGHOST/PGPORT/PGUSER (localhost, 5432, postgres). The fleet runs
# with out-of-order migrations, so a --reuse'd database takes migrations merged since it was made.
# The fleet's policy worker and its history sweep are off: the generator wrote the compliance
# tables, and the figures are of the queries alone, on tables vacuumed as autovacuum keeps them
# (a VACUUM ANALYZE before the queries, also with --reuse).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
LOAD_DB="${LOAD_DB:-blindspot_load}"
LOAD_PORT="${LOAD_PORT:-18080}"
COVERAGE_PORT="${LOAD_COVERAGE_PORT:-18082}"
CLIENTS="${CLIENTS:-20}"
DURATION="${DURATION:-10}"
REQUESTS=2000 # pgbench transactions per statement
export PGHOST="${PGHOST:-localhost}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}"
TOKEN="load-$(date +%s)"
WORK="$ROOT/target/load"
servers=10000
reuse=false
while [ $# -gt 0 ]; do
  case "$1" in
    --servers) servers="$2"; shift 2 ;;
    --reuse) reuse=true; shift ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
done

log() { printf '\033[1mload:\033[0m %s\n' "$*" >&2; }
sql() { psql -X -q -At -d "$LOAD_DB" -c "$1"; }
mkdir -p "$WORK"
for tool in wrk curl pgbench; do
  command -v "$tool" >/dev/null || { log "$tool is needed: apt-get install -y wrk curl postgresql-contrib"; exit 1; }
done
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

start_service() { # name port log
  local jar="$ROOT/services/$1/target/quarkus-app/quarkus-run.jar"
  BLINDSPOT_DB_URL="jdbc:postgresql://$PGHOST:$PGPORT/$LOAD_DB" BLINDSPOT_DB_USER="$PGUSER" \
    BLINDSPOT_ADMIN_TOKEN="$TOKEN" QUARKUS_HTTP_PORT="$2" QUARKUS_HTTP_HOST=127.0.0.1 \
    QUARKUS_FLYWAY_OUT_OF_ORDER=true BLINDSPOT_POLICIES_ENABLED=false \
    BLINDSPOT_HISTORY_FIRST_SNAPSHOT_AFTER=2h \
    java -Xmx1g -jar "$jar" >"$3" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 120); do
    curl -fs "http://127.0.0.1:$2/q/health/ready" >/dev/null 2>&1 && return 0
    sleep 0.5
  done
  log "$1 did not start; see $3"; exit 1
}

if [ "${SKIP_BUILD:-0}" != 1 ]; then
  log "building the fleet and coverage services and the generator"
  "$ROOT/mvnw" -B -q package -pl services/fleet,services/coverage,tools/fleet-generator -am \
    -DskipTests -Dspotless.check.skip=true
fi
"$ROOT/mvnw" -B -q dependency:build-classpath -pl tools/fleet-generator \
  -Dmdep.outputFile="$WORK/generator.cp" >/dev/null 2>&1 ||
  "$ROOT/mvnw" -B -q compile dependency:build-classpath -pl tools/fleet-generator -am \
    -Dspotless.check.skip=true -Dmdep.outputFile="$WORK/generator.cp"
generator() {
  BLINDSPOT_DB_URL="jdbc:postgresql://$PGHOST:$PGPORT/$LOAD_DB" BLINDSPOT_DB_USER="$PGUSER" \
    java -cp "$ROOT/tools/fleet-generator/target/classes:$ROOT/services/core/target/classes:$(cat "$WORK/generator.cp")" \
    io.blindspot.tools.FleetGenerator "$@"
}

if ! $reuse; then
  log "recreating database $LOAD_DB"
  dropdb --if-exists "$LOAD_DB"
  createdb "$LOAD_DB"
  start_service fleet "$LOAD_PORT" "$WORK/fleet-setup.log" # applies the migrations
  log "generating $servers servers"
  generator --servers "$servers" --prefix gen
  log "coverage: evaluating every server"
  start=$(date +%s)
  start_service coverage "$COVERAGE_PORT" "$WORK/coverage.log"
  while [ "$(sql "SELECT count(*) FROM coverage_queue")" != 0 ]; do
    [ $(($(date +%s) - start)) -gt 900 ] && { log "coverage did not finish in 15 min"; exit 1; }
    sleep 1
  done
  cleanup; pids=()
  log "compliance: results, findings and 90 days of history from the coverage"
  generator --compliance --history-days 90 --prefix gen
fi
sql "VACUUM ANALYZE"

sql "SELECT 'servers ' || (SELECT count(*) FROM servers) || ', assets ' || (SELECT count(*) FROM asset_coverage)
  || ', jobs ' || (SELECT count(*) FROM backup_jobs) || ', results ' || (SELECT count(*) FROM policy_results)
  || ', findings ' || (SELECT count(*) FROM findings) || ', daily rows ' || (SELECT count(*) FROM compliance_daily)"

today=$(date -u +%F)
month_ago=$(date -u -d "$today - 30 days" +%F)
cursor=""
cat >"$WORK/queries.tsv" <<QUERIES
findings	/api/v1/findings
findings-critical-prod	/api/v1/findings?severity=critical&label=env:prod
findings-by-host	/api/v1/findings?sort=hostname
findings-first-seen	/api/v1/findings?sort=firstSeen&order=desc
findings-path-pkg	/api/v1/findings?pathPrefix=/var/lib/&package=mariadb-server
findings-waived	/api/v1/findings?status=waived
summary	/api/v1/fleet/summary
summary-by-env	/api/v1/fleet/summary?groupBy=env
paths-var-db-pkg	/api/v1/fleet/paths?path=/var/db/pkg
paths-var-lib-dpkg	/api/v1/fleet/paths?path=/var/lib/dpkg
packages-mariadb	/api/v1/fleet/packages?name=mariadb-server&assetStatus=uncovered
backups-stale	/api/v1/fleet/backups?staleFor=PT26H
trend-30d	/api/v1/fleet/trend?policy=package-db-covered&from=$month_ago&to=$today
trend-30d-by-env	/api/v1/fleet/trend?policy=package-db-covered&from=$month_ago&to=$today&groupBy=env
servers-not-restorable	/api/v1/servers?readiness=NOT_RESTORABLE&sort=score
QUERIES

start_service fleet "$LOAD_PORT" "$WORK/fleet.log"
log "HTTP: wrk, $CLIENTS connections for ${DURATION} s per query"
base="http://127.0.0.1:$LOAD_PORT"
auth="Authorization: Bearer $TOKEN"
wrk_run() { # threads connections seconds path -> "p50 p95 p99 max req/s requests errors"
  wrk -t"$1" -c"$2" -d"$3"s -H "$auth" -s "$ROOT/scripts/load-fleet.lua" "$base$4" | tail -n 1
}
printf '%-22s %8s %8s %8s %8s %9s %10s\n' query "p50 ms" "p95 ms" "p99 ms" "max ms" "req/s" "1-client" |
  tee "$WORK/http.txt"
while IFS=$'\t' read -r name path; do
  code=$(curl -s -o "$WORK/answer.json" -w '%{http_code}' -H "$auth" "$base$path")
  [ "$code" = 200 ] || { log "$name: $path answered $code: $(head -c 300 "$WORK/answer.json")"; exit 1; }
  wrk_run 2 4 3 "$path" >/dev/null # warm-up: JIT, connection pool, PostgreSQL caches
  read -r single _ < <(wrk_run 1 1 3 "$path")
  read -r p50 p95 p99 max rate _ errors < <(wrk_run 2 "$CLIENTS" "$DURATION" "$path")
  [ "$errors" = 0 ] || { log "$name: $errors failed requests under load"; exit 1; }
  printf '%-22s %8s %8s %8s %8s %9s %10s\n' "$name" "$p50" "$p95" "$p99" "$max" "$rate" "$single" |
    tee -a "$WORK/http.txt"
done <"$WORK/queries.tsv"
# The export, three times, timed by curl from request to last byte; its records are counted after
# (a quote-aware count: an evidence cell may hold a newline).
for round in 1 2 3; do
  read -r seconds bytes < <(curl -s -o "$WORK/findings.csv" -w '%{time_total} %{size_download}\n' \
    -H "$auth" -H 'Accept: text/csv' "$base/api/v1/findings")
  rows=$(awk '{ quotes += gsub(/"/, "&") } quotes % 2 == 0 { records++ } END { print records - 1 }' "$WORK/findings.csv")
  awk -v n="$rows" -v s="$seconds" -v b="$bytes" \
    'BEGIN { printf "CSV export of findings: %d rows, %.1f MB in %.2f s: %.0f rows/s\n", n, b / 1e6, s, n / s }' |
    tee -a "$WORK/http.txt"
done
cleanup; pids=()

# The same statements as the repositories run (FindingRepository, ComplianceRepository), with the
# parameters inlined, timed by pgbench: per-statement latency with 1 client and with CLIENTS.
log "PostgreSQL alone (pgbench)"
sqldir="$WORK/sql"
mkdir -p "$sqldir"
columns="SELECT s.hostname, f.server_id, f.policy_name, f.severity, f.severity_rank, f.requirement, f.path,
  CASE WHEN f.status = 'waived' AND f.waived_until <= now() THEN 'fail' ELSE f.status END, f.asset_kind,
  f.asset_status, f.job, f.message, f.first_seen, f.waiver_id, f.waived_until, f.evidence::text"
# A page as FindingRepository reads it: the page's rows from the findings (joined to servers only
# when a label filter or the hostname order needs them), then those rows joined and converted.
page() { # inner-from where order
  printf '%s FROM (SELECT f.* %s WHERE true %s ORDER BY %s LIMIT 101) f\n JOIN servers s ON s.server_id = f.server_id ORDER BY %s;\n' \
    "$columns" "$1" "$2" "$3" "$3"
}
order="f.severity_rank, f.policy_name, f.server_id, f.requirement, f.path"
page "FROM findings f" "" "$order" >"$sqldir/findings.sql"
page "FROM findings f JOIN servers s ON s.server_id = f.server_id" \
  "AND f.severity_rank = ANY('{0}') AND (s.agent_labels || s.labels) @> '{\"env\": \"prod\"}'" "$order" \
  >"$sqldir/findings-critical-prod.sql"
page "FROM findings f JOIN servers s ON s.server_id = f.server_id" "" \
  "s.hostname COLLATE \"C\", f.policy_name, f.requirement, f.path" >"$sqldir/findings-by-host.sql"
page "FROM findings f" "" \
  "f.first_seen DESC, f.server_id DESC, f.policy_name DESC, f.requirement DESC, f.path DESC" \
  >"$sqldir/findings-first-seen.sql"
# mariadb-server is on more servers than sqrt(101 * 10,000): FindingRepository walks the order's
# index against a hash of them (its other form, for rarer packages, probes their servers).
page "FROM findings f" "AND f.path LIKE '/var/lib/%' AND (f.server_id IN (SELECT p.server_id FROM installed_packages p WHERE p.name = 'mariadb-server')) IS TRUE" "$order" \
  >"$sqldir/findings-path-pkg.sql"
page "FROM findings f" "AND f.status = 'waived' AND f.waived_until > now()" "$order" >"$sqldir/findings-waived.sql"
summary() { # group
  cat <<SQL
SELECT r.section, $1, r.name, CASE WHEN r.section = 1 THEN CASE WHEN r.status = 'waived'
       AND r.waived_until <= now() THEN 'fail' ELSE r.status END END, sum(r.total)
  FROM compliance_rollup r WHERE r.total <> 0
   AND (r.section <> 2 OR r.status = 'fail' OR r.waived_until <= now())
 GROUP BY 1, 2, 3, 4;
SQL
}
summary "NULL::text" >"$sqldir/summary.sql"
summary "coalesce(r.labels ->> 'env', '(none)')" >"$sqldir/summary-by-env.sql"
paths_sql() {
  cat <<SQL
SELECT s.hostname, a.path, a.kind, a.severity, a.status, (a.detail -> 'jobs')::text, (a.detail -> 'gaps')::text,
       (a.detail -> 'remediation')::text
  FROM servers s CROSS JOIN LATERAL (SELECT path, kind, severity, status, detail FROM asset_coverage a
        WHERE a.server_id = s.server_id AND a.path = ANY('$1') ORDER BY length(a.path) DESC LIMIT 1) a
 WHERE true ORDER BY s.hostname COLLATE "C" LIMIT 101;
SQL
}
paths_sql '{/var/db/pkg,/var/db/pkg/,/var/db/,/var/,/}' >"$sqldir/paths-var-db-pkg.sql"
paths_sql '{/var/lib/dpkg,/var/lib/dpkg/,/var/lib/,/var/,/}' >"$sqldir/paths-var-lib-dpkg.sql"
cat >"$sqldir/packages-mariadb.sql" <<SQL
SELECT s.hostname, (SELECT string_agg(DISTINCT p.version, ' ') FROM installed_packages p WHERE p.server_id = s.server_id AND p.name = 'mariadb-server'),
       a.path, a.severity, a.status, a.detail ->> 'provenance'
  FROM servers s JOIN asset_coverage a ON a.server_id = s.server_id
 WHERE a.kind = 'service-data' AND split_part(a.detail ->> 'provenance', ' data: ', 1) = ANY('{"MySQL / MariaDB"}')
   AND EXISTS (SELECT 1 FROM installed_packages p WHERE p.server_id = s.server_id AND p.name = 'mariadb-server')
   AND a.status = ANY('{uncovered}')
 ORDER BY s.hostname COLLATE "C", a.path LIMIT 101;
SQL
cat >"$sqldir/backups-stale.sql" <<SQL
SELECT s.hostname, j.name, j.tool, j.schedule, j.last_success_at, j.last_status, j.last_finished_at
  FROM backup_jobs j JOIN servers s ON s.server_id = j.server_id
 WHERE (j.last_success_at IS NULL OR j.last_success_at < now() - interval '26 hours')
 ORDER BY s.hostname COLLATE "C", j.name COLLATE "C" LIMIT 101;
SQL
cat >"$sqldir/trend-30d.sql" <<SQL
SELECT t.day, NULL::text, t.status, sum(t.servers) FROM compliance_daily_totals t
 WHERE t.day BETWEEN '$month_ago' AND '$today' AND t.policy_name = ANY('{package-db-covered}')
 GROUP BY 1, 2, 3 ORDER BY 1, 2, 3;
SQL
cat >"$sqldir/trend-30d-by-env.sql" <<SQL
SELECT t.day, coalesce(t.labels ->> 'env', '(none)'), t.status, sum(t.servers) FROM compliance_daily_totals t
 WHERE t.day BETWEEN '$month_ago' AND '$today' AND t.policy_name = ANY('{package-db-covered}')
 GROUP BY 1, 2, 3 ORDER BY 1, 2, 3;
SQL
printf '%-22s %12s %14s\n' query "1-client ms" "$CLIENTS-client ms" | tee "$WORK/psql.txt"
for name in $(cut -f1 "$WORK/queries.tsv"); do
  [ -f "$sqldir/$name.sql" ] || continue
  one=$(pgbench -n -M prepared -t 100 -c 1 -f "$sqldir/$name.sql" "$LOAD_DB" 2>/dev/null |
    awk '/latency average/ { print $4 }')
  many=$(pgbench -n -M prepared -t $((REQUESTS / CLIENTS)) -c "$CLIENTS" -j 2 -f "$sqldir/$name.sql" "$LOAD_DB" 2>/dev/null |
    awk '/latency average/ { print $4 }')
  printf '%-22s %12s %14s\n' "$name" "$one" "$many" | tee -a "$WORK/psql.txt"
done
start=$(date +%s.%N)
psql -X -q -At -d "$LOAD_DB" -c "SET random_page_cost = 1.1" \
  -c "COPY ($columns FROM findings f JOIN servers s ON s.server_id = f.server_id ORDER BY $order) TO STDOUT WITH (FORMAT csv, HEADER)" \
  >"$WORK/findings-psql.csv"
end=$(date +%s.%N)
rows=$(awk '{ quotes += gsub(/"/, "&") } quotes % 2 == 0 { records++ } END { print records }' "$WORK/findings-psql.csv")
awk -v n="$((rows - 1))" -v s="$start" -v e="$end" \
  'BEGIN { printf "psql COPY of the findings as CSV: %d rows in %.2f s: %.0f rows/s\n", n, e - s, n / (e - s) }' |
  tee -a "$WORK/psql.txt"
log "figures in $WORK/http.txt and $WORK/psql.txt"
