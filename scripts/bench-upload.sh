#!/usr/bin/env bash
# Upload latency of the ingest service, as an agent sees it (curl's time_total, so without curl's
# own start-up): the real dpkg status uploaded for the first time by fresh servers, then the same
# body re-uploaded unchanged. Not a unit test: run it against a running ingest service.
#
#   createdb -h localhost -U postgres blindspot_bench
#   java -Dquarkus.flyway.migrate-at-start=true -Dquarkus.flyway.validate-at-start=false \
#        -Dquarkus.datasource.jdbc.url=jdbc:postgresql://localhost:5432/blindspot_bench \
#        -jar services/ingest/target/quarkus-app/quarkus-run.jar &
#   scripts/bench-upload.sh [path/to/dpkg-status]
#
# Environment: INGEST_URL (http://localhost:8081), BENCH_DB (blindspot_bench; enrollment tokens are
# inserted there with psql, PGHOST/PGUSER as usual, default localhost/postgres), FIRST (servers
# enrolled, each uploading once: 30), UNCHANGED (re-uploads: 300), WARMUP (uploads first: 50).
set -euo pipefail
cd "$(dirname "$0")/.."

url=${INGEST_URL:-http://localhost:8081}
db=${BENCH_DB:-blindspot_bench}
first=${FIRST:-30}
unchanged=${UNCHANGED:-300}
warmup=${WARMUP:-50}
export PGHOST=${PGHOST:-localhost} PGUSER=${PGUSER:-postgres}

sample=${1:-}
if [ -z "$sample" ]; then
  for candidate in ../shared/samples/dpkg-status shared/samples/dpkg-status ../../shared/samples/dpkg-status; do
    [ -f "$candidate" ] && sample=$candidate && break
  done
fi
[ -f "$sample" ] || { echo "no dpkg status sample; pass its path" >&2; exit 2; }

for _ in $(seq 60); do
  curl -sf "$url/q/health/ready" >/dev/null && break
  sleep 1
done
curl -sf "$url/q/health/ready" >/dev/null || { echo "ingest at $url is not ready" >&2; exit 2; }

run=$(date +%s%N)
enrollment="bse_bench_$run"
psql -d "$db" -qc "INSERT INTO enrollment_tokens (token_id, token_hash, description, expires_at)
  VALUES (gen_random_uuid(), sha256(convert_to('$enrollment', 'UTF8')), 'bench-upload.sh',
          now() + interval '1 hour')"

enroll() { # hostname → agent token
  local body
  body=$(curl -sf -X POST "$url/api/v1/agent/enroll" -H 'Content-Type: application/json' \
    -d "{\"hostname\": \"$1\", \"machineId\": \"$1\", \"enrollmentToken\": \"$enrollment\"}") ||
    { echo "enrollment of $1 failed" >&2; exit 1; }
  sed -E 's/.*"token":"([^"]+)".*/\1/' <<<"$body"
}

upload() { # agent token, expected status → seconds
  local out
  out=$(curl -s -o /dev/null -w '%{http_code} %{time_total}' -X PUT "$url/api/v1/agent/packages" \
    -H "Authorization: Bearer $1" -H 'Content-Type: text/x-dpkg-status' --data-binary "@$sample")
  [ "${out%% *}" = "$2" ] || { echo "expected $2, got: $out" >&2; exit 1; }
  echo "${out#* }"
}

median_ms() { sort -n | awk '{ v[NR] = $1 } END { m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%.2f ms (n=%d, min %.2f, max %.2f)\n", m * 1000, NR, v[1] * 1000, v[NR] * 1000 }'; }

packages=$(grep -c '^Package:' "$sample")
echo "sample: $sample ($(wc -c <"$sample") bytes, $packages paragraphs)"

# Warm-up: JIT, connection pool, PostgreSQL caches.
for i in $(seq "$warmup"); do
  token=$(enroll "warm-$run-$i")
  upload "$token" 201 >/dev/null
done

tokens=()
for i in $(seq "$first"); do
  tokens+=("$(enroll "first-$run-$i")")
done
for token in "${tokens[@]}"; do
  upload "$token" 201
done | median_ms | sed 's/^/first upload (parse + store): /'

token=$(enroll "again-$run")
upload "$token" 201 >/dev/null
for i in $(seq "$unchanged"); do
  upload "$token" 200
done | median_ms | sed 's/^/unchanged re-upload:          /'
