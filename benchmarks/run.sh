#!/usr/bin/env bash
# The benchmarks: builds what they need, then runs one scenario and prints its figures.
#   benchmarks/run.sh                      the stock-vs-starter comparison (alternating rounds,
#                                          -Dbench.rounds=N, default 3); writes benchmarks/RESULTS.md
#   benchmarks/run.sh RefreshBenchmark     single-flight refresh on two instances (docs/benchmarks.md)
#   benchmarks/run.sh LoginLoadBenchmark   1000 logins on three instances under load (docs/benchmarks.md)
#   benchmarks/run.sh ManyTenantsBenchmark ten thousand providers in the store against one: start-up,
#                                          resolution, memory per provider, a new provider on the
#                                          other instance; writes its section of benchmarks/RESULTS.md
#   benchmarks/run.sh profile              where a request's CPU goes: the same handler anonymous and
#                                          signed in under async-profiler, without the session cache
#                                          and with it; writes benchmarks/PROFILE.md and the flame
#                                          graphs benchmarks/profiles/*-flame.html
#   benchmarks/run.sh ChaosSoak --minutes N [--users N] [--cluster]
#                                          N minutes (default 60) of N virtual users (default 200)
#                                          against 3 instances, Redis Sentinel (--cluster: Redis
#                                          Cluster) and the provider, each its own process, while
#                                          faults hit them; prints one line per invariant, exits
#                                          non-zero when one is broken, and writes its section of
#                                          benchmarks/RESULTS.md and benchmarks/chaos-soak.png
#                                          (--cluster: chaos-soak-cluster.png; needs redis-server
#                                          on the PATH)
# Extra arguments go to Maven. Needs only a JDK (Redis: redis-server on the PATH, else the
# embedded binary; the OpenID Provider runs in the JVM). The comparison takes about 5 minutes
# on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."
scenario=StockVsStarterBenchmark
if [ $# -gt 0 ] && [[ "$1" != -* ]]; then
  scenario=$1
  shift
fi
if [ "$scenario" = "profile" ]; then
  scenario=ProfileBenchmark
fi
maven_args=()
if [ "$scenario" = "ChaosSoak" ]; then
  scenario=ChaosSoakBenchmark
  while [ $# -gt 0 ]; do
    case "$1" in
      --minutes|--users)
        # minutes may be a fraction, users a whole number
        if [ $# -lt 2 ] || ! [[ "$2" =~ ^[0-9]+([.][0-9]+)?$ ]] \
            || { [ "$1" = "--users" ] && ! [[ "$2" =~ ^[0-9]+$ ]]; }; then
          echo "usage: benchmarks/run.sh ChaosSoak [--minutes N] [--users N] [--cluster] [maven arguments]" >&2
          exit 2
        fi
        if [ "$1" = "--minutes" ]; then maven_args+=("-Dchaos.minutes=$2"); else maven_args+=("-Dchaos.users=$2"); fi
        shift 2 ;;
      --cluster) maven_args+=("-Dchaos.redis=cluster"); shift ;;
      *) maven_args+=("$1"); shift ;;
    esac
  done
  if ! command -v redis-server >/dev/null 2>&1; then
    if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
      echo "Installing: redis-server (the soak's Sentinel and Cluster setups need real processes)"
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends redis-server >/dev/null 2>&1 \
        || { apt-get update -qq >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends redis-server >/dev/null 2>&1; }
    fi
    command -v redis-server >/dev/null 2>&1 || { echo "The chaos soak needs redis-server on the PATH (Debian: apt-get install redis-server)"; exit 2; }
  fi
  set -- "${maven_args[@]+"${maven_args[@]}"}"
fi
# the load generator runs as a process of its own: Debian's wrk, installed when missing
if ! command -v wrk >/dev/null 2>&1; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing: wrk"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends wrk >/dev/null 2>&1 \
      || { apt-get update -qq >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends wrk >/dev/null 2>&1; } \
      || echo "Could not install wrk: the throughput runs use the Java clients in the harness's JVM"
  else
    echo "wrk is not installed (Debian: apt-get install wrk): the throughput runs use the Java clients in the harness's JVM"
  fi
fi
./mvnw -B -q install -DskipTests -pl benchmarks -am
./mvnw -B -Pbench -pl benchmarks verify -Dit.test="$scenario" "$@"
