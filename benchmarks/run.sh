#!/usr/bin/env bash
# The benchmarks: builds what they need, then runs one scenario and prints its figures.
#   benchmarks/run.sh                      the stock-vs-starter comparison (alternating rounds,
#                                          -Dbench.rounds=N, default 3); writes benchmarks/RESULTS.md
#   benchmarks/run.sh RefreshBenchmark     single-flight refresh on two instances (docs/benchmarks.md)
#   benchmarks/run.sh LoginLoadBenchmark   1000 logins on three instances under load (docs/benchmarks.md)
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
./mvnw -B -q install -DskipTests -pl benchmarks -am
./mvnw -B -Pbench -pl benchmarks verify -Dit.test="$scenario" "$@"
