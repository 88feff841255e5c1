/* test-import.c: importing registers and national returns, the register export and undo.
 *
 * Bad inputs are table-driven through footprint-cli, as a user meets them: each must give a
 * message naming the file, row, column and reason, exit 1, and leave the document's bytes
 * unchanged. The rest drive the core: a synthetic register that completes the default to
 * 650 buildings (made by tests/data/import/make-register.py, which also computes what the
 * summary must do), the round trip export -> import, ERIC headers of three vintages, ODS
 * closures, conflicts, --map, undo and redo.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <gsf/gsf.h>
#include <json-glib/json-glib.h>
#include <xlsxwriter.h>

#include "fp-test-util.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GsfOutput, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GsfOutfile, g_object_unref)

/* ---- helpers --------------------------------------------------------------------- */

static char *template_doc;

/* A fresh copy of a document made from the default dataset. */
static char *
new_document (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *copy = fp_test_tmpfile ("doc.footprint");
  g_autoptr(GFile) src = NULL;
  g_autoptr(GFile) dst = NULL;

  if (template_doc == NULL)
    {
      g_autoptr(FpStore) store = NULL;

      template_doc = fp_test_tmpfile ("template.footprint");
      store = fp_store_create_default (template_doc, &error);
      g_assert_no_error (error);
    }

  src = g_file_new_for_path (template_doc);
  dst = g_file_new_for_path (copy);
  g_file_copy (src, dst, G_FILE_COPY_NONE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&copy);
}

static void
write_file (const char *path,
            const char *contents,
            gssize      length)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
}

static char *
data_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", "import", name, NULL);
}

static FpEstate *
load (const char *doc)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FpStore) store = fp_store_open (doc, &error);
  FpEstate *estate;

  g_assert_no_error (error);
  estate = fp_store_load_estate (store, &error);
  g_assert_no_error (error);
  return estate;
}

static FpImportPlan *
plan_for (const FpEstate        *estate,
          const char            *path,
          const FpImportOptions *options)
{
  g_autoptr(GError) error = NULL;
  FpImportPlan *plan = fp_import_plan_new (estate, path, options, NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (plan);
  return plan;
}

static void
apply (const char         *doc,
       const FpImportPlan *plan)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FpStore) store = fp_store_open (doc, &error);

  g_assert_no_error (error);
  g_assert_true (fp_store_apply_import (store, plan, "Test", NULL, &error));
  g_assert_no_error (error);
}

static const FpImportChange *
find_change (const FpImportPlan *plan,
             const char         *site,
             const char         *field)
{
  GPtrArray *changes = fp_import_plan_get_changes (plan);

  for (guint i = 0; i < changes->len; i++)
    {
      const FpImportChange *c = g_ptr_array_index (changes, i);

      if (g_str_equal (c->site_id, site) && g_str_equal (c->field, field))
        return c;
    }
  return NULL;
}

static gboolean
has_column (const FpImportPlan *plan,
            const char         *field)
{
  GPtrArray *columns = fp_import_plan_get_columns (plan);

  for (guint i = 0; i < columns->len; i++)
    if (g_str_equal (((FpImportColumn *) g_ptr_array_index (columns, i))->field, field))
      return TRUE;
  return FALSE;
}

static const FpSite *
site_by_id (const FpEstate *estate,
            const char     *id)
{
  guint index;

  g_assert_true (fp_estate_find_site (estate, id, &index));
  return fp_estate_get_site (estate, index);
}

/* ---- workbooks made at test time -------------------------------------------------- */

static void
make_workbook (const char *path,
               gboolean    two_sheets,
               gboolean    bad_row)
{
  lxw_workbook *wb = workbook_new (path);
  lxw_worksheet *notes = two_sheets ? workbook_add_worksheet (wb, "Notes") : NULL;
  lxw_worksheet *ws = workbook_add_worksheet (wb, "Sites");
  const char *header[] = { "Site code", "Name", "Type", "Postcode", "GIA (m²)", "Beds" };

  if (notes != NULL)
    worksheet_write_string (notes, 0, 0, "Read me first", NULL);
  for (guint c = 0; c < G_N_ELEMENTS (header); c++)
    worksheet_write_string (ws, 0, c, header[c], NULL);
  worksheet_write_string (ws, 1, 0, "NEWX1", NULL);
  worksheet_write_string (ws, 1, 1, "Formula House", NULL);
  worksheet_write_string (ws, 1, 2, "Hub", NULL);
  worksheet_write_string (ws, 1, 3, "B15 2TT", NULL);
  /* A formula with its saved value: the import takes the value. */
  worksheet_write_formula_num (ws, 1, 4, "=100+20", NULL, 120);
  worksheet_write_number (ws, 1, 5, 0, NULL);
  if (bad_row)
    {
      worksheet_write_string (ws, 2, 0, "NEWX2", NULL);
      worksheet_write_string (ws, 2, 1, "Second House", NULL);
      worksheet_write_string (ws, 2, 2, "Hub", NULL);
      worksheet_write_string (ws, 2, 3, "B15 2TT", NULL);
      worksheet_write_formula_num (ws, 2, 4, "=E2*2", NULL, 240);
      worksheet_write_string (ws, 2, 5, "lots", NULL);
    }
  g_assert_cmpint (workbook_close (wb), ==, LXW_NO_ERROR);
}

static void
zip_part (GsfOutfile *dir,
          const char *name,
          const char *text)
{
  g_autoptr(GsfOutput) child = gsf_outfile_new_child (dir, name, FALSE);

  g_assert_true (gsf_output_write (child, strlen (text), (const guint8 *) text));
  g_assert_true (gsf_output_close (child));
}

/* A workbook whose formula was never calculated (no <v>), as some generators write. */
static void
make_uncalculated_workbook (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GsfOutput) out = gsf_output_stdio_new (path, &error);
  g_autoptr(GsfOutfile) zip = NULL;
  g_autoptr(GsfOutfile) xl = NULL;
  g_autoptr(GsfOutfile) rels = NULL;
  g_autoptr(GsfOutfile) sheets = NULL;

  g_assert_no_error (error);
  zip = gsf_outfile_zip_new (out, &error);
  g_assert_no_error (error);
  zip_part (zip, "[Content_Types].xml", "<?xml version=\"1.0\"?><Types/>");
  xl = GSF_OUTFILE (gsf_outfile_new_child (zip, "xl", TRUE));
  zip_part (xl, "workbook.xml",
            "<?xml version=\"1.0\"?><workbook xmlns=\"http://schemas.openxmlformats.org/"
            "spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/"
            "officeDocument/2006/relationships\"><sheets><sheet name=\"Sites\" sheetId=\"1\" "
            "r:id=\"rId1\"/></sheets></workbook>");
  rels = GSF_OUTFILE (gsf_outfile_new_child (xl, "_rels", TRUE));
  zip_part (rels, "workbook.xml.rels",
            "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/"
            "package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"worksheet\" "
            "Target=\"worksheets/sheet1.xml\"/></Relationships>");
  g_assert_true (gsf_output_close (GSF_OUTPUT (rels)));
  sheets = GSF_OUTFILE (gsf_outfile_new_child (xl, "worksheets", TRUE));
  zip_part (sheets, "sheet1.xml",
            "<?xml version=\"1.0\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/"
            "spreadsheetml/2006/main\"><sheetData>"
            "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>Site code</t></is></c>"
            "<c r=\"B1\" t=\"inlineStr\"><is><t>Name</t></is></c>"
            "<c r=\"C1\" t=\"inlineStr\"><is><t>Type</t></is></c>"
            "<c r=\"D1\" t=\"inlineStr\"><is><t>Postcode</t></is></c>"
            "<c r=\"E1\" t=\"inlineStr\"><is><t>GIA (m²)</t></is></c></row>"
            "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>NEWU1</t></is></c>"
            "<c r=\"B2\" t=\"inlineStr\"><is><t>Uncalculated</t></is></c>"
            "<c r=\"C2\" t=\"inlineStr\"><is><t>Hub</t></is></c>"
            "<c r=\"D2\" t=\"inlineStr\"><is><t>B15 2TT</t></is></c>"
            "<c r=\"E2\"><f>SUM(X1:X9)</f></c></row>"
            "</sheetData></worksheet>");
  g_assert_true (gsf_output_close (GSF_OUTPUT (sheets)));
  g_assert_true (gsf_output_close (GSF_OUTPUT (xl)));
  g_assert_true (gsf_output_close (GSF_OUTPUT (zip)));
}

