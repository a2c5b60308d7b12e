#!/usr/bin/env bash
# What the gateway costs per request: the services and the gateway as ./minhu up runs them (the
# gateway's rate limits lifted for the load generator), then a cheap authenticated GET through the
# gateway, the same GET direct to petition-service, and POST /api/v1/petitions through the gateway,
# each closed loop: requests/s, p50/p99, CPU ms per request of the gateway and of petition-service.
#   deploy/bench-gateway.sh                          16 connections, 20 s per phase, 15 s warm-up each
#   deploy/bench-gateway.sh --clients 32 --seconds 30 --warmup 20
#   deploy/bench-gateway.sh --no-build ...          the jars as they are (compare two builds)
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${1:-}" = "--no-build" ]; then
  shift
else
  ./mvnw -q -B -DskipTests package -pl petition-service,assignment-service,feedback-service,notification-service,gateway,bench -am
fi
exec java -Xmx512m -XX:+UseSerialGC -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -cp "bench/target/classes:$(cat bench/target/classpath.txt)" org.minhu.bench.GatewayBenchmark "$@"
