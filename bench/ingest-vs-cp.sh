#!/usr/bin/env bash
# Benchmark: Triplicate ingest to two drives vs. the plain baseline `cp -r` twice + `sync`.
#
# Builds a card with bench/make-card.sh (SHAPE=shoot: 300 JPEGs of ~2.8 MB, 30 RAW of ~25 MB, 300 XMP
# sidecars, as a camera writes them; SHAPE=phone: 2,000 JPEGs of ~1 MB; SHAPE=big: 200 files of 10 MiB of
# random bytes, the first shape this script had), then for each of ROUNDS rounds, with fresh
# empty destination folders and a fresh Triplicate home:
#   (a) baseline:   cp -r CARD cpA/ && cp -r CARD cpB/ && sync
#   (b) triplicate: java -jar target/triplicate.jar --home H ingest CARD --progress none
#                   (after registering two drives A and B with --same-device; not timed)
# Before each timed command: sync, and drop the page cache if /proc/sys/vm/drop_caches is writable.
# The order of (a) and (b) alternates between rounds. Prints per-round wall-clock times, the ratio
# triplicate / (cp+sync), and the median ratio.
#
# Usage (from anywhere):  bench/ingest-vs-cp.sh
# Environment:
#   SHAPE=shoot     the card's shape: shoot, phone or big (see bench/make-card.sh)
#   ROUNDS=3        number of rounds
#   BENCH_DIR=...   work folder (default: bench/work/ in the project, which is git-ignored)
#   KEEP=1          keep the card and work folder afterwards (default: delete what this script made)
#   JAVA_HOME=...   JDK to use (must be >= 21; else the newest >= 21 under /usr/lib/jvm is used)
#   BUILD=1         run ./mvnw -q package -DskipTests first (default: only if the jar is missing)
#   JAR=...         the Triplicate jar to time (default: target/triplicate.jar; its lib/ folder beside it)
#   COMPARE_JAR=... another build's jar (e.g. a copy of the one before a change, with its lib/) timed in the
#                   same rounds, so that before and after meet the same load; the order of the three commands
#                   rotates from round to round
#
# Needs only bash and coreutils (plus awk/sort).

set -euo pipefail

SHAPE=${SHAPE:-shoot}
ROUNDS=${ROUNDS:-3}
KEEP=${KEEP:-0}
BUILD=${BUILD:-0}

PROJECT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH_DIR=${BENCH_DIR:-$PROJECT/bench/work}
JAR=${JAR:-$PROJECT/target/triplicate.jar}
COMPARE_JAR=${COMPARE_JAR:-}

die() { echo "ingest-vs-cp: $*" >&2; exit 2; }

[[ $ROUNDS =~ ^[1-9][0-9]*$ ]] || die "ROUNDS must be a positive integer (got '$ROUNDS')"

# ---------------------------------------------------------------- Java >= 21, timing, cache
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
find_java

# ---------------------------------------------------------------- jar
if [[ $BUILD == 1 || ! -f $JAR ]]; then
    echo "building $JAR ..."
    (cd "$PROJECT" && JAVA_HOME=$JAVA_HOME ./mvnw -q package -DskipTests)
fi
[[ -f $JAR ]] || die "missing $JAR"
[[ -z $COMPARE_JAR || -f $COMPARE_JAR ]] || die "missing $COMPARE_JAR"

# ---------------------------------------------------------------- helpers


count_media() {  # number and total bytes of the card's files under $1 (outside Triplicate's own folders)
    find "$1" \( -path '*/.triplicate' -o -path '*/ascmhl' \) -prune -o -type f -printf '%s\n' \
        | awk '{ n++; b += $1 } END { printf "%d %d\n", n, b }'
}

# ---------------------------------------------------------------- work folder, cleanup
CARD=$BENCH_DIR/card
MADE_BENCH_DIR=0
if [[ ! -d $BENCH_DIR ]]; then
    mkdir -p "$BENCH_DIR"
    MADE_BENCH_DIR=1
fi
BENCH_DIR=$(cd "$BENCH_DIR" && pwd)
CARD=$BENCH_DIR/card

cleanup() {
    # Remove only what this script creates.
    rm -rf "$BENCH_DIR"/round-[0-9]*
    if [[ $KEEP == 1 ]]; then
        echo "KEEP=1: left the card and work folder in $BENCH_DIR"
    else
        rm -rf "$CARD"
        if [[ $MADE_BENCH_DIR == 1 ]]; then rmdir "$BENCH_DIR" 2>/dev/null || true; fi
    fi
}
trap cleanup EXIT

# ---------------------------------------------------------------- card
echo "java:  $JAVA ($("$JAVA" -version 2>&1 | head -n1))"
echo "jar:   $JAR"
[[ -n $COMPARE_JAR ]] && echo "compare jar: $COMPARE_JAR"
echo "work:  $BENCH_DIR ($(df -h --output=source,fstype,avail "$BENCH_DIR" | tail -n1 | tr -s ' '))"
if [[ -n $DROP_NOTE ]]; then echo "$DROP_NOTE"; else echo "cache: sync + drop_caches before each timed command"; fi
t0=$(now)
"$PROJECT/bench/make-card.sh" "$SHAPE" "$CARD"
echo "made card in $(elapsed "$t0" "$(now)") s; rounds: $ROUNDS"
read -r card_n card_bytes < <(count_media "$CARD")
total_mib=$((card_bytes / 1024 / 1024))
echo

