#!/usr/bin/env python3
"""Validates `compose-audit check --format sarif` against the OASIS SARIF 2.1.0 JSON schema for both
fixtures and every project folder of the corpus that has a default compose file.

usage: sarif_schema.py COMPOSE_AUDIT SCHEMA PACKAGE_ROOT CORPUS_DIR
"""
import json
import os
import subprocess
import sys

import jsonschema


def main():
    tool, schema_path, root, corpus = (os.path.abspath(a) for a in sys.argv[1:5])
    schema = json.load(open(schema_path, encoding="utf-8"))
    validator = jsonschema.Draft7Validator(schema)
    folders = [os.path.join(root, "Fixtures", name) for name in ("tsh-erp", "twlan")]
    names = ("compose.yaml", "compose.yml", "docker-compose.yaml", "docker-compose.yml")
    for base, _, files in os.walk(corpus):
        if any(name in files for name in names):
            folders.append(base)
    passed = failed = 0
    results = 0
    for folder in folders:
        run = subprocess.run([tool, "check", folder, "--format", "sarif", "--fail-on", "never"], capture_output=True, text=True, timeout=60)
        if run.returncode == 2:
            continue  # an input error is not a report
        log = json.loads(run.stdout)
        errors = sorted(validator.iter_errors(log), key=lambda e: list(e.path))
        if errors:
            failed += 1
            print("FAIL %s: %s at %s" % (folder, errors[0].message[:200], "/".join(map(str, errors[0].path))))
        else:
            passed += 1
            results += len(log["runs"][0]["results"])
    print("sarif: %d reports valid against SARIF 2.1.0 (%d results), %d invalid" % (passed, results, failed))
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
