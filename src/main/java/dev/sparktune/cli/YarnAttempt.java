package dev.sparktune.cli;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which attempt of which YARN application this driver is, read from the {@code CONTAINER_ID} that
 * YARN gives every container ({@code container_[e<epoch>_]<clusterTs>_<app>_<attempt>_<n>}).
 *
 * <p>Why: when an application master dies, YARN starts the next attempt, often on another host.
 * The dead attempt's lease would only go stale after {@code output.lock-timeout}; but an attempt
 * of the same application with a higher number proves the earlier one is over (YARN runs one
 * attempt at a time), so the lease is taken over at once. The lease holder's id carries the
 * application and attempt for that.
 */
record YarnAttempt(String application, int attempt) {
  private static final Pattern CONTAINER =
      Pattern.compile("container_(?:e\\d+_)?(\\d+)_(\\d+)_(\\d+)_\\d+");
  private static final Pattern HOLDER = Pattern.compile("(application_\\d+_\\d+)/attempt-(\\d+)/.*");

  /** This process's attempt, if it runs in a YARN container. */
  static Optional<YarnAttempt> current(Map<String, String> env) {
    return ofContainer(env.getOrDefault("CONTAINER_ID", ""));
  }

  static Optional<YarnAttempt> ofContainer(String containerId) {
    Matcher m = CONTAINER.matcher(containerId);
    if (!m.matches()) return Optional.empty();
    return Optional.of(new YarnAttempt("application_" + m.group(1) + "_" + m.group(2), Integer.parseInt(m.group(3))));
  }

  /** A lease holder id: this attempt's application and number, then a unique part. */
  String holderId() {
    return application + "/attempt-" + attempt + "/" + UUID.randomUUID();
  }

  /** True when {@code holderId} names an earlier attempt of this same application. */
  boolean supersedes(String holderId) {
    Matcher m = HOLDER.matcher(holderId);
    return m.matches() && m.group(1).equals(application) && Integer.parseInt(m.group(2)) < attempt;
  }
}
