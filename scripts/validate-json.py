#!/usr/bin/env python3
"""Validate JSON documents (or JSON Lines with --lines) against a JSON Schema.

Usage: validate-json.py [--lines] SCHEMA FILE...

The schema's "$schema" picks the validator (draft-04 for SARIF 2.1.0, draft 2020-12 for the
report schema) through jsonschema's validator_for. Exit 0 when every document is valid, 1 with
each error (file, JSON path, message) on stderr otherwise, 2 on bad usage or unreadable files.
"""
import json
import sys

import jsonschema


def main(argv):
    lines = False
    if argv and argv[0] == "--lines":
        lines = True
        argv = argv[1:]
    if len(argv) < 2:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    schema_path, files = argv[0], argv[1:]
    try:
        with open(schema_path, encoding="utf-8") as handle:
            schema = json.load(handle)
    except (OSError, ValueError) as error:
        print(f"{schema_path}: cannot load schema: {error}", file=sys.stderr)
        return 2
    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    validator = validator_class(schema)
    failures = 0
    for path in files:
        try:
            with open(path, encoding="utf-8") as handle:
                text = handle.read()
        except OSError as error:
            print(f"{path}: cannot read: {error}", file=sys.stderr)
            return 2
        documents = []
        try:
            if lines:
                documents = [(f"{path}:{number}", json.loads(line))
                             for number, line in enumerate(text.splitlines(), 1) if line.strip()]
            else:
                documents = [(path, json.loads(text))]
        except ValueError as error:
            print(f"{path}: not JSON: {error}", file=sys.stderr)
            failures += 1
            continue
        for name, document in documents:
            for error in sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path)):
                location = "/".join(str(part) for part in error.absolute_path)
                print(f"{name}: /{location}: {error.message}", file=sys.stderr)
                failures += 1
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
