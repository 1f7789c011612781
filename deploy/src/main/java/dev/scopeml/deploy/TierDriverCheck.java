package dev.scopeml.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * docker-compose.yml is what the tier controller's compose driver drives: the scorer service it
 * starts scorers of takes its image from the variable the driver sets, reads the variables the
 * driver passes, and listens on the port the driver writes into nginx's upstream; the balancer
 * services it reloads run nginx as PID 1 with the repository's configuration (the driver finds
 * nginx's workers as the children of PID 1).
 */
final class TierDriverCheck implements Check {

  @Override
  public String name() {
    return "tier controller";
  }

  @Override
  public List<String> problems(Deployment deployment) {
    var problems = new ArrayList<String>();
    TierDriverContract contract = TierDriverContract.learn();
    var scorer = deployment.compose().service(contract.scorerService());
    if (scorer.isEmpty()) {
      problems.add(
          "the compose driver starts scorers of service "
              + contract.scorerService()
              + ", which docker-compose.yml does not define");
    } else {
      Set<String> used = Interpolation.variables(scorer.get().image());
      for (String variable : contract.imageVariables()) {
        if (!used.contains(variable)) {
          problems.add(
              "the compose driver picks a release's image with "
                  + variable
                  + " but service "
                  + contract.scorerService()
                  + " has image "
                  + scorer.get().image());
        }
      }
      var app = deployment.builtApp(contract.scorerService());
      if (deployment.app(contract.scorerService()).isEmpty()) {
        problems.add("service " + contract.scorerService() + " does not build the scorer jar");
      } else if (app.isPresent()) {
        AppSettings settings = deployment.settings(app.get());
        for (String variable : contract.scorerVariables()) {
          if (settings.reader(variable).isEmpty()) {
            problems.add(
                "the compose driver passes " + variable + " to scorers, which they do not read");
          }
        }
        if (settings.port() != contract.scorerPort()) {
          problems.add(
              "the compose driver sends traffic to scorers on port "
                  + contract.scorerPort()
                  + " but service "
                  + contract.scorerService()
                  + " listens on "
                  + settings.port());
        }
      }
    }
    List<String> nginx = NginxService.in(deployment).stream().map(n -> n.service().name()).toList();
    for (String balancer : contract.balancerServices()) {
      var service = deployment.compose().service(balancer);
      if (service.isEmpty() || !nginx.contains(balancer)) {
        problems.add(
            "the compose driver reloads nginx in service "
                + balancer
                + ", which is no service running nginx with "
                + NginxConfigCheck.CONFIG);
        continue;
      }
      if (service.get().init()) {
        problems.add(
            "service "
                + balancer
                + " runs an init process as PID 1; the compose driver needs"
                + " nginx there to find its workers");
      }
      if (service.get().overridesStart()) {
        problems.add(
            "service "
                + balancer
                + " overrides the nginx image's entrypoint or command, which"
                + " runs "
                + NginxConfigCheck.PREFIX_SCRIPT
                + " and starts nginx as PID 1");
      }
    }
    return problems;
  }
}
