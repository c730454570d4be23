"""The company's own ticket export (ServiceNow's incident list or event log, or another
tool's mapped by an import profile), and the measures that compare what a vendor reports
with what its tickets show.

Every field is declared once here, with a Japanese header and ServiceNow's column name as
an alias. A ticket belongs to the vendor whose resolver group (the register's
``resolver_groups``) it was last assigned to; the figures per vendor and month are
computed in ``governance.store.service`` and reach scoring as ``GridInputs`` sources:
``measured_sla_pct`` (share of the month's resolved tickets that met their SLA) and
``sla_tickets`` (how many tickets that share is taken over).
"""

from __future__ import annotations

import numpy as np

from governance.catalog.model import Choice, Column, GridInputs, Kind, Measure
from governance.i18n import LANGS, t

# tickets a month needs before its measured SLA counts (below, one ticket moves it 3+ pt)
MIN_TICKETS = 30

_PRIORITIES = (
    Choice("1", "1 - 緊急", "1 - Critical", aliases=("critical", "緊急", "p1", "1 - 緊急")),
    Choice("2", "2 - 高", "2 - High", aliases=("high", "高", "p2")),
    Choice("3", "3 - 中", "3 - Moderate", aliases=("moderate", "medium", "中", "p3")),
    Choice("4", "4 - 低", "4 - Low", aliases=("low", "低", "p4")),
    Choice("5", "5 - 計画", "5 - Planning", aliases=("planning", "計画", "p5")),
)

TICKETS = Kind(
    "tickets", "チケット", "Tickets",
    key=("ticket_number",), latest_by=("update_count", "updated_at"), missing_marks=("?",),
    columns=(
        Column("ticket_number", "チケット番号", "text", "Ticket number", required=True,
               max_length=100, aliases=("number",),
               help_en="The ticket's number in the ticket tool (INC0012345).",
               help_ja="チケット管理ツールでの番号(INC0012345 など)。"),
        Column("state", "状態", "text", "State", max_length=100, aliases=("incident_state",),
               help_en="The ticket's state as the tool writes it (New, Active, Resolved, …).",
               help_ja="ツールが記録する状態(新規・対応中・解決済など)。"),
        Column("priority", "優先度", "enum", "Priority", choices=_PRIORITIES,
               help_en="1 (critical) to 5 (planning); '3 - Moderate' and 'P3' are read too.",
               help_ja="1(緊急)〜5(計画)。「3 - Moderate」「P3」も読みます。"),
        Column("assignment_group", "割当グループ", "text", "Assignment group",
               max_length=500,
               help_en="The group the ticket was last assigned to: a vendor's if it is among "
                       "that vendor's resolver groups.",
               help_ja="最後に割り当てられたグループ。委託先台帳の担当グループにあれば、その委託先のチケット。"),
        Column("opened_at", "起票日時", "datetime", "Opened", required=True,
               help_en="When the ticket was opened.", help_ja="チケットの起票日時。"),
        Column("resolved_at", "解決日時", "datetime", "Resolved",
               help_en="When it was resolved; not before it was opened.",
               help_ja="解決日時(起票日時以降)。"),
        Column("closed_at", "クローズ日時", "datetime", "Closed",
               help_en="When it was closed; counts as resolved when no resolved time is given.",
               help_ja="クローズ日時。解決日時がなければ解決日時として扱います。"),
        Column("made_sla", "SLA遵守", "boolean", "Made SLA",
               help_en="Whether the ticket met its service level (true / false).",
               help_ja="サービスレベルを守ったか(true / false)。"),
        Column("reopen_count", "再オープン回数", "integer", "Reopen count", minimum=0,
               help_en="How often the ticket was reopened.", help_ja="再オープンされた回数。"),
        Column("reassignment_count", "再割当回数", "integer", "Reassignment count", minimum=0,
               help_en="How often the ticket was reassigned.", help_ja="再割当の回数。"),
        Column("update_count", "更新回数", "integer", "Update count", minimum=0,
               aliases=("sys_mod_count",),
               help_en="The record's update counter: of several rows of one ticket (an event "
                       "log), the highest is kept.",
               help_ja="更新の通番。同じチケットの行が複数あれば(イベントログ)、最大の行を取り込みます。"),
        Column("updated_at", "最終更新日時", "datetime", "Updated", aliases=("sys_updated_at",),
               help_en="When the record was last updated: breaks ties of the update count.",
               help_ja="最終更新日時。更新回数が同じ行はこちらが新しい行を取り込みます。"),
    ),
)


def _enough(g: GridInputs) -> np.ndarray:
    """Vendor-months whose tickets are enough to measure SLA on."""
    with np.errstate(invalid="ignore"):
        return g.source("sla_tickets") >= MIN_TICKETS


def sla_attainment(g: GridInputs) -> np.ndarray:
    """The SLA attainment scoring judges: measured from tickets where a month has at least
    ``MIN_TICKETS`` of them ("measured wins"), else the vendor's own report."""
    return np.where(_enough(g), g.source("measured_sla_pct"), g.raw["sla_attainment_pct"])


def report_gap(g: GridInputs) -> np.ndarray:
    """Reported SLA attainment minus measured, where both exist and the tickets suffice."""
    gap = g.raw["sla_attainment_pct"] - g.source("measured_sla_pct")
    return np.where(_enough(g), gap, np.nan)


def _measured(g: GridInputs, v: int, j: int) -> dict:
    return {"measured": f'{g.source("measured_sla_pct")[v, j]:.1f}',
            "tickets": f'{int(g.source("sla_tickets")[v, j]):,}'}


def report_gap_params(g: GridInputs, v: int, j: int) -> dict:
    return {"reported": f'{g.raw["sla_attainment_pct"][v, j]:.1f}', **_measured(g, v, j)}


def sla_basis_params(g: GridInputs, v: int, j: int) -> dict:
    """What the SLA gap's reason adds: that the attainment was measured, not reported."""
    if not _enough(g)[v, j]:
        return {"basis": dict.fromkeys(LANGS, "")}
    return {"basis": {lang: t("reason.sla-measured", lang, **_measured(g, v, j))
                      for lang in LANGS}}


TICKET_MEASURES = (
    Measure("sla_report_gap_pts", "SLA報告乖離", "SLA reported vs measured",
            "control_leakage", "higher_is_worse", 2, 5, "pt",
            "Reported SLA attainment minus the share of the month's resolved tickets that met "
            f"their SLA, where there are at least {MIN_TICKETS} of them.",
            f"報告されたSLA達成率から、当月に解決したチケットのSLA遵守率(実測、{MIN_TICKETS}件以上)を"
            "引いた差(ポイント)。",
            formula=report_gap, in_report=False, reason_code="reported_vs_measured",
            reason_key="reason.reported-vs-measured", reason_params=report_gap_params),
)
