#!/usr/bin/env bash
# Builds the benchmarks module and runs every benchmark and harness against the peers, printing the machine, the
# load, the JMH results, the ratios with their targets' verdicts and the harness results.
#
#   scripts/bench.sh                   short run, under 10 minutes on 2 cores (1 fork, few short iterations)
#   scripts/bench.sh --full            longer run for the numbers in docs/BENCHMARKS.md (3 forks, more iterations)
#   scripts/bench.sh --contended-only  only the contended dispatch step (below), at most 2 minutes
#
# After the quiet JMH run, a contended step runs DispatchBenchmark for symphra and STPE again while two busy loops
# compete for the cores. The loops are bounded in time by `timeout` (so they end even if this script is killed)
# and stopped by their pids when the step ends or the script exits.
#
# Any further arguments go to JMH, e.g. a regex to run only some benchmarks: scripts/bench.sh Record
# (the contended step and the harnesses still run). With --contended-only they replace the JMH options instead,
# e.g. scripts/bench.sh --contended-only -f 1 -wi 1 -i 2 -w 1s -r 1s.
# Results are also written to benchmarks/target/bench-*.txt.
set -euo pipefail
cd "$(dirname "$0")/.."

mode=short
contended_only=false
while [ $# -gt 0 ]; do
  case $1 in
    --full) mode=full ;;
    --contended-only) contended_only=true ;;
    *) break ;;
  esac
  shift
done

if [ "$mode" = full ]; then
  jmh_opts=(-f 3 -wi 5 -i 10 -w 2s -r 2s)
  lateness_opts=(--tasks=10000 --period=1s --warmup=3s --measure=20s)
  footprint_opts=(--tasks=10000)
  scale_opts=(--tasks=100000 --warmup=5 --repeat=10 --idle=10s)
else
  jmh_opts=(-f 1 -wi 2 -i 3 -w 2s -r 2s)
  lateness_opts=(--tasks=10000 --period=1s --warmup=2s --measure=8s)
  footprint_opts=(--tasks=1000)
  scale_opts=(--tasks=100000 --warmup=2 --repeat=5 --idle=5s)
fi

echo "== build"
mvn -B -q -ntp -pl benchmarks -am package -DskipTests
jar=benchmarks/target/benchmarks.jar
out=benchmarks/target

echo "== machine"
echo "date:  $(date -u +%Y-%m-%dT%H:%M:%SZ)"
echo "cores: $(nproc)"
echo "cpu:   $(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -1)"
echo "java:  $(java -version 2>&1 | head -1)"
echo "load:  $(uptime)"

load() {
  uptime | sed 's/.*load average: //'
}

# Of a JMH log, as it is written: the progress lines with the load at that moment, and the results from the table on.
show_progress() {
  local line table=false
  while IFS= read -r line; do
    if [ "$table" = false ] && [[ $line == "# Run progress"* ]]; then
      echo "$line (load: $(load))"
    elif [ "$table" = true ] || [[ $line == "Benchmark "* ]]; then
      table=true
      echo "$line"
    fi
  done
}

# Seconds that a DispatchBenchmark run of two schedulers with the given JMH options takes, with room to spare
# (JVM start, 10,000 tasks to schedule, a slowed machine): the busy loops' bound. Defaults as in DispatchBenchmark.
contended_bound() {
  local forks=1 wi=3 i=5 w=3 r=3
  while [ $# -gt 1 ]; do
    case $1 in
      -f) forks=$2 ;;
      -wi) wi=$2 ;;
      -i) i=$2 ;;
      -w) w=$(seconds "$2") ;;
      -r) r=$(seconds "$2") ;;
    esac
    shift
  done
  echo $((forks * 2 * (wi * w + i * r + 30) + 30))
}

# Whole seconds, rounded up, of a JMH time such as 2s, 500ms or 1m; 60 for anything else.
seconds() {
  if [[ $1 =~ ^([0-9]+)(ms|s|m|min)?$ ]]; then
    case ${BASH_REMATCH[2]} in
      ms) echo $((BASH_REMATCH[1] / 1000 + 1)) ;;
      m | min) echo $((BASH_REMATCH[1] * 60)) ;;
      *) echo "${BASH_REMATCH[1]}" ;;
    esac
  else
    echo 60
  fi
}

