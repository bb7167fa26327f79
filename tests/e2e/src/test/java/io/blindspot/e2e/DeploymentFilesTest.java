package io.blindspot.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * The deployment files checked statically (no Docker engine or cluster here): docker-compose.yml
 * with the proxy's routing, deploy/k8s, deploy/systemd and the agent's shell syntax, against the
 * services' application.properties.
 */
class DeploymentFilesTest {

  private static final List<String> SERVICES = List.of("fleet", "ingest", "coverage");
  private static final Map<String, String> ROUTES =
      Map.of("/api/v1/agent/", "ingest", "/api/v1/coverage/", "coverage", "/", "fleet");
  private static final Set<String> REQUIRED_ENV =
      Set.of(
          "BLINDSPOT_DB_URL",
          "BLINDSPOT_DB_USER",
          "BLINDSPOT_DB_PASSWORD",
          "BLINDSPOT_ADMIN_TOKEN");
  private static final Pattern ENV_REFERENCE = Pattern.compile("\\$\\{(BLINDSPOT_[A-Z0-9_]+)");

  private final Path repo = BlindspotStack.repo();

  // ------------------------------------------------------------------------------------------
  // docker-compose.yml and deploy/proxy/nginx.conf
  // ------------------------------------------------------------------------------------------

  @Test
  void composeRunsPostgresTheThreeServicesAndTheProxy() throws IOException {
    Map<String, Object> services = map(compose().get("services"));

    assertThat(services).containsKeys("postgres", "fleet", "ingest", "coverage", "proxy");
    services.forEach(
        (name, definition) -> {
          Map<String, Object> service = map(definition);
          assertThat(service.containsKey("image") || service.containsKey("build"))
              .as(name + " has an image or a build context")
              .isTrue();
          if (service.get("build") != null) {
            Object build = service.get("build");
            String context =
                build instanceof Map<?, ?> m ? (String) m.get("context") : (String) build;
            assertThat(repo.resolve(context).resolve("Dockerfile"))
                .as(name + ": build context with a Dockerfile")
                .isRegularFile();
          }
        });
    assertThat(map(compose().get("volumes"))).containsKey("pgdata");
    assertThat(map(services.get("postgres")).get("volumes").toString()).contains("pgdata:");
  }

  @Test
  void composeServicesMatchTheirPortsAndEnvironmentVariables() throws IOException {
    Map<String, Object> services = map(compose().get("services"));
    for (String name : SERVICES) {
      Map<String, Object> service = map(services.get(name));
      int port = httpPort(name);
      Set<String> referenced = referencedEnv(name);
      Map<String, Object> env = map(service.get("environment"));

      assertThat(env.keySet())
          .as(name + ": every variable set is one its application.properties reads")
          .isSubsetOf(referenced)
          .containsAll(REQUIRED_ENV);
      assertThat(String.valueOf(env.get("BLINDSPOT_DB_MIGRATE")))
          .as(name + ": only fleet migrates")
          .isEqualTo(name.equals("fleet") ? "true" : "null");
      assertThat(map(service.get("healthcheck")).get("test").toString())
          .contains("localhost:" + port + "/q/health/ready");
      assertThat(Files.readString(repo.resolve("services/" + name + "/Dockerfile")))
          .contains("EXPOSE " + port);
    }
  }

  @Test
  void theProxyRoutesTheThreePrefixesToTheRightPorts() throws IOException {
    String nginx = Files.readString(repo.resolve("deploy/proxy/nginx.conf"));
    Map<String, String> upstreams = new HashMap<>();
    Matcher upstream =
        Pattern.compile("upstream\\s+(\\w+)\\s*\\{\\s*server\\s+([\\w.-]+):(\\d+);").matcher(nginx);
    while (upstream.find()) {
      assertThat(upstream.group(2))
          .as("upstream host is the compose service")
          .isEqualTo(upstream.group(1));
      assertThat(Integer.parseInt(upstream.group(3))).isEqualTo(httpPort(upstream.group(1)));
      upstreams.put(upstream.group(1), upstream.group(3));
    }
    assertThat(upstreams).containsOnlyKeys(SERVICES);
    ROUTES.forEach(
        (prefix, service) ->
            assertThat(nginx)
                .containsPattern(
                    "location\\s+"
                        + Pattern.quote(prefix)
                        + "\\s*\\{\\s*proxy_pass\\s+http://"
                        + service
                        + "\\s*;"));
    List<Object> proxyPorts = list(map(map(compose().get("services")).get("proxy")).get("ports"));
    Matcher listen = Pattern.compile("listen\\s+(\\d+);").matcher(nginx);
    assertThat(listen.find()).isTrue();
    assertThat(proxyPorts.toString()).contains(":" + listen.group(1));
  }

