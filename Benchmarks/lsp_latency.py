#!/usr/bin/env python3
"""Language server latency: from `didChange` to the `publishDiagnostics` of the changed compose file, on a copy of
the bundled seed project (5 services, a Dockerfile, nginx config). Prints p50 and p95 over the edits.
usage: lsp_latency.py COMPOSE_AUDIT_BINARY [EDITS]"""
import os
import shutil
import statistics
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Tests", "lsp"))
from lsp_client import Client  # noqa: E402

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))


def main():
    binary, edits = os.path.abspath(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 200
    folder = tempfile.mkdtemp(prefix="ca-lsp-bench-")
    try:
        project = os.path.join(folder, "shop")
        shutil.copytree(os.path.join(ROOT, "Fixtures", "tsh-erp"), project)
        compose = os.path.join(project, "docker-compose.yml")
        with open(compose, encoding="utf-8") as handle:
            text = handle.read()
        client = Client(binary)
        client.initialize(project)
        client.open(compose, text)
        client.wait_diagnostics(compose)
        samples = []
        for index in range(edits):
            # A keystroke: the value of a label-like comment grows by one character.
            edited = text + "# edit " + "x" * (index % 40) + "\n"
            sent = time.perf_counter()
            client.change(compose, edited, version=index + 2)
            published = client.wait(lambda m: m.get("method") == "textDocument/publishDiagnostics"
                                    and m["params"]["uri"].endswith("/shop/docker-compose.yml"))
            samples.append((published["_received"] - sent) * 1000)
        client.stop()
    finally:
        shutil.rmtree(folder)
    samples.sort()
    p95 = samples[max(0, int(len(samples) * 0.95) - 1)]
    print("lsp didChange -> publishDiagnostics on the seed project (%d edits): p50 %.2f ms, p95 %.2f ms, max %.2f ms"
          % (len(samples), statistics.median(samples), p95, samples[-1]))


if __name__ == "__main__":
    main()
