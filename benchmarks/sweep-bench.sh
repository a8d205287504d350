#!/usr/bin/env bash
# Wall time of the 16-point quick grid: one process vs --parallel 2 (child JVMs) vs
# and Spark local[2] when sweep-spark is built.
# usage: [ORDER=reverse] benchmarks/sweep-bench.sh CLASSPATH [SPARK_CLASSPATH]
set -u
CP="$1"; SCP="${2:-}"
OUT=$(mktemp -d)
J="java -Xmx3g -Dai.djl.offline=true -Dheavytail.shared.dir=${HEAVYTAIL_SHARED:-../shared}"
run() { local name=$1; shift; local t0=$(date +%s.%N); "$@" > "$OUT/$name.log" 2>&1; local rc=$?;
  local t1=$(date +%s.%N); printf '%-28s rc=%d wall=%.1f s  %s\n' "$name" $rc "$(echo "$t1 - $t0" | bc)" "$(grep '^points' "$OUT/$name.log")"; }
bench_seq() { run sequential $J -cp "$CP" org.heavytail.trainer.cli.HeavytailCommand sweep examples/sweep-bench16.yaml --out "$OUT/seq"; }
bench_par() { run parallel2-processes $J -cp "$CP" org.heavytail.trainer.cli.HeavytailCommand sweep examples/sweep-bench16.yaml --out "$OUT/p2" --parallel 2 --child-heap 1g; }
bench_spark() {
if [ -n "$SCP" ]; then
  run spark-local2 $J $(grep -o '<spark.java17.flags>.*</spark.java17.flags>' sweep-spark/pom.xml | sed 's/<[^>]*>//g') \
    -Dspark.master='local[2]' -Dspark.ui.enabled=false -Dspark.driver.host=127.0.0.1 -Dspark.driver.bindAddress=127.0.0.1 \
    -cp "$SCP" org.heavytail.sweep.spark.SparkSweep examples/sweep-bench16.yaml "$OUT/spark"
fi
}
if [ "${ORDER:-}" = reverse ]; then bench_spark; bench_par; bench_seq; else bench_seq; bench_par; bench_spark; fi
echo "outputs in $OUT"
