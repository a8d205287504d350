#!/bin/sh
# Interleaved steps/s: heavytail loop, DJL EasyTrain and the PyTorch peer, same machine, same run.
# Usage (from the repo root, after `mvn -o -q -pl trainer -am test-compile`):
#   [THREADS=1|2] sh benchmarks/trainer_bench.sh ROUNDS MODEL(mlp|cnn) > benchmarks/trainer-bench-MODEL.log 2>&1
# THREADS=2 (the peer's best config) is the comparison to make on an idle machine; with the
# 2 cores shared by ~8 busy processes, 2 OpenMP threads collapse for both sides (see trainer.md).
rounds=${1:-2}
model=${2:-mlp}
root=${HEAVYTAIL_ROOT:-$(cd "$(dirname "$0")/.." && pwd)}
shared=${HEAVYTAIL_SHARED:-$root/../shared}
cp="$root/trainer/target/test-classes:$root/trainer/target/classes:$root/datasets/target/classes:$root/tailstats/target/classes:$(cat "${DEPS_CP:-/tmp/trainer-h/deps.cp}")"
jmodel=$model; [ "$model" = cnn ] && jmodel=lenet
peer() { (cd "$shared/peers" && env -u OPENBLAS_CORETYPE LD_LIBRARY_PATH=/usr/lib/x86_64-linux-gnu/openblas-openmp \
  GLIBC_TUNABLES=glibc.malloc.hugetlb=1 /usr/bin/python3 train_bench.py "$model" "$@" 2>&1 | grep -E "^RESULT|steps/s"); }
jvm() { th=$1; mode=$2; shift 2; env "$@" java -Xmx4g -XX:+UseParallelGC -Dai.djl.offline=true \
  -Dai.djl.pytorch.num_threads="$th" -Dai.djl.pytorch.num_interop_threads=1 -cp "$cp" \
  org.heavytail.trainer.bench.TrainBench "$jmodel" "$mode" "$shared/data" 2>&1 | grep -E "^RESULT|steps/s"; }
for r in $(seq "$rounds"); do
  echo "== round $r $(date -u +%H:%M:%S) load $(cut -d' ' -f1-3 /proc/loadavg)"
  if [ "${THREADS:-1}" = 2 ]; then
    echo "-- peer threads=2";           peer
    echo "-- heavytail threads=2";      jvm 2 heavytail
    echo "-- easytrain threads=2";      jvm 2 easytrain
    echo "-- heavytail threads=2 OMP_WAIT_POLICY=PASSIVE"; jvm 2 heavytail OMP_WAIT_POLICY=PASSIVE
  else
    echo "-- peer threads=1";           peer --threads 1
    echo "-- heavytail threads=1";      jvm 1 heavytail
    echo "-- easytrain threads=1";      jvm 1 easytrain
    echo "-- heavytail threads=1 GLIBC_TUNABLES=glibc.malloc.hugetlb=1"; jvm 1 heavytail GLIBC_TUNABLES=glibc.malloc.hugetlb=1
  fi
done
