#!/usr/bin/env python3
"""Reruns every ```console command of the given notebooks and writes what it printed back in.

Use after a change that alters what trueup prints, then read the diff as a planner would:
    python3 Tests/Notebooks/refresh.py notebooks-md/*.md
Commands run in a temporary copy of the folders they read (datasets/, Tests/Fixtures, Tests/Intake),
one per notebook, with the debug build's trueup first on the PATH, as NotebookTests runs them
(stdout and stderr together).
"""
import os
import shutil
import subprocess
import sys
import tempfile

root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
bin_path = subprocess.run(["swift", "build", "--show-bin-path"], cwd=root, capture_output=True, text=True).stdout.strip()
env = dict(os.environ, PATH=bin_path + ":" + os.environ.get("PATH", "/usr/bin:/bin"))
env.pop("COLUMNS", None)  # the table at its default width, as the test runs it


def package_copy():
    copy = tempfile.mkdtemp(prefix="trueup-notebook-")
    for folder in ("datasets", "Tests/Fixtures", "Tests/Intake"):
        shutil.copytree(os.path.join(root, folder), os.path.join(copy, folder))
    return copy


def run(command, where):
    done = subprocess.run(["/bin/sh", "-c", "{ " + command + "\n} 2>&1"], cwd=where, env=env, capture_output=True, text=True)
    lines = done.stdout.split("\n")
    while lines and lines[-1] == "":
        lines.pop()
    return [line.rstrip(" ") for line in lines]


for path in sys.argv[1:]:
    where = package_copy()
    lines = open(path, encoding="utf-8").read().split("\n")
    out, in_console, k = [], False, 0
    while k < len(lines):
        line = lines[k]
        if line.startswith("```"):
            in_console = (not in_console) and line == "```console"
            out.append(line)
            k += 1
            continue
        if in_console and line.startswith("$ "):
            out.append(line)
            out.extend(run(line[2:], where))
            k += 1
            while k < len(lines) and not lines[k].startswith("$ ") and not lines[k].startswith("```"):
                k += 1
            continue
        out.append(line)
        k += 1
    shutil.rmtree(where)
    open(path, "w", encoding="utf-8").write("\n".join(out))
    print("refreshed", path)
