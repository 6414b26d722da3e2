# shellcheck shell=bash
# Shared by submit/tune, submit/cluster, the submit/*benchmark scripts and .ci/run. Source it: it only defines
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
  # inside the application jar, and test jars are left out.
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
  # Rewritten when this file is newer, so a copy an older version left under target/ is replaced.
  if [[ ! -s "$f" || "${BASH_SOURCE[0]}" -nt "$f" ]]; then
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
# What only echoes sparktune's own doing (as engine/SparkSessions.quietLogs): MLlib's stack trace
# for each fit whose jobs sparktune cancelled and a warning per task those cancels killed (the
# trial records why), and one warning per job of a large model that no user can act on.
logger.mlfit.name = org.apache.spark.ml.util.Instrumentation
logger.mlfit.level = warn
logger.mlfit.filter.cancelled.type = RegexFilter
logger.mlfit.filter.cancelled.regex = (?s).*SPARK_JOB_CANCELLED.*
logger.mlfit.filter.cancelled.onMatch = DENY
logger.mlfit.filter.cancelled.onMismatch = NEUTRAL
logger.killed.name = org.apache.spark.scheduler.TaskSetManager
logger.killed.level = warn
logger.killed.filter.cancelled.type = RegexFilter
logger.killed.filter.cancelled.regex = (?s)Lost task .*SPARK_JOB_CANCELLED.*
logger.killed.filter.cancelled.onMatch = DENY
logger.killed.filter.cancelled.onMismatch = NEUTRAL
logger.dag.name = org.apache.spark.scheduler.DAGScheduler
logger.dag.level = warn
logger.dag.filter.binary.type = RegexFilter
logger.dag.filter.binary.regex = (?s)Broadcasting large task binary.*
logger.dag.filter.binary.onMatch = DENY
logger.dag.filter.binary.onMismatch = NEUTRAL
# Spark 3.5 warns on every libsvm read without numFeatures: nothing a sparktune user acts on.
logger.libsvm.name = org.apache.spark.ml.source.libsvm.LibSVMFileFormat
logger.libsvm.level = error
EOF
    mv -f "$f.tmp.$$" "$f"
  fi
  printf '%s\n' "$f"
}

# ---- Kubernetes (k8s:// masters) -------------------------------------------------------------
# The driver runs in a pod from the image built by deploy/kubernetes/Dockerfile, which holds the
# application jar at this fixed path; the local build is neither used nor built.
SPARKTUNE_K8S_APP_JAR="local:///opt/sparktune/sparktune.jar"

