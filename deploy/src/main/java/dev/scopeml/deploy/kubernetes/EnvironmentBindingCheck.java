package dev.scopeml.deploy.kubernetes;

import dev.scopeml.deploy.AppSettings;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.util.ArrayList;
import java.util.List;

/**
 * Every variable a container of the build's images sets is read by something in it (a property the
 * app declares, by relaxed binding, a placeholder of its configuration, the entrypoint or the java
 * launcher): a misspelt one is otherwise silently ignored. Every {@code *_FILE} variable names a
 * file under a mounted Secret: secrets are files, never values in the environment.
 */
final class EnvironmentBindingCheck implements ManifestCheck {

  @Override
  public String name() {
    return "environment variables";
  }

  @Override
  public List<String> problems(KubernetesDeployment deployment) {
    var problems = new ArrayList<String>();
    for (RenderedOverlay overlay : deployment.overlays()) {
      for (RenderedOverlay.Workload workload : overlay.workloads()) {
        List<Volume> volumes = workload.template().getSpec().getVolumes();
        for (Container container : workload.template().getSpec().getContainers()) {
          String where = Where.container(overlay, workload, container);
          var app = deployment.app(container);
          AppSettings settings = app.map(a -> deployment.settings(a, container)).orElse(null);
          for (EnvVar variable : container.getEnv()) {
            if (settings != null && settings.reader(variable.getName()).isEmpty()) {
              problems.add(
                  where
                      + " sets "
                      + variable.getName()
                      + ", which nothing in its container reads (no property of the app binds it)");
            }
            if (variable.getName().endsWith("_FILE")
                && !underSecret(variable.getValue(), container, volumes)) {
              problems.add(
                  where
                      + " points "
                      + variable.getName()
                      + " at "
                      + variable.getValue()
                      + ", which is in no Secret it mounts");
            }
            if (variable.getName().matches(".*(PASSWORD|TOKEN)") && variable.getValue() != null) {
              problems.add(
                  where
                      + " sets "
                      + variable.getName()
                      + " in plain text: mount it from a Secret and name the file (*_FILE)");
            }
          }
        }
      }
    }
    return problems;
  }

  private static boolean underSecret(String file, Container container, List<Volume> volumes) {
    if (file == null) {
      return false;
    }
    for (VolumeMount mount : container.getVolumeMounts()) {
      if (!file.startsWith(mount.getMountPath() + "/")) {
        continue;
      }
      String relative = file.substring(mount.getMountPath().length() + 1);
      for (Volume volume : volumes) {
        if (volume.getName().equals(mount.getName()) && volume.getSecret() != null) {
          var items = volume.getSecret().getItems();
          return items == null
              || items.isEmpty()
              || items.stream().anyMatch(i -> i.getPath().equals(relative));
        }
      }
    }
    return false;
  }
}
