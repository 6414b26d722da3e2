# shellcheck shell=bash
# Shared by submit/tune, submit/cluster and .ci/run. Source it: it only defines
# variables and functions, and runs nothing.
#
# Environment it reads:
#   SPARKTUNE_PROFILE    the Maven profile of the Spark line to build and run with, e.g.
#                        spark-3.5-scala-2.12 (empty: the default, Spark 4.1 / Scala 2.13);
#                        its jar and classpath live in target/<profile>/
#   SPARKTUNE_APP_JAR    use this application jar as is (never build it)
#   SPARKTUNE_MVN_FLAGS  extra flags for every Maven run, e.g. "-o" to stay offline
#   JAVA_HOME            the JDK to run (default: java on PATH)

# The project root: the folder above this file, wherever the caller stands.
SPARKTUNE_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# The Maven profile of the Spark line (README "Spark versions"); empty is the default line.
SPARKTUNE_PROFILE="${SPARKTUNE_PROFILE:-}"
# The scripts always use the default build folder of that line (pom.xml: target/ or
# target/<profile>/), whatever -Dbuild.dir a developer passes, so two lines never share a jar
# or a classpath.
SPARKTUNE_TARGET="$SPARKTUNE_ROOT/target${SPARKTUNE_PROFILE:+/$SPARKTUNE_PROFILE}"
SPARKTUNE_CLASSPATH_FILE="$SPARKTUNE_TARGET/classpath.txt"
SPARKTUNE_MAIN_CLASS="dev.sparktune.cli.Main"

# Spark's module options (spark-launcher's JavaModuleOptions), for every JVM that runs
# Spark outside spark-submit. One line, identical to the pom property spark.add.opens:
# .ci/run checks both against each other and against Spark's own list.
SPARKTUNE_ADD_OPENS="-XX:+IgnoreUnrecognizedVMOptions --add-modules=jdk.incubator.vector --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/sun.nio.cs=ALL-UNNAMED --add-opens=java.base/sun.security.action=ALL-UNNAMED --add-opens=java.base/sun.util.calendar=ALL-UNNAMED --add-opens=java.security.jgss/sun.security.krb5=ALL-UNNAMED -Djdk.reflect.useDirectMethodHandle=false -Dio.netty.tryReflectionSetAccessible=true -Dio.netty.allocator.type=pooled -Dio.netty.handler.ssl.defaultEndpointVerificationAlgorithm=NONE --enable-native-access=ALL-UNNAMED"

st_err() { printf '%s: %s\n' "${SPARKTUNE_PROG:-sparktune}" "$*" >&2; }

# st_die MESSAGE [EXIT_CODE]  (default 1)
st_die() { st_err "$1"; exit "${2:-1}"; }

st_java() {
  if [[ -n "${JAVA_HOME:-}" ]]; then printf '%s\n' "$JAVA_HOME/bin/java"; else printf '%s\n' java; fi
}

# Prints the add-opens list one option a line (read it with mapfile).
st_add_opens_lines() { tr ' ' '\n' <<<"$SPARKTUNE_ADD_OPENS" | sed '/^$/d'; }

# The spark.add.opens property as written in pom.xml, on one line.
st_pom_add_opens() {
  sed -n 's:.*<spark.add.opens>\(.*\)</spark.add.opens>.*:\1:p' "$SPARKTUNE_ROOT/pom.xml"
}

# The project version: the <version> that follows <artifactId>sparktune</artifactId>.
st_project_version() {
  awk '/<artifactId>sparktune<\/artifactId>/ { found = 1; next }
       found && /<version>/ { sub(/.*<version>/, ""); sub(/<\/version>.*/, ""); print; exit }' \
    "$SPARKTUNE_ROOT/pom.xml"
}

# The profile ids pom.xml defines, one a line.
st_profiles() {
  awk '/<profiles>/ { p = 1 } p && /<id>/ { sub(/.*<id>/, ""); sub(/<\/id>.*/, ""); print }' "$SPARKTUNE_ROOT/pom.xml"
}

# Fails with one line (exit 2) unless SPARKTUNE_PROFILE is empty or a profile of pom.xml.
st_check_profile() {
  [[ -z "$SPARKTUNE_PROFILE" ]] && return 0
  st_profiles | grep -qxF -- "$SPARKTUNE_PROFILE" && return 0
  st_die "SPARKTUNE_PROFILE=$SPARKTUNE_PROFILE is not a Maven profile of pom.xml; expected one of: $(st_profiles | paste -sd ' ' -) (or empty for Spark 4.1 / Scala 2.13)" 2
}

