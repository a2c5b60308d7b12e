#!/usr/bin/env bash
# Statistics benchmark: builds feedback-service and the bench module, loads one year of answer
# rounds (606,000 rated by default) with their aggregates, and asks random statistics questions.
#   deploy/bench-stats.sh                          606,000 rated rounds, 4 connections, 30 s
#   deploy/bench-stats.sh --rounds 60600 --seconds 10 --clients 8
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -DskipTests package -pl feedback-service,bench -am
exec java -Xmx512m -XX:+UseSerialGC -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -cp "bench/target/classes:$(cat bench/target/classpath.txt)" org.minhu.bench.StatsBenchmark "$@"
