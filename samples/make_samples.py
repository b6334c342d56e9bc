#!/usr/bin/env python3
"""Writes the samples: a register for gemeente Groningen (peildatum 2017-12-31) and the 2017
Veilig Thuis and Verwijsindex exports. Deterministic: running it again gives the same files.

Every organisation, person, KvK number and case key here is fictional. The Veilig Thuis export
reproduces the totals of the 2017 Groningen annual report (937 meldingen including police
zorgmeldingen, 259 unieke meldingen, 124 hermeldingen); the script checks them before writing.

Usage: python3 samples/make_samples.py   (from the repository root)
"""
import datetime
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))
YEAR_START = datetime.date(2017, 1, 1)
DAYS = 365
rng = random.Random(2017)

# (kvk, name) -> agreements. Each agreement: id, type, sector, and overrides of the compliant
# default evidence. "expected" = (veilig-thuis, verwijsindex) agreed in advance or None.
# "actual" = (veilig-thuis, verwijsindex) meldingen the exports will hold for the contractor.
C = []


def contractor(kvk, name, actual, agreements):
    C.append(dict(kvk=kvk, name=name, actual=actual, agreements=agreements))


def ag(id, type, sector, expected=None, children=0, adults=0, **overrides):
    return dict(id=id, type=type, sector=sector, expected=expected, children=children, adults=adults,
                overrides=overrides)


contractor("01234567", "Jeugdhulp Noord B.V.", (11, 18), [
    ag("INK-2017-0042", "contract", "jeugdhulp", (12, 20), 840),
    ag("SUB-2017-0043", "subsidy", "jeugdhulp", None, 120)])
contractor("02345678", "Stichting Kinderopvang Stad", (3, 0), [
    ag("INK-2017-0002", "contract", "kinderopvang", (3, None), 2100)])
contractor("03456789", "Kinderdagverblijf Het Zonnetje", (0, 0), [
    ag("INK-2017-0007", "contract", "kinderopvang", (2, None), 160, meldcode="absent-false"),
    ag("SUB-2017-0008", "subsidy", "kinderopvang", None, 60, meldcode="absent-false")])
contractor("04567890", "CBS De Wegwijzer", (2, 3), [
    ag("SUB-2017-0004", "subsidy", "onderwijs", (8, 4), 420)])
contractor("05678901", "Openbare Scholengroep Stad", (13, 27), [
    ag("SUB-2017-0005", "subsidy", "onderwijs", (15, 30), 5200)])
contractor("06789012", "Noorderland College", (6, 0), [
    ag("SUB-2017-0006", "subsidy", "onderwijs", (None, 10), 3900, verwijsindex="false")])
contractor("07890123", "Jeugdzorg Ommeland B.V.", (4, 9), [
    ag("INK-2017-0015", "contract", "jeugdhulp", (20, 10), 900, kwaliteitskader="false"),
    ag("INK-2017-0016", "contract", "jeugdhulp", None, 150, kwaliteitskader="false")])
contractor("08901234", "GGD Groningen Stad en Ommeland", (12, 5), [
    ag("INK-2017-0010", "contract", "jeugdgezondheidszorg", (10, 6), 9800),
    ag("SUB-2017-0011", "subsidy", "jeugdgezondheidszorg", None, 1200)])
contractor("09012345", "GGZ Hunzedal", (5, 0), [
    ag("INK-2017-0021", "contract", "ggz", (6, None), 200, 3100, aandachtsfunctionaris="stale")])
contractor("10123456", "Verslavingszorg Eemsland", (2, 0), [
    ag("INK-2017-0018", "contract", "verslavingszorg", (8, None), 0, 1400, kindcheck="false")])
contractor("11234567", "Stichting Wijkteams Stad", (9, 38), [
    ag("INK-2017-0030", "contract", "lokaal-team", (30, 40), 4100, 2600),
    ag("SUB-2017-0031", "subsidy", "lokaal-team", None, 300, 200)])
contractor("12345678", "Stichting Maatschappelijke Dienstverlening Noord", (3, 0), [
    ag("INK-2017-0032", "contract", "maatschappelijke-ondersteuning", None, 90, 1800,
       aandachtsfunctionaris="missing", training="missing")])