# st_pom_property NAME: the property's value in SPARKTUNE_PROFILE's profile, else the default.
st_pom_property() {
  awk -v id="$SPARKTUNE_PROFILE" -v name="$1" '
    BEGIN { open = "<" name ">"; close_ = "</" name ">" }
    /<profiles>/ { in_profiles = 1 }
    !in_profiles && index($0, open) && default_ == "" { v = $0; sub(".*" open, "", v); sub(close_ ".*", "", v); default_ = v }
    in_profiles && id != "" && index($0, "<id>" id "</id>") { mine = 1 }
    in_profiles && mine && index($0, "</profile>") { mine = 0 }
    mine && index($0, open) { v = $0; sub(".*" open, "", v); sub(close_ ".*", "", v); found = v }
    END { print (found != "" ? found : default_) }' "$SPARKTUNE_ROOT/pom.xml"
}

# Maven's -P flag for SPARKTUNE_PROFILE (nothing for the default line).
st_profile_flags() { if [[ -n "$SPARKTUNE_PROFILE" ]]; then printf '%s\n' "-P$SPARKTUNE_PROFILE"; fi; }

# The jar Maven builds for the line: sparktune_<scala binary version>-<version>.jar, as Spark
# packages carry their Scala suffix.
st_app_jar() {
  if [[ -n "${SPARKTUNE_APP_JAR:-}" ]]; then
    printf '%s\n' "$SPARKTUNE_APP_JAR"
  else
    printf '%s\n' "$SPARKTUNE_TARGET/sparktune_$(st_pom_property scala.binary.version)-$(st_project_version).jar"
  fi
}

# st_major_minor VERSION: 3.5.6 and 3.5.6-amzn-1 give 3.5.
st_major_minor() { awk -F'[.+-]' '{ print $1 "." $2 }' <<<"$1"; }

# st_jar_line JAR: "<spark version> <scala binary version>" recorded in the jar, or nothing.
st_jar_line() {
  command -v unzip >/dev/null 2>&1 || return 0
  unzip -p "$1" sparktune-build.properties 2>/dev/null |
    awk -F= '$1 == "spark.version" { s = $2 } $1 == "scala.binary.version" { b = $2 } END { if (s != "" && b != "") print s, b }'
}

# st_mvn ARGS...: Maven in the project root, quiet; its output is shown only if it fails.
st_mvn() {
  local log rc
  st_check_profile
  mkdir -p "$SPARKTUNE_TARGET"
  log="$(mktemp "$SPARKTUNE_TARGET/.mvn-XXXXXX.log")"
  # shellcheck disable=SC2086,SC2046  # SPARKTUNE_MVN_FLAGS is a list of flags
  (cd "$SPARKTUNE_ROOT" && mvn -B -q $(st_profile_flags) ${SPARKTUNE_MVN_FLAGS:-} "$@") >"$log" 2>&1
  rc=$?
  if ((rc != 0)); then
    st_err "Maven failed (exit $rc): mvn $(st_profile_flags) $*"
    cat "$log" >&2
  fi
  rm -f "$log"
  return "$rc"
}

# st_locked FN ARGS...: run a function while holding the build lock, so that
# concurrent runs (two terminals, a test and a terminal) never build at once.
st_locked() {
  mkdir -p "$SPARKTUNE_TARGET"
  (
    flock -w 900 9 || st_die "timed out waiting for $SPARKTUNE_TARGET/.sparktune.lock"
    "$@"
  ) 9>"$SPARKTUNE_TARGET/.sparktune.lock"
}

# True when the jar is missing, or older than pom.xml or any file under src/main.
st_jar_is_stale() {
  local jar="$1"
  [[ -f "$jar" ]] || return 0
  [[ -n "$(find "$SPARKTUNE_ROOT/pom.xml" "$SPARKTUNE_ROOT/src/main" -newer "$jar" -print -quit 2>/dev/null)" ]]
}