static void
make_truncated_workbook (const char *path)
{
  g_autofree char *whole = g_strconcat (path, ".whole.xlsx", NULL);
  g_autofree char *contents = NULL;
  gsize length;

  make_workbook (whole, FALSE, FALSE);
  g_assert_true (g_file_get_contents (whole, &contents, &length, NULL));
  write_file (path, contents, length * 6 / 10);
}

/* A valid register of about 50 MB, made here rather than committed. */
static void
make_big_file (const char *path)
{
  g_autoptr(GString) s = g_string_sized_new (52 * 1024 * 1024);

  g_string_append (s, "Site code,Name,Type,Postcode,GIA (m²)\n");
  for (guint i = 0; s->len < 50 * 1024 * 1024; i++)
    g_string_append_printf (s, "BIG%07u,Big building %u,Office,B15 2TT,%u\n", i, i, 100 + i % 900);
  write_file (path, s->str, s->len);
}

/* ---- bad inputs ------------------------------------------------------------------ */

typedef struct
{
  const char *name;
  const char *file;
  const char *contents;          /* or NULL when made by @make */
  void      (*make) (const char *path);
  const char *args[3];           /* extra arguments */
  const char *expect[4];         /* every one must appear in the output */
} BadInput;

static void make_formula_bad (const char *path) { make_workbook (path, FALSE, TRUE); }
static void make_two_sheets (const char *path) { make_workbook (path, TRUE, FALSE); }

static const BadInput bad_inputs[] = {
  { "wrong delimiter", "wrong-delimiter.csv",
    "Site code;Name;Type;Postcode\r\nNEW1;Alpha Clinic;Hub;B15 2TT\r\n", NULL, { NULL },
    { "wrong-delimiter.csv, row 1, column A", "separated by semicolons" } },
  { "byte order mark", "bom.csv",
    "\xef\xbb\xbfSite code,Name,Type,Postcode,GIA (m²)\n"
    "NEW1,Alpha Clinic,Health centre,B15 2TT,120\n"
    "NEW2,Beta Clinic,Health centre,B15 2TT,abc\n", NULL, { NULL },
    { "bom.csv, row 3, column E “GIA (m²)”", "“abc” is not a number" } },
  { "Windows line ends", "crlf.csv",
    "Site code,Name,Type,Postcode,GIA (m²)\r\nNEW1,Alpha Clinic,Hub,B15 2TT,120\r\n"
    "NEW2,Beta Clinic,Hub,B15 2TT,1.2.3\r\n", NULL, { NULL },
    { "crlf.csv, row 3, column E “GIA (m²)”", "“1.2.3” is not a number" } },
  { "quoted newlines", "quoted-newline.csv",
    "Site code,Name,Type,Postcode,GIA (m²)\n"
    "NEW1,\"Alpha Clinic\nfirst floor, east\",Hub,B15 2TT,120\n"
    "NEW2,Beta Clinic,Hub,B15 2TT,x\n", NULL, { NULL },
    { "quoted-newline.csv, row 3, column E “GIA (m²)”", "“x” is not a number" } },
  { "duplicate headers", "duplicate-headers.csv",
    "Site code,Name,GIA,GIA\nNEW1,Alpha Clinic,1,2\n", NULL, { NULL },
    { "duplicate-headers.csv, row 1",
      "columns C “GIA” and D “GIA” both give the field “gia_m2”" } },
  { "missing required column", "missing-column.csv",
    "Site code,Type,Postcode\nNEW1,Hub,B15 2TT\n", NULL, { NULL },
    { "missing-column.csv, row 1", "no column gives the site’s name" } },
  { "text in a number column", "text-in-number.csv",
    "Site code,Name,Type,Postcode,Beds\nNEW1,Alpha Clinic,Hub,B15 2TT,many\n", NULL, { NULL },
    { "text-in-number.csv, row 2, column E “Beds”", "“many” is not a number" } },
  { "negative area", "negative-area.csv",
    "Site code,Name,Type,Postcode,GIA (m²)\nNEW1,Alpha Clinic,Hub,B15 2TT,-50\n", NULL, { NULL },
    { "negative-area.csv, row 2, column E “GIA (m²)”", "cannot be negative (-50)" } },
  { "lease end before start", "lease.csv",
    "Site code,Name,Type,Postcode,Lease start,Lease end\nNEW1,Alpha Clinic,Hub,B15 2TT,2030,"
    "31/03/2020\n", NULL, { NULL },
    { "lease.csv, row 2, column F “Lease end”",
      "the lease ends (2020) before it starts (2030)" } },
  { "unknown tenure word", "tenure.csv",
    "Site code,Name,Type,Postcode,Tenure\nNEW1,Alpha Clinic,Hub,B15 2TT,Timeshare\n", NULL,
    { NULL }, { "tenure.csv, row 2, column E “Tenure”", "“Timeshare” is not a tenure" } },
  { "out-of-area postcode", "postcode.csv",
    "Site code,Name,Type,Postcode\nNEW1,Alpha Clinic,Hub,B15 2TT\nNEW2,Beta Clinic,Hub,sw1a1aa\n",
    NULL, { NULL },
    { "postcode.csv, row 3, column D “Postcode”",
      "SW1A 1AA is not in Footprint’s postcode directory" } },
  { "duplicate site codes", "duplicates.csv",
    "Site code,Name,Type,Postcode\nDUP1,Alpha Clinic,Hub,B15 2TT\nNEW2,Beta Clinic,Hub,B15 2TT\n"
    "dup1,Gamma Clinic,Hub,B15 2TT\n", NULL, { NULL },
    { "duplicates.csv, row 2, column A “Site code”", "duplicates.csv, row 4, column A “Site code”",
      "given more than once in the file (first in row 2)" } },
  { "a 50 MB file", "fifty-mb.csv", NULL, make_big_file, { NULL },
    { "fifty-mb.csv is 50.0 MB", "files of up to 32 MB" } },
  { "a truncated XLSX", "truncated.xlsx", NULL, make_truncated_workbook, { NULL },
    { "truncated.xlsx could not be read as a workbook", "only partly copied" } },
  { "an XLSX with formulas", "formulas.xlsx", NULL, make_formula_bad, { NULL },
    { "formulas.xlsx (sheet “Sites”), row 3, column F “Beds”", "“lots” is not a number" } },
  { "an XLSX formula with no saved value", "uncalculated.xlsx", NULL, make_uncalculated_workbook,
    { NULL }, { "uncalculated.xlsx (sheet “Sites”), row 2, column E “GIA (m²)”",
                "formula with no saved value" } },
  { "an XLSX with several sheets", "sheets.xlsx", NULL, make_two_sheets, { NULL },
    { "sheets.xlsx has 2 sheets (“Notes”, “Sites”)", "--sheet NAME" } },
  { "an unknown sheet", "sheets2.xlsx", NULL, make_two_sheets, { "--sheet", "Sities", NULL },
    { "sheets2.xlsx has no sheet “Sities”" } },
};