  // ------------------------------------------------------------------------------------------
  // deploy/k8s
  // ------------------------------------------------------------------------------------------

  @Test
  void kubernetesManifestsParseAndReferenceExistingNamesAndPorts() throws IOException {
    Map<String, List<Map<String, Object>>> byKind = k8s();
    Map<String, Map<String, Object>> deployments = named(byKind.get("Deployment"));
    Map<String, Map<String, Object>> services = named(byKind.get("Service"));
    Set<String> configMaps = named(byKind.get("ConfigMap")).keySet();
    Set<String> secrets = named(byKind.get("Secret")).keySet();

    assertThat(deployments.keySet())
        .containsExactlyInAnyOrder("blindspot-fleet", "blindspot-ingest", "blindspot-coverage");
    for (Map<String, Object> deployment : deployments.values()) {
      String name = (String) map(deployment.get("metadata")).get("name");
      String svc = name.substring("blindspot-".length());
      Map<String, Object> spec = map(deployment.get("spec"));
      Map<String, Object> template = map(spec.get("template"));
      assertThat(map(map(template.get("metadata")).get("labels")))
          .as(name + ": the selector selects the pods")
          .containsAllEntriesOf(stringMap(map(spec.get("selector")).get("matchLabels")));
      Map<String, Object> container = map(list(map(template.get("spec")).get("containers")).get(0));
      Map<String, Object> port = map(list(container.get("ports")).get(0));
      assertThat(port.get("containerPort"))
          .as(name + ": the service's port")
          .isEqualTo(httpPort(svc));
      for (String probe : List.of("readinessProbe", "livenessProbe", "startupProbe")) {
        Map<String, Object> get = map(map(container.get(probe)).get("httpGet"));
        assertThat((String) get.get("path")).as(name + " " + probe).startsWith("/q/health/");
        assertThat(get.get("port")).isIn(port.get("name"), port.get("containerPort"));
      }
      assertThat(map(map(container.get("readinessProbe")).get("httpGet")).get("path"))
          .isEqualTo("/q/health/ready");
      assertThat(map(map(container.get("livenessProbe")).get("httpGet")).get("path"))
          .isEqualTo("/q/health/live");
      Set<String> env = new TreeSet<>();
      for (Object from : list(container.get("envFrom"))) {
        Map<String, Object> ref = map(from);
        if (ref.containsKey("configMapRef")) {
          String cm = (String) map(ref.get("configMapRef")).get("name");
          assertThat(configMaps).contains(cm);
          env.addAll(map(named(byKind.get("ConfigMap")).get(cm).get("data")).keySet());
        } else {
          String secret = (String) map(ref.get("secretRef")).get("name");
          assertThat(secrets).contains(secret);
          env.addAll(map(named(byKind.get("Secret")).get(secret).get("stringData")).keySet());
        }
      }
      for (Object e : list(container.get("env"))) {
        env.add((String) map(e).get("name"));
      }
      assertThat(env).as(name + ": environment").containsAll(REQUIRED_ENV);
      assertThat(env).as(name + ": only names the service reads").isSubsetOf(referencedEnvOfAny());
      assertThat(map(map(container.get("resources")).get("requests"))).containsKey("cpu");
    }

    for (Map<String, Object> service : services.values()) {
      String name = (String) map(service.get("metadata")).get("name");
      Map<String, Object> spec = map(service.get("spec"));
      Map<String, String> selector = stringMap(spec.get("selector"));
      Map<String, Object> target =
          deployments.values().stream()
              .filter(
                  d ->
                      map(map(map(map(d.get("spec")).get("template")).get("metadata"))
                              .get("labels"))
                          .entrySet()
                          .containsAll(selector.entrySet()))
              .findFirst()
              .orElseThrow(() -> new AssertionError(name + " selects no Deployment: " + selector));
      Map<String, Object> containerPort =
          map(
              list(map(list(map(map(map(target.get("spec")).get("template")).get("spec"))
                              .get("containers"))
                          .get(0))
                      .get("ports"))
                  .get(0));
      for (Object p : list(spec.get("ports"))) {
        assertThat(map(p).get("targetPort"))
            .as(name + ": targetPort is the container's port")
            .isIn(containerPort.get("containerPort"), containerPort.get("name"));
      }
    }

    Map<String, Object> ingress = byKind.get("Ingress").get(0);
    Map<String, String> routed = new LinkedHashMap<>();
    for (Object rule : list(map(ingress.get("spec")).get("rules"))) {
      for (Object p : list(map(map(rule).get("http")).get("paths"))) {
        Map<String, Object> path = map(p);
        Map<String, Object> backend = map(map(path.get("backend")).get("service"));
        String serviceName = (String) backend.get("name");
        assertThat(services)
            .as("the Ingress routes to an existing Service")
            .containsKey(serviceName);
        Object portRef = map(backend.get("port")).values().iterator().next();
        assertThat(
                list(map(services.get(serviceName).get("spec")).get("ports")).stream()
                    .map(DeploymentFilesTest::map))
            .anyMatch(sp -> portRef.equals(sp.get("name")) || portRef.equals(sp.get("port")));
        routed.put((String) path.get("path"), serviceName);
      }
    }
    ROUTES.forEach((prefix, svc) -> assertThat(routed).containsEntry(prefix, "blindspot-" + svc));

    Set<String> scaled = new HashSet<>();
    for (Map<String, Object> hpa : byKind.get("HorizontalPodAutoscaler")) {
      Map<String, Object> ref = map(map(hpa.get("spec")).get("scaleTargetRef"));
      assertThat(deployments).containsKey((String) ref.get("name"));
      scaled.add((String) ref.get("name"));
    }
    assertThat(scaled).containsExactlyInAnyOrder("blindspot-ingest", "blindspot-coverage");
  }

