"""Checks a fuzzing corpus (scripts/fuzz-corpus.mjs) with Python's jsonschema, through the
README snippet (snippet.py), in draft-07 and in 2020-12 mode.

Usage: run-corpus.py CORPUS.jsonl. Each line holds { profile, schema (a draft-07 model id),
data, valid (our verdict) }. Every value whose verdict differs is printed as a DISAGREE line
(ready to become a vector), then one count line per dialect,
`python-jsonschema VERSION corpus[/2020-12]: N/N agree`. Exit status: 0 all agree, 1 a
disagreement or an empty corpus, 2 a setup error.
"""
import json
import sys

from harness import BUNDLES, DIALECTS, IMPLEMENTATION, load_snippet, model_id, setup_error as fail

PROGRAM = "run-corpus.py"
snippet, VERSION = load_snippet(PROGRAM)


def setup_error(message):
    fail(PROGRAM, message)


def main(argv):
    if len(argv) != 2:
        setup_error("usage: run-corpus.py CORPUS.jsonl")
    try:
        with open(argv[1], encoding="utf-8") as handle:
            entries = [json.loads(line) for line in handle if line.strip()]
        compilers = {dialect: snippet.compiler(BUNDLES, dialect) for dialect in DIALECTS}
    except (OSError, ValueError, KeyError) as error:
        setup_error(str(error))
    ok = bool(entries)
    for dialect, compile_model in compilers.items():
        validators = {}
        agree = 0
        for entry in entries:
            schema = model_id(entry["schema"], dialect)
            try:
                if schema not in validators:
                    validators[schema] = compile_model(schema)
                verdict = validators[schema].is_valid(entry["data"])
            except Exception as error:  # e.g. an unresolvable $ref: never fetched
                verdict = f"error ({type(error).__name__}: {error})"
            if verdict is entry["valid"]:
                agree += 1
                continue
            said = verdict if isinstance(verdict, str) else "valid" if verdict else "invalid"
            print(f"DISAGREE {entry['profile']}{DIALECTS[dialect]} {schema}: {json.dumps(entry['data'])}: "
                  f"{IMPLEMENTATION} says {said}, ours {'valid' if entry['valid'] else 'invalid'}", flush=True)
        print(f"{IMPLEMENTATION} {VERSION} corpus{DIALECTS[dialect]}: {agree}/{len(entries)} agree", flush=True)
        ok = ok and agree == len(entries)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
