#!/usr/bin/env bash
# Local development: embedded PostgreSQL (127.0.0.1:55432) and Kafka (127.0.0.1:59092), data in
# ./data, until Ctrl-C. Services started with quarkus:dev connect to these by default.
#   deploy/infra.sh [--fresh]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -DskipTests install -pl local-servers -am
./mvnw -q -B -pl local-servers dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
exec java -Xmx512m -XX:+UseSerialGC -Djava.util.logging.manager=org.jboss.logmanager.LogManager -cp "local-servers/target/classes:$(cat local-servers/target/classpath.txt)" \
  org.minhu.localservers.InfraMain --data data "$@"
