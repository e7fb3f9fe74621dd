"""`packgen report`, top to bottom: read the pack (and the version it replaces), make the
appendices and the covering report, write them together into <out>/<pack>-committee/."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from generator.artefacts.base import BuildContext
from generator.clock import build_date
from generator.committee.appendices import changes_appendix, guidance_appendix
from generator.committee.changes import section_changes
from generator.committee.report_docx import Appendix, Meeting, report_bytes
from generator.committee.revisions import changes_docx_bytes
from generator.committee.versions import read_earlier
from generator.committee.word_base import base_document
from generator.content.reader import load_pack
from generator.pipeline.build import BuildRequest, templates_for
from generator.publish.manifest import MANIFEST, read_manifest
from generator.publish.output import locked, publish, refuse_foreign

FOLDER_SUFFIX = "-committee"
REPORT = "report.docx"
GUIDANCE_PDF = "appendix-a.pdf"
CHANGES_PDF = "appendix-b-changes.pdf"
CHANGES_DOCX = "appendix-b-changes.docx"
LABELS = ("Appendix A", "Appendix B")


@dataclass(frozen=True)
class ReportRequest:
    pack_dir: Path
    out_root: Path = Path("build")
    earlier: str | None = None  # --from: a version (archive or git) or an old copy's folder
    meeting: str | None = None  # default: the body that approves the guidance (pack.yaml approved_by)
    meeting_date: dt.date | None = None
    first_page: int | None = None
    as_of: dt.date | None = None
    templates: Path | None = None


@dataclass(frozen=True)
class ReportResult:
    out_dir: Path
    files: dict[str, int | None]  # name -> pages (None for a Word document)


def make_report(request: ReportRequest) -> ReportResult:
    pack = load_pack(request.pack_dir)
    old = read_earlier(request.pack_dir, request.earlier) if request.earlier else None
    built = build_date(request.as_of)
    templates = templates_for(BuildRequest(request.pack_dir, templates=request.templates), pack)
    context = BuildContext(pack, request.pack_dir, built, templates=templates)
    guidance = guidance_appendix(context, LABELS[0], request.first_page)
    files = {GUIDANCE_PDF: guidance.data}
    pages: dict[str, int | None] = {GUIDANCE_PDF: guidance.pages}
    appendices = [Appendix(LABELS[0], f"{pack.title}, version {pack.version}", (GUIDANCE_PDF,))]
    if old is not None:
        sections = section_changes(old, pack)
        after_a = request.first_page + guidance.pages if request.first_page else None
        _, changes = changes_appendix(context, LABELS[1], old.version, sections, after_a)
        files[CHANGES_PDF] = changes.data
        pages[CHANGES_PDF] = changes.pages
        files[CHANGES_DOCX] = changes_docx_bytes(
            base_document(templates, pack), pack, old.version, LABELS[1], sections, built
        )
        pages[CHANGES_DOCX] = None
        appendices.append(
            Appendix(
                LABELS[1],
                f"changes from version {old.version} to version {pack.version}, marked",
                (CHANGES_PDF, f"{CHANGES_DOCX} with tracked changes"),
            )
        )
    meeting = Meeting(request.meeting or pack.approved_by, request.meeting_date)
    files = {REPORT: report_bytes(base_document(templates, pack), pack, old, meeting, tuple(appendices), built)} | files
    pages = {REPORT: None, **pages}
    out_dir = request.out_root / f"{pack.slug}{FOLDER_SUFFIX}"
    files[MANIFEST] = _manifest(pack, old, built, files, pages)
    with locked(out_dir):
        refuse_foreign(out_dir, read_manifest(out_dir))
        publish(out_dir, files)
    return ReportResult(out_dir, pages)


def _manifest(pack, old, built: dt.date, files: dict[str, bytes], pages: dict[str, int | None]) -> bytes:
    """What was written, with hashes: the next report replaces only these files."""
    manifest = {
        "pack": pack.slug,
        "report": "committee",
        "version": pack.version,
        "compared_with": old.version if old else None,
        "built": built.isoformat(),
        "artefacts": [
            {
                "kind": f"committee-{name.split('.')[0]}",
                "path": name,
                "sha256": hashlib.sha256(data).hexdigest(),
                "pages": pages[name],
            }
            for name, data in files.items()
        ],
    }
    return (json.dumps(manifest, indent=2, ensure_ascii=False) + "\n").encode()
