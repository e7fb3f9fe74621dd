"""Document control: status, review dates that bite, and the Monday-morning status list."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from generator.clock import uk_date
from generator.errors import ContentError, Problem, plural
from generator.content.reader import PACK_FILE, key_line, load_pack
from generator.content.sources import shown
from generator.content.model import Pack
from generator.content.status import days_left, is_overdue


def check_before_build(folder: Path, pack: Pack, today: dt.date, strict: bool, allow_superseded: bool) -> list[str]:
    """Refuse what must not be printed; return warnings for what may be, with care."""
    pack_file = shown(Path(folder) / PACK_FILE)
    if pack.status == "superseded" and not allow_superseded:
        raise ContentError(
            [
                Problem(
                    pack_file,
                    key_line(folder, "status"),
                    "status is superseded, so this guidance has been replaced; build it only with "
                    "--allow-superseded (every page will say SUPERSEDED)",
                )
            ]
        )
    from generator.content.bilingual import drift_warnings  # twins out of step: warned of, refused by --strict

    warnings = drift_warnings(pack, strict)
    if pack.status == "draft":
        warnings.append(
            "this pack is a DRAFT (status: draft in pack.yaml), and every page and card says so; "
            "set status: approved once the guidance has been approved"
        )
    if not is_overdue(pack, today):
        return warnings
    overdue = f"review_due {uk_date(pack.review_due)} has passed ({-days_left(pack, today):,} days ago)"
    if strict:
        raise ContentError(
            [
                Problem(
                    pack_file,
                    key_line(folder, "review_due"),
                    f"{overdue}; review the guidance with the {pack.owner}, then set a new review_due "
                    "(refused because of --strict)",
                )
            ]
        )
    return warnings + [
        f"the review of this guidance was due on {uk_date(pack.review_due)} and is overdue: "
        f'contact the {pack.owner} to review it. Every page says "Review overdue".'
    ]


@dataclass(frozen=True)
class PackStatus:
    folder: Path
    pack: Pack | None
    problems: int = 0

    def urgency(self, today: dt.date) -> tuple:
        if self.pack is None:
            return (0, 0, str(self.folder))  # a pack that cannot be read is the most urgent of all
        return (1, days_left(self.pack, today), str(self.folder))

    def as_dict(self, today: dt.date) -> dict:
        if self.pack is None:
            return {"pack": self.folder.name, "folder": str(self.folder), "problems": self.problems}
        pack = self.pack
        left = days_left(pack, today)
        return {
            "pack": pack.slug,
            "folder": str(self.folder),
            "title": pack.title,
            "version": pack.version,
            "status": pack.status,
            "review_due": pack.review_due.isoformat(),
            "days_left": left,
            "overdue": left < 0,
        }

    def line(self, today: dt.date) -> str:
        if self.pack is None:
            return f"{self.folder.name}: cannot be read ({plural(self.problems, 'problem')}): run packgen check {self.folder}"
        pack = self.pack
        left = days_left(pack, today)
        when = f"{-left} days overdue" if left < 0 else "due today" if left == 0 else f"{left} days left"
        return (
            f"{pack.slug}: {pack.title}, version {pack.version}, {pack.status}, "
            f"review due {uk_date(pack.review_due)}, {when}"
        )


def pack_statuses(content_root: Path, today: dt.date) -> list[PackStatus]:
    """Every pack under `content_root`, most urgent first."""
    statuses = []
    for pack_yaml in sorted(Path(content_root).glob(f"*/{PACK_FILE}")):
        try:
            statuses.append(PackStatus(pack_yaml.parent, load_pack(pack_yaml.parent)))
        except ContentError as error:
            statuses.append(PackStatus(pack_yaml.parent, None, len(error.problems)))
    return sorted(statuses, key=lambda status: status.urgency(today))
