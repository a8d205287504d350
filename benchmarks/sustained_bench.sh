#!/bin/sh
# Sustained steps/s, heavytail vs the PyTorch peer, alternated, each after REST seconds of idle.
# Why: this 2-core VM runs fast for a few seconds after rest, then settles ~35% slower (both the
# peer and the JVM; see benchmarks/trainer.md, "sustained"). The peer's own protocol (20 + 600
# steps, about 1 s) measures the fast phase only; a JVM run measures mostly the slow one.
# Usage (repo root, after `mvn -o -q -pl trainer -am test-compile` and the deps.cp of trainer_bench.sh):
#   [THREADS=2] [REST=30] [WINDOWS=16] [STEPS=500] sh benchmarks/sustained_bench.sh ROUNDS mlp|cnn
rounds=${1:-2}
model=${2:-mlp}
root=$(cd "$(dirname "$0")/.." && pwd)
shared=${HEAVYTAIL_SHARED:-$root/../shared}
cp="$root/trainer/target/test-classes:$root/trainer/target/classes:$root/datasets/target/classes:$root/tailstats/target/classes"
cp="$cp:$(cat "${DEPS_CP:-/tmp/trainer-h/deps.cp}")"
jmodel=$model; [ "$model" = cnn ] && jmodel=lenet
th=${THREADS:-2}; rest=${REST:-30}; windows=${WINDOWS:-16}; steps=${STEPS:-500}
for r in $(seq "$rounds"); do
  sleep "$rest"
  echo "== round $r $(date -u +%H:%M:%S) load $(cut -d' ' -f1-3 /proc/loadavg) threads=$th"
  echo "-- peer (best config)"
  (cd "$root/benchmarks" && env -u OPENBLAS_CORETYPE LD_LIBRARY_PATH=/usr/lib/x86_64-linux-gnu/openblas-openmp \
    GLIBC_TUNABLES=glibc.malloc.hugetlb=1 /usr/bin/python3 peer_sustained.py "$model" "$th" "$windows" "$steps" 2>&1)
  sleep "$rest"
  echo "-- heavytail (launcher env)"
  sh -c '. "$0/heavytail.env.sh"; shift; exec "$@"' "$root" x java -Xmx4g -XX:+UseParallelGC \
    -Dai.djl.offline=true -Dai.djl.pytorch.num_threads="$th" -Dai.djl.pytorch.num_interop_threads=1 \
    -Dbench.windows="$windows" -Dbench.window="$steps" -cp "$cp" \
    org.heavytail.trainer.bench.TrainBench "$jmodel" heavytail "$shared/data" 2>&1 | grep -E "window [0-9]+ at|steps/s windows"
done
