"""Runs every vector (test/vectors/{default,strict}/*.json) through the README snippet
(snippet.py) with Python's jsonschema, in draft-07 and in 2020-12 mode.

Prints one line per (profile, dialect), `python-jsonschema VERSION PROFILE: N/N agree`, each
preceded by a DISAGREE line per disagreement. Exit status: 0 all agree, 1 a disagreement,
2 a setup error (jsonschema missing, a bundle or the vectors missing or unreadable).
"""
import json
import sys

from harness import BUNDLES, DIALECTS, IMPLEMENTATION, ROOT, load_snippet, model_id, setup_error as fail

VECTORS = ROOT / "test" / "vectors"
PROFILES = ("default", "strict")
PROGRAM = "run-vectors.py"
snippet, VERSION = load_snippet(PROGRAM)


def setup_error(message):
    fail(PROGRAM, message)


def load_vectors():
    vectors = {}
    for profile in PROFILES:
        files = sorted((VECTORS / profile).glob("*.json"))
        if not files:
            setup_error(f"no vector files in {VECTORS / profile}")
        vectors[profile] = [(path.name, json.loads(path.read_text(encoding="utf-8"))) for path in files]
    return vectors


def run(compile_model, profile, dialect, files):
    """Checks one profile's vectors in one dialect; returns (agreeing, total)."""
    label = profile + DIALECTS[dialect]
    agree = total = 0
    for name, groups in files:
        for group in groups:
            validator = failure = None
            try:
                validator = compile_model(model_id(group["schema"]["$ref"], dialect))
            except Exception as error:  # an unusable schema fails each of its tests
                failure = f"error ({type(error).__name__}: {error})"
            for test in group["tests"]:
                total += 1
                try:
                    verdict = failure if validator is None else validator.is_valid(test["data"])
                except Exception as error:  # e.g. an unresolvable $ref: never fetched
                    verdict = f"error ({type(error).__name__}: {error})"
                if verdict is test["valid"]:
                    agree += 1
                    continue
                said = verdict if isinstance(verdict, str) else "valid" if verdict else "invalid"
                print(f"DISAGREE {label} {name}: {group['description']}: {test['description']}: "
                      f"{IMPLEMENTATION} says {said}", flush=True)
    print(f"{IMPLEMENTATION} {VERSION} {label}: {agree}/{total} agree", flush=True)
    return agree == total


def main():
    vectors = load_vectors()
    compilers = {}
    for dialect in DIALECTS:
        try:
            compilers[dialect] = snippet.compiler(BUNDLES, dialect)
        except (OSError, ValueError, KeyError) as error:
            setup_error(f"cannot load the {dialect} bundles from {BUNDLES}: {error}")
    ok = True
    for dialect, compile_model in compilers.items():
        for profile in PROFILES:
            ok = run(compile_model, profile, dialect, vectors[profile]) and ok
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
