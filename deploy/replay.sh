#!/usr/bin/env bash
# The seed's year through the gateway: builds the services, the gateway and the bench module, starts
# them on embedded PostgreSQL and Kafka (under bench/target/replay), replays Chongqing-like traffic
# through the real APIs and prints the report (phases, p50/p99 per endpoint, CPU, peak RSS; the
# services' own /q/metrics next to the replay's counts: filed, dispatched, submit -> case created
# p50/p99, ratings per grade, dead letters, HTTP requests and 5xx; and the satisfaction rate of the
# statistics API against the ratings drawn). A count that differs, a dead letter or a differing
# rate exits 1.
#   deploy/replay.sh                    the full year: 606,000 requests
#   deploy/replay.sh --scale 0.01       6,060 requests, a few minutes
#   deploy/replay.sh --scale 0.1 --concurrency 32 --seed 7
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -DskipTests package -pl petition-service,assignment-service,feedback-service,notification-service,gateway,bench -am
exec java -Xmx1g -XX:+UseSerialGC -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -cp "bench/target/classes:$(cat bench/target/classpath.txt)" org.minhu.bench.YearReplay "$@"
