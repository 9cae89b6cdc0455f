#!/usr/bin/env python3
"""Runs the Kubernetes manifests' own commands on this machine (see scripts/deploy-check.sh).

    k8s_check.py ENTENTE WORK_DIR

No Kubernetes runs here, so this proves what can be proven without one: each container
of deploy/kubernetes/ is started as a process with the manifest's command, arguments and
environment, and with what Kubernetes would provide put in its place: the ConfigMap and
the Secret as folders (scenario.yaml, the files of `entente keys`), the volume as a
folder, JOB_COMPLETION_INDEX for each index, POD_IP and the coordinator's name as
127.0.0.1 (the caller runs this in a network namespace of its own). Checks: the run's
digest equals the reference engine's, the states Job has one index per state, the live
page's server (serve.yaml) serves that run, and the sweep's shards, collected, finish
every run.
"""
import csv
import json
import math
import os
import re
import signal
import subprocess
import sys
import urllib.request
from typing import Any

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MANIFESTS = os.path.join(ROOT, "deploy", "kubernetes")


def docs(name: str) -> dict[str, Any]:
    with open(os.path.join(MANIFESTS, name)) as f:
        return {d["metadata"]["name"]: d for d in yaml.safe_load_all(f) if d}


def container(job: dict[str, Any]) -> dict[str, Any]:
    c: dict[str, Any] = job["spec"]["template"]["spec"]["containers"][0]
    return c


def mounted(value: str, mounts: dict[str, str]) -> str:
    """A path inside a container as the local folder mounted in its place."""
    for target in sorted(mounts, key=len, reverse=True):
        if value == target or value.startswith(target + "/"):
            return mounts[target] + value[len(target):]
    return value


