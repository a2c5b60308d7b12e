#!/usr/bin/env bash
# Submit -> case assigned latency: builds both services and the bench module, then files
# petitions at a fixed rate and measures until each case.assigned event is on Kafka.
#   deploy/bench-dispatch.sh                 1,000 submissions/s for 30 s
#   deploy/bench-dispatch.sh --rate 500 --seconds 60
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -DskipTests package -pl petition-service,assignment-service,bench -am
exec java -Xmx512m -XX:+UseSerialGC -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -cp "bench/target/classes:$(cat bench/target/classpath.txt)" org.minhu.bench.DispatchLatencyBenchmark "$@"
