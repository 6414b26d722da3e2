package dev.sparktune.report;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class HtmlReportTest {
  @Test
  void aThousandConfigurationStudyFitsInOneAndAHalfMegabytes() throws Exception {
    ReportData data = SimulatedStudy.of(1000);
    var bean = java.lang.management.ManagementFactory.getThreadMXBean();
    String html = "";
    long[] wall = new long[5];
    long[] cpu = new long[5];
    for (int i = 0; i < 3; i++) HtmlReport.build(data);   // warm-up: class loading and the JIT
    for (int i = 0; i < 5; i++) {
      long c0 = bean.getCurrentThreadCpuTime();
      long t0 = System.nanoTime();
      html = HtmlReport.build(data);
      wall[i] = (System.nanoTime() - t0) / 1_000_000;
      cpu[i] = (bean.getCurrentThreadCpuTime() - c0) / 1_000_000;
    }
    java.util.Arrays.sort(wall);
    java.util.Arrays.sort(cpu);
    int size = html.getBytes(StandardCharsets.UTF_8).length;
    // Printed, not asserted: a timing on a shared machine is not a test. The README quotes it.
    System.out.printf("report of %d evaluations (1000 configurations): %d bytes, built in %d ms wall / %d ms CPU "
        + "(median of 5)%n", data.trials().size(), size, wall[2], cpu[2]);
    assertTrue(data.trials().size() > 1000, "ASHA adds promotions: " + data.trials().size());
    assertTrue(size <= 1_500_000, "report.html is " + size + " bytes");
    Path out = Path.of("target", "report-sim", "report.html");
    Files.createDirectories(out.getParent());
    Files.writeString(out, html);
  }

  @Test
  void nothingFromTheStudyCanEndTheDataBlockOrBecomeMarkup() {
    String html = HtmlReport.build(SimulatedStudy.of(40));
    int data = html.indexOf("<script type=\"application/json\" id=\"data\">");
    int end = html.indexOf("</script>", data);
    String block = html.substring(data, end);
    assertFalse(block.substring(1).contains("<"), "no raw < inside the data block");
    assertTrue(block.contains("\\u003cimg src=x onerror=alert(1)\\u003e"), "the categorical value travels escaped");
    assertTrue(block.contains("\\u003c/script\\u003e\\u003cscript\\u003ealert(2)"), "the error travels escaped");
    assertTrue(block.contains("simulated \\u003cb\\u003estudy"), "so does the study's name");
    assertFalse(html.contains("<img"), "no markup from the data anywhere in the page");
    // the one URL is the SVG namespace, an identifier that is never fetched
    assertFalse(html.replace("http://www.w3.org/2000/svg", "").matches("(?s).*https?://.*"), "nothing to fetch");
  }
}
