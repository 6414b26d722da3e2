import dev.sparktune.config.SpaceReader;
import dev.sparktune.study.Study;
import dev.sparktune.trial.Trial;
import java.nio.file.Path;

/** Minimizes the Branin function with TPE; run it again on the same directory and it resumes. */
public class AskTell {
  public static void main(String[] args) {
    Study study = Study.builder(SpaceReader.parse("""
            x { type = float, low = -5, high = 10 }
            y { type = float, low = 0, high = 15 }"""))
        .sampler("tpe").seed(7).minimize()
        .journal(Path.of(args[0]))                       // the history; a rerun continues it
        .build();
    System.out.println("resumed " + study.trials().size() + " trials");
    while (study.trials().size() < Integer.parseInt(args[1])) {
      Trial t = study.ask().orElseThrow();
      double x = t.assignment().getDouble("x"), y = t.assignment().getDouble("y");
      double b = y - 5.1 / (4 * Math.PI * Math.PI) * x * x + 5 / Math.PI * x - 6;
      study.tell(t, b * b + 10 * (1 - 1 / (8 * Math.PI)) * Math.cos(x) + 10);
    }
    Trial best = study.best().orElseThrow();
    System.out.printf("best %.6f at %s after %d trials%n", best.value().getAsDouble(), best.assignment(),
        study.trials().size());
  }
}
