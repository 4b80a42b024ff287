"""Runs every language-neutral vector through Python's jsonschema.

The default profile loads the hand-written documents from schemas/; the strict profile loads
the generated strict bundle, with format checking on. Prints one line per disagreement and a
closing count; exits 1 on any disagreement and 2 when jsonschema is missing.
"""
import glob
import json
import os
import sys

try:
    import jsonschema
except ImportError:
    sys.stderr.write(
        "run-vectors.py: the Python module jsonschema is missing for %s; "
        "install it (Debian: apt-get install -y python3-jsonschema)\n" % sys.executable
    )
    sys.exit(2)

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def load(path):
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


def documents(profile):
    """Every schema document of a profile, keyed by its $id.

    The default profile reads the hand-written documents from schemas/, and from the bundle only
    the documents the build derives (the in-batch request bodies), which are not files there.
    """
    if profile == "default":
        docs = [load(p) for p in sorted(glob.glob(os.path.join(ROOT, "schemas", "*.schema.json")))]
        ids = {doc["$id"] for doc in docs}
        bundle = load(os.path.join(ROOT, "src", "generated", "bundle.schema.json"))
        docs += [doc for doc in bundle["definitions"].values() if doc["$id"] not in ids]
    else:
        docs = list(load(os.path.join(ROOT, "src", "generated", "bundle.strict.schema.json"))["definitions"].values())
    return {doc["$id"]: doc for doc in docs}


def validator_factory(profile):
    store = documents(profile)
    checker = jsonschema.FormatChecker() if profile == "strict" else None
    try:  # jsonschema >= 4.18 resolves references through the referencing library
        from referencing import Registry, Resource

        registry = Registry().with_resources((i, Resource.from_contents(d)) for i, d in store.items())

        def make(ref):
            return jsonschema.Draft7Validator({"$ref": ref}, registry=registry, format_checker=checker)

    except ImportError:  # older releases, such as Debian 12's 4.10
        def make(ref):
            resolver = jsonschema.RefResolver(base_uri=ref, referrer=store[ref], store=store)
            return jsonschema.Draft7Validator({"$ref": ref}, resolver=resolver, format_checker=checker)

    return make


def main():
    ran = failed = 0
    for profile in ("default", "strict"):
        make = validator_factory(profile)
        for path in sorted(glob.glob(os.path.join(ROOT, "test", "vectors", profile, "*.json"))):
            for group in load(path):
                validator = make(group["schema"]["$ref"])
                for test in group["tests"]:
                    ran += 1
                    verdict = validator.is_valid(test["data"])
                    if verdict != test["valid"]:
                        failed += 1
                        print("DISAGREE %s/%s: %s: %s: jsonschema says %s" % (
                            profile, os.path.basename(path), group["description"], test["description"],
                            "valid" if verdict else "invalid"))
    print("python jsonschema: %d vectors, %d agree, %d disagree" % (ran, ran - failed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
