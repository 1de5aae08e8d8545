#!/usr/bin/env bash
# A single-node Slurm cluster for the scale-out test: `single-node.sh start DIR` writes slurm.conf
# into DIR (state, spool, pids and logs there too), starts munged, slurmctld and slurmd, and waits
# until the node is idle; `single-node.sh stop DIR` stops them by pid. Needs root (or sudo) and the Debian
# packages slurmctld, slurmd, slurm-client and munge (scripts/install-test-deps.sh). The recipe is
# ../shared/ENVIRONMENT.md's.
set -euo pipefail
cmd=$1
dir=$(realpath -m "$2")
# the daemons run as root; a user with sudo gets them through it
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
conf="$dir/slurm.conf"
case "$cmd" in
start)
  mkdir -p "$dir/state" "$dir/spool" "$dir/log"
  host=$(hostname -s)
  cat > "$conf" <<CONF
ClusterName=circuitsim-test
SlurmctldHost=$host
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/log/slurmctld.log
SlurmdLogFile=$dir/log/slurmd.log
SlurmctldPort=6917
SlurmdPort=6918
MpiDefault=none
JobCompType=jobcomp/none
AccountingStorageType=accounting_storage/none
SchedulerType=sched/backfill
NodeName=$host CPUs=$(nproc) State=UNKNOWN
PartitionName=test Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF
  # munge: a key, /run/munge owned by munge, the daemon as user munge
  if ! as_root test -s /etc/munge/munge.key; then
    as_root mkdir -p /etc/munge
    as_root dd if=/dev/urandom of=/etc/munge/munge.key bs=1024 count=1 status=none
  fi
  as_root chown munge:munge /etc/munge /etc/munge/munge.key; as_root chmod 700 /etc/munge; as_root chmod 400 /etc/munge/munge.key
  as_root mkdir -p /run/munge /var/lib/munge /var/log/munge
  as_root chown munge:munge /run/munge /var/lib/munge /var/log/munge
  if ! pgrep -x munged >/dev/null; then
    as_root runuser -u munge -- /usr/sbin/munged
  fi
  export SLURM_CONF="$conf"
  as_root /usr/sbin/slurmctld -f "$conf"
  as_root /usr/sbin/slurmd -f "$conf"
  for _ in $(seq 1 60); do
    if sinfo -h -o '%T' 2>/dev/null | grep -qx 'idle'; then echo "slurm up: $(sinfo -h -o '%N %T %c')"; exit 0; fi
    sleep 1
  done
  echo "slurm did not come up within 60 s" >&2
  sinfo >&2 || true
  tail -n 20 "$dir/log/slurmctld.log" "$dir/log/slurmd.log" >&2 || true
  exit 1
  ;;
stop)
  for p in slurmd slurmctld; do
    [ -f "$dir/$p.pid" ] && as_root kill "$(cat "$dir/$p.pid")" 2>/dev/null || true
  done
  ;;
*)
  echo "usage: $0 start|stop DIR" >&2; exit 2 ;;
esac
