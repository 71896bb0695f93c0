#!/usr/bin/env python3
"""Runs `trueup report` over a book on Spark: the same metrics.csv and flags.csv as one run.

    python3 spark/trueup_spark.py --trueup BIN --master URL --partitions N \\
        --forecasts F --actuals A --out DIR [report options]
    spark-submit spark/trueup_spark.py --trueup BIN --partitions N ...   (the master from spark-submit)

1. Spark reads both files as raw lines (bytes: any encoding trueup reads) and numbers them.
2. Each chunk of lines goes through `trueup route` on an executor: trueup itself reads the rows
   (its dialects, --columns, --normalize-keys, --by) and says each row's partition, the FNV-1a hash
   of its group's code (docs/scale.md). Nothing here parses CSV.
3. Spark's own shuffle (repartitionAndSortWithinPartitions) puts every row in its partition, in
   file order.
4. Each partition runs `trueup report --partition K/N --partial FILE --book-id ID` on its executor
   on its own rows; the trueup binary is shipped with the job (SparkContext.addFile).
5. The partials stay on the executors' disks; the driver fetches them one at a time and runs
   `trueup merge` into --out DIR.

Report options go to the partitions (how to read and score) or to the merge (how to write); see
docs/scale.md for what a partition given only its own rows can't know (its files' paths and digests
in run.json and rejects.csv are the partition's).
"""
import argparse
import hashlib
import os
import shutil
import stat
import subprocess
import sys
import tempfile

# The report's options that say how to write, given to merge; the others say how to read and score.
MERGE_OPTIONS = {"--format", "--history", "--tier", "--top", "--csv-dialect"}
MERGE_FLAGS = {"--excel", "--no-xlsx", "--timings", "--no-history", "--wide"}
# Options of report that `trueup route` (which reads but does not score) does not take.
NOT_ROUTE_OPTIONS = {"--lag"}


def split_options(options):
    """(the partitions' options, the merge's options) from the report options given."""
    partition, merge = [], []
    k = 0
    while k < len(options):
        name = options[k].split("=", 1)[0]
        if name in MERGE_FLAGS:
            merge.append(options[k])
            k += 1
        elif name in MERGE_OPTIONS:
            take = 1 if "=" in options[k] else 2
            merge += options[k:k + take]
            k += take
        else:
            partition.append(options[k])
            k += 1
    return partition, merge


def route_options(options):
    """The partitions' options without those `trueup route` doesn't take (and their values)."""
    kept, k = [], 0
    while k < len(options):
        name = options[k].split("=", 1)[0]
        if name in NOT_ROUTE_OPTIONS:
            k += 1 if "=" in options[k] else 2
        else:
            kept.append(options[k])
            k += 1
    return kept