static void
test_bad_inputs (void)
{
  g_autofree char *home = fp_test_tmpdir ();

  for (guint i = 0; i < G_N_ELEMENTS (bad_inputs); i++)
    {
      const BadInput *c = &bad_inputs[i];
      g_autofree char *doc = new_document ();
      g_autofree char *dir = fp_test_tmpfile ("case");
      g_autofree char *path = g_build_filename (dir, c->file, NULL);
      g_autofree char *before = NULL;
      g_autofree char *after = NULL;
      g_autofree char *all = NULL;
      g_autofree char *wal = g_strconcat (doc, "-wal", NULL);
      g_auto(FpTestRun) run = { 0 };
      const char *args[12] = { "import", "--document", doc, path };
      guint n = 4;

      g_test_message ("case: %s", c->name);
      g_assert_cmpint (g_mkdir (dir, 0700), ==, 0);
      if (c->contents != NULL)
        write_file (path, c->contents, -1);
      else
        c->make (path);
      for (guint a = 0; c->args[a] != NULL; a++)
        args[n++] = c->args[a];
      args[n] = NULL;

      before = fp_test_file_checksum (doc);
      fp_test_run_cli (&run, home, args);
      after = fp_test_file_checksum (doc);
      all = g_strconcat (run.out, run.err, NULL);

      if (run.status != 1)
        g_error ("%s: exit %d, output:\n%s", c->name, run.status, all);
      for (guint e = 0; c->expect[e] != NULL; e++)
        if (strstr (all, c->expect[e]) == NULL)
          g_error ("%s: “%s” is not in the output:\n%s", c->name, c->expect[e], all);
      g_assert_cmpstr (before, ==, after);
      g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
      /* Nothing was written: no report of refused rows either. */
      {
        GDir *d = g_dir_open (dir, 0, NULL);
        const char *name;

        while ((name = g_dir_read_name (d)) != NULL)
          g_assert_null (strstr (name, "-refused"));
        g_dir_close (d);
      }
    }
}

/* ---- readers --------------------------------------------------------------------- */

static void
test_csv_reader (void)
{
  g_autoptr(GError) error = NULL;
  /* Quoted quotes, CR-only line ends, a blank row, a trailing empty cell, Windows-1252. */
  static const char text[] = "a,b,c\r\"x \"\"y\"\"\",2,\r\r\xa3" "5,\"multi\nline\",z";
  g_autoptr(GBytes) bytes = g_bytes_new_static (text, sizeof text - 1);
  g_autoptr(FpTable) table = fp_table_read_csv (bytes, "t.csv", &error);
  const FpTableRow *row;

  g_assert_no_error (error);
  g_assert_cmpuint (table->header->len, ==, 3);
  g_assert_cmpuint (table->rows->len, ==, 2);
  row = g_ptr_array_index (table->rows, 0);
  g_assert_cmpuint (row->number, ==, 2);
  g_assert_cmpstr (fp_table_cell (row, 0), ==, "x \"y\"");
  g_assert_cmpstr (fp_table_cell (row, 2), ==, "");
  row = g_ptr_array_index (table->rows, 1);
  g_assert_cmpuint (row->number, ==, 4);
  g_assert_cmpstr (fp_table_cell (row, 0), ==, "£5");
  g_assert_cmpstr (fp_table_cell (row, 1), ==, "multi\nline");

  {
    static const char tsv[] = "a\tb\n1\t2\n";
    g_autoptr(GBytes) tb = g_bytes_new_static (tsv, sizeof tsv - 1);
    g_autoptr(FpTable) t2 = fp_table_read_csv (tb, "t.tsv", &error);

    g_assert_no_error (error);
    g_assert_cmpstr (fp_table_cell (g_ptr_array_index (t2->rows, 0), 1), ==, "2");
  }
  {
    static const char open_quote[] = "a,b\n1,\"never closed\n";
    g_autoptr(GBytes) ob = g_bytes_new_static (open_quote, sizeof open_quote - 1);
    g_autoptr(FpTable) t3 = fp_table_read_csv (ob, "q.csv", &error);

    g_assert_null (t3);
    g_assert_error (error, FP_ERROR, FP_ERROR_INVALID_DATA);
    g_assert_nonnull (strstr (error->message, "q.csv, row 2: a quoted cell is never closed"));
  }
  {
    /* A NUL byte is binary data wherever it is, not the end of a cell: past the first
     * 64 KiB it once cut the cell short without a word. */
    g_autoptr(GString) text2 = g_string_new ("Name,GIA\n");
    g_autoptr(GBytes) nb = NULL;
    g_autoptr(FpTable) t4 = NULL;

    g_clear_error (&error);
    while (text2->len < 70000)
      g_string_append (text2, "Some building,120\n");
    g_string_append (text2, "Cut,12");
    g_string_append_len (text2, "\0", 1);
    g_string_append (text2, "345\n");
    nb = g_bytes_new (text2->str, text2->len);
    t4 = fp_table_read_csv (nb, "nul.csv", &error);
    g_assert_null (t4);
    g_assert_error (error, FP_ERROR, FP_ERROR_INVALID_DATA);
    g_assert_nonnull (strstr (error->message, "nul.csv is not a text file"));
    g_clear_error (&error);
  }
}

static void
test_postcodes (void)
{
  g_autoptr(GError) error = NULL;
  const char *same[] = { "b15 2tt", "B152TT", " B15  2TT ", "B15 2TT" };
  double lat = 0, lon = 0;

  for (guint i = 0; i < G_N_ELEMENTS (same); i++)
    {
      g_autofree char *n = fp_postcode_normalise (same[i]);

      g_assert_cmpstr (n, ==, "B15 2TT");
    }
  g_assert_null (fp_postcode_normalise ("ABC"));
  g_assert_null (fp_postcode_normalise ("B15 2T"));
  g_assert_null (fp_postcode_normalise ("B15-2TT"));

  g_assert_true (fp_postcode_lookup ("b1 1aa", &lat, &lon, &error));
  g_assert_no_error (error);
  /* The source gives 52.47666, -1.903535; the bundled table keeps 5 decimals (about 1 m). */
  g_assert_cmpfloat_with_epsilon (lat, 52.47666, 1e-9);
  g_assert_cmpfloat_with_epsilon (lon, -1.903535, 6e-6);

  g_assert_false (fp_postcode_lookup ("SW1A 1AA", &lat, &lon, &error));
  g_assert_error (error, FP_ERROR, FP_ERROR_NOT_FOUND);
}

/* A workbook: the chosen sheet, a formula's saved value, the register's fields. */
static void
test_xlsx (void)
{
  g_autofree char *doc = new_document ();
  g_autofree char *path = fp_test_tmpfile ("two.xlsx");
  g_autoptr(FpEstate) estate = load (doc);
  g_autoptr(FpEstate) after = NULL;
  g_autoptr(FpImportPlan) plan = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GPtrArray) sheets = NULL;
  g_autoptr(GError) error = NULL;
  FpImportOptions options = { .sheet = "Sites" };
  char *contents;
  gsize length;

  make_workbook (path, TRUE, FALSE);
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  bytes = g_bytes_new_take (contents, length);
  sheets = fp_table_xlsx_sheets (bytes, "two.xlsx", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sheets->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (sheets, 0), ==, "Notes");
  g_assert_cmpstr (g_ptr_array_index (sheets, 1), ==, "Sites");

  plan = plan_for (estate, path, &options);
  g_assert_cmpstr (fp_import_plan_get_sheet (plan), ==, "Sites");
  g_assert_cmpuint (fp_import_plan_get_new_sites (plan)->len, ==, 1);
  g_assert_cmpuint (fp_import_plan_get_refused (plan)->len, ==, 0);
  apply (doc, plan);

  after = load (doc);
  {
    const FpSite *site = site_by_id (after, "NEWX1");

    g_assert_cmpfloat (site->numbers[FP_SITE_GIA_M2], ==, 120);
    g_assert_cmpint (site->prov[FP_SITE_GIA_M2].kind, ==, FP_PROV_MEASURED);
    /* The register's name is the file's (the test directory numbers its files). */
    g_assert_true (g_str_has_prefix (site->prov[FP_SITE_GIA_M2].source_id, "register_"));
    g_assert_true (g_str_has_suffix (site->prov[FP_SITE_GIA_M2].source_id, "_two"));
    g_assert_nonnull (strstr (site->prov[FP_SITE_GIA_M2].note, "two.xlsx, sheet “Sites”, row 2"));
    g_assert_cmpint (site->prov[FP_SITE_SLOT_LOCATION].kind, ==, FP_PROV_ESTIMATED);
    g_assert_cmpstr (site->prov[FP_SITE_SLOT_LOCATION].method_id, ==, "postcode_centroid");
  }
}

