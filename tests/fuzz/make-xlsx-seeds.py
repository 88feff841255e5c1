#!/usr/bin/python3
"""Write the XLSX seeds of the fuzz harness (tests/fuzz/corpus/xlsx).

    make-xlsx-seeds.py OUT_DIR

Small workbooks written part by part with Python's zipfile, most with their parts STORED
(uncompressed), so that the fuzzer's changes land in the XML rather than in deflated bytes;
one deflated, to reach the inflater. They hold what the reader must handle: shared and
inline strings, numbers, booleans, a formula with and without a saved value, phonetic runs,
rows and cells with no reference, blank rows, two sheets, an absolute sheet target. The
seeds are committed; run this again only to change them.
"""
import os
import sys
import zipfile

out = sys.argv[1]

CT = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
      '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
      'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
      'officedocument.spreadsheetml.sheet.main+xml"/></Types>')
RELS = ('<?xml version="1.0" encoding="UTF-8"?>\n'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def workbook(names):
    sheets = "".join('<sheet name="%s" sheetId="%d" r:id="rId%d"/>' % (n, i + 1, i + 1)
                     for i, n in enumerate(names))
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<workbook xmlns="%s" xmlns:r="%s">'
            '<sheets>%s</sheets></workbook>' % (MAIN, R, sheets))


def workbook_rels(targets):
    rels = "".join('<Relationship Id="rId%d" Type="%s/worksheet" Target="%s"/>'
                   % (i + 1, R, t) for i, t in enumerate(targets))
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<Relationships xmlns="http://schemas.'
            'openxmlformats.org/package/2006/relationships">%s</Relationships>' % rels)


def sheet(rows):
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<worksheet xmlns="%s"><sheetData>%s'
            '</sheetData></worksheet>' % (MAIN, rows))


def shared(strings):
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<sst xmlns="%s" count="%d" '
            'uniqueCount="%d">%s</sst>' % (MAIN, len(strings), len(strings), "".join(strings)))


def write(name, parts, compression=zipfile.ZIP_STORED):
    with zipfile.ZipFile(os.path.join(out, name), "w", compression) as z:
        z.writestr("[Content_Types].xml", CT)
        z.writestr("_rels/.rels", RELS)
        for path, text in parts:
            z.writestr(path, text)


register_strings = ['<si><t>Site code</t></si>', '<si><t>Name</t></si>',
                    '<si><t>Postcode</t></si>', '<si><t>GIA (m2)</t></si>',
                    '<si><t>RRK01</t></si>', '<si><r><t>Queen </t></r><r><t>Elizabeth</t>'
                    '</r><rPh sb="0" eb="1"><t>kana</t></rPh></si>',
                    '<si><t>B15 2TH</t></si>', '<si><t xml:space="preserve"> </t></si>']
register_rows = (
    '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c>'
    '<c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c></row>'
    '<row r="2"><c r="A2" t="s"><v>4</v></c><c r="B2" t="s"><v>5</v></c>'
    '<c r="C2" t="s"><v>6</v></c><c r="D2"><v>12000.5</v></c></row>'
    '<row r="4"><c r="B4" t="s"><v>7</v></c></row>'
    '<row r="5"><c r="A5" t="inlineStr"><is><t>M85001</t></is></c>'
    '<c r="B5" t="inlineStr"><is><t>Smith &amp; Jones</t></is></c>'
    '<c r="C5" t="str"><f>"B15 "&amp;"2TT"</f><v>B15 2TT</v></c>'
    '<c r="D5"><f>SUM(1,2)</f></c></row>')
write("register-stored.xlsx",
      [("xl/workbook.xml", workbook(["Register"])),
       ("xl/_rels/workbook.xml.rels", workbook_rels(["worksheets/sheet1.xml"])),
       ("xl/sharedStrings.xml", shared(register_strings)),
       ("xl/worksheets/sheet1.xml", sheet(register_rows))])
write("register-deflated.xlsx",
      [("xl/workbook.xml", workbook(["Register"])),
       ("xl/_rels/workbook.xml.rels", workbook_rels(["worksheets/sheet1.xml"])),
       ("xl/sharedStrings.xml", shared(register_strings)),
       ("xl/worksheets/sheet1.xml", sheet(register_rows))], zipfile.ZIP_DEFLATED)

# No references on rows or cells, booleans and an error value, no shared strings.
write("no-refs.xlsx",
      [("xl/workbook.xml", workbook(["Sheet1"])),
       ("xl/_rels/workbook.xml.rels", workbook_rels(["worksheets/sheet1.xml"])),
       ("xl/worksheets/sheet1.xml", sheet(
           '<row><c t="inlineStr"><is><t>Name</t></is></c><c t="inlineStr"><is><t>Open</t>'
           '</is></c><c t="inlineStr"><is><t>Beds</t></is></c></row>'
           '<row><c t="inlineStr"><is><t>A</t></is></c><c t="b"><v>1</v></c>'
           '<c t="e"><v>#DIV/0!</v></c></row><row/>'
           '<row r="9"><c r="C9"><v>-1.5E+3</v></c></row>'))])

# Two sheets, one with an absolute target.
write("two-sheets.xlsx",
      [("xl/workbook.xml", workbook(["Notes", "Sites"])),
       ("xl/_rels/workbook.xml.rels",
        workbook_rels(["worksheets/sheet1.xml", "/xl/worksheets/sheet2.xml"])),
       ("xl/sharedStrings.xml", shared(['<si><t>Note</t></si>', '<si><t>ODS code</t></si>'])),
       ("xl/worksheets/sheet1.xml", sheet('<row r="1"><c r="A1" t="s"><v>0</v></c></row>')),
       ("xl/worksheets/sheet2.xml", sheet(
           '<row r="2"><c r="B2" t="s"><v>1</v></c></row>'
           '<row r="3"><c r="B3"><v>7</v></c><c r="XFD3"><v></v></c></row>'))])
