#!/bin/sh
# Compose's health check of its Kafka broker (docker-compose.yml): the broker answers an authenticated
# ApiVersions request on its client listener. The broker's own SASL/PLAIN login comes from
# MINHU_KAFKA_BROKER_PASSWORD, which the compose file passes to the container.
set -eu
config=/tmp/minhu-healthcheck.properties
umask 077
cat > "$config" <<PROPERTIES
security.protocol=SASL_PLAINTEXT
sasl.mechanism=PLAIN
sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="broker" password="${MINHU_KAFKA_BROKER_PASSWORD}";
PROPERTIES
exec /opt/kafka/bin/kafka-broker-api-versions.sh --bootstrap-server localhost:9092 --command-config "$config" >/dev/null 2>&1
