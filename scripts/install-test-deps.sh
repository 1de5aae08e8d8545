#!/usr/bin/env bash
# Installs what the tests read results back with: h5py and pandas (Debian packages, run with
# /usr/bin/python3), h5dump, and the DejaVu fonts that figures use. Needs root or sudo; does
# nothing when all are present.
set -euo pipefail
need=()
/usr/bin/python3 -c 'import h5py' 2>/dev/null || need+=(python3-h5py)
/usr/bin/python3 -c 'import pandas' 2>/dev/null || need+=(python3-pandas)
command -v h5dump >/dev/null 2>&1 || need+=(hdf5-tools)
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || need+=(fonts-dejavu-core)
if [ ${#need[@]} -gt 0 ]; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "installing: ${need[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}"
fi