loop_pids=()
jmh_pid=
display_pid=
stop_loops() {
  if [ ${#loop_pids[@]} -gt 0 ]; then
    kill "${loop_pids[@]}" 2>/dev/null || true
    wait "${loop_pids[@]}" 2>/dev/null || true
    loop_pids=()
  fi
}
cleanup() {
  if [ -n "$jmh_pid" ]; then
    pkill -P "$jmh_pid" 2>/dev/null || true # JMH's forked JVM, which outlives its host by about a second
    kill "$jmh_pid" 2>/dev/null || true
    wait "$jmh_pid" 2>/dev/null || true
  fi
  stop_loops
  if [ -n "$display_pid" ]; then
    wait "$display_pid" 2>/dev/null || true # tail ends within a second of JMH
  fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# DispatchBenchmark for symphra and STPE while two busy loops compete for the cores. JMH runs in the background and
# the script waits for it, so that an interrupt stops the loops and JMH at once instead of after the run.
contended() {
  local bound
  bound=$(contended_bound "$@")
  echo "== JMH contended: two busy loops for at most ${bound}s ($* -prof gc)"
  for _ in 1 2; do
    timeout "$bound" sh -c 'while :; do :; done' &
    loop_pids+=($!)
  done
  echo "busy loops: pids ${loop_pids[*]}; load: $(load)"
  local log="$out/bench-jmh-contended-log.txt"
  : >"$log"
  java -cp "$jar" io.symphra.benchmarks.Suite --contended DispatchBenchmark -p scheduler=symphra,stpe "$@" -prof gc \
    -rf text -rff "$out/bench-jmh-contended.txt" >"$log" &
  jmh_pid=$!
  tail -n +1 -f --pid="$jmh_pid" "$log" | show_progress &
  display_pid=$!
  local rc=0
  wait "$jmh_pid" || rc=$?
  jmh_pid=
  wait "$display_pid" || true
  display_pid=
  local alive=0 pid
  for pid in "${loop_pids[@]}"; do
    if kill -0 "$pid" 2>/dev/null; then
      alive=$((alive + 1))
    fi
  done
  echo "load at the end of the contended run: $(load) ($alive of 2 busy loops still running)"
  if [ "$alive" -lt 2 ]; then
    echo "warning: a busy loop ended before JMH did (bound ${bound}s): the run was not contended throughout"
  fi
  stop_loops
  echo "busy loops stopped; load: $(load)"
  return "$rc"
}

if [ "$contended_only" = true ]; then
  if [ $# -gt 0 ]; then
    jmh_opts=("$@")
  fi
  contended "${jmh_opts[@]}"
  echo "== done (load: $(load))"
  exit 0
fi

echo "== JMH ($mode: ${jmh_opts[*]} -prof gc)"
java -cp "$jar" io.symphra.benchmarks.Suite "${jmh_opts[@]}" -prof gc -rf text -rff "$out/bench-jmh.txt" "$@" \
  | tee "$out/bench-jmh-log.txt" | show_progress
echo "load after JMH: $(uptime)"

contended "${jmh_opts[@]}"

# run_harness NAME [--jvm "JVM OPTIONS"] HARNESS OPTIONS...
run_harness() {
  local name=$1
  shift
  local jvm=()
  if [ "${1:-}" = --jvm ]; then
    jvm=($2)
    shift 2
  fi
  echo "== $name harness (load: $(load))"
  java "${jvm[@]}" -cp "$jar" "io.symphra.benchmarks.harness.$name" "$@" 2>&1 | grep -v '^#\|ContendedSupport\|^$' \
    | tee "$out/bench-$name.txt"
}
run_harness LatenessHarness "${lateness_opts[@]}"
run_harness FootprintHarness "${footprint_opts[@]}"
# A fixed, pre-touched heap, as a service holding 100,000 tasks would run: with the default heap that grows and
# gives memory back, the kernel's page faults on fresh heap can double the timed snapshot + render (BENCHMARKS.md).
run_harness ScaleHarness --jvm "-Xms2g -Xmx2g -XX:+AlwaysPreTouch" "${scale_opts[@]}"
echo "== done (load: $(load))"
