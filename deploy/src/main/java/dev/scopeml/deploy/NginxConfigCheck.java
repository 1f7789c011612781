package dev.scopeml.deploy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Each compose nginx configuration ({@code nginx.conf}, and {@code nginx-tls.conf} with HTTPS) is
 * the tier controller's template rendered with its {@code .values} file, and nginx.conf is mounted
 * where nginx looks without {@code -c}; its values agree with the deployment: the body limit is the
 * scorer's, the prefix and the upstream folder are the ones the prefix script links, and the
 * checked-in upstream names the scorer service.
 */
final class NginxConfigCheck implements Check {

  static final String VALUES = Deployment.NGINX_DIR + "/nginx.conf.values";
  static final String CONFIG = Deployment.NGINX_DIR + "/nginx.conf";
  static final String PREFIX_SCRIPT = Deployment.NGINX_DIR + "/40-scopeml-prefix.sh";
  static final String ENTRYPOINT_SCRIPTS = "/docker-entrypoint.d/";

  @Override
  public String name() {
    return "nginx configuration";
  }

  @Override
  public List<String> problems(Deployment deployment) {
    var problems = new ArrayList<String>();
    Map<String, String> values = NginxComposeConfig.values(deployment.file(VALUES));
    for (NginxComposeConfig.Pair pair :
        NginxComposeConfig.pairs(deployment.file(Deployment.NGINX_DIR))) {
      String where = deployment.root().relativize(pair.config()).toString();
      String from = deployment.root().relativize(pair.values()).toString();
      String expected;
      try {
        expected = NginxComposeConfig.render(NginxComposeConfig.values(pair.values()));
      } catch (IllegalArgumentException e) {
        problems.add(from + ": " + e.getMessage());
        continue;
      }
      String actual = Files.exists(pair.config()) ? Deployment.read(pair.config()) : "";
      if (!actual.equals(expected)) {
        problems.add(
            where
                + " is not the tier controller's template rendered with "
                + from
                + " ("
                + firstDifference(expected, actual)
                + "); render it again with "
                + RenderNginxConfig.COMMAND);
      }
    }
    List<NginxService> nginx = NginxService.in(deployment);
    if (nginx.stream().noneMatch(n -> n.configFile().equals(deployment.file(CONFIG)))) {
      problems.add(
          "no service mounts " + CONFIG + " at " + NginxService.DEFAULT_CONFIG + " for nginx");
      return problems;
    }
    TierDriverContract contract = TierDriverContract.learn();
    deployment
        .builtApp(contract.scorerService())
        .ifPresent(
            scorer -> {
              Optional<String> limit =
                  deployment.settings(scorer).value("scopeml.scorer.max-body-size");
              long nginxBytes = DataSizes.nginx(values.get("maxBody"));
              if (limit.isPresent() && DataSizes.spring(limit.get()) != nginxBytes) {
                problems.add(
                    VALUES
                        + " limits bodies to "
                        + values.get("maxBody")
                        + " but the scorer to "
                        + limit.get()
                        + " (scopeml.scorer.max-body-size): a request between the two is refused"
                        + " by one and not the other");
              }
            });
    String script = Deployment.read(deployment.file(PREFIX_SCRIPT));
    String prefix = assigned(script, "prefix");
    String upstreamDir = assigned(script, "upstream_dir");
    if (!values.get("prefix").equals(prefix)) {
      problems.add(
          VALUES
              + " renders prefix "
              + values.get("prefix")
              + " but "
              + PREFIX_SCRIPT
              + " prepares "
              + prefix);
    }
    for (NginxService service : nginx) {
      List<ComposeService.Mount> mounts = service.service().mounts();
      boolean scriptMounted =
          mounts.stream()
              .anyMatch(
                  m ->
                      m.target().startsWith(ENTRYPOINT_SCRIPTS)
                          && deployment
                              .compose()
                              .directory()
                              .resolve(m.source())
                              .normalize()
                              .equals(deployment.file(PREFIX_SCRIPT)));
      if (!scriptMounted) {
        problems.add(
            "service "
                + service.service().name()
                + " does not run "
                + PREFIX_SCRIPT
                + " from "
                + ENTRYPOINT_SCRIPTS);
      }
      Optional<ComposeService.Mount> upstream =
          mounts.stream().filter(m -> m.target().equals(upstreamDir)).findFirst();
      if (upstream.isEmpty()) {
        problems.add(
            "service "
                + service.service().name()
                + " mounts nothing at "
                + upstreamDir
                + ", where "
                + PREFIX_SCRIPT
                + " expects upstream.conf");
        continue;
      }
      Path upstreamFile =
          deployment
              .compose()
              .directory()
              .resolve(upstream.get().source())
              .resolve("upstream.conf");
      if (!Files.isRegularFile(upstreamFile)) {
        problems.add(upstream.get().source() + " has no upstream.conf for nginx to start with");
        continue;
      }
      problems.addAll(upstreamProblems(deployment, upstreamFile, contract));
    }
    return problems;
  }

  private static List<String> upstreamProblems(
      Deployment deployment, Path upstreamFile, TierDriverContract contract) {
    var problems = new ArrayList<String>();
    String where = deployment.root().relativize(upstreamFile).toString();
    var servers = new NginxConfigText(Deployment.read(upstreamFile)).upstreamServers();
    if (servers.isEmpty()) {
      problems.add(where + " names no server");
    }
    for (var server : servers) {
      if (!server.host().equals(contract.scorerService())) {
        problems.add(
            where
                + " sends traffic to "
                + server.host()
                + ", not to the "
                + contract.scorerService()
                + " service");
      }
      if (server.port() != contract.scorerPort()) {
        problems.add(
            where
                + " sends traffic to port "
                + server.port()
                + " but scorers listen on "
                + contract.scorerPort());
      }
    }
    return problems;
  }

  /** The value of {@code name=value} in a shell script. */
  private static String assigned(String script, String name) {
    var matcher = Pattern.compile("(?m)^" + name + "=(\\S+)").matcher(script);
    return matcher.find() ? matcher.group(1) : "";
  }

  private static String firstDifference(String expected, String actual) {
    String[] want = expected.split("\n", -1);
    String[] have = actual.split("\n", -1);
    for (int i = 0; i < Math.max(want.length, have.length); i++) {
      String a = i < want.length ? want[i] : "<end>";
      String b = i < have.length ? have[i] : "<end>";
      if (!a.equals(b)) {
        return "line " + (i + 1) + ": expected '" + a.strip() + "', found '" + b.strip() + "'";
      }
    }
    return "they differ";
  }
}
