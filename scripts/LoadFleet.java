import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * HTTP load driver for the fleet queries (single file: {@code java scripts/LoadFleet.java}).
 *
 * <p>For each query: a warm-up, then CLIENTS concurrent clients sending REQUESTS requests in all,
 * each timed from send to the last byte; prints p50/p95/p99 and throughput, plus the single-client
 * median used for the ratio to psql. Then one full CSV export of the findings, in rows per
 * second. Bounded in count; only ever talks to BASE (loopback).
 *
 * <p>Environment: BASE (http://127.0.0.1:18080), TOKEN (admin bearer token), CLIENTS (20),
 * REQUESTS (2000 per query), QUERIES (a file of "name<TAB>path?query" lines).
 */
public class LoadFleet {

  public static void main(String[] args) throws Exception {
    String base = env("BASE", "http://127.0.0.1:18080");
    if (!URI.create(base).getHost().matches("127\\.\\d+\\.\\d+\\.\\d+|localhost|\\[::1\\]")) {
      throw new IllegalArgumentException("BASE must be a loopback address, got " + base);
    }
    String token = env("TOKEN", "");
    int clients = Integer.parseInt(env("CLIENTS", "20"));
    int requests = Integer.parseInt(env("REQUESTS", "2000"));
    Map<String, String> queries = new LinkedHashMap<>();
    for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of(env("QUERIES", "")))) {
      if (!line.isBlank() && !line.startsWith("#")) {
        String[] parts = line.split("\t", 2);
        queries.put(parts[0], parts[1]);
      }
    }
    HttpClient http =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .executor(Executors.newFixedThreadPool(clients))
            .build();
    System.out.printf(
        "%-22s %8s %8s %8s %8s %9s %10s%n",
        "query", "p50 ms", "p95 ms", "p99 ms", "max ms", "req/s", "1-client");
    for (Map.Entry<String, String> query : queries.entrySet()) {
      URI uri = URI.create(base + query.getValue());
      HttpRequest request =
          HttpRequest.newBuilder(uri)
              .header("Authorization", "Bearer " + token)
              .timeout(Duration.ofSeconds(30))
              .build();
      check(http, request);
      run(http, request, 4, 200); // warm-up: JIT, connection pool, PostgreSQL caches
      double[] single = run(http, request, 1, 100);
      long start = System.nanoTime();
      double[] timings = run(http, request, clients, requests);
      double seconds = (System.nanoTime() - start) / 1e9;
      System.out.printf(
          "%-22s %8.1f %8.1f %8.1f %8.1f %9.0f %10.1f%n",
          query.getKey(),
          percentile(timings, 50),
          percentile(timings, 95),
          percentile(timings, 99),
          timings[timings.length - 1],
          requests / seconds,
          percentile(single, 50));
    }
    csvExport(http, base, token);
    System.exit(0); // the HTTP client's executor threads would keep the JVM alive
  }

  private static void check(HttpClient http, HttpRequest request) throws Exception {
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException(
          request.uri() + " answered " + response.statusCode() + ": " + response.body());
    }
  }

  /** Sends {@code total} requests from {@code clients} threads; the sorted timings in ms. */
  private static double[] run(HttpClient http, HttpRequest request, int clients, int total)
      throws Exception {
    AtomicInteger left = new AtomicInteger(total);
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    List<Future<List<Double>>> results = new ArrayList<>();
    for (int i = 0; i < clients; i++) {
      results.add(
          pool.submit(
              () -> {
                List<Double> mine = new ArrayList<>();
                while (left.getAndDecrement() > 0) {
                  long start = System.nanoTime();
                  HttpResponse<byte[]> response =
                      http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                  mine.add((System.nanoTime() - start) / 1e6);
                  if (response.statusCode() != 200) {
                    throw new IllegalStateException(request.uri() + ": " + response.statusCode());
                  }
                }
                return mine;
              }));
    }
    List<Double> all = new ArrayList<>();
    for (Future<List<Double>> result : results) {
      all.addAll(result.get());
    }
    pool.shutdown();
    double[] timings = all.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(timings);
    return timings;
  }

  private static double percentile(double[] sorted, int p) {
    int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }

  /** Streams GET /api/v1/findings as CSV, counting rows without keeping them. */
  private static void csvExport(HttpClient http, String base, String token) throws Exception {
    for (int round = 0; round < 3; round++) {
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(base + "/api/v1/findings"))
              .header("Authorization", "Bearer " + token)
              .header("Accept", "text/csv")
              .timeout(Duration.ofMinutes(5))
              .build();
      long start = System.nanoTime();
      HttpResponse<InputStream> response =
          http.send(request, HttpResponse.BodyHandlers.ofInputStream());
      long lines = 0;
      long bytes = 0;
      byte[] buffer = new byte[1 << 16];
      boolean quoted = false;
      try (InputStream in = response.body()) {
        int n;
        while ((n = in.read(buffer)) > 0) {
          bytes += n;
          for (int i = 0; i < n; i++) {
            byte b = buffer[i];
            if (b == '"') {
              quoted = !quoted; // a doubled quote toggles twice: still right
            } else if (b == '\n' && !quoted) {
              lines++;
            }
          }
        }
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      long rows = lines - 1; // the header
      System.out.printf(
          "CSV export of findings: %d rows, %.1f MB in %.2f s: %.0f rows/s%n",
          rows, bytes / 1e6, seconds, rows / seconds);
    }
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
