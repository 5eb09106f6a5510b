#!/usr/bin/env bash
# Cluster mode's claim benchmark on a throwaway PostgreSQL 15 (Debian package `postgresql`): starts a server in a
# temporary directory on a free loopback port (as the `postgres` user when run as root, as PostgreSQL requires),
# runs io.symphra.benchmarks.harness.ClaimHarness against it (3 replicas by default) and stops and deletes it.
#
#   scripts/bench-cluster.sh                      build the benchmarks jar, then run the harness
#   scripts/bench-cluster.sh --measure=20s ...    further arguments go to the harness (see its Javadoc)
set -euo pipefail
cd "$(dirname "$0")/.."

bin=/usr/lib/postgresql/15/bin
[ -x "$bin/initdb" ] || { echo "PostgreSQL 15 is missing: apt-get install postgresql" >&2; exit 1; }
mvn -B -q -o -pl benchmarks -am package -DskipTests -Dspotless.check.skip

dir=$(mktemp -d /tmp/symphra-bench-pg-XXXXXX)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
password=bench-$RANDOM$RANDOM
as_pg() { if [ "$(id -u)" -eq 0 ]; then su postgres -s /bin/sh -c "$*"; else sh -c "$*"; fi; }
stop() {
  as_pg "$bin/pg_ctl -D $dir/data -m immediate stop" >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap stop EXIT INT TERM

echo "$password" > "$dir/password"
[ "$(id -u)" -eq 0 ] && chown -R postgres "$dir"
as_pg "$bin/initdb -D $dir/data -U bench --pwfile=$dir/password --auth-local=trust --auth-host=scram-sha-256 \
  -E UTF8 --locale=C --no-sync" > "$dir/initdb.log"
as_pg "$bin/pg_ctl -D $dir/data -l $dir/server.log -W -o '-c listen_addresses=127.0.0.1 -c port=$port \
  -c unix_socket_directories=$dir -c max_connections=60' start" > /dev/null
for _ in $(seq 1 100); do
  as_pg "$bin/pg_isready -h 127.0.0.1 -p $port" > /dev/null 2>&1 && break
  sleep 0.1
done

echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); PostgreSQL $(as_pg "$bin/postgres --version")"
SYMPHRA_BENCH_DB_PASSWORD=$password java -cp benchmarks/target/benchmarks.jar \
  io.symphra.benchmarks.harness.ClaimHarness --url="jdbc:postgresql://127.0.0.1:$port/postgres" --user=bench "$@"
