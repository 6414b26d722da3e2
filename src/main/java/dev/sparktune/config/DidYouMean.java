package dev.sparktune.config;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Suggests the known name closest to a misspelt one, by edit distance (Levenshtein plus
 * transpositions). A suggestion
 * is made only when the distance is small relative to the word, so unrelated keys get the list of
 * known keys instead of a misleading guess.
 */
final class DidYouMean {
  private DidYouMean() {}

  /** The closest of {@code known} to {@code word}, if it is close enough to be a likely typo. */
  static Optional<String> closest(String word, Collection<String> known) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    // Sorted so that ties resolve the same way on every run.
    for (String candidate : new TreeSet<>(known)) {
      int d = distance(word.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
      if (d < bestDistance) {
        best = candidate;
        bestDistance = d;
      }
    }
    // Up to a third of the longer word may be wrong (at least 1, at most 3 edits): "trails" ->
    // "trials" (1 transposition) is suggested, "colour" -> "seed" is not.
    int allowed = best == null ? 0 : Math.max(1, Math.min(3, Math.max(word.length(), best.length()) / 3));
    return best != null && bestDistance <= allowed ? Optional.of(best) : Optional.empty();
  }

  /** {@code "; did you mean 'x'?"} or, with no close match, {@code "; known keys: a, b, c"}. */
  static String hint(String word, Collection<String> known, String noun) {
    Optional<String> match = closest(word, known);
    if (match.isPresent()) return "; did you mean '" + match.get() + "'?";
    if (known.isEmpty()) return "";
    return "; known " + noun + ": " + String.join(", ", new TreeSet<>(known));
  }

  /**
   * Edit distance counting insertions, deletions, substitutions and transpositions of adjacent
   * letters (optimal string alignment), since swapped letters are the commonest typo: "trails".
   */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) d[i][0] = i;
    for (int j = 0; j <= b.length(); j++) d[0][j] = j;
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
