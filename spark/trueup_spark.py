#!/usr/bin/env python3
"""Runs `trueup report` over a book on Spark: the same metrics.csv and flags.csv as one run.

    python3 spark/trueup_spark.py --trueup BIN --master URL --partitions N \\
        --forecasts F --actuals A --out DIR [report options]
    spark-submit spark/trueup_spark.py --trueup BIN --partitions N ...   (the master from spark-submit)

1. Spark reads both files as raw lines (bytes: any encoding trueup reads), in chunks in file order.
2. Each chunk of lines goes through `trueup route` on an executor: trueup itself reads the rows
   (its dialects, --columns, --normalize-keys, --by) and says each row's partition, the FNV-1a hash
   of its group's code (docs/scale.md). Nothing here parses CSV. The chunk's lines are cut into one
   block per partition, in order.
3. Spark's own shuffle (repartitionAndSortWithinPartitions) moves every block to its partition,
   sorted by side and chunk: each partition's rows in file order.
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

# The report's options that say how to write (OutputOptions in Sources/trueup/OutputOptions.swift), given to merge;
# the others say how to read and score.
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
    # Spark's partitions of a text file are its lines in file order: chunk k holds lines after chunk k - 1's.
    lines = {side: sc.textFile(path, use_unicode=False) for side, path in sides.items()}
    headers = {}
    for side, rdd in lines.items():
        first = rdd.take(1)
        if not first:
            raise SystemExit(f"trueup_spark: {sides[side]} is empty")
        headers[side] = first[0]
    # The book's name, the same in every partial: the inputs as given, with their headers.
    book = hashlib.sha256(repr(sorted((side, sides[side], headers[side]) for side in sides)).encode()).hexdigest()[:16]
    routing = route_options(partition_options)
    order = {"forecasts": 0, "actuals": 1}

    def route(side):
        def chunk(index, rows):
            rows = list(rows)
            if index == 0 and rows:
                rows = rows[1:]
            if not rows:
                return
            with tempfile.TemporaryDirectory() as folder:
                paths = {name: os.path.join(folder, name + ".csv") for name in sides}
                for name in sides:
                    with open(paths[name], "wb") as out:
                        out.write(headers[name] + b"\n")
                        if name == side:
                            out.write(b"\n".join(rows) + b"\n")
                routed = run([executable(binary), "route", "--partitions", str(n), "--side", side, "--forecasts", paths["forecasts"],
                              "--actuals", paths["actuals"]] + routing, "trueup route")
            owners = [int(owner) - 1 for owner in routed.split()]
            # Lines after the last row trueup read (blank, or rows it can't read) are partition 1's.
            owners += [0] * (len(rows) - len(owners))
            buckets = [[] for _ in range(n)]
            for line, owner in zip(rows, owners):
                buckets[owner].append(line)
            # One record per (partition, chunk): the shuffle moves blocks of lines, not lines.
            for owner, bucket in enumerate(buckets):
                if bucket:
                    yield (owner, order[side], index), b"\n".join(bucket) + b"\n"
        return lines[side].mapPartitionsWithIndex(chunk)

    blocks = route("forecasts").union(route("actuals"))
    shuffled = blocks.repartitionAndSortWithinPartitions(n, partitionFunc=lambda key: key[0], keyfunc=lambda key: key)

    def score(k, blocks):
        with tempfile.TemporaryDirectory() as folder:
            paths = {name: os.path.join(folder, name + ".csv") for name in sides}
            files = {name: open(paths[name], "wb") for name in sides}
            for name in sides:
                files[name].write(headers[name] + b"\n")
            for (_, side, _), block in blocks:
                files["forecasts" if side == 0 else "actuals"].write(block)
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
