#!/usr/bin/env bash
# Benchmark: Triplicate `scan` vs. the baseline `exiftool -fast2 -T -DateTimeOriginal -r`.
#
# Builds a card from the real camera samples in src/test/resources/samples (README.md and expected.tsv
# skipped): whole copies of the sample set, each copy named C0001_<sample name> (extension kept,
# so both tools see every format), in camera-style folders DCIM/100TEST, DCIM/101TEST, ... of at
# most 999 files each, until the card holds at least FILES files. Then, for each of ROUNDS rounds:
#   (a) baseline:   exiftool -fast2 -T -DateTimeOriginal -r CARD
#   (b) triplicate: java -jar target/triplicate.jar --home H scan CARD --json
#                   (H is a fresh empty folder each round, so the catalog is empty and is created
#                   by the timed run; scan reads every file's header and groups sessions)
# Both write standard output to a file in the round folder (same treatment; this lets the script
# check the results): exiftool must exit 0 and print one line per file; scan must exit 0 and its
# JSON must say "mediaFiles" : N with N the number of files on the card.
# Before each timed command: sync, and drop the page cache if /proc/sys/vm/drop_caches is writable.
# The order of (a) and (b) alternates between rounds. Prints the time of one `--version` run
# (JVM start-up cost), per-round wall-clock times, the ratio exiftool / triplicate (the speed-up),
# and the median speed-up.
#
# Usage (from anywhere):  bench/scan-vs-exiftool.sh
# Environment:
#   FILES=2030      minimum number of files on the card (rounded up to whole copies of the samples)
#   ROUNDS=3        number of rounds
#   SAMPLES=...     sample folder (default: the project's src/test/resources/samples)
#   BENCH_DIR=...   work folder (default: bench/work-scan/ in the project)
#   KEEP=1          keep the card and work folder afterwards (default: delete what this script made)
#   JAVA_HOME=...   JDK to use (must be >= 21; else the newest >= 21 under /usr/lib/jvm is used)
#   BUILD=1         run ./mvnw -q package -DskipTests first (default: never; the jar must exist)
#
# Needs bash, coreutils (plus awk/sort/grep) and exiftool; if exiftool is missing and we are root,
# installs the Debian package libimage-exiftool-perl with apt-get.

set -euo pipefail

FILES=${FILES:-2030}
ROUNDS=${ROUNDS:-3}
KEEP=${KEEP:-0}
BUILD=${BUILD:-0}

PROJECT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH_DIR=${BENCH_DIR:-$PROJECT/bench/work-scan}
SAMPLES=${SAMPLES:-$PROJECT/src/test/resources/samples}
JAR=$PROJECT/target/triplicate.jar

die() { echo "scan-vs-exiftool: $*" >&2; exit 2; }

[[ $FILES =~ ^[1-9][0-9]*$ ]] || die "FILES must be a positive integer (got '$FILES')"
[[ $ROUNDS =~ ^[1-9][0-9]*$ ]] || die "ROUNDS must be a positive integer (got '$ROUNDS')"
[[ -d $SAMPLES ]] || die "no sample folder $SAMPLES (set SAMPLES)"
SAMPLES=$(cd "$SAMPLES" && pwd)

# ---------------------------------------------------------------- Java >= 21, timing, cache
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
find_java

# ---------------------------------------------------------------- jar
if [[ $BUILD == 1 ]]; then
    echo "building $JAR ..."
    (cd "$PROJECT" && JAVA_HOME=$JAVA_HOME ./mvnw -q package -DskipTests)
fi
[[ -f $JAR ]] || die "missing $JAR (build it with ./mvnw package -DskipTests, or run with BUILD=1)"
[[ -d $PROJECT/target/lib ]] || die "missing $PROJECT/target/lib (the jar's libraries)"

