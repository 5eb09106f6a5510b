#!/usr/bin/env bash
# Builds the benchmarks module and runs every benchmark and harness against the peers, printing the machine, the
# load, the JMH results, the ratios with their targets' verdicts and the harness results.
#
#   scripts/bench.sh          short run, under 10 minutes on 2 cores (1 fork, few short iterations)
#   scripts/bench.sh --full   longer run for the numbers in docs/BENCHMARKS.md (3 forks, more iterations)
#
# Any further arguments go to JMH, e.g. a regex to run only some benchmarks: scripts/bench.sh Record
# (the harnesses still run). Results are also written to benchmarks/target/bench-*.txt.
set -euo pipefail
cd "$(dirname "$0")/.."

mode=short
if [ "${1:-}" = "--full" ]; then
  mode=full
  shift
fi

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

echo "== JMH ($mode: ${jmh_opts[*]} -prof gc)"
java -cp "$jar" io.symphra.benchmarks.Suite "${jmh_opts[@]}" -prof gc -rf text -rff "$out/bench-jmh.txt" "$@" \
  | tee "$out/bench-jmh-log.txt" | show_progress
echo "load after JMH: $(uptime)"

run_harness() {
  local name=$1
  shift
  echo "== $name harness (load: $(load))"
  java -cp "$jar" "io.symphra.benchmarks.harness.$name" "$@" 2>&1 | grep -v '^#\|ContendedSupport\|^$' \
    | tee "$out/bench-$name.txt"
}
run_harness LatenessHarness "${lateness_opts[@]}"
run_harness FootprintHarness "${footprint_opts[@]}"
run_harness ScaleHarness "${scale_opts[@]}"
echo "== done (load: $(load))"
