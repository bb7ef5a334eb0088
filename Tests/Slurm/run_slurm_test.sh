#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# A real Slurm test: start munged, slurmctld and slurmd on this machine (a single-node
# cluster, configured in a temporary folder), submit a sharded Monte Carlo run of the
# outreach model as a job array with `parley sample … --slurm --submit`, wait for the merge
# job, and compare the merged table with the single-process run, exactly. The daemons are
# stopped on exit, whatever happens.
#
# Usage: Tests/Slurm/run_slurm_test.sh PARLEY [DRAWS] [SHARDS]
# Needs root (or sudo) and Debian's slurm-wlm and munge (make test-slurm installs them).
set -euo pipefail

PARLEY=$(readlink -f "${1:?usage: run_slurm_test.sh PARLEY [DRAWS] [SHARDS]}")
DRAWS=${2:-2000}
SHARDS=${3:-8}
MODEL=Models/negotiation/africa-outreach.yaml
TIMEOUT=${SLURM_TEST_TIMEOUT:-600}
SUDO=$([ "$(id -u)" = 0 ] || echo sudo)

WORK=$(mktemp -d /tmp/parley-slurm.XXXXXX)
chmod 755 "$WORK"
HOST=$(hostname -s)
export SLURM_CONF=$WORK/slurm.conf
MUNGE_SOCKET=$WORK/munge/munge.socket.2
# A space in the results folder checks the scripts' quoting.
RESULTS="$WORK/results 1"
PIDS=()

cleanup() {
  local status=$?
  set +e
  for pidfile in "$WORK/slurmd.pid" "$WORK/slurmctld.pid" "$WORK/munge/munged.pid"; do
    if [ -s "$pidfile" ]; then $SUDO kill "$(cat "$pidfile")" 2>/dev/null; fi
  done
  sleep 1
  if [ "$status" != 0 ]; then
    echo "--- slurmctld log (tail) ---"; tail -n 20 "$WORK/slurmctld.log" 2>/dev/null
    echo "--- slurmd log (tail) ---"; tail -n 20 "$WORK/slurmd.log" 2>/dev/null
    echo "--- task logs ---"; tail -n 5 "$RESULTS"/logs/*.out 2>/dev/null
    echo "test-slurm: FAILED (files kept in $WORK)"
  else
    $SUDO rm -rf "$WORK"
  fi
  exit "$status"
}
trap cleanup EXIT INT TERM

# munged, with its socket, pid and log files in the temporary folder (as the munge user).
mkdir -p "$WORK/munge"
$SUDO chown munge: "$WORK/munge" 2>/dev/null || true
$SUDO chmod 755 "$WORK/munge"
$SUDO runuser -u munge -- /usr/sbin/munged --socket="$MUNGE_SOCKET" \
  --pid-file="$WORK/munge/munged.pid" --log-file="$WORK/munge/munged.log" \
  --seed-file="$WORK/munge/munged.seed"
# Slurm's auth/munge finds munged through AuthInfo's socket.
for _ in $(seq 50); do [ -S "$MUNGE_SOCKET" ] && break; sleep 0.1; done
$SUDO chmod 755 "$WORK/munge"

cat > "$SLURM_CONF" <<EOF
ClusterName=parley-test
SlurmctldHost=$HOST
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=$MUNGE_SOCKET
CredType=cred/munge
MpiDefault=none
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
SchedulerType=sched/backfill
ReturnToService=2
AccountingStorageType=accounting_storage/none
JobAcctGatherType=jobacct_gather/none
JobCompType=jobcomp/none
StateSaveLocation=$WORK/state
SlurmdSpoolDir=$WORK/spool
SlurmctldPidFile=$WORK/slurmctld.pid
SlurmdPidFile=$WORK/slurmd.pid
SlurmctldLogFile=$WORK/slurmctld.log
SlurmdLogFile=$WORK/slurmd.log
SlurmctldPort=${SLURMCTLD_PORT:-6817}
SlurmdPort=${SLURMD_PORT:-6818}
NodeName=$HOST CPUs=$(nproc) RealMemory=1024 State=UNKNOWN
PartitionName=test Nodes=$HOST Default=YES MaxTime=INFINITE State=UP
EOF
mkdir -p "$WORK/state" "$WORK/spool"

$SUDO env SLURM_CONF="$SLURM_CONF" /usr/sbin/slurmctld -i
$SUDO env SLURM_CONF="$SLURM_CONF" /usr/sbin/slurmd
for _ in $(seq 100); do
  sinfo -h -o '%T' 2>/dev/null | grep -qE '^(idle|mixed)' && break
  sleep 0.2
done
sinfo

echo "== single process: parley sample $MODEL $DRAWS --seed 1 --outreach"
start=$(date +%s%N)
"$PARLEY" sample "$MODEL" "$DRAWS" --seed 1 --outreach > "$WORK/single.txt"
single_ms=$(( ($(date +%s%N) - start) / 1000000 ))

echo "== on Slurm: $SHARDS shards"
start=$(date +%s%N)
"$PARLEY" sample "$MODEL" "$DRAWS" --seed 1 --outreach \
  --slurm --array-size "$SHARDS" --results "$RESULTS" --submit | tee "$WORK/submit.txt"
merge_job=$(sed -n 's/.*merge job \([0-9]*\).*/\1/p' "$WORK/submit.txt")
[ -n "$merge_job" ] || { echo "no merge job id"; exit 1; }

sleep 3
"$PARLEY" status "$RESULTS"   # progress while the tasks run
deadline=$(( $(date +%s) + TIMEOUT ))
while squeue -h -j "$merge_job" 2>/dev/null | grep -q .; do
  if [ "$(date +%s)" -gt "$deadline" ]; then
    echo "timed out after $TIMEOUT s"; squeue; "$PARLEY" status "$RESULTS"; exit 1
  fi
  sleep 1
done
slurm_ms=$(( ($(date +%s%N) - start) / 1000000 ))
"$PARLEY" status "$RESULTS"

[ -f "$RESULTS/merged.txt" ] || { echo "the merge job wrote no merged.txt"; exit 1; }
diff -u "$WORK/single.txt" "$RESULTS/merged.txt"
cat "$RESULTS/merged.txt"
echo "single process: $single_ms ms; Slurm ($SHARDS tasks + merge, submit to merged): $slurm_ms ms"
echo "test-slurm: the merged table equals the single-process table exactly"