  @Test
  void kustomizationListsEveryManifest() throws IOException {
    Map<String, Object> kustomization = load(repo.resolve("deploy/k8s/kustomization.yaml"));
    try (Stream<Path> files = Files.list(repo.resolve("deploy/k8s"))) {
      assertThat(list(kustomization.get("resources")))
          .containsExactlyInAnyOrderElementsOf(
              files
                  .map(f -> f.getFileName().toString())
                  .filter(f -> f.endsWith(".yaml") && !f.equals("kustomization.yaml"))
                  .toList());
    }
  }

  // ------------------------------------------------------------------------------------------
  // deploy/systemd and the agent's files
  // ------------------------------------------------------------------------------------------

  @Test
  void systemdUnitsRunTheJarsWithTheEnvironmentFile() throws IOException {
    Set<String> example = new TreeSet<>();
    for (String line : Files.readAllLines(repo.resolve("deploy/systemd/blindspot.env.example"))) {
      if (line.matches("[A-Z0-9_]+=.*")) {
        example.add(line.substring(0, line.indexOf('=')));
      }
    }
    assertThat(example).containsAll(REQUIRED_ENV).isSubsetOf(referencedEnvOfAny());
    for (String svc : SERVICES) {
      String unit = Files.readString(repo.resolve("deploy/systemd/blindspot-" + svc + ".service"));
      assertThat(unit)
          .contains("EnvironmentFile=/etc/blindspot/blindspot.env")
          .contains("Environment=BLINDSPOT_DB_MIGRATE=" + svc.equals("fleet"))
          .containsPattern(
              "ExecStart=/usr/bin/java .*-Dquarkus.http.port="
                  + httpPort(svc)
                  + " -jar /opt/blindspot/"
                  + svc
                  + "/quarkus-run.jar");
    }
  }

