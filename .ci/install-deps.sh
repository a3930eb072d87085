#!/usr/bin/env bash
# Installs the Debian 12 packages streetwise needs, only those that are missing
# (list: shared/design/toolchain.md, plus fonts-dejavu-core for the visualiser, chromium for the
# report's render test and clang-16 for the fuzz targets). Run as root; safe to run again.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config
  libboost-graph-dev libtbb-dev libhdf5-dev libyaml-cpp-dev libimgui-dev catch2
  libglfw3-dev libgl-dev libopenmpi-dev openmpi-bin libosmium2-dev libprotozero-dev
  zlib1g-dev libexpat1-dev libbz2-dev liblz4-dev libbenchmark-dev libcli11-dev
  xvfb xauth libgl1-mesa-dri mesa-utils
  # The visualiser's text: DejaVu Sans stays sharp at the large sizes used on projectors (ImGui's
  # built-in font is a 13 px bitmap, blurry when scaled).
  fonts-dejavu-core
  # The sweep tests check that pandas reads results.h5 directly (Debian's Python, not pip).
  python3-pandas python3-tables
  # Headless Chromium renders the HTML report in a test (report_render) and checks every chart drew.
  chromium
  # Clang and its runtime (libFuzzer, sanitizers) for the fuzz preset and .ci/fuzz-smoke.sh: GCC
  # has no libFuzzer. The normal build and tests stay on GCC.
  clang-16 libclang-rt-16-dev
)

missing=()
for package in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$package")
done

if ((${#missing[@]} == 0)); then
  echo "install-deps: all ${#packages[@]} packages already installed"
  exit 0
fi

echo "install-deps: installing ${#missing[@]} missing packages: ${missing[*]}"
if [[ $(id -u) -ne 0 ]]; then
  echo "install-deps: needs root to install packages (try: sudo bash $0)" >&2
  exit 1
fi
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