# ---------------------------------------------------------------- exiftool
if ! command -v exiftool > /dev/null; then
    [[ $(id -u) == 0 ]] && command -v apt-get > /dev/null \
        || die "exiftool not found; install the Debian package libimage-exiftool-perl"
    echo "installing exiftool (libimage-exiftool-perl) ..."
    if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -q libimage-exiftool-perl > /dev/null; then
        apt-get update -q > /dev/null
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q libimage-exiftool-perl > /dev/null
    fi
    command -v exiftool > /dev/null || die "exiftool still not found after installing libimage-exiftool-perl"
fi
EXIFTOOL=$(command -v exiftool)

# ---------------------------------------------------------------- helpers


# ---------------------------------------------------------------- samples
samples=()
while IFS= read -r -d '' f; do
    name=${f##*/}
    case $name in README.md | expected.tsv | .*) continue ;; esac
    samples+=("$name")
done < <(find "$SAMPLES" -maxdepth 1 -type f -print0 | sort -z)
n_samples=${#samples[@]}
((n_samples > 0)) || die "no sample files in $SAMPLES"
copies=$(((FILES + n_samples - 1) / n_samples))
card_n=$((copies * n_samples))
((card_n <= 900 * 999)) || die "FILES=$FILES needs more than 900 DCIM folders"
sample_bytes=$(cd "$SAMPLES" && du -cb --apparent-size -- "${samples[@]}" | tail -n1 | cut -f1)

# ---------------------------------------------------------------- work folder, cleanup
MADE_BENCH_DIR=0
if [[ ! -d $BENCH_DIR ]]; then
    mkdir -p "$BENCH_DIR"
    MADE_BENCH_DIR=1
fi
BENCH_DIR=$(cd "$BENCH_DIR" && pwd)
CARD=$BENCH_DIR/card

cleanup() {
    # Remove only what this script creates.
    rm -rf "$BENCH_DIR"/round-[0-9]* "$BENCH_DIR/version-home"
    if [[ $KEEP == 1 ]]; then
        echo "KEEP=1: left the card and work folder in $BENCH_DIR"
    else
        rm -rf "$CARD"
        if [[ $MADE_BENCH_DIR == 1 ]]; then rmdir "$BENCH_DIR" 2>/dev/null || true; fi
    fi
}
trap cleanup EXIT

# ---------------------------------------------------------------- card
echo "java:     $JAVA ($("$JAVA" -version 2>&1 | head -n1))"
echo "jar:      $JAR"
echo "exiftool: $EXIFTOOL (version $("$EXIFTOOL" -ver))"
echo "work:     $BENCH_DIR ($(df -h --output=source,fstype,avail "$BENCH_DIR" | tail -n1 | tr -s ' '))"
echo "cpus:     $(nproc)"
if [[ -n $DROP_NOTE ]]; then echo "$DROP_NOTE"; else echo "cache:    sync + drop_caches before each timed command"; fi
echo "card:     $copies copies of $n_samples samples from $SAMPLES = $card_n files," \
    "$(awk -v b="$sample_bytes" -v c="$copies" 'BEGIN { printf "%.0f", b * c / 1048576 }') MiB, rounds: $ROUNDS"

rm -rf "$CARD"
t0=$(now)
i=0
for ((c = 1; c <= copies; c++)); do
    for name in "${samples[@]}"; do
        dir=$(printf '%s/DCIM/%03dTEST' "$CARD" $((100 + i / 999)))
        ((i % 999)) || mkdir -p "$dir"
        cp -p -- "$SAMPLES/$name" "$(printf '%s/C%04d_%s' "$dir" "$c" "$name")"
        i=$((i + 1))
    done
done
sync
got=$(find "$CARD" -type f | wc -l)
[[ $got == "$card_n" ]] || die "card holds $got files, expected $card_n"
echo "made card in $(elapsed "$t0" "$(now)") s ($(find "$CARD/DCIM" -mindepth 1 -maxdepth 1 -type d | wc -l) folders)"

# ---------------------------------------------------------------- JVM start-up, for context
vhome=$BENCH_DIR/version-home
rm -rf "$vhome"
mkdir -p "$vhome"
quiesce
s=$(now)
version=$("$JAVA" -jar "$JAR" --home "$vhome" --version 2>&1) || die "--version failed: $version"
t_version=$(elapsed "$s" "$(now)")
rm -rf "$vhome"
echo "triplicate --version: $t_version s (JVM start-up, cold cache; prints: $(head -n1 <<< "$version"))"
echo

# ---------------------------------------------------------------- rounds
run_exiftool() {  # $1 = round folder; prints seconds
    local r=$1
    quiesce
    local s e rc=0
    s=$(now)
    "$EXIFTOOL" -fast2 -T -DateTimeOriginal -r "$CARD" > "$r/exiftool.out" 2> "$r/exiftool.err" || rc=$?
    e=$(now)
    if [[ $rc -ne 0 ]]; then
        tail -n 20 "$r/exiftool.err" >&2
        die "exiftool exited with $rc (expected 0)"
    fi
    local lines
    lines=$(wc -l < "$r/exiftool.out")
    [[ $lines == "$card_n" ]] || die "exiftool printed $lines lines, expected $card_n"
    elapsed "$s" "$e"
}

run_triplicate() {  # $1 = round folder; prints seconds
    local r=$1
    local home=$r/home
    rm -rf "$home"
    mkdir -p "$home"
    quiesce
    local s e rc=0
    s=$(now)
    "$JAVA" -jar "$JAR" --home "$home" scan "$CARD" --json > "$r/scan.json" 2> "$r/scan.err" || rc=$?
    e=$(now)
    if [[ $rc -ne 0 ]]; then
        echo "--- scan stderr ($r/scan.err) ---" >&2
        tail -n 40 "$r/scan.err" >&2
        die "scan exited with $rc (expected 0)"
    fi
    grep -q "\"mediaFiles\" : $card_n\\b" "$r/scan.json" \
        || die "scan JSON does not say \"mediaFiles\" : $card_n (it says: $(grep -m1 -o '"mediaFiles" : [0-9]*' "$r/scan.json" || echo nothing))"
    rm -rf "$home"
    elapsed "$s" "$e"
}

ratios=()
for ((round = 1; round <= ROUNDS; round++)); do
    r=$BENCH_DIR/round-$round
    rm -rf "$r"
    mkdir -p "$r"
    if ((round % 2)); then
        order="exiftool first"
        t_ex=$(run_exiftool "$r")
        t_tr=$(run_triplicate "$r")
    else
        order="scan first"
        t_tr=$(run_triplicate "$r")
        t_ex=$(run_exiftool "$r")
    fi
    rm -rf "$r"
    ratio=$(awk -v a="$t_ex" -v b="$t_tr" 'BEGIN { printf "%.2f", a / b }')
    ratios+=("$ratio")
    fps_ex=$(awk -v n="$card_n" -v t="$t_ex" 'BEGIN { printf "%.0f", n / t }')
    fps_tr=$(awk -v n="$card_n" -v t="$t_tr" 'BEGIN { printf "%.0f", n / t }')
    printf 'round %d (%s): exiftool %7.2f s (%s files/s)   scan %7.2f s (%s files/s)   speed-up %s\n' \
        "$round" "$order" "$t_ex" "$fps_ex" "$t_tr" "$fps_tr" "$ratio"
done

median=$(printf '%s\n' "${ratios[@]}" | sort -g | awk '{ v[NR] = $1 } END {
    if (NR % 2) printf "%.1f", v[(NR + 1) / 2]; else printf "%.1f", (v[NR / 2] + v[NR / 2 + 1]) / 2 }')
echo
[[ -n $DROP_NOTE ]] && echo "$DROP_NOTE"
echo "median speed-up scan vs exiftool over $ROUNDS rounds: $median (target >= 10)"