# ---------------------------------------------------------------- rounds
run_cp() {  # $1 = round folder; prints seconds
    local r=$1
    mkdir -p "$r/cpA" "$r/cpB"
    quiesce
    local s e
    s=$(now)
    cp -r "$CARD" "$r/cpA/" && cp -r "$CARD" "$r/cpB/" && sync
    e=$(now)
    local got
    for d in cpA cpB; do
        got=$(count_media "$r/$d")
        [[ $got == "$card_n $card_bytes" ]] || die "cp: $r/$d holds '$got' (files bytes), expected '$card_n $card_bytes'"
    done
    rm -rf "$r/cpA" "$r/cpB"
    elapsed "$s" "$e"
}

run_triplicate() {  # $1 = round folder, $2 = jar (default $JAR); prints seconds
    local r=$1
    local JAR=${2:-$JAR}
    local home=$r/home
    mkdir -p "$r/A" "$r/B" "$home"
    "$JAVA" -jar "$JAR" --home "$home" drive add "$r/A" --label A --same-device > "$r/drive-add.log" 2>&1 \
        || { cat "$r/drive-add.log" >&2; die "drive add A failed"; }
    "$JAVA" -jar "$JAR" --home "$home" drive add "$r/B" --label B --same-device >> "$r/drive-add.log" 2>&1 \
        || { cat "$r/drive-add.log" >&2; die "drive add B failed"; }
    quiesce
    local s e rc=0
    s=$(now)
    "$JAVA" -jar "$JAR" --home "$home" ingest "$CARD" --progress none > "$r/ingest.log" 2>&1 || rc=$?
    e=$(now)
    if [[ $rc -ne 0 ]]; then
        echo "--- ingest output ($r/ingest.log) ---" >&2
        tail -n 40 "$r/ingest.log" >&2
        die "ingest exited with $rc (expected 0)"
    fi
    local got
    for d in A B; do
        got=$(count_media "$r/$d")
        [[ $got == "$card_n $card_bytes" ]] || die "ingest: $r/$d holds '$got' (files bytes), expected '$card_n $card_bytes'"
    done
    rm -rf "$r/A" "$r/B" "$home"
    elapsed "$s" "$e"
}

ratios=()
cratios=()
for ((round = 1; round <= ROUNDS; round++)); do
    r=$BENCH_DIR/round-$round
    rm -rf "$r"
    mkdir -p "$r"
    t_cmp=
    if [[ -z $COMPARE_JAR ]]; then
        if ((round % 2)); then
            order="cp first"
            t_cp=$(run_cp "$r")
            t_tr=$(run_triplicate "$r")
        else
            order="ingest first"
            t_tr=$(run_triplicate "$r")
            t_cp=$(run_cp "$r")
        fi
    else
        case $((round % 3)) in
        1) order="cp, ingest, compare"; t_cp=$(run_cp "$r"); t_tr=$(run_triplicate "$r"); t_cmp=$(run_triplicate "$r" "$COMPARE_JAR") ;;
        2) order="compare, cp, ingest"; t_cmp=$(run_triplicate "$r" "$COMPARE_JAR"); t_cp=$(run_cp "$r"); t_tr=$(run_triplicate "$r") ;;
        0) order="ingest, compare, cp"; t_tr=$(run_triplicate "$r"); t_cmp=$(run_triplicate "$r" "$COMPARE_JAR"); t_cp=$(run_cp "$r") ;;
        esac
    fi
    rm -rf "$r"
    ratio=$(awk -v a="$t_tr" -v b="$t_cp" 'BEGIN { printf "%.2f", a / b }')
    ratios+=("$ratio")
    mibps_cp=$(awk -v m="$total_mib" -v t="$t_cp" 'BEGIN { printf "%.0f", m / t }')
    mibps_tr=$(awk -v m="$total_mib" -v t="$t_tr" 'BEGIN { printf "%.0f", m / t }')
    printf 'round %d (%s): cp+sync %7.2f s (%s MiB/s of card)   ingest %7.2f s (%s MiB/s of card)   ratio %s' \
        "$round" "$order" "$t_cp" "$mibps_cp" "$t_tr" "$mibps_tr" "$ratio"
    if [[ -n $t_cmp ]]; then
        cratio=$(awk -v a="$t_cmp" -v b="$t_cp" 'BEGIN { printf "%.2f", a / b }')
        cratios+=("$cratio")
        printf '   compare jar %7.2f s, ratio %s' "$t_cmp" "$cratio"
    fi
    printf '   (load average %s)\n' "$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')"
done

median=$(printf '%s\n' "${ratios[@]}" | sort -g | awk '{ v[NR] = $1 } END {
    if (NR % 2) printf "%.2f", v[(NR + 1) / 2]; else printf "%.2f", (v[NR / 2] + v[NR / 2 + 1]) / 2 }')
echo
[[ -n $DROP_NOTE ]] && echo "$DROP_NOTE"
echo "median ratio ingest/(cp+sync) over $ROUNDS rounds: $median (target <= 1.30)"
if [[ -n $COMPARE_JAR ]]; then
    cmedian=$(printf '%s\n' "${cratios[@]}" | sort -g | awk '{ v[NR] = $1 } END {
        if (NR % 2) printf "%.2f", v[(NR + 1) / 2]; else printf "%.2f", (v[NR / 2] + v[NR / 2 + 1]) / 2 }')
    echo "median ratio of the compare jar over $ROUNDS rounds: $cmedian"
fi
