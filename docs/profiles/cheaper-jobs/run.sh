#!/usr/bin/env bash
# run.sh NAME [benchmark args...]: one benchmark run with a JFR recording, timestamped output and
# per-thread CPU snapshots of the JVM every second (for GC and JIT threads).
set -u
name="$1"; shift
d=$SPARKTUNE_ROOT/target/prof/$name
mkdir -p "$d"; rm -f "$d"/fifo; mkfifo "$d"/fifo
cd $SPARKTUNE_ROOT
(while IFS= read -r l; do printf '%s %s\n' "$(date +%s.%N)" "$l"; done < "$d"/fifo > "$d"/out.txt) &
tagger=$!
SPARKTUNE_JAVA_OPTS="${NOJFR:+-Dno.jfr=1}${NOJFR:--XX:StartFlightRecording=filename=$d/rec.jfr,settings=profile,dumponexit=true}" \
  submit/benchmark "$@" > "$d"/fifo 2> "$d"/err.txt &
pid=$!
while kill -0 "$pid" 2>/dev/null; do
  echo "T $(date +%s.%N)"
  cat /proc/"$pid"/task/*/stat 2>/dev/null
  sleep 1
done > "$d"/threads.txt
wait "$pid"; rc=$?
wait "$tagger"
echo "rc $rc" >> "$d"/out.txt