  @Test
  void installShWritesTheAgentUnitsOfDeploySystemd(@TempDir Path dest) throws Exception {
    Process install =
        new ProcessBuilder(
                "dash",
                repo.resolve("deploy/agent/install.sh").toString(),
                "--dest",
                dest.toString(),
                "--scheduler",
                "systemd",
                "--label",
                "role=db")
            .redirectErrorStream(true)
            .start();
    String output = new String(install.getInputStream().readAllBytes());
    assertThat(install.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(install.exitValue()).as(output).isZero();

    for (String unit : List.of("blindspot-agent.service", "blindspot-agent.timer")) {
      assertThat(withoutComments(dest.resolve("etc/systemd/system/" + unit)))
          .isEqualTo(withoutComments(repo.resolve("deploy/systemd/" + unit)));
    }
    assertThat(dest.resolve("usr/local/sbin/blindspot-agent")).isExecutable();
    assertThat(dest.resolve("usr/local/sbin/blindspot-run")).isExecutable();
    assertThat(Files.readString(dest.resolve("etc/blindspot/agent.conf")))
        .contains("label.role=db");
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dest.resolve("etc/blindspot/agent.conf"))))
        .isEqualTo("rw-------");
  }

  @Test
  void theAgentScriptsParseUnderDashAndBusybox() throws Exception {
    for (String script : List.of("blindspot-agent", "blindspot-run", "install.sh")) {
      for (List<String> shell : List.of(List.of("dash"), List.of("busybox", "sh"))) {
        List<String> command = new ArrayList<>(shell);
        command.add("-n");
        command.add(repo.resolve("deploy/agent/" + script).toString());
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(script + " under " + shell + ": " + out).isZero();
      }
    }
  }

  // ------------------------------------------------------------------------------------------

  private Map<String, Object> compose() throws IOException {
    return load(repo.resolve("docker-compose.yml"));
  }

  private Map<String, List<Map<String, Object>>> k8s() throws IOException {
    Map<String, List<Map<String, Object>>> byKind = new HashMap<>();
    try (Stream<Path> files = Files.list(repo.resolve("deploy/k8s"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
        if (file.getFileName().toString().equals("kustomization.yaml")) {
          continue;
        }
        try (InputStream in = Files.newInputStream(file)) {
          for (Object doc : new Yaml(new LoaderOptions()).loadAll(in)) {
            if (doc == null) {
              continue;
            }
            Map<String, Object> resource = map(doc);
            assertThat(resource)
                .as(file + ": a Kubernetes object")
                .containsKeys("apiVersion", "kind", "metadata");
            byKind
                .computeIfAbsent((String) resource.get("kind"), k -> new ArrayList<>())
                .add(resource);
          }
        }
      }
    }
    return byKind;
  }

  private static Map<String, Map<String, Object>> named(List<Map<String, Object>> resources) {
    Map<String, Map<String, Object>> named = new LinkedHashMap<>();
    for (Map<String, Object> r : resources == null ? List.<Map<String, Object>>of() : resources) {
      named.put((String) map(r.get("metadata")).get("name"), r);
    }
    return named;
  }

  private static Map<String, Object> load(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return map(new Yaml(new LoaderOptions()).load(in));
    }
  }

  private int httpPort(String service) throws IOException {
    return Integer.parseInt(properties(service).getProperty("quarkus.http.port"));
  }

  private Properties properties(String service) throws IOException {
    Properties properties = new Properties();
    try (InputStream in =
        Files.newInputStream(
            repo.resolve("services/" + service + "/src/main/resources/application.properties"))) {
      properties.load(in);
    }
    return properties;
  }

  private Set<String> referencedEnv(String service) throws IOException {
    Set<String> names = new TreeSet<>();
    Matcher m =
        ENV_REFERENCE.matcher(
            Files.readString(
                repo.resolve(
                    "services/" + service + "/src/main/resources/application.properties")));
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }

  private Set<String> referencedEnvOfAny() throws IOException {
    Set<String> names = new TreeSet<>();
    for (String svc : SERVICES) {
      names.addAll(referencedEnv(svc));
    }
    return names;
  }

  private static String withoutComments(Path file) throws IOException {
    return String.join(
            "\n", Files.readAllLines(file).stream().filter(l -> !l.startsWith("#")).toList())
        .strip();
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object o) {
    assertThat(o).isInstanceOf(Map.class);
    return (Map<String, Object>) o;
  }

  @SuppressWarnings("unchecked")
  private static List<Object> list(Object o) {
    return o == null ? List.of() : (List<Object>) o;
  }

  private static Map<String, String> stringMap(Object o) {
    Map<String, String> out = new LinkedHashMap<>();
    map(o).forEach((k, v) -> out.put(k, String.valueOf(v)));
    return out;
  }
}
