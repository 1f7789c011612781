package dev.scopeml.deploy;

import java.util.List;

/** One concern of the deployment, checked against the build. */
interface Check {

  /** What this check looks at, for reports. */
  String name();

  /**
   * What is wrong with {@code deployment}, one sentence each naming the file and item at fault;
   * empty when nothing is.
   */
  List<String> problems(Deployment deployment);
}
