"""The build's last step: its outputs and their manifest published into the output folder at once."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from generator.artefacts.base import BuildContext, Output
from generator.artefacts.registry import KINDS, QUIZ_KINDS
from generator.html.preview import without_local_paths
from generator.pipeline import inputs
from generator.pipeline.inputs import Inputs
from generator.publish.manifest import MANIFEST, artefact_entry, dump, make_manifest, read_manifest
from generator.publish.output import locked, publish, refuse_foreign
from generator.publish.people_folder import carried_people_files


@dataclass(frozen=True)
class Placed:
    """One file as the build writes it: named in its language's folder (cy/booklet.pdf) when the
    pack has several, with the inputs of the module that made it and the language it is in."""

    output: Output
    inputs: Inputs
    language: str  # a BCP 47 code ("cy"), or "mul" for one file in every language of the pack


def write(
    out_dir,
    context: BuildContext,
    content_sha256: str,
    written: list[Placed],
    keep_html: bool,
    languages: tuple[str, ...] = (),
) -> tuple[dict, str | None]:
    """Publish the outputs and their manifest; return it, and why induct's named packs went, if they did."""
    outputs = [each.output for each in written]
    files = {o.filename: o.data for o in outputs}
    if keep_html:
        files |= {html_name(o.filename): _previewable(o.html, context) for o in outputs if o.html}
    entries = [artefact_entry(each.output, each.language) | {"inputs": each.inputs.as_manifest()} for each in written]
    content = {path: sha for each in written for path, sha in each.inputs.content.items()}
    with locked(out_dir):
        refuse_foreign(out_dir, read_manifest(out_dir))
        facts = _build_facts(context, {o.kind for o in outputs}) | {"inputs": inputs.manifest_facts(content)}
        facts |= {"languages": list(languages)} if len(languages) > 1 else {}
        manifest = make_manifest(context, content_sha256, entries, facts)
        manifest["artefacts"].sort(key=lambda entry: (KINDS.index(entry["kind"]), entry["path"]))
        people, dropped = carried_people_files(out_dir, content_sha256)  # packgen induct's named packs, if current
        _list_previews(manifest, files)
        publish(out_dir, files | {MANIFEST: dump(manifest)}, keep=people)
    return manifest, dropped


def _build_facts(context: BuildContext, rebuilt: set[str]) -> dict:
    """Status for every build; the quiz seed when the quiz is in the build."""
    facts: dict[str, object] = {"status": context.pack.status, "overdue": context.overdue}
    if rebuilt & set(QUIZ_KINDS):  # generated questions follow the seed
        facts |= {"quiz_seed": context.seed, "quiz_variants": context.quiz_variants}
        facts |= {"quiz_questions": context.quiz_questions} if context.quiz_questions else {}
    return facts


def _list_previews(manifest: dict, written: dict[str, bytes]) -> None:
    """Name each artefact's --keep-html preview and its hash in the manifest, so the next build
    and `packgen clean` replace or delete it only while it holds the bytes packgen wrote."""
    for entry in manifest["artefacts"]:
        entry.pop("html", None)
        entry.pop("html_sha256", None)
        preview = html_name(entry["path"])
        if preview in written:
            entry["html"] = preview
            entry["html_sha256"] = hashlib.sha256(written[preview]).hexdigest()


def html_name(pdf_name: str) -> str:
    return pdf_name.rsplit(".", 1)[0] + ".html"


def _previewable(html: str, context: BuildContext) -> bytes:
    """Kept HTML names no local path: no file: <base>, a raster logo inlined as a data: address."""
    return without_local_paths(html, context.readable_roots)