/* ---- the register that completes the default to 650 buildings -------------------- */

static gboolean
make_register (const char *csv,
               const char *expected,
               const char *rows)
{
  g_autofree char *script = data_path ("make-register.py");
  g_autofree char *json = g_test_build_filename (G_TEST_DIST, "..", "data", "default", "bsol.json",
                                                 NULL);
  g_autofree char *postcodes = g_test_build_filename (G_TEST_DIST, "..", "data", "postcodes",
                                                      "bsol-postcodes.csv", NULL);
  const char *argv[] = { "/usr/bin/python3", script, json, postcodes, csv, expected, rows, NULL };
  g_autoptr(GError) error = NULL;
  int status = 0;

  if (!g_file_test ("/usr/bin/python3", G_FILE_TEST_IS_EXECUTABLE))
    return FALSE;
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL, &status,
                &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return TRUE;
}

static double
expected_number (JsonObject *o,
                 const char *key)
{
  return json_object_get_double_member (o, key);
}

static void
assert_close (double actual,
              double expected)
{
  if (fabs (actual - expected) > MAX (0.01, 1e-9 * fabs (expected)))
    g_error ("%.6f != %.6f", actual, expected);
}

static void
on_applied_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static void
on_changed_cb (FpWorkspace       *workspace,
               FpWorkspaceChange  what,
               const char        *scenario,
               gpointer           user_data)
{
  if (what & FP_WORKSPACE_CHANGED_ESTATE)
    (*(guint *) user_data)++;
}

/* The import written in a worker thread (as the window does) leaves the document as the
 * import written on the caller's thread does: the same sites, the same sources, the same
 * record; and the workspace reads it back and says so once. */
