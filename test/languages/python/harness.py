"""What the Python runners share: where things are, the snippet as they import it, and the
2020-12 model ids. Importing it turns deprecation warnings into errors (the snippet must use
no deprecated API) and writes no __pycache__ beside the snippet."""
import sys
import warnings
from pathlib import Path

sys.dont_write_bytecode = True
warnings.simplefilter("error", DeprecationWarning)

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
BUNDLES = ROOT / "schemas" / "bundles"
IMPLEMENTATION = "python-jsonschema"
PREFIX = "https://batch-job-schema.invalid/schemas/"
DIALECTS = {"draft-07": "", "2020-12": "/2020-12"}  # profile label suffix per dialect


def setup_error(program, message):
    sys.stderr.write(f"{program}: {message}\n")
    sys.exit(2)


def load_snippet(program):
    """The README snippet (snippet.py) and the version of jsonschema it runs on."""
    try:
        from importlib.metadata import version

        sys.path.insert(0, str(HERE))
        import snippet

        return snippet, version("jsonschema")
    except ImportError as error:
        setup_error(program, f"{error}; run setup.sh first (it installs the pinned jsonschema into .venv)")


def model_id(ref, dialect):
    """The vectors name draft-07 model ids; the 2020-12 ones have 2020-12/ after the prefix."""
    if dialect == "2020-12" and ref.startswith(PREFIX):
        return PREFIX + "2020-12/" + ref[len(PREFIX):]
    return ref