_st_build_jar() {
  local jar="$1"
  st_jar_is_stale "$jar" || return 0   # someone else built it while we waited
  st_err "building $(basename "$jar") ..."
  # Tests are neither compiled nor run: a tune run needs only the main code.
  st_mvn -Dmaven.test.skip=true package || return 1
  [[ -f "$jar" ]] || { st_err "the build finished but $jar is not there"; return 1; }
  touch "$jar"   # a no-op build must still count as fresh
}

# Prints the application jar, building it first when it is stale.
st_ensure_jar() {
  local jar
  jar="$(st_app_jar)"
  if [[ -n "${SPARKTUNE_APP_JAR:-}" ]]; then
    [[ -f "$jar" ]] || { st_err "SPARKTUNE_APP_JAR=$jar does not exist"; return 1; }
  elif st_jar_is_stale "$jar"; then
    st_locked _st_build_jar "$jar" || return 1
  fi
  printf '%s\n' "$jar"
}

# True when the cached classpath is missing, older than pom.xml, or names a jar
# that is gone (a cleaned ~/.m2).
st_classpath_is_stale() {
  local f="$SPARKTUNE_CLASSPATH_FILE" entry
  [[ -s "$f" && ! "$SPARKTUNE_ROOT/pom.xml" -nt "$f" ]] || return 0
  while IFS= read -r -d ':' entry; do
    [[ -e "$entry" ]] || return 0
  done < <(tr -d '\n' <"$f"; printf ':')
  return 1
}

_st_build_classpath() {
  st_classpath_is_stale || return 0
  local tmp="$SPARKTUNE_CLASSPATH_FILE.tmp.$$"
  st_err "resolving Spark's runtime classpath with Maven (once) ..."
  # compile scope includes provided (Spark itself); Typesafe Config is already
  # relocated inside the application jar, and test jars are left out.
  st_mvn dependency:build-classpath -Dmdep.outputFile="$tmp" \
    -DincludeScope=compile -DexcludeGroupIds=com.typesafe || { rm -f "$tmp"; return 1; }
  [[ -s "$tmp" ]] || { st_err "Maven wrote an empty classpath"; rm -f "$tmp"; return 1; }
  mv -f "$tmp" "$SPARKTUNE_CLASSPATH_FILE"
}

# Resolves the classpath of Spark and friends into classpath.txt of the line's target folder (cached).
st_ensure_classpath() {
  if st_classpath_is_stale; then
    st_locked _st_build_classpath || return 1
  fi
}

# Prints the cached classpath (':'-separated, one line).
st_classpath() { tr -d '\n' <"$SPARKTUNE_CLASSPATH_FILE"; }

# True when a TCP port on 127.0.0.1 accepts connections.
st_port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# st_http_get PORT PATH: the body of a plain HTTP GET on 127.0.0.1.
st_http_get() {
  if command -v curl >/dev/null 2>&1; then
    curl -fsS --max-time 5 "http://127.0.0.1:$1$2"
  else
    (
      exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 1
      printf 'GET %s HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' "$2" >&3
      sed '1,/^\r\{0,1\}$/d' <&3
    )
  fi
}

# A quiet log4j2 setup for the driver: warnings and errors from Spark, INFO from
# sparktune itself. Written under target/ on demand; prints its path.
st_quiet_log4j2() {
  local f="$SPARKTUNE_TARGET/sparktune-log4j2.properties"
  mkdir -p "$SPARKTUNE_TARGET"
  if [[ ! -s "$f" ]]; then
    cat >"$f.tmp.$$" <<'EOF'
# Written by submit/lib.sh: what submit/tune gives the driver unless --verbose.
rootLogger.level = warn
rootLogger.appenderRef.stderr.ref = console
appender.console.type = Console
appender.console.name = console
appender.console.target = SYSTEM_ERR
appender.console.layout.type = PatternLayout
appender.console.layout.pattern = %d{HH:mm:ss} %p %c{1}: %m%n%ex
logger.sparktune.name = dev.sparktune
logger.sparktune.level = info
logger.hadoopnative.name = org.apache.hadoop.util.NativeCodeLoader
logger.hadoopnative.level = error
logger.netlib.name = dev.ludovic.netlib
logger.netlib.level = error
# Spark 3.5 warns on every libsvm read without numFeatures: nothing a sparktune user acts on.
logger.libsvm.name = org.apache.spark.ml.source.libsvm.LibSVMFileFormat
logger.libsvm.level = error
EOF
    mv -f "$f.tmp.$$" "$f"
  fi
  printf '%s\n' "$f"
}