static void
test_apply_async (void)
{
  g_autofree char *doc_sync = new_document ();
  g_autofree char *doc_async = new_document ();
  g_autofree char *csv = fp_test_tmpfile ("register-async.csv");
  g_autofree char *expected = fp_test_tmpfile ("register-async.json");
  g_autoptr(FpWorkspace) sync_ws = NULL;
  g_autoptr(FpWorkspace) async_ws = NULL;
  g_autoptr(FpImportPlan) sync_plan = NULL;
  g_autoptr(FpImportPlan) async_plan = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sync_csv = NULL;
  g_autofree char *async_csv = NULL;
  g_autoptr(GPtrArray) sync_records = NULL;
  g_autoptr(GPtrArray) async_records = NULL;
  const FpEstate *sync_estate, *async_estate;
  const FpImportRecord *a, *b;
  guint n_sites, changed = 0;
  gint64 sync_id = 0, async_id = 0;

  if (!make_register (csv, expected, NULL))
    {
      g_test_skip ("/usr/bin/python3 is needed to make the synthetic register");
      return;
    }

  sync_ws = fp_workspace_open (doc_sync, NULL, &error);
  g_assert_no_error (error);
  async_ws = fp_workspace_open (doc_async, NULL, &error);
  g_assert_no_error (error);
  n_sites = fp_workspace_get_estate (async_ws)->sites->len;

  sync_plan = plan_for (fp_workspace_get_estate (sync_ws), csv, NULL);
  g_assert_true (fp_workspace_apply_import (sync_ws, sync_plan, "Test", &sync_id, &error));
  g_assert_no_error (error);

  async_plan = plan_for (fp_workspace_get_estate (async_ws), csv, NULL);
  g_signal_connect (async_ws, "changed", G_CALLBACK (on_changed_cb), &changed);
  fp_workspace_apply_import_async (async_ws, async_plan, "Test", NULL, on_applied_cb, &result);
  /* Until the callback the workspace is as it was: nothing is read back behind it. */
  g_assert_cmpuint (fp_workspace_get_estate (async_ws)->sites->len, ==, n_sites);
  /* And it writes nothing meanwhile: an edit is refused at once, rather than waiting for
   * the import's transaction and then landing behind it, on scenarios its read-back lacks. */
  g_assert_null (fp_workspace_create_scenario (async_ws, "Made during the import", NULL, NULL,
                                               &error));
  g_assert_error (error, FP_ERROR, FP_ERROR_BUSY);
  g_assert_nonnull (strstr (error->message, "import"));
  g_clear_error (&error);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (changed, ==, 0);
  g_assert_true (fp_workspace_apply_import_finish (async_ws, result, &async_id, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changed, ==, 1);
  g_assert_null (fp_workspace_find_scenario (async_ws, "Made during the import"));
  /* Once it is in place, the workspace writes again. */
  g_assert_nonnull (fp_workspace_create_scenario (async_ws, "Made after the import", NULL, NULL,
                                                  &error));
  g_assert_no_error (error);
  g_assert_true (fp_workspace_delete_scenario (async_ws, "Made after the import", &error));
  g_assert_no_error (error);

  sync_estate = fp_workspace_get_estate (sync_ws);
  async_estate = fp_workspace_get_estate (async_ws);
  g_assert_cmpuint (async_estate->sites->len, >, n_sites);
  g_assert_cmpuint (async_estate->sites->len, ==, sync_estate->sites->len);
  g_assert_cmpuint (async_estate->source_rows->len, ==, sync_estate->source_rows->len);
  sync_csv = fp_export_sites_csv (sync_estate);
  async_csv = fp_export_sites_csv (async_estate);
  g_assert_cmpstr (async_csv, ==, sync_csv);

  g_assert_cmpint (async_id, ==, sync_id);
  sync_records = fp_store_list_imports (fp_workspace_get_store (sync_ws), &error);
  g_assert_no_error (error);
  async_records = fp_store_list_imports (fp_workspace_get_store (async_ws), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (async_records->len, ==, 1);
  g_assert_cmpuint (sync_records->len, ==, 1);
  a = g_ptr_array_index (sync_records, 0);
  b = g_ptr_array_index (async_records, 0);
  g_assert_cmpstr (b->status, ==, "applied");
  g_assert_cmpstr (b->sha256, ==, a->sha256);
  g_assert_cmpuint (b->n_rows, ==, a->n_rows);
  g_assert_cmpuint (b->n_new, ==, a->n_new);
  g_assert_cmpuint (b->n_updated, ==, a->n_updated);

  /* And it undoes as a whole, on the workspace's own connection. */
  g_assert_true (fp_workspace_undo_import (async_ws, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (fp_workspace_get_estate (async_ws)->sites->len, ==, n_sites);
}

static void
test_complete_to_650 (void)
{
  g_autofree char *doc = new_document ();
  g_autofree char *csv = fp_test_tmpfile ("register-650.csv");
  g_autofree char *expected_path = fp_test_tmpfile ("register-650.json");
  g_autoptr(FpEstate) estate = NULL;
  g_autoptr(FpEstate) after = NULL;
  g_autoptr(FpEstate) undone = NULL;
  g_autoptr(FpEstate) redone = NULL;
  g_autoptr(FpSummary) s0 = NULL;
  g_autoptr(FpSummary) s1 = NULL;
  g_autoptr(FpSummary) s2 = NULL;
  g_autoptr(FpSummary) s3 = NULL;
  g_autoptr(FpImportPlan) plan = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  JsonObject *exp, *by_type;
  gint64 id = 0;

  if (!make_register (csv, expected_path, NULL))
    {
      g_test_skip ("/usr/bin/python3 is needed to make the synthetic register");
      return;
    }
  json_parser_load_from_file (parser, expected_path, &error);
  g_assert_no_error (error);
  exp = json_node_get_object (json_parser_get_root (parser));
  by_type = json_object_get_object_member (exp, "by_type");

  estate = load (doc);
  s0 = fp_summary_compute (estate);
  plan = plan_for (estate, csv, NULL);
  g_assert_cmpuint (fp_import_plan_get_refused (plan)->len, ==, 0);
  g_assert_cmpuint (fp_import_plan_get_ambiguous (plan)->len, ==, 0);
  g_assert_cmpuint (fp_import_plan_count_changes (plan, FP_IMPORT_CHANGE_CONFLICT), ==, 0);
  g_assert_cmpuint (fp_import_plan_get_new_sites (plan)->len, ==,
                    json_object_get_int_member (exp, "new_sites"));
  g_assert_cmpuint (fp_import_plan_count_updated_sites (plan), ==,
                    json_object_get_int_member (exp, "updated_sites"));
  /* Headers written as a planner might were matched by synonym. */
  g_assert_true (has_column (plan, "site_code"));
  g_assert_true (has_column (plan, "cost_rates"));
  g_assert_true (has_column (plan, "other_void_m2"));

  apply (doc, plan);
  after = load (doc);
  s1 = fp_summary_compute (after);

  g_assert_cmpuint (s1->sites, ==, 650);
  g_assert_cmpuint (s1->sites, ==, s0->sites + json_object_get_int_member (exp, "new_sites"));
  g_assert_cmpuint (s1->sites_placed, ==,
                    s0->sites_placed + json_object_get_int_member (exp, "new_sites"));
  assert_close (s1->figures[FP_SUMMARY_GIA] - s0->figures[FP_SUMMARY_GIA],
                expected_number (exp, "gia_delta"));
  assert_close (s1->figures[FP_SUMMARY_RUNNING_COST] - s0->figures[FP_SUMMARY_RUNNING_COST],
                expected_number (exp, "running_cost_delta"));
  assert_close (s1->figures[FP_SUMMARY_VOID_COST] - s0->figures[FP_SUMMARY_VOID_COST],
                expected_number (exp, "void_cost_delta"));
  for (guint t = 0; t < FP_N_SITE_TYPES; t++)
    {
      const char *name = fp_site_type_to_string (t);
      gint64 more = json_object_has_member (by_type, name)
                    ? json_object_get_int_member (by_type, name) : 0;

      g_assert_cmpuint (s1->sites_by_type[t], ==, s0->sites_by_type[t] + more);
    }

  /* The document still keeps every data rule, and records the import. */
  problems = fp_validate_estate (after);
  for (guint i = 0; i < problems->len; i++)
    {
      g_autofree char *line = fp_problem_to_string (g_ptr_array_index (problems, i));

      g_test_message ("%s", line);
    }
  g_assert_cmpuint (problems->len, ==, 0);
  {
    g_autoptr(FpStore) store = fp_store_open (doc, &error);
    g_autoptr(GPtrArray) imports = fp_store_list_imports (store, &error);
    const FpImportRecord *r;

    g_assert_no_error (error);
    g_assert_cmpuint (imports->len, ==, 1);
    r = g_ptr_array_index (imports, 0);
    g_assert_cmpstr (r->sha256, ==, fp_import_plan_get_sha256 (plan));
    g_assert_cmpstr (r->author, ==, "Test");
    g_assert_cmpstr (r->status, ==, "applied");
    g_assert_cmpuint (r->n_new, ==, json_object_get_int_member (exp, "new_sites"));
    g_assert_cmpuint (r->n_updated, ==, 20);

    /* Undo takes the whole import back; redo puts it back. */
    g_assert_true (fp_store_undo_import (store, &id, &error));
    g_assert_no_error (error);
    g_assert_cmpint (id, ==, r->id);
    undone = fp_store_load_estate (store, &error);
    s2 = fp_summary_compute (undone);
    g_assert_cmpuint (s2->sites, ==, s0->sites);
    g_assert_cmpuint (s2->property_interests, ==, s0->property_interests);
    g_assert_cmpuint (s2->source_rows, ==, s0->source_rows);
    for (guint f = 0; f < FP_SUMMARY_N_FIGURES; f++)
      g_assert_cmpfloat (s2->figures[f], ==, s0->figures[f]);
    g_assert_cmpuint (undone->sources->len, ==, estate->sources->len);

    g_assert_false (fp_store_undo_import (store, NULL, &error));
    g_assert_error (error, FP_ERROR, FP_ERROR_NOT_FOUND);
    g_clear_error (&error);

    g_assert_true (fp_store_redo_import (store, NULL, &error));
    g_assert_no_error (error);
    redone = fp_store_load_estate (store, &error);
    s3 = fp_summary_compute (redone);
    g_assert_cmpuint (s3->sites, ==, 650);
    for (guint f = 0; f < FP_SUMMARY_N_FIGURES; f++)
      g_assert_cmpfloat (s3->figures[f], ==, s1->figures[f]);
  }
}

/* ---- round trip ------------------------------------------------------------------ */

static void
assert_round_trip (const char       *doc,
                   FpRegisterFormat  format,
                   const char       *name)
{
  g_autofree char *path = fp_test_tmpfile (name);
  g_autoptr(FpEstate) estate = load (doc);
  g_autoptr(FpImportPlan) plan = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (fp_register_export (estate, format, path, &error));
  g_assert_no_error (error);
  plan = plan_for (estate, path, NULL);
  g_assert_cmpuint (fp_import_plan_get_n_rows (plan), ==, estate->sites->len);
  g_assert_cmpuint (fp_import_plan_get_unmatched_headers (plan)->len, ==, 0);
  g_assert_cmpuint (fp_import_plan_get_new_sites (plan)->len, ==, 0);
  if (fp_import_plan_get_changes (plan)->len > 0)
    {
      const FpImportChange *c = g_ptr_array_index (fp_import_plan_get_changes (plan), 0);

      g_error ("%s: row %u, site %s, %s: %s -> %s", name, c->row, c->site_id, c->field,
               c->old_value, c->new_value);
    }
  g_assert_cmpuint (fp_import_plan_get_refused (plan)->len, ==, 0);
  g_assert_cmpuint (fp_import_plan_get_ambiguous (plan)->len, ==, 0);
  g_assert_true (fp_import_plan_is_empty (plan));
}

static void
test_round_trip (void)
{
  g_autofree char *doc = new_document ();
  g_autofree char *csv = fp_test_tmpfile ("register-650.csv");
  g_autofree char *expected = fp_test_tmpfile ("register-650.json");

  assert_round_trip (doc, FP_REGISTER_CSV, "export.csv");
  assert_round_trip (doc, FP_REGISTER_XLSX, "export.xlsx");

  /* And on a document that holds imported sites. */
  if (make_register (csv, expected, NULL))
    {
      g_autoptr(FpEstate) estate = load (doc);
      g_autoptr(FpImportPlan) plan = plan_for (estate, csv, NULL);

      apply (doc, plan);
      assert_round_trip (doc, FP_REGISTER_CSV, "export-650.csv");
      assert_round_trip (doc, FP_REGISTER_XLSX, "export-650.xlsx");
    }
}

/* Text that would be a formula is quoted in the export and unquoted by the import. */
static void
test_export_safe_text (void)
{
  g_autofree char *doc = new_document ();
  g_autofree char *reg = fp_test_tmpfile ("formula-name.csv");
  g_autofree char *out = fp_test_tmpfile ("formula-export.csv");
  g_autofree char *text = NULL;
  g_autoptr(FpEstate) estate = load (doc);
  g_autoptr(FpEstate) after = NULL;
  g_autoptr(FpImportPlan) plan = NULL;
  g_autoptr(GError) error = NULL;

  write_file (reg, "Site code,Name,Type,Postcode\nNEWF1,\"=HYPERLINK(\"\"http://x\"\")\",Hub,"
              "B15 2TT\n", -1);
  plan = plan_for (estate, reg, NULL);
  apply (doc, plan);
  after = load (doc);
  g_assert_cmpstr (site_by_id (after, "NEWF1")->name, ==, "=HYPERLINK(\"http://x\")");
  g_assert_true (fp_register_export (after, FP_REGISTER_CSV, out, &error));
  g_assert_true (g_file_get_contents (out, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, "\"'=HYPERLINK(\"\"http://x\"\")\""));
  assert_round_trip (doc, FP_REGISTER_CSV, "formula-round-trip.csv");
}

/* ---- ERIC vintages --------------------------------------------------------------- */

static double
factor_for (const FpEstate *estate,
            const char     *vintage)
{
  g_autofree char *key = g_strdup_printf ("gdp_deflator.%s", vintage);

  return fp_estate_get_assumption (estate, "gdp_deflator.2025_26", NAN) /
         fp_estate_get_assumption (estate, key, NAN);
}

static void
assert_change (const FpImportPlan *plan,
               const char         *site,
               const char         *field,
               double              value)
{
  const FpImportChange *c = find_change (plan, site, field);

  if (c == NULL)
    g_error ("no change of %s of %s", field, site);
  assert_close (g_ascii_strtod (c->new_value, NULL), value);
}

static void
test_eric_vintages (void)
{
  g_autofree char *doc = new_document ();
  g_autoptr(FpEstate) estate = load (doc);
  g_autofree char *p1617 = data_path ("eric/eric_2016_17_site_data_header.csv");
  g_autofree char *p1920 = data_path ("eric/ERIC-201920-SiteData-attested-columns.csv");
  g_autofree char *p2324 = data_path ("eric/eric_2023_24_site_data-attested-columns.csv");
  g_autoptr(GError) error = NULL;

  /* 2016/17: the full header, every mapped column. */
  {
    g_autoptr(FpImportPlan) plan = plan_for (estate, p1617, NULL);
    double f = factor_for (estate, "2016_17");
    const char *fields[] = { "gia_m2", "backlog_high", "backlog_significant", "backlog_moderate",
                             "backlog_low", "cost_rent", "cost_hard_fm", "cost_soft_fm",
                             "cost_utilities", "cost_other" };

    g_assert_cmpint (fp_import_plan_get_kind (plan), ==, FP_IMPORT_KIND_ERIC);
    g_assert_cmpstr (fp_import_plan_get_source_id (plan), ==, "eric_2016_17");
    for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
      g_assert_true (has_column (plan, fields[i]));
    assert_change (plan, "RRK15", "gia_m2", 12345);
    assert_change (plan, "RRK15", "other_void_m2", 1234.5);
    assert_change (plan, "RRK15", "backlog_high", 1000 * f);
    assert_change (plan, "RRK15", "backlog_low", 4000 * f);
    assert_change (plan, "RRK15", "cost_rent", 500000 * f);
    assert_change (plan, "RRK15", "cost_hard_fm", 123 * f);
    assert_change (plan, "RRK15", "cost_utilities", 7770 * f);
    assert_change (plan, "RRK15", "cost_other", 55 * f);
    /* The aggregate row and the site outside the document are left out, not refused. */
    g_assert_cmpuint (fp_import_plan_get_ignored (plan)->len, ==, 2);
    g_assert_cmpuint (fp_import_plan_get_refused (plan)->len, ==, 0);
  }

  /* 2019/20: the document has no deflator for that year, so the file is refused... */
  {
    FpImportPlan *plan = fp_import_plan_new (estate, p1920, NULL, NULL, NULL, NULL, &error);

    g_assert_null (plan);
    g_assert_error (error, FP_ERROR, FP_ERROR_INVALID_DATA);
    g_assert_nonnull (strstr (error->message, "gdp_deflator.2019_20"));
    g_clear_error (&error);
  }
  /* ...and with one (a test value) its backlog columns map and are indexed by it. */
  {
    g_autoptr(FpImportPlan) plan = NULL;
    FpAssumption a = { .key = g_strdup ("gdp_deflator.2019_20"), .value = 80.0 };

    g_array_append_val (estate->assumptions, a);
    fp_estate_reindex (estate);
    plan = plan_for (estate, p1920, NULL);
    g_assert_cmpstr (fp_import_plan_get_source_id (plan), ==, "eric_2019_20");
    g_assert_true (has_column (plan, "backlog_high"));
    g_assert_true (has_column (plan, "backlog_low"));
    g_assert_false (has_column (plan, "gia_m2"));
    assert_change (plan, "RRK15", "backlog_high",
                   1000 * fp_estate_get_assumption (estate, "gdp_deflator.2025_26", NAN) / 80.0);
    /* "Not Applicable" is no value, not a zero. */
    g_assert_null (find_change (plan, "RRK15", "backlog_moderate"));
  }

  /* 2023/24: floor area and two backlog bands; a newer return replaces 2016/17's measured
   * floor area without a conflict. */
  {
    g_autoptr(FpImportPlan) plan = plan_for (estate, p2324, NULL);
    const FpImportChange *gia;

    g_assert_cmpstr (fp_import_plan_get_source_id (plan), ==, "eric_2023_24");
    g_assert_true (has_column (plan, "gia_m2"));
    g_assert_true (has_column (plan, "backlog_significant"));
    gia = find_change (plan, "RYW23", "gia_m2");
    g_assert_nonnull (gia);
    g_assert_cmpint (gia->kind, ==, FP_IMPORT_CHANGE_UPDATE);
    assert_change (plan, "RYW23", "gia_m2", 9876);
    assert_change (plan, "RYW23", "backlog_significant", 2500 * factor_for (estate, "2023_24"));
  }
}

/* ---- matching, conflicts, --map -------------------------------------------------- */

static void
test_conflict (void)
{
  g_autofree char *doc = new_document ();
  g_autofree char *reg = fp_test_tmpfile ("conflict.csv");
  g_autoptr(FpEstate) estate = load (doc);
  g_autoptr(FpEstate) after = NULL;
  g_autoptr(FpImportPlan) plan = NULL;
  const FpSite *qe = site_by_id (estate, "RRK15");
  double old = qe->numbers[FP_SITE_GIA_M2];
  const FpImportChange *c;
  GPtrArray *changes;

  /* QE's floor area is measured by ERIC 2016/17. */
  g_assert_cmpint (qe->prov[FP_SITE_GIA_M2].kind, ==, FP_PROV_MEASURED);
  write_file (reg, "Site code,Name,GIA (m²)\n"
              "RRK15,Queen Elizabeth Hospital Birmingham,99999\n", -1);
  plan = plan_for (estate, reg, NULL);
  c = find_change (plan, "RRK15", "gia_m2");
  g_assert_nonnull (c);
  g_assert_cmpint (c->kind, ==, FP_IMPORT_CHANGE_CONFLICT);
  g_assert_false (c->take);
  g_assert_nonnull (strstr (c->old_source, "eric_2016_17"));
  g_assert_true (fp_import_plan_is_empty (plan));

  /* Taking the file's value writes it, as measured by the register. */
  changes = fp_import_plan_get_changes (plan);
  for (guint i = 0; i < changes->len; i++)
    if (g_ptr_array_index (changes, i) == c)
      fp_import_plan_set_take (plan, i, TRUE);
  apply (doc, plan);
  after = load (doc);
  qe = site_by_id (after, "RRK15");
  g_assert_cmpfloat (qe->numbers[FP_SITE_GIA_M2], ==, 99999);
  g_assert_cmpfloat (old, !=, 99999);
  g_assert_true (g_str_has_suffix (qe->prov[FP_SITE_GIA_M2].source_id, "_conflict"));
}

static void
test_map_and_match (void)
{
  g_autofree char *doc = new_document ();
  g_autofree char *reg = fp_test_tmpfile ("mapped.csv");
  g_autoptr(FpEstate) estate = load (doc);
  g_autoptr(FpImportPlan) unmapped = NULL;
  g_autoptr(FpImportPlan) mapped = NULL;
  const char *maps[] = { "GIA=Area of the building", NULL };
  FpImportOptions options = { .maps = maps };
  const FpSite *site = NULL;
  g_autofree char *csv = NULL;

  /* A site with an estimated area, matched by postcode and name (no code given). */
  for (guint i = 0; i < estate->sites->len && site == NULL; i++)
    {
      const FpSite *s = fp_estate_get_site (estate, i);

      if (s->type == FP_SITE_TYPE_GP_PRACTICE && s->texts[FP_SITE_POSTCODE] != NULL &&
          s->prov[FP_SITE_GIA_M2].kind == FP_PROV_ESTIMATED && s->status == FP_SITE_STATUS_CURRENT)
        site = s;
    }
  g_assert_nonnull (site);
  csv = g_strdup_printf ("Building name,Post code,Area of the building\n\"%s\",%s,777\n",
                         site->name, site->texts[FP_SITE_POSTCODE]);
  write_file (reg, csv, -1);

  unmapped = plan_for (estate, reg, NULL);
  g_assert_false (has_column (unmapped, "gia_m2"));
  g_assert_cmpuint (fp_import_plan_get_unmatched_headers (unmapped)->len, ==, 1);

  mapped = plan_for (estate, reg, &options);
  g_assert_true (has_column (mapped, "gia_m2"));
  g_assert_cmpuint (fp_import_plan_get_new_sites (mapped)->len, ==, 0);
  assert_change (mapped, site->id, "gia_m2", 777);
  g_assert_cmpint (find_change (mapped, site->id, "gia_m2")->kind, ==, FP_IMPORT_CHANGE_UPDATE);
  /* Its estimated running costs follow the new floor area. */
  g_assert_nonnull (find_change (mapped, site->id, "cost_rent"));
  g_assert_cmpint (find_change (mapped, site->id, "cost_rent")->kind, ==,
                   FP_IMPORT_CHANGE_ESTIMATE);
}

/* Two rows that find the same site by postcode and name: the second is ambiguous, left out,
 * and stops the CLI. */
static void
test_ambiguous (void)
{
  g_autofree char *doc = new_document ();
  g_autofree char *reg = fp_test_tmpfile ("ambiguous.csv");
  g_autoptr(FpEstate) estate = load (doc);
  g_autoptr(FpImportPlan) plan = NULL;
  g_autofree char *csv = NULL;
  const FpSite *site = site_by_id (estate, "M85671");
  const FpImportProblem *p;

  g_assert_nonnull (site->texts[FP_SITE_POSTCODE]);
  csv = g_strdup_printf ("Name,Postcode,Beds\n\"%s\",%s,1\n\"%s\",%s,2\n", site->name,
                         site->texts[FP_SITE_POSTCODE], site->name, site->texts[FP_SITE_POSTCODE]);
  write_file (reg, csv, -1);
  plan = plan_for (estate, reg, NULL);
  g_assert_cmpuint (fp_import_plan_get_ambiguous (plan)->len, ==, 1);
  p = g_ptr_array_index (fp_import_plan_get_ambiguous (plan), 0);
  g_assert_cmpuint (p->row, ==, 3);
  g_assert_nonnull (strstr (p->message, "M85671"));
  assert_change (plan, "M85671", "beds", 1);
}

/* The readers never crash on damaged input: mutated CSV and XLSX bytes are read or refused
 * with an FP_ERROR, and what is read keeps the table's shape. (The libFuzzer harnesses of
 * tests/fuzz go much further; this runs in every build.) */
static void
check_table (FpTable *table,
             GError  *error)
{
  guint last;

  if (table == NULL)
    {
      g_assert_nonnull (error);
      g_assert_true (error->domain == FP_ERROR);
      g_assert_cmpstr (error->message, !=, "");
      return;
    }
  g_assert_no_error (error);
  g_assert_cmpuint (table->header->len, >, 0);
  last = table->header_row;
  for (guint r = 0; r < table->rows->len; r++)
    {
      const FpTableRow *row = g_ptr_array_index (table->rows, r);

      g_assert_cmpuint (row->number, >, last);
      g_assert_cmpuint (row->n_cells, <=, table->header->len);
      for (guint c = 0; c < row->n_cells; c++)
        g_assert_true (g_utf8_validate (row->cells[c], -1, NULL));
      last = row->number;
    }
}

static void
test_reader_mutations (void)
{
  g_autofree char *xlsx = fp_test_tmpfile ("seed.xlsx");
  g_autofree char *xlsx_bytes = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261129);
  static const char csv_seed[] =
    "\xef\xbb\xbfSite code,Name,\"Type\",Postcode,GIA (m\xc2\xb2)\r\n"
    "A1,\"Alpha, \"\"first\"\"\nfloor\",Hub,"
    "B15 2TT,120\r\nA2,Beta,Office,B1 1AA,1,234.5\r\n\r\n";
  gsize xlsx_length;

  make_workbook (xlsx, TRUE, TRUE);
  g_assert_true (g_file_get_contents (xlsx, &xlsx_bytes, &xlsx_length, NULL));

  for (guint i = 0; i < 3000; i++)
    {
      gboolean is_csv = i % 3 != 0;
      const char *seed = is_csv ? csv_seed : xlsx_bytes;
      gsize length = is_csv ? sizeof csv_seed - 1 : xlsx_length;
      g_autofree char *buf = g_memdup2 (seed, length);
      guint n = g_rand_int_range (rand, 1, 8);
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(FpTable) table = NULL;
      GError *error = NULL;

      for (guint m = 0; m < n && length > 0; m++)
        {
          gsize at = g_rand_int_range (rand, 0, length);

          switch (g_rand_int_range (rand, 0, 3))
            {
            case 0: buf[at] = (char) g_rand_int_range (rand, 0, 256); break;
            case 1: buf[at] = "\",\r\n;\t\xef"[g_rand_int_range (rand, 0, 7)]; break;
            default: length = at; break;  /* truncate */
            }
        }
      bytes = g_bytes_new (buf, length);
      table = is_csv ? fp_table_read_csv (bytes, "m.csv", &error)
                     : fp_table_read_xlsx (bytes, "m.xlsx", "Sites", &error);
      check_table (table, error);
      g_clear_error (&error);
    }
}

/* ---- ODS ------------------------------------------------------------------------- */

static void
test_ods_closure (void)
{
  g_autofree char *doc = new_document ();
  g_autofree char *path = data_path ("ods/epraccur-sample.csv");
  g_autoptr(FpEstate) estate = load (doc);
  g_autoptr(FpEstate) after = NULL;
  g_autoptr(FpImportPlan) plan = plan_for (estate, path, NULL);
  const FpSite *site;
  const FpImportChange *c;

  g_assert_cmpint (fp_import_plan_get_kind (plan), ==, FP_IMPORT_KIND_EPRACCUR);
  g_assert_cmpint (site_by_id (estate, "M85671")->status, ==, FP_SITE_STATUS_CURRENT);
  c = find_change (plan, "M85671", "status");
  g_assert_nonnull (c);
  g_assert_cmpstr (c->new_value, ==, "possibly_closed");
  g_assert_null (find_change (plan, "M85001", "status"));
  apply (doc, plan);

  after = load (doc);
  site = site_by_id (after, "M85671");
  g_assert_cmpint (site->status, ==, FP_SITE_STATUS_POSSIBLY_CLOSED);
  for (guint i = 0; i < after->interests->len; i++)
    {
      const FpInterest *interest = &g_array_index (after->interests, FpInterest, i);

      if (fp_estate_get_site (after, interest->site) == site)
        {
          g_assert_nonnull (strstr (interest->note, "closed on 2024-10-31"));
          break;
        }
    }
}

/* ---- the CLI: valid rows only, undo refused, JSON ---------------------------------- */

static void
test_cli_valid_rows_only (void)
{
  g_autofree char *home = fp_test_tmpdir ();
  g_autofree char *doc = new_document ();
  g_autofree char *dir = fp_test_tmpfile ("valid");
  g_autofree char *reg = g_build_filename (dir, "reg.csv", NULL);
  g_autofree char *report = g_build_filename (dir, "reg-refused.csv", NULL);
  g_autofree char *text = NULL;
  g_autoptr(FpEstate) original = load (doc);
  g_autoptr(FpEstate) after = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir (dir, 0700), ==, 0);
  write_file (reg, "Site code,Name,Type,Postcode,GIA (m²)\nNEWV1,Alpha Clinic,Hub,B15 2TT,100\n"
              "NEWV2,\"=cmd|' /C calc'!A0\",Hub,B15 2TT,abc\n"
              "NEWV3,Gamma Clinic,Office,B1 1AA,\n", -1);

  {
    g_auto(FpTestRun) run = { 0 };
    const char *args[] = { "import", "--document", doc, reg, "--dry-run", "--format", "json",
                           NULL };
    JsonObject *root;

    fp_test_run_cli (&run, home, args);
    g_assert_cmpint (run.status, ==, 1);
    json_parser_load_from_data (parser, run.out, -1, &error);
    g_assert_no_error (error);
    root = json_node_get_object (json_parser_get_root (parser));
    g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (root, "counts"),
                                                 "refused_rows"), ==, 1);
    g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (root, "counts"),
                                                 "new"), ==, 2);
  }
  {
    g_auto(FpTestRun) run = { 0 };
    const char *args[] = { "import", "--document", doc, reg, "--valid-rows-only", NULL };

    fp_test_run_cli (&run, home, args);
    g_assert_cmpint (run.status, ==, 0);
  }
  after = load (doc);
  g_assert_cmpuint (after->sites->len, ==, original->sites->len + 2);
  g_assert_true (fp_estate_find_site (after, "NEWV3", NULL));
  g_assert_false (fp_estate_find_site (after, "NEWV2", NULL));
  /* An office's floor area, absent from the row, is estimated and says so. */
  g_assert_cmpint (site_by_id (after, "NEWV3")->prov[FP_SITE_GIA_M2].kind, ==, FP_PROV_ESTIMATED);

  g_assert_true (g_file_get_contents (report, &text, NULL, &error));
  g_assert_nonnull (strstr (text, "3,E “GIA (m²)”,“abc” is not a number"));
  /* The row's text is made safe for a spreadsheet. */
  g_assert_nonnull (strstr (text, "'=cmd|"));
}

