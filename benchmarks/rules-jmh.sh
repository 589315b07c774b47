#!/usr/bin/env bash
# JMH benchmark of the rule engine: VMs audited per second on one core, 100,000-VM generated fleet.
# Usage: benchmarks/rules-jmh.sh [extra JMH options]
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
"$repo/tools/mvn" -B -q -f "$repo/pom.xml" -Pbenchmarks -pl target-platform,bundles/org.hvdiag.core,bundles/org.hvdiag.audit,benchmarks/jmh -DskipTests package
java -jar "$repo/benchmarks/jmh/target/benchmarks.jar" RuleEngineBenchmark "$@"