# _st_k8s_conf KEY SUBMIT_OPTS...: the last value of `--conf KEY=value` among spark-submit's
# options (given as pairs, as submit/tune stores them), else spark-defaults.conf's under SPARK_HOME.
_st_k8s_conf() {
  local key="$1" value="" i
  shift
  local opts=("$@")
  for ((i = 0; i + 1 < ${#opts[@]}; i++)); do
    if [[ "${opts[i]}" == --conf && "${opts[i + 1]}" == "$key="* ]]; then
      value="${opts[i + 1]#*=}"
    fi
  done
  if [[ -z "$value" && -n "${SPARK_HOME:-}" ]]; then
    local defaults="${SPARK_CONF_DIR:-$SPARK_HOME/conf}/spark-defaults.conf"
    [[ -f "$defaults" ]] && value="$(awk -v k="$key" '$1 == k { print $2 }' "$defaults" | tail -n 1)"
  fi
  printf '%s' "$value"
}

# st_k8s_submit_args CONF_FILE SUBMIT_OPTS...: what a k8s:// master changes in the spark-submit
# command. Sets ST_K8S_OPTS (SUBMIT_OPTS with what Kubernetes needs added: cluster deploy mode,
# the image from SPARKTUNE_IMAGE, the conf among the --files), ST_K8S_APP_JAR (the jar inside
# the image) and ST_K8S_CONF (the conf file's name on the driver). Prints one line and returns 2
# when no image is given, the deploy mode is client, or a local conf has no upload path.
#
# The conf travels through Spark's file upload path: `--files` uploads it to
# spark.kubernetes.file.upload.path (any Hadoop FileSystem URI the submitter can write and the
# driver pod can read), and the driver's spark-submit downloads it into its working directory,
# so Main is given the file's base name. A conf that is not a local file (a URI) is passed as is.
st_k8s_submit_args() {
  local conf="$1"
  shift
  local opts=("$@") i mode="" image upload files_at=-1 shipped
  ST_K8S_OPTS=("${opts[@]}")
  ST_K8S_APP_JAR="$SPARKTUNE_K8S_APP_JAR"
  ST_K8S_CONF="$conf"
  for ((i = 0; i + 1 < ${#opts[@]}; i++)); do
    [[ "${opts[i]}" == --deploy-mode ]] && mode="${opts[i + 1]}"
    [[ "${opts[i]}" == --files ]] && files_at=$((i + 1))
  done
  [[ -z "$mode" ]] && mode="$(_st_k8s_conf spark.submit.deployMode "${opts[@]}")"
  if [[ -n "$mode" && "$mode" != cluster ]]; then
    st_err "a k8s:// master runs the driver in a pod from the image (--deploy-mode cluster); got --deploy-mode $mode"
    return 2
  fi
  [[ -z "$mode" ]] && ST_K8S_OPTS+=(--deploy-mode cluster)
  image="$(_st_k8s_conf spark.kubernetes.container.image "${opts[@]}")"
  if [[ -z "$image" ]]; then
    if [[ -z "${SPARKTUNE_IMAGE:-}" ]]; then
      st_err "a k8s:// master needs the sparktune image: --conf spark.kubernetes.container.image=IMAGE or SPARKTUNE_IMAGE=IMAGE (built from deploy/kubernetes/Dockerfile)"
      return 2
    fi
    ST_K8S_OPTS+=(--conf "spark.kubernetes.container.image=$SPARKTUNE_IMAGE")
  fi
  if [[ -f "$conf" ]]; then
    upload="$(_st_k8s_conf spark.kubernetes.file.upload.path "${opts[@]}")"
    if [[ -z "$upload" ]]; then
      st_err "a k8s:// master ships $conf to the driver through Spark's upload path: add --conf spark.kubernetes.file.upload.path=URI (e.g. hdfs://namenode:8020/tmp/sparktune-upload, writable here and readable by the driver pod)"
      return 2
    fi
    shipped="$(cd "$(dirname "$conf")" && pwd)/$(basename "$conf")"
    # spark-submit keeps only the last --files, so the conf joins the user's list if there is one.
    if ((files_at >= 0)); then
      ST_K8S_OPTS[files_at]="${opts[files_at]},$shipped"
    else
      ST_K8S_OPTS+=(--files "$shipped")
    fi
    ST_K8S_CONF="$(basename "$conf")"
  fi
  return 0
}

# --- YARN and cluster-mode helpers (submit/tune) ---

# True when the Hadoop client configuration a YARN submission needs is there: HADOOP_CONF_DIR
# (or YARN_CONF_DIR) naming a directory with yarn-site.xml. Says what is wrong otherwise.
st_yarn_check_conf_dir() {
  local dir="${HADOOP_CONF_DIR:-${YARN_CONF_DIR:-}}"
  if [[ -z "$dir" ]]; then
    st_err "--master yarn needs HADOOP_CONF_DIR (or YARN_CONF_DIR): the directory with the cluster's core-site.xml and yarn-site.xml"
    return 1
  fi
  if [[ ! -d "$dir" ]]; then
    st_err "HADOOP_CONF_DIR=$dir is not a directory; expected the cluster's client configuration (core-site.xml, yarn-site.xml)"
    return 1
  fi
  if [[ -z "${HADOOP_CONF_DIR:-}" || ! -f "$HADOOP_CONF_DIR/yarn-site.xml" ]] && [[ -z "${YARN_CONF_DIR:-}" || ! -f "$YARN_CONF_DIR/yarn-site.xml" ]]; then
    st_err "no yarn-site.xml in HADOOP_CONF_DIR=${HADOOP_CONF_DIR:-} or YARN_CONF_DIR=${YARN_CONF_DIR:-}; expected the cluster's client configuration"
    return 1
  fi
}

# st_yarn_check_classpath CP: true when Spark's YARN support is among the resolved jars.
st_yarn_check_classpath() {
  if ! tr ':' '\n' <<<"$1" | grep -q '/spark-yarn_[^/]*\.jar$'; then
    st_err "--master yarn: the Spark this build resolves has no spark-yarn jar (Maven here does not serve spark-yarn for the default Spark line); set SPARK_HOME to the cluster's Spark installation, or use a line that has it, e.g. SPARKTUNE_PROFILE=spark-4.0 (see README: Spark versions)"
    return 1
  fi
}

# st_has_key KEY KEYS...: true when KEY is among KEYS.
st_has_key() {
  local key="$1" k
  shift
  for k in "$@"; do [[ "$k" == "$key" ]] && return 0; done
  return 1
}

# st_launch_helper CLASSPATH ARGS...: runs dev.sparktune.cli.ClusterLaunch on this host (checks a
# cluster-mode job before submission, reads the driver's outcome after it).
st_launch_helper() {
  local cp="$1" opens=()
  shift
  mapfile -t opens < <(st_add_opens_lines)
  "$(st_java)" "${opens[@]}" -XX:TieredStopAtLevel=1 -Dlog4j2.configurationFile="$(st_quiet_log4j2)" \
    -cp "$cp" dev.sparktune.cli.ClusterLaunch "$@" 2> >(grep -v -x 'WARNING: Using incubator modules: jdk.incubator.vector' >&2)
}

# st_print_command ARGS...: one line that a shell runs as the same command.
st_print_command() {
  local out="" a
  for a in "$@"; do out+="${out:+ }$(printf '%q' "$a")"; done
  printf '%s\n' "$out"
}

# ---- Benchmarks (src/bench/java) -------------------------------------------------------------
# The benchmarks are not part of the application jar. Maven compiles them with the tests (their
# own tests use them); for a run they are compiled here against the application jar and the
# line's Spark classpath into a jar of their own, target/<line>/sparktune-bench.jar.

# True when the bench jar is missing, or older than the application jar or any benchmark source.
st_bench_jar_is_stale() {
  local jar="$1" app_jar="$2"
  [[ -f "$jar" ]] || return 0
  [[ -n "$(find "$SPARKTUNE_ROOT/src/bench" "$app_jar" -newer "$jar" -print -quit 2>/dev/null)" ]]
}

_st_build_bench_jar() {
  local jar="$1" app_jar="$2" classes rc sources=() jdk_bin=""
  st_bench_jar_is_stale "$jar" "$app_jar" || return 0   # built by someone else while we waited
  st_err "building $(basename "$jar") ..."
  [[ -n "${JAVA_HOME:-}" ]] && jdk_bin="$JAVA_HOME/bin/"
  mapfile -t sources < <(find "$SPARKTUNE_ROOT/src/bench/java" -name '*.java')
  classes="$(mktemp -d "$SPARKTUNE_TARGET/.bench-classes-XXXXXX")"
  "${jdk_bin}javac" --release 17 -nowarn -encoding UTF-8 -d "$classes" -cp "$app_jar:$(st_classpath)" "${sources[@]}" &&
    "${jdk_bin}jar" --create --file "$jar.tmp.$$" -C "$classes" . &&
    mv -f "$jar.tmp.$$" "$jar"
  rc=$?
  rm -rf "$classes" "$jar.tmp.$$"
  ((rc == 0)) || st_err "could not build $jar"
  return "$rc"
}

# Builds what a benchmark runs on (the application jar, Spark's classpath, the bench jar) when
# stale, and sets ST_APP_JAR and ST_BENCH_JAR.
st_ensure_bench() {
  ST_APP_JAR="$(st_ensure_jar)" || return 1
  st_ensure_classpath || return 1
  ST_BENCH_JAR="$SPARKTUNE_TARGET/sparktune-bench.jar"
  if st_bench_jar_is_stale "$ST_BENCH_JAR" "$ST_APP_JAR"; then
    st_locked _st_build_bench_jar "$ST_BENCH_JAR" "$ST_APP_JAR" || return 1
  fi
}

# st_bench_java JVM_OPTIONS... -- CLASS ARGS...: runs a plain-Java benchmark in this process's
# place, on the application jar, the bench jar and the line's classpath.
st_bench_java() {
  local jvm=()
  while (($# > 0)) && [[ "$1" != -- ]]; do jvm+=("$1"); shift; done
  shift
  st_ensure_bench || exit 1
  # SPARKTUNE_JAVA_OPTS (a JFR recording, say) as for the Spark benchmarks.
  [[ -n "${SPARKTUNE_JAVA_OPTS:-}" ]] && jvm+=($SPARKTUNE_JAVA_OPTS)
  exec "$(st_java)" "-Dsparktune.root=$SPARKTUNE_ROOT" "${jvm[@]}" -cp "$ST_APP_JAR:$ST_BENCH_JAR:$(st_classpath)" "$@"
}

# st_bench_submit CLASS ARGS...: runs a Spark benchmark's main class in this process's place
# with spark-submit: SPARK_HOME's, else Spark's own SparkSubmit in this JVM (as submit/tune).
# Takes --master URL (default: $SPARKTUNE_BENCH_MASTER, else local[2]), --driver-memory SIZE and
# --conf key=value from ARGS for spark-submit; the rest goes to the benchmark.
st_bench_submit() {
  local class="$1" master="${SPARKTUNE_BENCH_MASTER:-local[2]}" driver_memory="" log_opt submit
  local submit_opts=() bench_args=() common_opts=() jvm=()
  shift
  while (($# > 0)); do
    case "$1" in
      --master | --driver-memory | --conf)
        (($# >= 2)) || st_die "$1 needs a value (see --help)" 2
        case "$1" in
          --master) master="$2" ;;
          --driver-memory) driver_memory="$2"; submit_opts+=("$1" "$2") ;;
          --conf) submit_opts+=("$1" "$2") ;;
        esac
        shift 2 ;;
      --master=*) master="${1#*=}"; shift ;;
      *) bench_args+=("$1"); shift ;;
    esac
  done
  if [[ "$master" == local* && -z "${SPARK_LOCAL_IP:-}" ]]; then
    export SPARK_LOCAL_IP=127.0.0.1
  fi
  st_ensure_bench || exit 1
  log_opt="-Dlog4j2.configurationFile=$(st_quiet_log4j2)"
  common_opts=(--class "$class" --master "$master" --conf spark.ui.showConsoleProgress=false --jars "$ST_BENCH_JAR")

  if [[ -n "${SPARK_HOME:-}" ]]; then
    submit="$SPARK_HOME/bin/spark-submit"
    [[ -x "$submit" ]] || st_die "SPARK_HOME=$SPARK_HOME has no bin/spark-submit" 1
    exec "$submit" "${common_opts[@]}" --driver-java-options "$log_opt" "${submit_opts[@]}" \
      "$ST_APP_JAR" "${bench_args[@]}"
  fi

  # No SPARK_HOME: this JVM is the driver; run Spark's own SparkSubmit in it, as submit/tune does.
  mapfile -t jvm < <(st_add_opens_lines)
  [[ -n "$driver_memory" ]] && jvm+=("-Xmx$driver_memory")
  jvm+=("$log_opt")
  # shellcheck disable=SC2206  # a space-separated list of JVM options
  [[ -n "${SPARKTUNE_JAVA_OPTS:-}" ]] && jvm+=($SPARKTUNE_JAVA_OPTS)
  exec "$(st_java)" "${jvm[@]}" -cp "$(st_classpath)" org.apache.spark.deploy.SparkSubmit \
    "${common_opts[@]}" "${submit_opts[@]}" "$ST_APP_JAR" "${bench_args[@]}"
}
