"""Build the project's own spaCy pipeline: blank English + a lookup lemmatizer.

spaCy's pretrained pipelines cannot be downloaded here, and Rasa's SpacyNLP needs an
installed package, so we package our own. The lookup tables come from the PyPI package
spacy-lookups-data and are saved inside the pipeline, so it is needed only at build time.

Usage: python spacy_pipeline/build.py OUT_DIR   (prints the path of the built wheel)
"""
import subprocess
import sys
from pathlib import Path

import spacy

NAME = "safechat"  # spaCy prefixes the language: the package is `en_safechat`
VERSION = "1.0.0"


def build(out_dir: Path) -> Path:
    nlp = spacy.blank("en")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.initialize()  # loads the lookup tables from spacy-lookups-data
    nlp.meta.update(
        name=NAME,
        version=VERSION,
        description="Blank English tokenizer with a lookup lemmatizer, for Safe Chat.",
        license="MIT",
    )
    out_dir.mkdir(parents=True, exist_ok=True)
    model_dir = out_dir / "pipeline"
    nlp.to_disk(model_dir)
    dist = out_dir / "dist"
    dist.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(
        [sys.executable, "-m", "spacy", "package", str(model_dir), str(dist),
         "--build", "wheel", "--force"],
        capture_output=True, text=True,
    )
    if done.returncode != 0:  # its routine output is setuptools noise; show it only on failure
        sys.exit(done.stdout + done.stderr)
    return next(dist.glob(f"en_{NAME}-{VERSION}/dist/*.whl"))


if __name__ == "__main__":
    print(build(Path(sys.argv[1]).resolve()))
