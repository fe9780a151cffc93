"""Build the project's own spaCy pipeline: blank English + a lookup lemmatizer.

spaCy's pretrained pipelines cannot be downloaded here, and Rasa's SpacyNLP needs an
installed package, so we package our own. The lookup tables come from the PyPI package
spacy-lookups-data and are saved inside the pipeline, so it is needed only at build time.

The package also carries the subword embeddings of safechat/nlu/embeddings.py: a tokenizer
and a table of vectors taken from the PyPI wheel of WordLlama (MIT licence), pinned by
version and by the SHA-256 of each file. Only those two files are used; the wheel's code is
never installed (it needs numpy 2, which Rasa 3.6 cannot use).

Usage: python spacy_pipeline/build.py OUT_DIR   (prints the path of the built wheel)
"""
import hashlib
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import spacy

NAME = "safechat"  # spaCy prefixes the language: the package is `en_safechat`
VERSION = "1.1.0"
WORDLLAMA = "wordllama==0.4.0.post1"
# file in the wheel -> (name in the package, SHA-256)
SUBWORD_FILES = {
    "wordllama/tokenizers/l2_supercat_tokenizer_config.json":
        ("tokenizer.json", "93248f2a9ec36c7b35f700a033d5f36228aae48db61aee31007fa49062cdeb68"),
    "wordllama/weights/l2_supercat_256.safetensors":
        ("embeddings.safetensors", "64b47a2dc493cb8e85944076601189739852d7b64e0e1eedcb1937a251cd9fd5"),
}


def add_subword_embeddings(model_dir: Path) -> None:
    """Copy the pinned tokenizer and vector table into the pipeline (checked by hash)."""
    from safechat.nlu.embeddings import ASSETS

    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps",
                        "--only-binary=:all:", WORDLLAMA, "-d", tmp], check=True)
        (wheel,) = Path(tmp).glob("*.whl")
        target = model_dir / ASSETS
        target.mkdir(parents=True, exist_ok=True)
        with zipfile.ZipFile(wheel) as archive:
            for member, (name, sha256) in SUBWORD_FILES.items():
                data = archive.read(member)
                if hashlib.sha256(data).hexdigest() != sha256:
                    sys.exit(f"{member} in {wheel.name} does not match its pinned SHA-256")
                (target / name).write_bytes(data)


def build(out_dir: Path) -> Path:
    nlp = spacy.blank("en")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.initialize()  # loads the lookup tables from spacy-lookups-data
    nlp.meta.update(
        name=NAME,
        version=VERSION,
        description="Blank English tokenizer with a lookup lemmatizer and subword "
                    "embeddings (from WordLlama, MIT), for Safe Chat.",
        license="MIT",
    )
    out_dir.mkdir(parents=True, exist_ok=True)
    model_dir = out_dir / "pipeline"
    nlp.to_disk(model_dir)
    add_subword_embeddings(model_dir)
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