def executable(name):
    """The shipped trueup binary on this executor, runnable."""
    from pyspark import SparkFiles
    path = SparkFiles.get(name)
    mode = os.stat(path).st_mode
    if not mode & stat.S_IXUSR:
        os.chmod(path, mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    return path


def run(command, what):
    done = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if done.returncode != 0:
        raise RuntimeError(f"{what} failed (exit {done.returncode}):\n{done.stderr.decode('utf-8', 'replace')}")
    return done.stdout


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--trueup", required=True, help="the trueup binary (shipped to the executors)")
    parser.add_argument("--master", help="Spark master URL, e.g. local[2] or spark://host:7077 (default: spark-submit's)")
    parser.add_argument("--partitions", type=int, required=True, help="how many partitions (trueup processes) to split the book into")
    parser.add_argument("--forecasts", required=True)
    parser.add_argument("--actuals", required=True)
    parser.add_argument("--out", required=True, help="where merge writes the report's files")
    args, options = parser.parse_known_args(argv)
    if args.partitions < 1:
        parser.error("--partitions must be 1 or more")
    partition_options, merge_options = split_options(options)
    n = args.partitions
    trueup = os.path.abspath(args.trueup)
    binary = os.path.basename(trueup)

    from pyspark.sql import SparkSession
    builder = SparkSession.builder.appName("trueup")
    if args.master:
        builder = builder.master(args.master)
    spark = builder.getOrCreate()
    sc = spark.sparkContext
    sc.addFile(trueup)

    sides = {"forecasts": args.forecasts, "actuals": args.actuals}
    lines = {side: sc.textFile(path, use_unicode=False).zipWithIndex() for side, path in sides.items()}
    headers = {side: rdd.filter(lambda pair: pair[1] == 0).map(lambda pair: pair[0]).collect() for side, rdd in lines.items()}
    for side, header in headers.items():
        if not header:
            raise SystemExit(f"trueup_spark: {sides[side]} is empty")
    headers = {side: header[0] for side, header in headers.items()}
    # The book's name, the same in every partial: the inputs as given, with their headers.
    book = hashlib.sha256(repr(sorted((side, sides[side], headers[side]) for side in sides)).encode()).hexdigest()[:16]
    routing = route_options(partition_options)

    def route(side):
        def chunk(rows):
            rows = list(rows)
            if not rows:
                return
            with tempfile.TemporaryDirectory() as folder:
                paths = {}
                for name in sides:
                    paths[name] = os.path.join(folder, name + ".csv")
                    with open(paths[name], "wb") as out:
                        out.write(headers[name] + b"\n")
                        if name == side:
                            for line, index in rows:
                                if index > 0:
                                    out.write(line + b"\n")
                routed = run([executable(binary), "route", "--partitions", str(n), "--forecasts", paths["forecasts"],
                              "--actuals", paths["actuals"]] + routing, "trueup route")
            owners = {}
            for record in routed.decode().splitlines()[1:]:
                name, line, owner = record.split(",")
                if name == side:
                    owners[int(line)] = int(owner)
            data = [pair for pair in rows if pair[1] > 0]
            for position, (line, index) in enumerate(data):
                # Line 1 of the chunk's file is the header.
                yield (owners.get(position + 2, 1), 0 if side == "forecasts" else 1, index), line
        return lines[side].mapPartitions(chunk)

    rows = route("forecasts").union(route("actuals"))
    shuffled = rows.repartitionAndSortWithinPartitions(n, partitionFunc=lambda key: key[0] - 1, keyfunc=lambda key: key)

    def score(k, rows):
        with tempfile.TemporaryDirectory() as folder:
            paths = {name: os.path.join(folder, name + ".csv") for name in sides}
            files = {name: open(paths[name], "wb") for name in sides}
            for name in sides:
                files[name].write(headers[name] + b"\n")
            for (owner, side, _), line in rows:
                files["forecasts" if side == 0 else "actuals"].write(line + b"\n")
            for handle in files.values():
                handle.close()
            partial = os.path.join(folder, "partial")
            run([executable(binary), "report", "--forecasts", paths["forecasts"], "--actuals", paths["actuals"],
                 "--partition", f"{k + 1}/{n}", "--partial", partial, "--book-id", book] + partition_options,
                f"trueup report --partition {k + 1}/{n}")
            with open(partial, "rb") as made:
                yield k + 1, made.read()

    # The partitions run at once and keep their partials on the executors' disks; the driver then
    # fetches them one at a time (a partial of a large book is larger than a driver's default memory).
    from pyspark import StorageLevel
    partials = shuffled.mapPartitionsWithIndex(score).persist(StorageLevel.DISK_ONLY)
    partials.count()
    with tempfile.TemporaryDirectory() as folder:
        names = []
        for k, data in partials.toLocalIterator():
            names.append(os.path.join(folder, f"partition-{k}-of-{n}.partial"))
            with open(names[-1], "wb") as out:
                out.write(data)
        spark.stop()
        merged = subprocess.run([trueup, "merge"] + sorted(names) + ["--out", args.out] + merge_options)
    return merged.returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
