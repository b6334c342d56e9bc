"""Writes openpyxl-register-1904.xlsx: a register workbook as another writer than LibreOffice makes it,
in the 1904 date system, with the KvK numbers a spreadsheet turns into numbers (an integer that lost
its leading zero, and a float), yes/no as boolean cells, and the columns in another order.

    python3 make_openpyxl_fixture.py   (openpyxl 3.1)
"""
import datetime
import openpyxl
from openpyxl.utils.datetime import CALENDAR_MAC_1904

wb = openpyxl.Workbook()
wb.epoch = CALENDAR_MAC_1904
ws = wb.active
ws.title = "Overeenkomsten"
ws.append(["Soort", "Kenmerk", "KvK-nummer", "Naam opdrachtnemer", "Sector", "Begindatum", "Einddatum",
           "Meldcode aanwezig", "Kindcheck toegepast", "Aandachtsfunctionaris uren per week"])
ws.append(["contract", "OPX-1", 3456789, "Kinderdagverblijf Het Zonnetje", "kinderopvang",
           datetime.date(2017, 1, 1), datetime.date(2018, 12, 31), True, None, 2.5])
ws.append(["subsidy", "OPX-2", 1234567.0, "Stichting Welzijn Oost", "welzijn",
           datetime.date(2017, 3, 1), datetime.date(2017, 12, 31), False, True, None])
ws.append(["contract", "OPX-3", "12345678", "Jeugdhulp Noord B.V.", "jeugdhulp",
           datetime.date(2016, 2, 29), datetime.date(2019, 2, 28), None, None, 8])
for row in ws.iter_rows(min_row=2, min_col=6, max_col=7):
    for cell in row:
        cell.number_format = "yyyy-mm-dd"
gemeente = wb.create_sheet("Gemeente")
gemeente.append(["Gemeente", "Groningen"])
gemeente.append(["Peildatum", datetime.date(2017, 12, 31)])
gemeente["B2"].number_format = "yyyy-mm-dd"
wb.save("openpyxl-register-1904.xlsx")
