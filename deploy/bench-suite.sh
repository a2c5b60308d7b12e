#!/usr/bin/env bash
# The suite as ./minhu up runs it (same JVM settings), driven through the gateway by many citizens'
# tokens: PostgreSQL's own ceiling first (pgbench on the same server), then the sustained
# submit -> case assigned rate with every consumer keeping up, then submit -> assigned latency at
# 80% of it, CPU per petition per process and peak RSS.
#   deploy/bench-suite.sh                          16 connections, 30 s per phase
#   deploy/bench-suite.sh --clients 32 --seconds 60 --rate 200
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -DskipTests package -pl petition-service,assignment-service,feedback-service,notification-service,gateway,bench -am
exec java -Xmx512m -XX:+UseSerialGC -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -cp "bench/target/classes:$(cat bench/target/classpath.txt)" org.minhu.bench.SuiteBenchmark "$@"
