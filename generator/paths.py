"""Where packgen's own files are: a leaf module, so the content layer can find the fonts
without importing the template engine."""

from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
# Installed from a wheel, packgen's templates are package data (generator/templates); in a
# clone of the repository (an editable install) they are the repository's templates/ folder.
TEMPLATES = next(
    (p for p in (PACKAGE / "templates", PACKAGE.parent / "templates") if p.is_dir()), PACKAGE / "templates"
)
