#!/usr/bin/env bash
# Interleaves heavytail's CurvatureBench with the peer's cost_ratios.py (its best configuration,
# /work/shared/peers/README.md), ROUNDS times. Build first:
#   mvn -B -o -q -pl trainer -am test-compile
#   mvn -B -o -q -pl trainer -am dependency:build-classpath -Dmdep.outputFile=/tmp/curv_cp.txt -Dmdep.includeScope=test
# Usage: benchmarks/curvature_bench.sh ROUNDS THREADS
set -u
ROUNDS=${1:-2}
THREADS=${2:-2}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
CP="$(tr ':' '\n' < /tmp/curv_cp.txt | grep -v 'heavytail-' | tr '\n' ':')$ROOT/trainer/target/classes:$ROOT/trainer/target/test-classes:$ROOT/datasets/target/classes:$ROOT/tailstats/target/classes"
PEERS=${PEERS:-/work/shared/peers}
for r in $(seq "$ROUNDS"); do
  echo "== round $r heavytail (threads $THREADS) $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
  env -u OPENBLAS_CORETYPE GLIBC_TUNABLES=glibc.malloc.hugetlb=1 java -Dai.djl.offline=true \
    -Dheavytail.shared.dir=/work/shared -Dai.djl.pytorch.num_threads="$THREADS" \
    -Dai.djl.pytorch.num_interop_threads=1 -cp "$CP" \
    org.heavytail.trainer.curvature.bench.CurvatureBench 2>/dev/null | grep RESULT
  echo "== round $r peer $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
  (cd "$PEERS" && env -u OPENBLAS_CORETYPE LD_LIBRARY_PATH=/usr/lib/x86_64-linux-gnu/openblas-openmp \
    GLIBC_TUNABLES=glibc.malloc.hugetlb=1 /usr/bin/python3 cost_ratios.py 2>&1 | grep -E "RESULT|check|torch ")
done
