package dev.scopeml.deploy.kubernetes;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Every Secret, ConfigMap and PersistentVolumeClaim a pod refers to (by an environment variable, a
 * volume or {@code envFrom}) is in the overlay, with the keys it asks for: a pod referring to a
 * missing one never starts. The PostgreSQL init scripts an overlay ships are those of {@code
 * deploy/postgres/initdb}, which compose runs too.
 */
final class ReferenceCheck implements ManifestCheck {

  static final String INITDB = "deploy/postgres/initdb";

  @Override
  public String name() {
    return "referenced Secrets and ConfigMaps";
  }

  @Override
  public List<String> problems(KubernetesDeployment deployment) {
    var problems = new ArrayList<String>();
    for (RenderedOverlay overlay : deployment.overlays()) {
      for (RenderedOverlay.Workload workload : overlay.workloads()) {
        String where = Where.object(overlay, workload.kind(), workload.name());
        Set<String> claims = new HashSet<>();
        overlay.all(StatefulSet.class).stream()
            .filter(s -> s.getMetadata().getName().equals(workload.name()))
            .flatMap(s -> s.getSpec().getVolumeClaimTemplates().stream())
            .forEach(t -> claims.add(t.getMetadata().getName()));
        for (Container container : workload.template().getSpec().getContainers()) {
          for (EnvVar variable : container.getEnv()) {
            var from = variable.getValueFrom();
            if (from != null && from.getConfigMapKeyRef() != null) {
              keys(
                  overlay,
                  where,
                  "ConfigMap",
                  from.getConfigMapKeyRef().getName(),
                  List.of(from.getConfigMapKeyRef().getKey()),
                  problems);
            }
            if (from != null && from.getSecretKeyRef() != null) {
              keys(
                  overlay,
                  where,
                  "Secret",
                  from.getSecretKeyRef().getName(),
                  List.of(from.getSecretKeyRef().getKey()),
                  problems);
            }
          }
          for (EnvFromSource source : container.getEnvFrom()) {
            if (source.getConfigMapRef() != null) {
              keys(
                  overlay,
                  where,
                  "ConfigMap",
                  source.getConfigMapRef().getName(),
                  List.of(),
                  problems);
            }
            if (source.getSecretRef() != null) {
              keys(overlay, where, "Secret", source.getSecretRef().getName(), List.of(), problems);
            }
          }
          container.getVolumeMounts().stream()
              .filter(
                  m ->
                      workload.template().getSpec().getVolumes().stream()
                          .noneMatch(v -> v.getName().equals(m.getName())))
              .filter(m -> !claims.contains(m.getName()))
              .forEach(
                  m ->
                      problems.add(
                          where
                              + " mounts volume "
                              + m.getName()
                              + ", which its pod does not define"));
        }
        for (Volume volume : workload.template().getSpec().getVolumes()) {
          if (volume.getConfigMap() != null) {
            keys(
                overlay,
                where,
                "ConfigMap",
                volume.getConfigMap().getName(),
                paths(volume.getConfigMap().getItems()),
                problems);
          }
          if (volume.getSecret() != null) {
            keys(
                overlay,
                where,
                "Secret",
                volume.getSecret().getSecretName(),
                paths(volume.getSecret().getItems()),
                problems);
          }
          if (volume.getPersistentVolumeClaim() != null) {
            String claim = volume.getPersistentVolumeClaim().getClaimName();
            if (overlay.find(PersistentVolumeClaim.class, claim).isEmpty()) {
              problems.add(
                  where
                      + " mounts PersistentVolumeClaim "
                      + claim
                      + ", which the overlay does not create");
            }
          }
        }
      }
      overlay
          .configMap("postgres-initdb")
          .ifPresent(map -> problems.addAll(initScripts(deployment.root(), overlay, map)));
    }
    return problems;
  }

  private static List<String> paths(List<KeyToPath> items) {
    return items == null ? List.of() : items.stream().map(KeyToPath::getKey).toList();
  }

  private static void keys(
      RenderedOverlay overlay,
      String where,
      String kind,
      String name,
      List<String> keys,
      List<String> problems) {
    Map<String, String> data;
    if (kind.equals("Secret")) {
      var secret =
          overlay.all(Secret.class).stream()
              .filter(s -> s.getMetadata().getName().equals(name))
              .findFirst();
      data = secret.map(s -> s.getData() != null ? s.getData() : s.getStringData()).orElse(null);
      if (secret.isEmpty()) {
        problems.add(where + " refers to Secret " + name + ", which the overlay does not create");
        return;
      }
    } else {
      var map =
          overlay.all(ConfigMap.class).stream()
              .filter(m -> m.getMetadata().getName().equals(name))
              .findFirst();
      if (map.isEmpty()) {
        problems.add(
            where + " refers to ConfigMap " + name + ", which the overlay does not create");
        return;
      }
      data = map.get().getData();
    }
    for (String key : keys) {
      if (data == null || !data.containsKey(key)) {
        problems.add(
            where + " asks " + kind + " " + name + " for key " + key + ", which it does not hold");
      }
    }
  }

  private static List<String> initScripts(Path root, RenderedOverlay overlay, ConfigMap map) {
    var problems = new ArrayList<String>();
    try (Stream<Path> scripts = Files.list(root.resolve(INITDB))) {
      for (Path script : scripts.toList()) {
        String name = script.getFileName().toString();
        String shipped = map.getData().get(name);
        if (shipped == null || !shipped.equals(Files.readString(script))) {
          problems.add(
              Where.object(overlay, "ConfigMap", map.getMetadata().getName())
                  + " does not hold "
                  + INITDB
                  + "/"
                  + name
                  + " as it is: copy it again");
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return problems;
  }
}
