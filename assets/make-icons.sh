#!/usr/bin/env bash
# Renders Triplicate's icon from assets/icon/triplicate.svg into every size and format the platforms need,
# and copies them where the installers and the window take them from. The results are committed, so a
# build never needs these tools; run this again only after changing the SVG.
#
# Tools (Debian/Ubuntu): apt-get install librsvg2-bin icoutils icnsutils
#   rsvg-convert (SVG -> PNG), icotool (multi-size ICO), png2icns (ICNS)
set -euo pipefail
cd "$(dirname "$0")/.."

svg=assets/icon/triplicate.svg
out=assets/icon
for tool in rsvg-convert icotool png2icns; do
  command -v "$tool" >/dev/null || { echo "missing $tool: apt-get install librsvg2-bin icoutils icnsutils" >&2; exit 1; }
done

mkdir -p "$out/png"
for size in 16 32 48 64 128 256 512 1024; do
  rsvg-convert -w "$size" -h "$size" "$svg" -o "$out/png/triplicate-$size.png"
done

# Windows: one .ico holding the sizes Explorer and the taskbar pick from
icotool -c -o "$out/triplicate.ico" $(for s in 16 32 48 64 128; do echo "$out/png/triplicate-$s.png"; done) \
  -r "$out/png/triplicate-256.png"   # 256 px stored as PNG, as Windows expects
# macOS: .icns with the sizes png2icns knows (16 to 1024)
png2icns "$out/triplicate.icns" $(for s in 16 32 48 128 256 512 1024; do echo "$out/png/triplicate-$s.png"; done) >/dev/null

# where they are used
cp "$out/png/triplicate-256.png" installer/linux/Triplicate.png
cp "$out/triplicate.icns" installer/macos/Triplicate.icns
cp "$out/triplicate.ico" installer/windows/Triplicate.ico
res=src/main/resources/app/triplicate/icons
mkdir -p "$res"
for size in 16 32 48 64 128 256; do
  cp "$out/png/triplicate-$size.png" "$res/triplicate-$size.png"
done
echo "icons written to $out, installer/{linux,macos,windows} and $res"
