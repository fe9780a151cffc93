"""Reads the YAML content files in `content/` that maintainers edit."""
from functools import lru_cache
from pathlib import Path
from typing import Any, Dict

import yaml

CONTENT_DIR = Path(__file__).resolve().parent.parent / "content"


class ContentError(ValueError):
    """A content file is missing, malformed or breaks a rule of its schema."""


@lru_cache(maxsize=None)
def load(name: str) -> Dict[str, Any]:
    """Parse `content/<name>.yml` once per process."""
    path = CONTENT_DIR / f"{name}.yml"
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise ContentError(f"cannot read {path}: {error}") from error
    if not isinstance(data, dict):
        raise ContentError(f"{path} must hold a mapping at the top level")
    return data