contractor("13456789", "Sportvereniging Be Quick Zuid", (0, 0), [
    ag("SUB-2017-0012", "subsidy", "sport", None, 650, keurmerk="expired")])
contractor("14567890", "Stichting Welzijn Ouderen en Jeugd", (1, 0), [
    ag("SUB-2017-0033", "subsidy", "welzijn", None, 400, 900, meldcode="missing")])
contractor("15678901", "Reclassering Noord", (4, 0), [
    ag("INK-2017-0034", "contract", "justitie", (4, None), 0, 700)])
contractor("16789012", "Stichting Jeugdbescherming Noord", (22, 14), [
    ag("INK-2017-0035", "contract", "jeugdbescherming", (25, 15), 1100)])
contractor("17890123", "Kinder- en Jeugdpsychiatrie Reitdiep", (6, 4), [
    ag("INK-2017-0017", "contract", "jeugdhulp", (6, 4), 700, kwaliteitskader="missing")])
contractor("18901234", "Universitair Ziekenhuis Noord", (16, 0), [
    ag("INK-2017-0036", "contract", "gezondheidszorg", (15, None), 6000, 40000)])
contractor("19012345", "Ziekenhuis Martinihof", (7, 0), [
    ag("INK-2017-0019", "contract", "gezondheidszorg", (6, None), 3000, 25000, aandachtsfunctionaris="weak")])
contractor("20123456", "Kinderopvang Kids First", (5, 0), [
    ag("INK-2017-0037", "contract", "kinderopvang", (4, None), 1500)])
contractor("21234567", "Stichting Kinderopvang Groningen-Zuid", (6, 0), [
    ag("INK-2017-0022", "contract", "kinderopvang", (5, None), 4200, training="low")])
contractor("22345678", "Jeugdhulp Elkerstroom", (15, 12), [
    ag("INK-2017-0038", "contract", "jeugdhulp", (14, 12), 1300)])
contractor("23456789", "Zorggroep Cosmos", (5, 2), [
    ag("INK-2017-0023", "contract", "jeugdhulp", (5, 2), 500, meldcode="stale")])
contractor("24567890", "Stichting Kunstwerkplaats", (0, 0), [
    ag("SUB-2017-0039", "subsidy", "welzijn", None, 300, conditions="meldcode")])
contractor("25678901", "Gebiedsteam Haren", (7, 6), [
    ag("INK-2017-0040", "contract", "lokaal-team", (6, 6), 800, 500)])
contractor("26789012", "Leger des Heils Noord", (4, 0), [
    ag("INK-2017-0041", "contract", "maatschappelijke-ondersteuning", (5, None), 150, 1200, conditions_since="2018-01-01")])
contractor("27890123", "Stichting Sport050", (0, 0), [
    ag("SUB-2017-0044", "subsidy", "sport", None, 3000)])
contractor("28901234", "Praktijk Jeugd-GGZ De Linde", (2, 0), [
    ag("INK-2017-0045", "contract", "ggz", (3, None), 180, 20)])
contractor("29012345", "Stichting Vluchtelingenhulp Noord", (2, 0), [
    ag("SUB-2017-0046", "subsidy", "maatschappelijke-ondersteuning", None, 140, 300)])
contractor("30123456", "Kinderopvang 't Kabouterhuis", (0, 0), [
    ag("INK-2017-0047", "contract", "kinderopvang", None, 150)])
contractor("31234567", "Stedelijk Gymnasium Noord", (4, 3), [
    ag("SUB-2017-0048", "subsidy", "onderwijs", (5, 3), 900)])
contractor("32345678", "Stichting Jeugdwerk Selwerd", (1, 0), [
    ag("SUB-2017-0049", "subsidy", "welzijn", None, 350, conditions="not-recorded")])
contractor("33456789", "Halt Noord", (2, 2), [
    ag("SUB-2017-0050", "subsidy", "justitie", (2, 2), 400)])
contractor("34567890", "Kraamzorg Ommeland", (6, 0), [
    ag("INK-2017-0051", "contract", "gezondheidszorg", (6, None), 1100, 1100)])

REFERENCE = "2017-12-31"
ALL_CONDITIONS = "meldcode kindcheck verwijsindex aandachtsfunctionaris keurmerk kwaliteitskader training meldingen"


