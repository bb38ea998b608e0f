#!/usr/bin/env bash
# The stock-vs-starter comparison: builds what it needs, runs every scenario in
# alternating rounds (-Dbench.rounds=N, default 3), prints the table and writes
# benchmarks/RESULTS.md. Needs only a JDK (Redis: redis-server on the PATH, else the
# embedded binary; the OpenID Provider runs in the JVM). Takes about 5 minutes on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q install -DskipTests -pl benchmarks -am
./mvnw -B -Pbench -pl benchmarks verify "$@"
