#!/usr/bin/env bash
# Installs what the tests read results back with: h5py and pandas (Debian packages, run with
# /usr/bin/python3), h5dump, Node.js with the hyparquet reader (tests/tools/parquet; Debian has no
# pyarrow), the DejaVu fonts that figures and the live view use, a single-node Slurm with munge for
# the cluster test, and for the live view EGL and Mesa (headless frames), GLFW, Xvfb and xdotool. Needs root or sudo; does nothing when all are present.
set -euo pipefail
need=()
/usr/bin/python3 -c 'import h5py' 2>/dev/null || need+=(python3-h5py)
/usr/bin/python3 -c 'import pandas' 2>/dev/null || need+=(python3-pandas)
command -v h5dump >/dev/null 2>&1 || need+=(hdf5-tools)
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || need+=(fonts-dejavu-core)
command -v node >/dev/null 2>&1 || need+=(nodejs)
command -v npm >/dev/null 2>&1 || need+=(npm)
command -v sbatch >/dev/null 2>&1 || need+=(slurm-client)
command -v slurmctld >/dev/null 2>&1 || need+=(slurmctld)
command -v slurmd >/dev/null 2>&1 || need+=(slurmd)
command -v munged >/dev/null 2>&1 || need+=(munge)
# the live view's headless frames: EGL with Mesa's surfaceless platform and its software rasteriser (llvmpipe)
has_lib() { ldconfig -p 2>/dev/null | grep -q "$1" || ls /usr/lib/*/"$1"* >/dev/null 2>&1; }
has_lib libEGL.so.1 || need+=(libegl1)
has_lib libEGL_mesa.so.0 || need+=(libegl-mesa0)
[ -f /usr/lib/x86_64-linux-gnu/dri/swrast_dri.so ] || [ -n "$(ls /usr/lib/*/dri/swrast_dri.so 2>/dev/null)" ] || need+=(libgl1-mesa-dri)
# the window (GLFW) and a virtual display with a key sender, for the test that presses keys in a real window
has_lib libglfw.so.3 || need+=(libglfw3)
command -v xvfb-run >/dev/null 2>&1 || need+=(xvfb xauth)
command -v xdotool >/dev/null 2>&1 || need+=(xdotool)
if [ ${#need[@]} -gt 0 ]; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "installing: ${need[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}"
fi
# the Parquet reader the tests use, pinned by tests/tools/parquet/package-lock.json
if [ ! -d tests/tools/parquet/node_modules/hyparquet ]; then
  (cd tests/tools/parquet && npm ci --no-audit --no-fund --loglevel=error)
fi