def start(c: dict[str, Any], mounts: dict[str, str], extra_env: dict[str, str], path: str) -> "subprocess.Popen[str]":
    """Starts a container's command as a local process; mount paths become local folders."""
    env = {"PATH": path, "HOME": mounts["/tmp"]}
    for e in c.get("env", []):
        if "value" in e:
            env[e["name"]] = mounted(e["value"], mounts)
    env.update(extra_env)
    missing = [e["name"] for e in c.get("env", []) if e["name"] not in env]
    if missing:
        sys.exit(f"k8s-check: FAILED: no local value for {missing}")
    return subprocess.Popen(c["command"] + c["args"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def serve_page(pod: dict[str, Any], run_name: str, mounts: dict[str, str], path: str, digest: str) -> None:
    """serve.yaml's command on the run just made: the page and the run's summary answer."""
    c: dict[str, Any] = pod["spec"]["containers"][0]
    names = {e["value"] for e in c["env"] if e["name"] == "RUN_NAME"}
    if names != {run_name}:
        sys.exit(f"k8s-check: FAILED: serve.yaml shows RUN_NAME {sorted(names)}, run.yaml writes {run_name}")
    server = start(c, mounts, {}, path)
    try:
        assert server.stdout is not None
        first = server.stdout.readline()
        if not first.startswith("watch at http://127.0.0.1:8914/"):
            sys.exit(f"k8s-check: FAILED: serve.yaml's server said {first!r}")
        with urllib.request.urlopen("http://127.0.0.1:8914/") as page:
            if b"RunModel" not in page.read():
                sys.exit("k8s-check: FAILED: serve.yaml's server did not answer with the live page")
        with urllib.request.urlopen("http://127.0.0.1:8914/file/summary.json") as answer:
            served = "digest: " + json.loads(answer.read())["digest"]
    finally:
        server.send_signal(signal.SIGINT)
        server.communicate(timeout=10)
    if served != digest:
        sys.exit(f"k8s-check: FAILED: serve.yaml served a summary with {served}, the run printed {digest}")
    print("k8s-check: ok: serve.yaml's command serves the run's page and summary", file=sys.stderr)


def main() -> None:
    entente, work = sys.argv[1], sys.argv[2]
    path = f"{os.path.dirname(entente)}:/usr/bin:/bin"
    scenario = os.path.join(ROOT, "scenarios", "europe-1914.yaml")
    mounts = {"/etc/entente/scenario": f"{work}/scenario", "/etc/entente/keys": f"{work}/keys", "/runs": f"{work}/runs", "/tmp": f"{work}/tmp"}
    for folder in ("scenario", "runs", "tmp"):
        os.makedirs(f"{work}/{folder}", exist_ok=True)
    # What `kubectl create configmap/secret` would hold.
    # GMY runs by a `command` of its own (entente state named as another program), as a
    # state of the agent kit would: the manifest must start it with the arguments of entente state.
    with open(scenario) as src, open(f"{work}/scenario/scenario.yaml", "w") as dst:
        text = src.read()
        if "  - id: GMY\n" not in text:
            sys.exit("k8s-check: FAILED: europe-1914.yaml has no state GMY to give a command")
        dst.write(text.replace("  - id: GMY\n", f"  - id: GMY\n    command: [{json.dumps(entente)}, state]\n", 1))
    subprocess.run([entente, "keys", scenario, "--out", f"{work}/keys"], check=True, capture_output=True)
    ids = subprocess.run([entente, "validate", "--list-ids", scenario], check=True, capture_output=True, text=True).stdout.split()

    run = docs("run.yaml")
    states = run["entente-states"]
    if states["spec"]["completions"] != len(ids) or states["spec"]["parallelism"] != len(ids):
        sys.exit(f"k8s-check: FAILED: the states Job has {states['spec']['completions']} indexes, the scenario {len(ids)} states")
    coordinator_name = f"{run['entente-coordinator']['spec']['template']['spec']['hostname']}.{run['entente']['metadata']['name']}"
    state_c = container(states)
    dialled = next(e["value"] for e in state_c["env"] if e["name"] == "COORDINATOR")
    if coordinator_name not in dialled:
        sys.exit(f"k8s-check: FAILED: states dial {dialled}, the coordinator is {coordinator_name}")
    names = {e["value"] for job in (run["entente-coordinator"], states) for e in container(job)["env"] if e["name"] == "RUN_NAME"}
    if len(names) != 1:
        sys.exit(f"k8s-check: FAILED: the coordinator and the states must share one RUN_NAME, not {sorted(names)}")
    coordinator = start(container(run["entente-coordinator"]), mounts, {}, path)
    local = {"COORDINATOR": dialled.replace(coordinator_name, "127.0.0.1"), "POD_IP": "127.0.0.1"}
    procs = [start(state_c, mounts, dict(local, JOB_COMPLETION_INDEX=str(k)), path) for k in range(len(ids))]
    out, err = coordinator.communicate(timeout=300)
    for p in procs:
        p.wait(timeout=60)
    if coordinator.returncode != 0 or any(p.returncode != 0 for p in procs):
        sys.exit(f"k8s-check: FAILED: coordinator exit {coordinator.returncode}, states {[p.returncode for p in procs]}: {err[-500:]}")
    digest = out.strip().splitlines()[-1]
    reference = subprocess.run([entente, "run", scenario, "--engine", "reference", "--out", f"{work}/reference"],
                               check=True, capture_output=True, text=True).stdout.strip().splitlines()[-1]
    if digest != reference:
        sys.exit(f"k8s-check: FAILED: the run's {digest} differs from the reference engine's {reference}")
    print(f"k8s-check: ok: run.yaml's coordinator and {len(ids)} indexed states (GMY by its own command), run as processes, "
          "give the reference digest", file=sys.stderr)
    serve_page(docs("serve.yaml")["entente-serve"], names.pop(), mounts, path, digest)

    sweep = docs("sweep.yaml")["entente-sweep"]
    shard = container(sweep)
    shards = sweep["spec"]["completions"]
    env = {e["name"]: e.get("value") for e in shard["env"]}
    if env.get("SHARDS") != str(shards):
        sys.exit(f"k8s-check: FAILED: SHARDS={env.get('SHARDS')} but the Job has {shards} indexes")
    # The manifest's grid with 2 seeds instead of its 20, to keep the check short.
    small = {"SWEEP": re.sub(r"--seeds \d+", "--seeds 2", env["SWEEP"])}
    for k in range(shards):
        p = start(shard, mounts, dict(small, JOB_COMPLETION_INDEX=str(k)), path)
        _, err = p.communicate(timeout=600)
        if p.returncode != 0:
            sys.exit(f"k8s-check: FAILED: sweep shard {k} exited {p.returncode}: {err[-500:]}")
    collect_c = container(docs("sweep-collect.yaml")["entente-sweep-collect"])
    collect = start(collect_c, mounts, {}, path)
    out, err = collect.communicate(timeout=120)
    if collect.returncode != 0:
        sys.exit(f"k8s-check: FAILED: collect exited {collect.returncode}: {err[-300:]}")
    # The sweep as defined (sweep.json) against what collect tabled (results.csv).
    folder = mounted(next(e["value"] for e in collect_c["env"] if e["name"] == "OUT"), mounts)
    with open(f"{folder}/sweep.json") as f:
        defined = json.load(f)
    runs = math.prod(len(v["values"]) for v in defined["vary"]) * len(defined["seeds"])
    with open(f"{folder}/results.csv", newline="") as f:
        finished = sum(r["status"] == "ok" for r in csv.DictReader(f))
    if finished != runs:
        sys.exit(f"k8s-check: FAILED: collect tabled {finished} finished runs of {runs}")
    print(f"k8s-check: ok: sweep.yaml's {shards} shards ran {runs} runs; sweep-collect.yaml wrote the tables", file=sys.stderr)


if __name__ == "__main__":
    main()
