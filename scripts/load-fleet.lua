-- wrk script of scripts/load-fleet.sh: at the end of a run, one line of figures
--   p50 p95 p99 max (ms)  requests/s  requests  failed
-- where failed counts non-2xx answers, connection errors and timeouts.
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("%.1f %.1f %.1f %.1f %.0f %d %d\n",
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, summary.requests / (summary.duration / 1e6), summary.requests,
    e.status + e.connect + e.read + e.write + e.timeout))
end
