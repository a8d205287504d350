#!/bin/sh
# Interleaved steps/s: heavytail loop, DJL EasyTrain and the PyTorch peer, same machine, same run.
# Usage (from the repo root, after `mvn -o -q -pl trainer -am test-compile` and
# `mvn -o -q -pl trainer dependency:build-classpath -Dmdep.outputFile=/tmp/trainer-h/deps.cp`):
#   [THREADS=1|2] [PEER_TIMEOUT=s] sh benchmarks/trainer_bench.sh ROUNDS MODEL(mlp|cnn) > LOG 2>&1
# The JVM runs get the launcher's environment (heavytail.env.sh: OpenMP wait policy chosen by load,
# malloc thresholds); the peer runs in its best configuration (../shared/peers/README.md), and
# once more with OMP_WAIT_POLICY=PASSIVE, because on a loaded box its spinning threads collapse.
# A peer run longer than PEER_TIMEOUT seconds (default 150) is cut and reported as such.
# Set CLASSES to a copy of the built classes (trainer/classes, test-classes, datasets, tailstats
# side by side as in this script) to keep benchmarking while the worktree rebuilds.
rounds=${1:-2}
model=${2:-mlp}
root=${HEAVYTAIL_ROOT:-$(cd "$(dirname "$0")/.." && pwd)}
shared=${HEAVYTAIL_SHARED:-$root/../shared}
if [ -n "${CLASSES:-}" ]; then
  cp="$CLASSES/trainer-test-classes:$CLASSES/trainer-classes:$CLASSES/datasets-classes:$CLASSES/tailstats-classes"
else
  cp="$root/trainer/target/test-classes:$root/trainer/target/classes:$root/datasets/target/classes:$root/tailstats/target/classes"
fi
cp="$cp:$(cat "${DEPS_CP:-/tmp/trainer-h/deps.cp}")"
jmodel=$model; [ "$model" = cnn ] && jmodel=lenet
th=${THREADS:-1}
peer() { (cd "$shared/peers" && env -u OPENBLAS_CORETYPE LD_LIBRARY_PATH=/usr/lib/x86_64-linux-gnu/openblas-openmp \
  GLIBC_TUNABLES=glibc.malloc.hugetlb=1 "$@" timeout "${PEER_TIMEOUT:-150}" /usr/bin/python3 train_bench.py "$model" --threads "$th" 2>&1 \
  | grep -E "^RESULT|steps/s" || echo "peer: no result within ${PEER_TIMEOUT:-150} s"); }
jvm() { mode=$1; shift; (env "$@" sh -c '. "$0/heavytail.env.sh"; echo "   env: OMP_WAIT_POLICY=${OMP_WAIT_POLICY:-<libgomp default>} GLIBC_TUNABLES=${GLIBC_TUNABLES:-<unset>}"' "$root"
  env "$@" sh -c '. "$0/heavytail.env.sh"; shift; exec "$@"' "$root" x java -Xmx4g -XX:+UseParallelGC -Dai.djl.offline=true \
  -Dai.djl.pytorch.num_threads="$th" -Dai.djl.pytorch.num_interop_threads=1 ${JAVA_OPTS:-} -cp "$cp" \
  org.heavytail.trainer.bench.TrainBench "$jmodel" "$mode" "$shared/data" 2>&1 | grep -E "^RESULT|steps/s|window CPU"); }
for r in $(seq "$rounds"); do
  echo "== round $r $(date -u +%H:%M:%S) load $(cut -d' ' -f1-3 /proc/loadavg) threads=$th"
  echo "-- peer (best config)";                 peer
  echo "-- heavytail (launcher env)";           jvm heavytail
  echo "-- easytrain (launcher env)";           jvm easytrain
  echo "-- heavytail, malloc untouched";        jvm heavytail HEAVYTAIL_MALLOC=default
  echo "-- peer + OMP_WAIT_POLICY=PASSIVE";     peer OMP_WAIT_POLICY=PASSIVE
done
