#!/usr/bin/env bash
# Intake benchmark: builds petition-service and the bench module, then drives
# POST /api/v1/petitions against the service on embedded PostgreSQL and Kafka.
#   deploy/bench-intake.sh                       closed loop, 32 connections, 30 s
#   deploy/bench-intake.sh --rate 3000           open loop at 3,000 requests/s
#   deploy/bench-intake.sh --clients 64 --seconds 60
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -DskipTests package -pl petition-service,bench -am
exec java -Xmx512m -XX:+UseSerialGC -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -cp "bench/target/classes:$(cat bench/target/classpath.txt)" org.minhu.bench.IntakeBenchmark "$@"
