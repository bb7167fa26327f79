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
# 3. drives every fleet query with scripts/LoadFleet.java: CLIENTS (20) concurrent clients,
#    REQUESTS (2000) per query, p50/p95/p99, throughput, the single-client median; then a full CSV
#    export of the findings in rows/s;
# 4. runs the same SQL with pgbench (1 client, then CLIENTS clients) for the ratio to PostgreSQL.
#
# Everything talks to 127.0.0.1 only; each phase is bounded in requests; the services it starts
# are stopped on exit. PostgreSQL: PGHOST/PGPORT/PGUSER (localhost, 5432, postgres). The fleet runs
# with out-of-order migrations, so a --reuse'd database takes migrations merged since it was made.
# The fleet's policy worker is off: the generator wrote the compliance tables, and the figures are
# of the queries alone. SUMMARY_MAX_AGE=PT0S measures the summary computed at every request instead of at most every 5 s.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
LOAD_DB="${LOAD_DB:-blindspot_load}"
LOAD_PORT="${LOAD_PORT:-18080}"
COVERAGE_PORT="${LOAD_COVERAGE_PORT:-18082}"
CLIENTS="${CLIENTS:-20}"
REQUESTS="${REQUESTS:-2000}"
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
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

start_service() { # name port log
  local jar="$ROOT/services/$1/target/quarkus-app/quarkus-run.jar"
  BLINDSPOT_DB_URL="jdbc:postgresql://$PGHOST:$PGPORT/$LOAD_DB" BLINDSPOT_DB_USER="$PGUSER" \
    BLINDSPOT_ADMIN_TOKEN="$TOKEN" QUARKUS_HTTP_PORT="$2" QUARKUS_HTTP_HOST=127.0.0.1 \
    QUARKUS_FLYWAY_OUT_OF_ORDER=true BLINDSPOT_POLICIES_ENABLED=false \
    BLINDSPOT_SUMMARY_MAX_AGE="${SUMMARY_MAX_AGE:-PT5S}" \
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
  sql "VACUUM ANALYZE"
fi

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
log "HTTP: $CLIENTS clients, $REQUESTS requests per query"
BASE="http://127.0.0.1:$LOAD_PORT" TOKEN="$TOKEN" CLIENTS="$CLIENTS" REQUESTS="$REQUESTS" \
  QUERIES="$WORK/queries.tsv" java "$ROOT/scripts/LoadFleet.java" | tee "$WORK/http.txt"
cleanup; pids=()

# The same statements as the repositories run (FindingRepository, ComplianceRepository), with the
# parameters inlined, timed by pgbench: per-statement latency with 1 client and with CLIENTS.
log "PostgreSQL alone (pgbench)"
sqldir="$WORK/sql"
mkdir -p "$sqldir"
select_findings="SELECT s.hostname, f.server_id, f.policy_name, f.severity, f.severity_rank, f.requirement, f.path,
  CASE WHEN f.status = 'waived' AND f.waived_until <= now() THEN 'fail' ELSE f.status END, f.asset_kind,
  f.asset_status, f.job, f.message, f.first_seen, f.waiver_id, f.waived_until, f.evidence::text
  FROM findings f JOIN servers s ON s.server_id = f.server_id WHERE true"
eff_result="CASE WHEN r.status = 'waived' AND r.waived_until <= now() THEN 'fail' ELSE r.status END"
fails="(f.status = 'fail' OR (f.status = 'waived' AND f.waived_until <= now()))"
cat >"$sqldir/findings.sql" <<SQL
$select_findings ORDER BY f.severity_rank, f.policy_name, f.server_id, f.requirement, f.path LIMIT 101;
SQL
cat >"$sqldir/findings-critical-prod.sql" <<SQL
$select_findings AND f.severity_rank = ANY('{0}') AND (s.agent_labels || s.labels) @> '{"env": "prod"}'
 ORDER BY f.severity_rank, f.policy_name, f.server_id, f.requirement, f.path LIMIT 101;
SQL
cat >"$sqldir/findings-by-host.sql" <<SQL
$select_findings ORDER BY s.hostname COLLATE "C", f.policy_name, f.requirement, f.path LIMIT 101;
SQL
cat >"$sqldir/findings-first-seen.sql" <<SQL
$select_findings ORDER BY f.first_seen DESC, f.server_id DESC, f.policy_name DESC, f.requirement DESC, f.path DESC LIMIT 101;
SQL
# With a package filter FindingRepository plans the page at in-memory costs (and never generically).
cat >"$sqldir/findings-path-pkg.sql" <<SQL
SET random_page_cost = 1.1;
$select_findings AND f.path LIKE '/var/lib/%' AND EXISTS (SELECT 1 FROM installed_packages p WHERE p.name = 'mariadb-server' AND p.server_id = f.server_id)
 ORDER BY f.severity_rank, f.policy_name, f.server_id, f.requirement, f.path LIMIT 101;
SQL
cat >"$sqldir/findings-waived.sql" <<SQL
$select_findings AND f.status = 'waived' AND f.waived_until > now()
 ORDER BY f.severity_rank, f.policy_name, f.server_id, f.requirement, f.path LIMIT 101;
SQL
cat >"$sqldir/summary.sql" <<SQL
SELECT 0, NULL, coalesce(c.readiness, 'UNEVALUATED'), NULL, count(*)
  FROM servers s LEFT JOIN server_coverage c ON c.server_id = s.server_id GROUP BY 3
UNION ALL SELECT 1, NULL, r.policy_name, $eff_result, count(*) FROM policy_results r GROUP BY 3, 4
UNION ALL SELECT 2, NULL, f.severity, NULL, count(*) FROM findings f WHERE $fails GROUP BY 3;
SQL
cat >"$sqldir/summary-by-env.sql" <<SQL
WITH scope AS (SELECT s.server_id, coalesce((s.agent_labels || s.labels) ->> 'env', '(none)') AS grp FROM servers s WHERE true)
SELECT 0, sc.grp, coalesce(c.readiness, 'UNEVALUATED'), NULL, count(*)
  FROM scope sc LEFT JOIN server_coverage c ON c.server_id = sc.server_id GROUP BY 2, 3
UNION ALL SELECT 1, sc.grp, r.policy_name, $eff_result, count(*)
  FROM policy_results r JOIN scope sc ON sc.server_id = r.server_id GROUP BY 2, 3, 4
UNION ALL SELECT 2, sc.grp, f.severity, NULL, count(*)
  FROM findings f JOIN scope sc ON sc.server_id = f.server_id WHERE $fails GROUP BY 2, 3;
SQL
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
rows=$(psql -X -q -At -d "$LOAD_DB" -c "COPY ($select_findings ORDER BY f.severity_rank, f.policy_name, f.server_id, f.requirement, f.path) TO STDOUT WITH (FORMAT csv, HEADER)" | wc -l)
end=$(date +%s.%N)
awk -v n="$((rows - 1))" -v s="$start" -v e="$end" \
  'BEGIN { printf "psql COPY of the findings as CSV: %d rows in %.2f s: %.0f rows/s\n", n, e - s, n / (e - s) }' |
  tee -a "$WORK/psql.txt"
log "figures in $WORK/http.txt and $WORK/psql.txt"
