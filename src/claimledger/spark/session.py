"""Starting Spark as a new user expects: Java found or a clear error, the workers running this
Python (so that they import claimledger), quiet logs, and a progress line per finished partition."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from claimledger.errors import EngineUnavailable

MIN_JAVA = 17  # Spark 4 runs on Java 17 and newer


def java_version() -> int:
    """The major version of the Java that Spark will start ($JAVA_HOME's, else the one on PATH)."""
    home = os.environ.get("JAVA_HOME")
    java = os.path.join(home, "bin", "java") if home else shutil.which("java")
    if not java or not os.path.exists(java):
        where = f"$JAVA_HOME ({home}) has no bin/java" if home else "no `java` on PATH and no $JAVA_HOME"
        raise EngineUnavailable(f"spark: Java {MIN_JAVA} or newer is needed ({where}); "
                                "install a JDK (e.g. `apt-get install openjdk-17-jre-headless`)")
    try:
        out = subprocess.run([java, "-version"], capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise EngineUnavailable(f"spark: {java} does not run ({exc})") from None
    m = re.search(r'version "(\d+)(?:\.(\d+))?', out.stderr + out.stdout)
    if not m:
        raise EngineUnavailable(f"spark: cannot tell the version of {java}")
    major = int(m.group(2)) if m.group(1) == "1" else int(m.group(1))  # "1.8.0" is Java 8
    if major < MIN_JAVA:
        raise EngineUnavailable(f"spark: {java} is Java {major}; Spark 4 needs Java {MIN_JAVA} or newer")
    return major


def workers_python() -> None:
    """Workers run the driver's Python unless told otherwise (spark-submit with a packed
    environment sets ``spark.pyspark.python`` or PYSPARK_PYTHON itself)."""
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)


def start(master: str | None, app_name: str = "claimledger") -> Any:
    """A SparkSession on ``master`` if given, else the one spark-submit set, else local[*]."""
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        raise EngineUnavailable("spark: pyspark is not installed: pip install 'claimledger[spark]'") from None
    submitted = "PYSPARK_GATEWAY_PORT" in os.environ  # spark-submit started the JVM and set the master
    if not submitted:
        java_version()
    workers_python()
    builder = SparkSession.builder.appName(app_name).config("spark.ui.showConsoleProgress", "false")
    if master is not None or not submitted:
        builder = builder.master(master or "local[*]")
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    return spark


@contextmanager
def progress(counters: dict[str, Any], total_partitions: int, say: Callable[[str], None],
             every: float = 0.5) -> Iterator[None]:
    """A line per finished partition while the block runs, read from Spark accumulators
    (``counters``: partitions, articles, errors) that tasks add to when they end."""
    stop = threading.Event()
    started = time.monotonic()

    def watch() -> None:
        shown = 0
        while True:
            done = counters["partitions"].value
            while shown < done:
                shown += 1
                say(f"partition {shown} of {total_partitions} done: {counters['articles'].value:,} articles, "
                    f"{counters['errors'].value:,} errors so far ({time.monotonic() - started:.0f} s)")
            if stop.wait(every):
                if counters["partitions"].value == shown:
                    return

    thread = threading.Thread(target=watch, name="claimledger-progress", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join(timeout=5)
