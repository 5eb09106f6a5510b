#!/usr/bin/env bash
# Runs every test of the project, unit and integration, after installing what the integration tests need
# when it is missing: Prometheus and promtool, VictoriaMetrics, InfluxDB 1.x, wrk, PostgreSQL 15 and MariaDB (Debian packages)
# and the reference StatsD daemon (npm package, into .tools/statsd). Safe to run again: installed tools are reused.
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

missing=()
command -v promtool >/dev/null 2>&1 && command -v prometheus >/dev/null 2>&1 || missing+=(prometheus)
command -v victoria-metrics >/dev/null 2>&1 || missing+=(victoria-metrics)
# exporter-influx's 1.x API tests start their own influxd on free loopback ports.
command -v influxd >/dev/null 2>&1 || missing+=(influxdb)
command -v wrk >/dev/null 2>&1 || missing+=(wrk)
# cluster-jdbc's integration tests start their own servers from these binaries, on free loopback ports.
[ -x /usr/lib/postgresql/15/bin/initdb ] || missing+=(postgresql)
[ -x /usr/sbin/mariadbd ] && command -v mariadb-install-db >/dev/null 2>&1 || missing+=(mariadb-server)
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing Debian packages: ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

STATSD_VERSION=0.9.0
if [ ! -f .tools/statsd/node_modules/statsd/stats.js ]; then
  echo "Installing the statsd daemon ${STATSD_VERSION} into .tools/statsd"
  npm install --prefix .tools/statsd --no-audit --no-fund --loglevel=error "statsd@${STATSD_VERSION}" >/dev/null
fi

exec mvn -B -ntp install "$@"
