#!/usr/bin/env bash
# Makes a benchmark card shaped like what photographers shoot, from the project's real camera samples.
#
#   bench/make-card.sh SHAPE CARD_DIR
#
# SHAPE:
#   shoot  a camera card: 300 JPEGs of about 2.8 MB, 30 RAW files of about 25 MB and 300 XMP sidecars of a
#          few KB (about 1.7 GB, 630 files). Each JPEG is a real sample's bytes followed by unique random
#          bytes (so every file has its own hash, and a reader of the header sees a real JPEG); each RAW
#          starts with a real CR2 header, then random bytes; each sidecar is a distinct, well-formed XMP.
#   phone  a phone's folder: 2,000 JPEGs of about 1 MB, made the same way from a real phone picture.
#   big    the old shape: 200 files of 10 MiB of random bytes (IMG_0001.JPG, IMG_0002.CR2, ...).
#
# Sizes vary by a few percent from file to file, as real pictures do. The same SHAPE always gives the same
# names and sizes; the bytes are random. Needs bash, coreutils and awk.
set -euo pipefail

die() { echo "make-card: $*" >&2; exit 2; }
[[ $# -eq 2 ]] || die "usage: make-card.sh shoot|phone|big CARD_DIR"
SHAPE=$1
CARD=$2
PROJECT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SAMPLES=$PROJECT/src/test/resources/samples
[[ -d $SAMPLES ]] || die "no samples at $SAMPLES"

# writes $1: the first $3 bytes of sample $2 (its header and picture), then random bytes up to $4 bytes
from_sample() {
    local out=$1 sample=$2 keep=$3 size=$4
    { head -c "$keep" "$sample"; head -c $((size - keep)) /dev/urandom; } > "$out"
}

# a size around $1 bytes, varying by up to +-$2 percent with the file's number $3 (the same every run)
around() {
    awk -v base="$1" -v pct="$2" -v n="$3" 'BEGIN { srand(n); printf "%d", base * (1 + pct / 100 * (2 * rand() - 1)) }'
}

xmp() {  # a distinct, well-formed XMP sidecar for picture $2, written to $1
    cat > "$1" <<XMP
<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:crs="http://ns.adobe.com/camera-raw-settings/1.0/"
    xmp:Rating="$(( $2 % 6 ))" crs:Exposure2012="+0.$(( $2 % 10 ))0" crs:Temperature="$(( 4800 + $2 * 7 ))"
    crs:RawFileName="$3"/>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>
XMP
}

rm -rf "$CARD"
case $SHAPE in
shoot)
    dir=$CARD/DCIM/100CANON
    mkdir -p "$dir"
    jpeg=$SAMPLES/canon_eosrp__MG_0635.JPG
    raw=$SAMPLES/canon_eos350d_CanonRaw.cr2
    for ((i = 1; i <= 300; i++)); do
        name=$(printf 'IMG_%04d' "$i")
        from_sample "$dir/$name.JPG" "$jpeg" 65536 "$(around 2800000 10 "$i")"
        xmp "$dir/$name.xmp" "$i" "$name.CR2"
        if ((i % 10 == 0)); then
            from_sample "$dir/$name.CR2" "$raw" "$(stat -c %s "$raw")" "$(around 25000000 8 "$i")"
        fi
    done
    ;;
phone)
    dir=$CARD/DCIM/100APPLE
    mkdir -p "$dir"
    jpeg=$SAMPLES/apple_iphonexr_IMG_3581.JPG
    for ((i = 1; i <= 2000; i++)); do
        from_sample "$(printf '%s/IMG_%04d.JPG' "$dir" "$i")" "$jpeg" 65536 "$(around 1000000 15 "$i")"
    done
    ;;
big)
    dir=$CARD/DCIM/100BENCH
    mkdir -p "$dir"
    for ((i = 1; i <= 200; i++)); do
        if ((i % 2)); then ext=JPG; else ext=CR2; fi
        head -c $((10 * 1024 * 1024)) /dev/urandom > "$(printf '%s/IMG_%04d.%s' "$dir" "$i" "$ext")"
    done
    ;;
*) die "unknown shape '$SHAPE' (shoot, phone or big)" ;;
esac
sync
find "$CARD" -type f -printf '%s\n' | awk -v s="$SHAPE" '{ n++; b += $1 } END { printf "card %s: %d files, %.2f GB\n", s, n, b / 1e9 }'
