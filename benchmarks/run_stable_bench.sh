#!/usr/bin/env bash
# Interleaved benchmark of the stable law and McCulloch's estimator against scipy.stats.levy_stable.
# Usage (repo root): mvn -B -o -q -pl tailstats -am test-compile && benchmarks/run_stable_bench.sh [rounds]
# Each round runs the scipy peer (benchmarks/stable_scipy.py), then the JMH benchmark
# StableBenchmark, so that the machine's drift hits both alike; ratios are taken within a round.
set -euo pipefail
ROUNDS=${1:-2}
OUT=${OUT:-/tmp/stable-bench}
mkdir -p "$OUT"
mvn -B -o -q -pl tailstats dependency:build-classpath -Dmdep.outputFile="$OUT/cp.txt" >/dev/null
CP="tailstats/target/test-classes:tailstats/target/classes:$(cat "$OUT/cp.txt")"
java -cp "$CP" org.heavytail.tailstats.bench.StablePdfDump > "$OUT/ours_pdf.txt"
for r in $(seq 1 "$ROUNDS"); do
  python3 benchmarks/stable_scipy.py "$OUT/ours_pdf.txt" | tee "$OUT/peer_$r.txt" | grep RESULT
  java -cp "$CP" org.openjdk.jmh.Main StableBenchmark -wi 3 -i 5 -w 1 -r 1 -f 1 \
    -rf json -rff "$OUT/jmh_$r.json" | grep -E "^Benchmark|StableBenchmark\."
  java -cp "$CP" org.heavytail.tailstats.bench.StableCpuTime | tee "$OUT/cpu_$r.txt"
done
python3 - "$OUT" "$ROUNDS" <<'PY'
import json, sys, re
out, rounds = sys.argv[1], int(sys.argv[2])
print("| round | scipy rvs 1e6 ms | ours 2T / 1T ms | ratio 2T / 1T | scipy pdf 1000 ms | ours 2T / 1T ms | ratio 2T / 1T | scipy _fitstart 1e5 ms | ours McCulloch ms | ratio |")
print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
for r in range(1, rounds + 1):
    p = json.loads(re.search(r"RESULT (.*)", open(f"{out}/peer_{r}.txt").read()).group(1))
    j = {b["benchmark"].split(".")[-1]: b["primaryMetric"]["score"] for b in json.load(open(f"{out}/jmh_{r}.json"))}
    print(f"| {r} | {p['rvs_median_ms']:.1f} | {j['sample1e6']:.1f} / {j['sample1e6OneThread']:.1f} | "
          f"{p['rvs_median_ms']/j['sample1e6']:.1f}x / {p['rvs_median_ms']/j['sample1e6OneThread']:.1f}x | "
          f"{p['pdf_median_ms']:.1f} | {j['pdf1000']:.1f} / {j['pdf1000OneThread']:.1f} | "
          f"{p['pdf_median_ms']/j['pdf1000']:.1f}x / {p['pdf_median_ms']/j['pdf1000OneThread']:.1f}x | "
          f"{p['fit_median_ms']:.2f} | {j['mcculloch1e5']:.2f} | {p['fit_median_ms']/j['mcculloch1e5']:.1f}x |")
    c = json.loads(re.search(r"RESULT (.*)", open(f"{out}/cpu_{r}.txt").read()).group(1))
    print(f"  CPU time (one thread, ms): rvs scipy {p['rvs_cpu_ms']:.1f} / ours {c['sample1e6_cpu_ms']:.1f} = {p['rvs_cpu_ms']/c['sample1e6_cpu_ms']:.1f}x; "
          f"pdf scipy {p['pdf_cpu_ms']:.1f} / ours {c['pdf1000_cpu_ms']:.1f} = {p['pdf_cpu_ms']/c['pdf1000_cpu_ms']:.1f}x; "
          f"fit scipy {p['fit_cpu_ms']:.2f} / ours {c['mcculloch1e5_cpu_ms']:.2f} = {p['fit_cpu_ms']/c['mcculloch1e5_cpu_ms']:.1f}x")
    print(f"  (scipy pdf max relative difference from ours: {p.get('pdf_max_rel_diff_vs_ours', float('nan')):.2e})")
PY
