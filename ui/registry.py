"""Every page of the app, declared once: file, URL path, title key and icon.

``dashboard.py`` builds ``st.navigation`` from it and the smoke tests run each entry, so
no page escapes them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class PageSpec:
    file: str
    url_path: str
    title_key: str
    icon: str
    default: bool = False
    needs: tuple[str, ...] = ()  # query parameters the page needs to show something

    def sample_query(self, samples: dict[str, str]) -> dict[str, str]:
        """The page's query for a smoke run or a benchmark, from ``samples`` per name."""
        return {name: samples[name] for name in self.needs}

    @property
    def path(self) -> Path:
        return ROOT / "pages" / self.file


PAGES = (
    PageSpec("overview.py", "overview", "page.overview", ":material/dashboard:", default=True),
    PageSpec("knowledge.py", "knowledge", "page.knowledge", ":material/school:"),
    PageSpec("cost.py", "cost", "page.cost", ":material/payments:"),
    PageSpec("control.py", "control", "page.control", ":material/shield:"),
    PageSpec("vendor.py", "vendor", "page.vendor", ":material/business:", needs=("vendor",)),
    PageSpec("reviews.py", "reviews", "page.reviews", ":material/event_note:"),
    PageSpec("contracts.py", "contracts", "page.contracts", ":material/contract:"),
    PageSpec("upload.py", "upload", "page.upload", ":material/upload_file:"),
    PageSpec("settings.py", "settings", "page.settings", ":material/admin_panel_settings:"),
)
