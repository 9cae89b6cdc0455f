#!/usr/bin/env bash
# Proves the shipped Slurm script on a real Slurm: starts a one-node cluster of its own
# on this machine (a munge key, munged, slurmctld and slurmd from Debian's slurm-wlm and
# munge, a generated minimal slurm.conf, no cgroups, its own ports), submits
# deploy/slurm/entente.sbatch on scenarios/europe-1914.yaml (GMY started by its own
# `command`, the entente binary named as another program), waits, and checks that
# the job's digest equals the reference engine's; then runs a 2 × 2 sweep as a job array
# (deploy/slurm/sweep.sbatch), collects it, and checks its tables equal the same sweep
# run locally. It stops every daemon it started, by pid, and removes its files.
#
#   scripts/slurm-test.sh           (root; uses ENTENTE_BIN, else builds the debug entente)
#
# Where it cannot run (not root, packages not installable) it says so and exits 0
# without testing: the skip is printed, never silent.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
work="$(mktemp -d /tmp/entente-slurm-XXXXXX)"
chmod 755 "$work"
daemons=()

skip() { echo "slurm-test: SKIPPED: $1" >&2; exit 0; }
fail() { echo "slurm-test: FAILED: $1" >&2; for f in "$work"/*.log; do echo "--- $f" >&2; tail -n 15 "$f" >&2 || true; done; exit 1; }
cleanup() {
  for p in "${daemons[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${daemons[@]}"; do for _ in $(seq 50); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done; done
  rm -rf "$work"
}
trap cleanup EXIT

[ "$(id -u)" = 0 ] || skip "starting slurmd and munged needs root (run as root, or in CI)"
bin="${ENTENTE_BIN:-$(build debug entente)}"
[ -x "$bin" ] || fail "no entente executable at $bin"
deps slurm || skip "cannot install slurm-wlm and munge"

host="$(hostname -s)"
mkdir -p "$work/munge" "$work/state" "$work/spool" "$work/runs"
dd if=/dev/urandom of="$work/munge/munge.key" bs=1024 count=1 status=none
chmod 700 "$work/munge"; chmod 400 "$work/munge/munge.key"
munged --force --key-file="$work/munge/munge.key" --socket="$work/munge/munge.sock" \
  --pid-file="$work/munge/munged.pid" --log-file="$work/munged.log" --seed-file="$work/munge/seed"
for _ in $(seq 50); do [ -s "$work/munge/munged.pid" ] && break; sleep 0.1; done
daemons+=("$(cat "$work/munge/munged.pid")")

cat > "$work/slurm.conf" <<CONF
ClusterName=entente-test
SlurmctldHost=$host
SlurmUser=root
SlurmdUser=root
SlurmctldPort=16817
SlurmdPort=16818
AuthType=auth/munge
AuthInfo=socket=$work/munge/munge.sock
StateSaveLocation=$work/state
SlurmdSpoolDir=$work/spool
SlurmctldPidFile=$work/slurmctld.pid
SlurmdPidFile=$work/slurmd.pid
SlurmctldLogFile=$work/slurmctld.log
SlurmdLogFile=$work/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
MpiDefault=none
ReturnToService=2
SlurmdParameters=config_overrides
NodeName=$host CPUs=32 RealMemory=2048 State=UNKNOWN
PartitionName=test Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF
export SLURM_CONF="$work/slurm.conf"
slurmctld -D -i -f "$SLURM_CONF" > "$work/slurmctld.out" 2>&1 &
daemons+=("$!")
slurmd -D -f "$SLURM_CONF" > "$work/slurmd.out" 2>&1 &
daemons+=("$!")
for _ in $(seq 100); do
  sinfo -h -o '%T' 2>/dev/null | grep -qE '^(idle|mixed)' && break
  sleep 0.2
done
sinfo -h -o '%T' | grep -qE '^(idle|mixed)' || fail "the one-node cluster did not come up: $(sinfo 2>&1 | tail -n 2)"
echo "slurm-test: one-node Slurm up ($host, 32 CPUs declared)" >&2

# GMY runs "another program" (the entente binary named by its `command`), as a state of
# the user's would: the job must start it with the same arguments and get the same digest.
scenario="$work/europe-1914-command.yaml"
sed "s|^  - id: GMY\$|&\n    command: [\"$bin\", state]|" "$PWD/scenarios/europe-1914.yaml" > "$scenario"
"$bin" validate --list-programs "$scenario" | grep -q "^GMY	$bin	state\$" || fail "the scenario copy does not give GMY its command"
tasks=$(( $("$bin" validate --list-ids "$scenario" | wc -l) + 1 ))
expected=$("$bin" run "$PWD/scenarios/europe-1914.yaml" --engine reference --rounds 8 --out "$work/reference" 2>/dev/null | tail -n 1)
ENTENTE="$bin" ENTENTE_RUNS="$work/runs" ENTENTE_PORT=16900 \
  sbatch --wait --ntasks="$tasks" --output="$work/job.log" --chdir="$work" deploy/slurm/entente.sbatch "$scenario" --rounds 8 \
  > "$work/sbatch.out" 2>&1 || fail "the job failed: $(tail -n 5 "$work/job.log" 2>/dev/null)"
got=$(grep '^digest: ' "$work/job.log" | tail -n 1)
[ "$got" = "$expected" ] || fail "the job's digest '$got' differs from the reference engine's '$expected'"
grep -q '^round 8 of 8' "$work/job.log" || fail "no progress lines in the job's output"
grep -qx "entente: GMY runs $bin state" "$work/job.log" || fail "the job did not start GMY by its command"
echo "slurm-test: ok: deploy/slurm/entente.sbatch ran $tasks tasks on a real Slurm, GMY by its own command; digest equals the reference engine's ($got)" >&2

# A 2 × 2 sweep as a job array of two shares, collected, against the same sweep run here.
sweep=(--vary noise=0,0.2 --seeds 2 --engine reference --rounds 10)
"$bin" sweep "$scenario" "${sweep[@]}" --out "$work/local-sweep" > /dev/null 2>&1 || fail "the local sweep failed"
ENTENTE="$bin" sbatch --wait --array=1-2 --output="$work/array-%a.log" --chdir="$work" \
  deploy/slurm/sweep.sbatch "$work/array-sweep" "$scenario" "${sweep[@]}" > "$work/sbatch-array.out" 2>&1 \
  || fail "the job array failed: $(tail -n 3 "$work"/array-*.log 2>/dev/null)"
"$bin" sweep --collect "$work/array-sweep" > "$work/collect.out" || fail "collect failed"
python3 - "$work/local-sweep" "$work/array-sweep" <<'PY' || fail "the job array's tables differ from the local sweep's"
import csv, sys
def rows(folder):
    # Every column but run_folder, which names where each run was written.
    return [[v for k, v in r.items() if k != "run_folder"] for r in csv.DictReader(open(f"{folder}/results.csv"))]
local, array = sys.argv[1], sys.argv[2]
finished = [r for r in csv.DictReader(open(f"{array}/results.csv")) if r["status"] == "ok"]
assert len(finished) == 4, f"collect found {len(finished)} finished runs of 4"
assert rows(local) == rows(array), "results.csv"
assert open(f"{local}/points.csv").read() == open(f"{array}/points.csv").read(), "points.csv"
PY
echo "slurm-test: ok: a 2 x 2 sweep as a job array of 2 shares, collected, equals the same sweep run locally" >&2
