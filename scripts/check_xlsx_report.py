"""Reads an .xlsx report with openpyxl, an independent reader, and holds it to the JSON report of
the same audit: sheet names, header rows, KvK numbers as text with their leading zero, counts as
numbers, dates as dates, one row per contractor, finding and meldingen entry as in the JSON, and a
first sheet that says what the report is about (peildatum, profile, every input's records, warnings).

    python3 scripts/check_xlsx_report.py REPORT.xlsx REPORT.json [check|brief]
"""
import datetime
import json
import sys

import openpyxl


def fail(message):
    print(f"check-xlsx-report: {message}")
    sys.exit(1)


def rows(sheet):
    header, *body = list(sheet.iter_rows(values_only=True))
    return list(header), [dict(zip(header, row)) for row in body]


def check_kvk(value, where):
    if not isinstance(value, str) or len(value) != 8 or not value.isdigit():
        fail(f"{where}: KvK {value!r} is not 8 digits of text")


def main():
    workbook_path, json_path = sys.argv[1], sys.argv[2]
    kind = sys.argv[3] if len(sys.argv) > 3 else "audit"
    report = json.load(open(json_path, encoding="utf-8"))
    book = openpyxl.load_workbook(workbook_path)

    if kind == "audit":
        contractors = report["contractors"]
        expected_sheets = ["Over dit rapport", "Oordelen", "Bevindingen", "Meldingen", "Indicatoren"]
        if report["municipalityTasks"]:
            expected_sheets.append("Taken gemeente")
    else:
        contractors = [report["contractor"]] if kind == "brief" else None
        expected_sheets = ["Over dit rapport", "Oordelen", "Bevindingen", "Meldingen"]
        if kind == "brief" and report["municipalityTasks"]:
            expected_sheets.append("Taken gemeente")
    rules = report["run"]["rules"] if kind == "audit" else report["rules"]
    if rules:
        expected_sheets.append("Voorwaarden")
    if book.sheetnames != expected_sheets:
        fail(f"sheets {book.sheetnames}, expected {expected_sheets}")

    for sheet in book:
        if sheet.freeze_panes != "A2":
            fail(f"{sheet.title}: the header row is not frozen ({sheet.freeze_panes})")
        if not sheet.auto_filter.ref or not sheet.auto_filter.ref.startswith("A1:"):
            fail(f"{sheet.title}: no autofilter on the table")
        if any(not isinstance(cell.value, str) or not cell.font.b for cell in sheet[1]):
            fail(f"{sheet.title}: the first row is not a bold header row")

    header, about = rows(book["Over dit rapport"])
    if header != ["Onderdeel", "Gegevens"]:
        fail(f"Over dit rapport: header {header}")
    items = {}
    for row in about:
        items.setdefault(row["Onderdeel"], []).append(row["Gegevens"])
    reference_date = report["run"]["referenceDate"] if kind == "audit" else report["referenceDate"]
    peildatum = items.get("Peildatum", [None])[0]
    if peildatum != datetime.date.fromisoformat(reference_date).strftime("%d-%m-%Y"):
        fail(f"Over dit rapport: the peildatum {peildatum!r} is not {reference_date}")
    profile = report["run"]["profile"] if kind == "audit" else report["profile"]
    if not items.get("Profiel", [""])[0].startswith(profile):
        fail(f"Over dit rapport: the profile is not {profile}")
    if kind == "audit":
        dutch = lambda number: f"{number:,}".replace(",", ".")
        expected = [f"{i['path']}: ingelezen {dutch(i['records']['read'])}, beoordeeld {dutch(i['records']['audited'])}, "
                    f"afgewezen {dutch(i['records']['rejected'])}" for i in report["run"]["inputs"] if i.get("records")]
        lines = [line for line in items.get("Verantwoording van de invoer", []) if "ingelezen" in line]
        if len(lines) != len(expected) or not all(line.endswith(tail) for line, tail in zip(lines, expected)):
            fail(f"Over dit rapport: the inputs' records {lines}, the JSON report's {expected}")
    # Every warning a reader must see (an expired waiver is said with the waivers instead).
    warnings = [w for w in report["warnings"] if w["kind"] != "waiver-expired"]
    if len(items.get("Let op", [])) != len(warnings):
        fail(f"Over dit rapport: {len(items.get('Let op', []))} warnings, the JSON report has {len(warnings)}")

    header, verdicts = rows(book["Oordelen"])
    if header[:4] != ["KvK", "Opdrachtnemer", "Oordeel", "Besluit"]:
        fail(f"Oordelen: header {header[:4]}")
    if contractors is not None:
        if [row["KvK"] for row in verdicts] != [c["kvk"] for c in contractors]:
            fail("Oordelen: the contractors differ from the JSON report's, or their order")
    for index, row in enumerate(verdicts):
        check_kvk(row["KvK"], f"Oordelen row {index + 2}")
        if not isinstance(row["Overeenkomsten"], (int, type(None))):
            fail(f"Oordelen row {index + 2}: the agreements count is not a number")
        for column in ("Werkelijk Veilig Thuis", "Werkelijk Verwijsindex"):
            if row[column] is not None and not isinstance(row[column], int):
                fail(f"Oordelen row {index + 2}: {column} {row[column]!r} is not a number")
        if row["Verwacht Veilig Thuis"] is not None and not isinstance(row["Verwacht Veilig Thuis"], (int, float)):
            fail(f"Oordelen row {index + 2}: the expected count is not a number")

    _, findings = rows(book["Bevindingen"])
    if contractors is not None:
        expected = [(c["kvk"], f["title"]) for c in contractors for f in c["findings"]]
        if [(row["KvK"], row["Voorwaarde"]) for row in findings] != expected:
            fail(f"Bevindingen: {len(findings)} rows, the JSON report has {len(expected)} findings (or they differ)")
    for index, row in enumerate(findings):
        check_kvk(row["KvK"], f"Bevindingen row {index + 2}")
        if row["Ontheffing tot"] is not None and not isinstance(row["Ontheffing tot"], datetime.datetime):
            fail(f"Bevindingen row {index + 2}: the waiver's date is not a date")

    _, meldingen = rows(book["Meldingen"])
    if contractors is not None:
        expected = [(c["kvk"], m.get("actual")) for c in contractors for m in c["meldingen"]]
        if [(row["KvK"], row["Werkelijk"]) for row in meldingen] != expected:
            fail("Meldingen: the rows differ from the JSON report's meldingen per contractor and source")
    for index, row in enumerate(meldingen):
        if row["Werkelijk"] is not None and not isinstance(row["Werkelijk"], int):
            fail(f"Meldingen row {index + 2}: the actual count is not a number")

    if kind == "audit":
        _, indicators = rows(book["Indicatoren"])
        if len(indicators) != len(report["indicators"]):
            fail("Indicatoren: not one row per indicator")
        if "Taken gemeente" in book.sheetnames:
            _, tasks = rows(book["Taken gemeente"])
            if len(tasks) != len(report["municipalityTasks"]):
                fail("Taken gemeente: not one row per task")
            for index, row in enumerate(tasks):
                if not isinstance(row["Uiterlijk"], datetime.datetime):
                    fail(f"Taken gemeente row {index + 2}: the due date is not a date")
                if row["Uiterlijk"].date().isoformat() != report["municipalityTasks"][index]["due"]:
                    fail(f"Taken gemeente row {index + 2}: the due date differs from the JSON report's")
    if rules:
        _, sheet_rules = rows(book["Voorwaarden"])
        if [(row["Voorwaarde"], row["Op grond van"]) for row in sheet_rules] != [(r["title"], "\n".join(r["basis"])) for r in rules]:
            fail("Voorwaarden: the rules or what they rest on differ from the JSON report's")
    print(f"check-xlsx-report: ok: {workbook_path} ({', '.join(book.sheetnames)}; {len(verdicts)} contractor rows, "
          f"{len(findings)} findings, {len(meldingen)} meldingen rows)")


main()
