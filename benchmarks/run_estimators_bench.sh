#!/usr/bin/env bash
# Interleaved benchmark of the block-sum estimator against ../shared/peers/tail_numpy.py.
# Usage (repo root): mvn -B -o -q -pl tailstats -am test-compile && benchmarks/run_estimators_bench.sh [rounds]
# Each round runs the NumPy peer in its best configuration, then the JMH benchmark, so that
# the machine's drift hits both alike; ratios are taken within a round.
set -euo pipefail
ROUNDS=${1:-3}
OUT=${OUT:-/tmp/estimators-bench}
mkdir -p "$OUT"
mvn -B -o -q -pl tailstats dependency:build-classpath -Dmdep.outputFile="$OUT/cp.txt" >/dev/null
CP="tailstats/target/test-classes:tailstats/target/classes:$(cat "$OUT/cp.txt")"
PEER=../shared/peers/tail_numpy.py
for r in $(seq 1 "$ROUNDS"); do
  env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE python3 "$PEER" | tee "$OUT/peer_$r.txt" | grep -E "est_|RESULT"
  java -cp "$CP" org.openjdk.jmh.Main 'BlockSumBenchmark.blockSum' -wi 5 -i 10 -w 1 -r 1 -f 1 \
    -rf json -rff "$OUT/jmh_$r.json" | grep -E "^Benchmark|BlockSumBenchmark\."
done
java -cp "$CP" org.openjdk.jmh.Main 'BlockSumBenchmark.methodAll' -wi 3 -i 5 -w 2 -r 2 -f 1 \
  -rf json -rff "$OUT/jmh_all.json" | grep -E "^Benchmark|BlockSumBenchmark\."
python3 - "$OUT" "$ROUNDS" <<'PY'
import json, sys, re
out, rounds = sys.argv[1], int(sys.argv[2])
print("| round | numpy est_inplace ms | numpy est_naive ms | ours m=1000 1 thread ms | ours m=1000 2 threads ms | ratio 1T | ratio 2T | ours grid 1T ms | ours grid 2T ms |")
print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
for r in range(1, rounds + 1):
    peer = json.loads(re.search(r"RESULT (.*)", open(f"{out}/peer_{r}.txt").read()).group(1))
    jmh = {b["benchmark"].split(".")[-1]: b["primaryMetric"]["score"] for b in json.load(open(f"{out}/jmh_{r}.json"))}
    one, two = jmh["blockSumM1000OneThread"], jmh["blockSumM1000TwoThreads"]
    print(f"| {r} | {peer['est_inplace_ms']:.2f} | {peer['est_naive_ms']:.2f} | {one:.2f} | {two:.2f} | "
          f"{peer['est_inplace_ms'] / one:.2f}x | {peer['est_inplace_ms'] / two:.2f}x | "
          f"{jmh['blockSumGridOneThread']:.2f} | {jmh['blockSumGridTwoThreads']:.2f} |")
PY