static void
test_cli_undo (void)
{
  g_autofree char *home = fp_test_tmpdir ();
  g_autofree char *doc = new_document ();
  g_autofree char *reg = fp_test_tmpfile ("undo.csv");
  g_autofree char *before = fp_test_file_checksum (doc);
  g_autoptr(FpEstate) original = load (doc);

  write_file (reg, "Site code,Name,Type,Postcode\nNEWU9,Undo Clinic,Hub,B15 2TT\n", -1);
  {
    g_auto(FpTestRun) run = { 0 };
    const char *args[] = { "import", "--document", doc, reg, NULL };

    fp_test_run_cli (&run, home, args);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "1 new sites"));
  }
  {
    g_auto(FpTestRun) run = { 0 };
    const char *create[] = { "scenario", "create", "--document", doc, "--scenario", "Uses it",
                             NULL };
    const char *add[] = { "scenario", "add-change", "--document", doc, "--scenario", "Uses it",
                          "--kind", "exit_site", "--year", "2027", "--site", "NEWU9", NULL };
    const char *undo[] = { "import", "--undo", "--document", doc, NULL };

    fp_test_run_cli (&run, home, create);
    g_assert_cmpint (run.status, ==, 0);
    fp_test_run_clear (&run);
    fp_test_run_cli (&run, home, add);
    g_assert_cmpint (run.status, ==, 0);
    fp_test_run_clear (&run);
    fp_test_run_cli (&run, home, undo);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_nonnull (strstr (run.err, "NEWU9"));
    g_assert_nonnull (strstr (run.err, "“Uses it”"));
  }
  {
    g_auto(FpTestRun) run = { 0 };
    const char *del[] = { "scenario", "delete", "--document", doc, "--scenario", "Uses it", NULL };
    const char *undo[] = { "import", "--undo", "--document", doc, NULL };
    g_autoptr(FpEstate) estate = NULL;

    fp_test_run_cli (&run, home, del);
    g_assert_cmpint (run.status, ==, 0);
    fp_test_run_clear (&run);
    fp_test_run_cli (&run, home, undo);
    g_assert_cmpint (run.status, ==, 0);
    estate = load (doc);
    g_assert_false (fp_estate_find_site (estate, "NEWU9", NULL));
    g_assert_cmpuint (estate->sites->len, ==, original->sites->len);
  }
  (void) before;
}

