#!/usr/bin/env bash
# Our Open311 GeoReport v2 conformance suite, against any server:
#   deploy/open311-conformance.sh --base-url http://localhost:8080/open311/v2 --api-key KEY [--lat 29.56 --long 106.55] [--phone 13800138000]
# Prints one PASS/FAIL line per check and "N passed, N failed"; exits 1 when a check failed.
# It files two requests per format with the key. A Minhu key: POST /api/v1/open311-clients as an administrator.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -DskipTests package -pl open311-conformance
exec java -cp "open311-conformance/target/classes:$(cat open311-conformance/target/classpath.txt)" \
  org.minhu.open311.GeoReportConformance "$@"