def evidence(a, index):
    """The evidence lines of one agreement: compliant unless an override says otherwise."""
    o = a["overrides"]
    lines = []
    mc = o.get("meldcode")
    if mc == "absent-false":
        lines.append('<meldcode present="false"/>')
    elif mc == "stale":
        lines.append('<meldcode present="true" adopted="2012-02-01" afwegingskader="false" reviewed="2014-03-01"/>')
    elif mc != "missing":
        lines.append('<meldcode present="true" adopted="2013-09-01" afwegingskader="false" reviewed="2017-0%d-15"/>'
                     % (1 + index % 9))
    lines.append('<kindcheck applied="%s"/>' % ("false" if o.get("kindcheck") == "false" else "true"))
    lines.append('<verwijsindex connected="%s"/>' % ("false" if o.get("verwijsindex") == "false" else "true"))
    af = o.get("aandachtsfunctionaris")
    if af == "stale":
        lines.append('<aandachtsfunctionaris name="P. Hoekstra" hours-per-week="6" trained="true" verified="2016-09-01"/>')
    elif af == "weak":
        lines.append('<aandachtsfunctionaris name="M. Bakker" hours-per-week="1" trained="false" verified="2017-05-12"/>')
    elif af != "missing":
        names = ["A. de Vries", "J. Jansen", "S. Dijkstra", "R. Mulder", "E. Smit", "L. Visser", "T. Meijer"]
        lines.append('<aandachtsfunctionaris name="%s" hours-per-week="%s" trained="true" verified="2017-%02d-%02d"/>'
                     % (names[index % len(names)], [4, 8, 2.5, 16, 6][index % 5], 3 + index % 9, 1 + index % 27))
    if o.get("keurmerk") == "expired":
        lines.append('<keurmerk scheme="LVAK" valid-until="2017-06-30" issued="2015-06-30"/>')
    else:
        year, month = 18 + index % 2, 1 + index % 12
        lines.append('<keurmerk scheme="LVAK" valid-until="20%d-%02d-01" issued="20%d-%02d-01"/>' % (year, month, year - 2, month))
    if a["sector"] in ("jeugdhulp", "jeugdbescherming"):
        kk = o.get("kwaliteitskader")
        if kk == "false":
            lines.append('<kwaliteitskader scheme="rouvoet" compliant="false" assessed="2017-04-20"/>')
        elif kk != "missing":
            lines.append('<kwaliteitskader scheme="rouvoet" compliant="true" assessed="2017-06-01"/>')
    tr = o.get("training")
    if tr == "low":
        lines.append('<training staff="400" trained="240" intervisie-sessions="1" reported="2017-11-30"/>')
    elif tr != "missing":
        staff = 20 + (index * 37) % 300
        lines.append('<training staff="%d" trained="%d" intervisie-sessions="%d" reported="2017-%02d-01"/>'
                     % (staff, staff * (85 + index % 12) // 100, 2 + index % 4, 9 + index % 4))
    return lines


def register_xml():
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<!-- Fictional sample register for gemeente Groningen; see samples/README.md. -->',
           '<register xmlns="urn:kindveilig:register:1" municipality="Groningen" reference-date="%s">' % REFERENCE]
    agreements = sorted(((a, c) for c in C for a in c["agreements"]), key=lambda p: p[0]["id"])
    for index, (a, c) in enumerate(agreements):
        start, end = ("2017-01-01", "2018-12-31") if a["type"] == "contract" else ("2017-01-01", "2017-12-31")
        if a["id"] == "INK-2017-0016":
            start = "2017-07-01"  # covers half of the audit year: expectations go pro rata
        amount = (a["children"] + a["adults"] // 10 + 50) * 1000 + index * 137
        body = ['<contractor kvk="%s" name="%s"/>' % (c["kvk"], c["name"].replace("'", "&apos;")),
                '<sector>%s</sector>' % a["sector"],
                '<period start="%s" end="%s"/>' % (start, end),
                '<amount currency="EUR">%d.00</amount>' % amount,
                '<caseload children="%d" adults="%d"/>' % (a["children"], a["adults"])]
        body += evidence(a, index)
        if a["expected"]:
            vt, vi = a["expected"]
            attrs = ([('veilig-thuis="%d"' % vt)] if vt is not None else []) + \
                    ([('verwijsindex="%d"' % vi)] if vi is not None else [])
            body.append('<expected-meldingen %s/>' % " ".join(attrs))
        # The contract conditions written into the agreement: all of them, unless the design says otherwise.
        conditions = a["overrides"].get("conditions", ALL_CONDITIONS)
        if conditions != "not-recorded":
            body.append('<conditions agreed="%s" since="%s"/>' % (conditions, a["overrides"].get("conditions_since", start)))
        out.append('  <agreement id="%s" type="%s">' % (a["id"], a["type"]))
        out += ['    ' + line for line in body]
        out.append('  </agreement>')
    out.append('</register>')
    return "\n".join(out) + "\n"


def day(offset, year=2017):
    return (datetime.date(year, 1, 1) + datetime.timedelta(days=offset)).isoformat()


def case_key():
    return "%016x" % rng.getrandbits(64)


def veilig_thuis_records(unique_n=259, meldingen_n=457, repeats_n=124, police_n=480, advies_n=412,
                         actual=lambda c: c["actual"][0]):
    """Records of the Veilig Thuis export, built so the annual-report totals hold exactly."""
    unique_cases = [case_key() for _ in range(unique_n)]
    records = []  # dicts: date offset, kvk, category, type, case, repeat, concern

    def add(offset, kvk, category, type, case, concern=None):
        records.append(dict(offset=offset, kvk=kvk, category=category, type=type, case=case,
                            repeat=False, concern=concern))

    # Contractors' meldingen: spread over the year, each (reporter, case) once, so what a contractor
    # reports is exactly its designed actual count.
    cursor = 0
    for c in C:
        sector = c["agreements"][0]["sector"]
        for n in range(actual(c)):
            case = unique_cases[cursor % unique_n]
            cursor += 1
            offset = rng.randrange(0, DAYS)
            concern = max(0, offset - rng.randrange(20, 200)) if n % 3 == 0 else None
            add(offset, c["kvk"], sector, "melding", case, concern)
    # One contractor reports the same case again 10 days later: the 30-day rule counts it once.
    first = next(r for r in records if r["kvk"] == "01234567")
    add(min(DAYS - 1, first["offset"] + 10), "01234567", "jeugdhulp", "melding", first["case"])
    # Reporters holding no agreement: a GP practice and a dentist (unattributed), citizens, others.
    outsiders = [("55501234", "gezondheidszorg"), ("55509876", "gezondheidszorg")]
    while cursor < unique_n:
        kvk, category = outsiders[cursor % 2] if cursor % 5 == 0 else (None, ["burger", "anoniem", "overig"][cursor % 3])
        add(rng.randrange(0, DAYS), kvk, category, "melding", unique_cases[cursor])
        cursor += 1
    # More meldingen about cases already reported (by citizens and others), up to 457 meldingen.
    while len(records) < meldingen_n:
        add(rng.randrange(0, DAYS), None, ["burger", "anoniem", "overig"][len(records) % 3], "melding",
            unique_cases[rng.randrange(0, unique_n)])
    # Hermeldingen: of the unique cases, repeats_n were reported before; mark their latest melding.
    for case in rng.sample(unique_cases, repeats_n):
        latest = max((r for r in records if r["case"] == case and r["type"] == "melding"), key=lambda r: r["offset"])
        latest["repeat"] = True
    # Police zorgmeldingen (480): about a third concern families already known from meldingen.
    for n in range(police_n):
        case = unique_cases[rng.randrange(0, unique_n)] if n % 3 == 0 else case_key()
        add(rng.randrange(0, DAYS), None, "politie", "politie-zorgmelding", case)
    # Adviesvragen (412), some from contractors: counted apart, never as meldingen.
    for n in range(advies_n):
        c = C[n % len(C)] if n % 4 == 0 else None
        category = c["agreements"][0]["sector"] if c else ["burger", "overig", "anoniem"][n % 3]
        add(rng.randrange(0, DAYS), c["kvk"] if c else None, category, "advies", case_key())
    return records


def verwijsindex_records(actual=lambda c: c["actual"][1]):
    records = []
    for c in C:
        sector = c["agreements"][0]["sector"]
        for n in range(actual(c)):
            records.append(dict(offset=rng.randrange(0, DAYS), kvk=c["kvk"], category=sector, type="signaal",
                                case=case_key(), repeat=False, concern=None))
    for n in range(60):  # signals from organisations without an agreement: unattributed
        records.append(dict(offset=rng.randrange(0, DAYS), kvk="5550%04d" % (n % 7), category="onderwijs",
                            type="signaal", case=case_key(), repeat=False, concern=None))
    return records


def export_xml(source, prefix, records, year=2017):
    records = sorted(records, key=lambda r: (r["offset"], r["type"], r["case"]))
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<!-- Fictional, pseudonymised sample export; see samples/README.md. -->',
           '<meldingen xmlns="urn:kindveilig:meldingen:1" source="%s" region="Groningen" from="%d-01-01" to="%d-12-31">'
           % (source, year, year)]
    for n, r in enumerate(records, 1):
        attrs = ['id="%s-%d-%06d"' % (prefix, year, n), 'date="%s"' % day(r["offset"], year)]
        if r["kvk"]:
            attrs.append('reporter-kvk="%s"' % r["kvk"])
        attrs += ['category="%s"' % r["category"], 'type="%s"' % r["type"], 'case="%s"' % r["case"]]
        if r["repeat"]:
            attrs.append('repeat="true"')
        if r["concern"] is not None:
            attrs.append('concern-since="%s"' % day(r["concern"], year))
        out.append("  <melding %s/>" % " ".join(attrs))
    out.append("</meldingen>")
    return "\n".join(out) + "\n"


def check_annual_report(records, totals=(937, 259, 124)):
    meldingen = [r for r in records if r["type"] in ("melding", "politie-zorgmelding")]
    unique = {r["case"] for r in records if r["type"] == "melding"}
    repeats = {r["case"] for r in records if r["repeat"]}
    assert len(meldingen) == totals[0], len(meldingen)
    assert len(unique) == totals[1], len(unique)
    assert len(repeats) == totals[2], len(repeats)
    return len(meldingen), len(unique), len(repeats), sum(r["type"] == "advies" for r in records)


def main():
    vt = veilig_thuis_records()
    totals = check_annual_report(vt)
    vi = verwijsindex_records()
    files = {"register.xml": register_xml(),
             "veilig-thuis-2017.xml": export_xml("veilig-thuis", "VT", vt),
             "verwijsindex-2017.xml": export_xml("verwijsindex", "VI", vi)}
    for name, text in files.items():
        with open(os.path.join(HERE, name), "w", encoding="utf-8") as f:
            f.write(text)
    print("meldingen %d, unieke meldingen %d, hermeldingen %d (%.1f%%), adviesvragen %d"
          % (totals[0], totals[1], totals[2], 100 * totals[2] / totals[1], totals[3]))
    print("agreements %d, contractors %d, verwijsindex signals %d"
          % (sum(len(c["agreements"]) for c in C), len(C), len(vi)))
    write_2016()


# 2016: the same contractors a year earlier, for the history (compliance-audit diff). The Veilig
# Thuis export reproduces the annual report's 2016 column: 773 meldingen including police
# zorgmeldingen, 243 unieke meldingen, 57 hermeldingen (23%). The split between meldingen and police
# zorgmeldingen and the number of adviesvragen are not in that column: these are the samples' own.
# Designed differences from 2017: Jeugdhulp Elkerstroom lags far behind in 2016 (2 of 14) and, after
# an indringend gesprek in 2017, reports as expected in 2017; the four Veilig Thuis shortfalls of
# 2017 report as expected in 2016; Noorderland College signals nothing in both years.
ACTUAL_2016_VT = {"22345678": 2, "04567890": 8, "07890123": 19, "10123456": 8, "11234567": 29}


def shift_year_back(text):
    """Every ISO date one year earlier; agreement ids stay, so findings can be followed across years."""
    import re
    return re.sub(r'(\d{4})-(\d\d)-(\d\d)', lambda m: "%d-%s-%s" % (int(m.group(1)) - 1, m.group(2), m.group(3)), text)


def write_2016():
    global rng
    rng = random.Random(2016)
    vt = veilig_thuis_records(unique_n=243, meldingen_n=420, repeats_n=57, police_n=353, advies_n=390,
                              actual=lambda c: ACTUAL_2016_VT.get(c["kvk"], c["actual"][0]))
    totals = check_annual_report(vt, (773, 243, 57))
    vi = verwijsindex_records()
    files = {"register-2016.xml": shift_year_back(register_xml()).replace("Fictional sample register", "Fictional 2016 sample register"),
             "veilig-thuis-2016.xml": export_xml("veilig-thuis", "VT", vt, 2016),
             "verwijsindex-2016.xml": export_xml("verwijsindex", "VI", vi, 2016)}
    for name, text in files.items():
        with open(os.path.join(HERE, name), "w", encoding="utf-8") as f:
            f.write(text)
    print("2016: meldingen %d, unieke meldingen %d, hermeldingen %d (%.1f%%), adviesvragen %d"
          % (totals[0], totals[1], totals[2], 100 * totals[2] / totals[1], totals[3]))


# A regional run: gemeente Ten Boer's register for the same year, audited together with Groningen's
# against the same regional exports (Veilig Thuis Groningen and the Verwijsindex cover the region).
# Two of its contractors are Groningen's too: Jeugdzorg Ommeland B.V. (which in Ten Boer conforms to
# the Rouvoet kwaliteitskader, and fails it in Groningen) and the GGD. Their expected meldingen are
# summed over both municipalities' agreements; their actual meldingen are counted once. The two
# others are Ten Boer's own and report nothing in the exports.
TEN_BOER = [
    ("TB-2017-0001", "contract", "jeugdhulp", ("07890123", "Jeugdzorg Ommeland B.V."), (6, 3), 250, {}),
    ("TB-2017-0002", "contract", "jeugdgezondheidszorg", ("08901234", "GGD Groningen Stad en Ommeland"), (2, 1), 700, {}),
    ("TB-2017-0003", "subsidy", "welzijn", ("40123456", "Stichting Welzijn Ten Boer"), (1, None), 120,
     {"aandachtsfunctionaris": "missing"}),
    ("TB-2017-0004", "subsidy", "onderwijs", ("41234567", "Basisschool De Dorpsschool"), (1, 1), 140, {}),
]


def register_ten_boer_xml():
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<!-- Fictional sample register for gemeente Ten Boer, for a regional run with Groningen; see samples/README.md. -->',
           '<register xmlns="urn:kindveilig:register:1" municipality="Ten Boer" reference-date="%s">' % REFERENCE]
    for index, (id, type, sector, (kvk, name), expected, children, overrides) in enumerate(TEN_BOER):
        a = dict(id=id, type=type, sector=sector, overrides=overrides)
        start, end = ("2017-01-01", "2018-12-31") if type == "contract" else ("2017-01-01", "2017-12-31")
        body = ['<contractor kvk="%s" name="%s"/>' % (kvk, name),
                '<sector>%s</sector>' % sector,
                '<period start="%s" end="%s"/>' % (start, end),
                '<amount currency="EUR">%d.00</amount>' % ((children + 20) * 1000),
                '<caseload children="%d" adults="0"/>' % children]
        body += evidence(a, index + 3)
        vt, vi = expected
        attrs = ([('veilig-thuis="%d"' % vt)] if vt is not None else []) + ([('verwijsindex="%d"' % vi)] if vi is not None else [])
        body.append('<expected-meldingen %s/>' % " ".join(attrs))
        body.append('<conditions agreed="%s" since="%s"/>' % (ALL_CONDITIONS, start))
        out.append('  <agreement id="%s" type="%s">' % (id, type))
        out += ['    ' + line for line in body]
        out.append('  </agreement>')
    out.append('</register>')
    return "\n".join(out) + "\n"


def write_region():
    os.makedirs(os.path.join(HERE, "regio"), exist_ok=True)
    with open(os.path.join(HERE, "regio", "register-ten-boer.xml"), "w", encoding="utf-8") as f:
        f.write(register_ten_boer_xml())
    print("Ten Boer: agreements %d, of which %d with a contractor Groningen contracts too"
          % (len(TEN_BOER), sum(1 for t in TEN_BOER if any(c["kvk"] == t[3][0] for c in C))))


if __name__ == "__main__":
    main()
    write_region()