/* ---- progress and cancelling ----------------------------------------------------- */

static void
on_progress (double   fraction,
             gpointer user_data)
{
  double *last = user_data;

  g_assert_cmpfloat (fraction, >=, *last);
  *last = fraction;
}

static void
test_progress_cancel (void)
{
  g_autofree char *doc = new_document ();
  g_autofree char *reg = fp_test_tmpfile ("progress.csv");
  g_autoptr(FpEstate) estate = load (doc);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(FpImportPlan) plan = NULL;
  double last = 0;

  write_file (reg, "Site code,Name,Type,Postcode\nNEWP1,Progress Clinic,Hub,B15 2TT\n", -1);
  plan = fp_import_plan_new (estate, reg, NULL, on_progress, &last, cancellable, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (last, ==, 1.0);
  g_clear_pointer (&plan, fp_import_plan_free);

  g_cancellable_cancel (cancellable);
  plan = fp_import_plan_new (estate, reg, NULL, NULL, NULL, cancellable, &error);
  g_assert_null (plan);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/fp/import/bad-inputs", test_bad_inputs);
  g_test_add_func ("/fp/import/csv-reader", test_csv_reader);
  g_test_add_func ("/fp/import/postcodes", test_postcodes);
  g_test_add_func ("/fp/import/xlsx", test_xlsx);
  g_test_add_func ("/fp/import/complete-to-650", test_complete_to_650);
  g_test_add_func ("/fp/import/round-trip", test_round_trip);
  g_test_add_func ("/fp/import/export-safe-text", test_export_safe_text);
  g_test_add_func ("/fp/import/eric-vintages", test_eric_vintages);
  g_test_add_func ("/fp/import/conflict", test_conflict);
  g_test_add_func ("/fp/import/map-and-match", test_map_and_match);
  g_test_add_func ("/fp/import/ambiguous", test_ambiguous);
  g_test_add_func ("/fp/import/reader-mutations", test_reader_mutations);
  g_test_add_func ("/fp/import/ods-closure", test_ods_closure);
  g_test_add_func ("/fp/import/cli-valid-rows-only", test_cli_valid_rows_only);
  g_test_add_func ("/fp/import/cli-undo", test_cli_undo);
  g_test_add_func ("/fp/import/progress-cancel", test_progress_cancel);
  g_test_add_func ("/fp/import/apply-async", test_apply_async);

  return g_test_run ();
}
