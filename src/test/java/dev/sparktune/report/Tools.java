package dev.sparktune.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The outside programs the report is checked with: Debian's headless Chromium and Debian's
 * python3 with Optuna. CI installs both (.ci/run) and sets SPARKTUNE_REQUIRE_TOOLS=1, so there a
 * missing one fails the test; elsewhere it is skipped with a note.
 */
public final class Tools {
  public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  public static final Path PYTHON = Path.of("/usr/bin/python3");

  private Tools() {}

  public static void require(boolean present, String what) {
    if (present) return;
    if ("1".equals(System.getenv("SPARKTUNE_REQUIRE_TOOLS"))) fail(what + " is missing (see .ci/run)");
    Assumptions.abort(what + " is not installed; skipped (CI installs it)");
  }

  public static boolean hasOptuna() {
    try {
      return Files.isExecutable(PYTHON) && run(List.of(PYTHON.toString(), "-c", "import optuna"), 60).code == 0;
    } catch (IOException e) {
      return false;
    }
  }

  public record Result(int code, String out) {}

  public static Result run(List<String> command, int timeoutSeconds) throws IOException {
    // stdout only: Chromium's stderr is full of D-Bus complaints that have nothing to do with the page.
    Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    try {
      byte[] out = p.getInputStream().readAllBytes();
      if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        fail("timed out: " + command);
      }
      return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  /**
   * Opens {@code html} in headless Chromium with no network and a fresh profile: returns the DOM
   * after the scripts ran, and saves a screenshot to {@code screenshot}.
   */
  public static String chromium(Path html, Path screenshot) throws IOException {
    require(Files.isExecutable(CHROMIUM), "Debian's chromium (/usr/bin/chromium)");
    Path profile = Files.createTempDirectory("sparktune-chromium");
    List<String> base = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--disable-extensions",
        // no network at all: every host resolves nowhere, and the page's own policy fetches nothing
        "--host-resolver-rules=MAP * ~NOTFOUND", "--proxy-server=127.0.0.1:9",
        "--user-data-dir=" + profile, "--window-size=1150,4300"));
    List<String> dump = new ArrayList<>(base);
    dump.addAll(List.of("--dump-dom", html.toUri().toString()));
    Result dom = run(dump, 120);
    assertEquals(0, dom.code(), dom.out());
    Files.createDirectories(screenshot.toAbsolutePath().getParent());
    List<String> shot = new ArrayList<>(base);
    shot.addAll(List.of("--screenshot=" + screenshot.toAbsolutePath(), html.toUri().toString()));
    Result s = run(shot, 120);
    assertEquals(0, s.code(), s.out());
    return dom.out();
  }

  /** The page's own record: {"errors":[...],"points":{chart: count}} from #report-status. */
  public static String status(String dom) {
    int i = dom.indexOf("id=\"report-status\"");
    if (i < 0) fail("no #report-status in the DOM: " + dom.substring(0, Math.min(2000, dom.length())));
    int start = dom.indexOf('>', i) + 1;
    return dom.substring(start, dom.indexOf("</pre>", start)).replace("&quot;", "\"").replace("&amp;", "&")
        .replace("&lt;", "<").replace("&gt;", ">");
  }
}
