"""Checks a fuzzing corpus (scripts/fuzz-corpus.mjs) with Python's jsonschema.

Each line holds a value, the schema it was checked against and our verdict; any line where
jsonschema's verdict differs is printed (ready to become a vector), and the run fails.
"""
import importlib.util
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location("run_vectors", os.path.join(HERE, "run-vectors.py"))
run_vectors = importlib.util.module_from_spec(spec)
spec.loader.exec_module(run_vectors)  # exits 2 with a clear message when jsonschema is missing


def main(path):
    makers = {profile: run_vectors.validator_factory(profile) for profile in ("default", "strict")}
    cache = {}
    ran = failed = 0
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            entry = json.loads(line)
            key = (entry["profile"], entry["schema"])
            if key not in cache:
                cache[key] = makers[entry["profile"]](entry["schema"])
            ran += 1
            if cache[key].is_valid(entry["data"]) != entry["valid"]:
                failed += 1
                print("DISAGREE %s %s: %s (ours: %s)" % (entry["profile"], entry["schema"], json.dumps(entry["data"]), entry["valid"]))
    print("python jsonschema: %d fuzzing values, %d agree, %d disagree" % (ran, ran - failed, failed))
    return 1 if failed or ran == 0 else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
