# Native-library environment for heavytail's JVM: sourced by ./heavytail and by
# benchmarks/trainer_bench.sh (so the benchmark measures what the launcher runs). Both settings
# are read when the process starts (libgomp, glibc malloc), so Java cannot set them itself.
# Measurements and commands: benchmarks/trainer.md, section "2026-11-25 evening".

# OpenMP wait policy of the bundled libtorch. libgomp's default lets idle workers spin for a
# while before sleeping: fastest on an idle machine, but when other processes compete for the
# cores a spinning worker waits for a descheduled partner at every barrier and a 2-thread step
# collapses (MNIST MLP, 2 cores, load 11: 3-4 steps/s spinning, 195-278 PASSIVE, 25-41 with
# GOMP_SPINCOUNT=10000). PASSIVE costs about 30% on an idle machine (387-437 vs 260-295).
# So: libgomp's default while the 1-minute load average is below half the cores, PASSIVE
# otherwise. An explicit OMP_WAIT_POLICY, or HEAVYTAIL_OMP_WAIT=PASSIVE|ACTIVE|default, wins.
if [ -z "${OMP_WAIT_POLICY:-}" ]; then
  case "${HEAVYTAIL_OMP_WAIT:-auto}" in
    auto)
      ht_cores=$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo 1)
      ht_load=$(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo 0)
      if awk -v l="$ht_load" -v c="$ht_cores" 'BEGIN { exit !(l >= c / 2) }'; then
        export OMP_WAIT_POLICY=PASSIVE
      fi ;;
    default) ;;
    *) export OMP_WAIT_POLICY="$HEAVYTAIL_OMP_WAIT" ;;
  esac
fi

# glibc malloc: a fixed mmap threshold of 32 MiB and no trimming, so that the tensors a training
# step frees are reused by the next step instead of being unmapped and faulted in again (LeNet-5,
# b = 128, 1 thread: 420-2400 minor page faults per step -> 26-40, main-thread CPU 13.4-16.9 ->
# 12.3-13.2 ms/step; MLP 2.66-2.82 -> 2.55 ms). The price: freed memory below 32 MiB blocks stays
# with the process (its peak). `glibc.malloc.hugetlb=1`, the peer's setting, made LeNet slower
# in the JVM (2600-3100 faults per step). HEAVYTAIL_MALLOC=default leaves malloc alone.
if [ "${HEAVYTAIL_MALLOC:-tuned}" != default ]; then
  ht_malloc=glibc.malloc.mmap_threshold=33554432:glibc.malloc.trim_threshold=1073741824
  export GLIBC_TUNABLES="${GLIBC_TUNABLES:+$GLIBC_TUNABLES:}$ht_malloc"
fi
