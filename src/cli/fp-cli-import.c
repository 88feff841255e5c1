/* fp-cli-import.c: footprint-cli import and register.
 *
 * `import` reads a register or a national return, prints the plan (new sites, updated
 * fields, conflicts, ambiguous and refused rows, each with its row) and, without --dry-run,
 * applies it in one transaction; `import --undo` and `--redo` take the latest import back
 * or put it back. `register export` writes the estate as a register an import reads.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "footprint-cli"

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <glib/gi18n.h>

#include "fp-cli.h"

static void
print_problems (const char *title,
                GPtrArray  *list,
                guint       limit)
{
  if (list->len == 0)
    return;
  printf ("%s (%u):\n", title, list->len);
  for (guint i = 0; i < list->len && i < limit; i++)
    printf ("  %s\n", ((FpImportProblem *) g_ptr_array_index (list, i))->text);
  if (list->len > limit)
    printf (_("  … and %u more\n"), list->len - limit);
}

static void
print_changes (const FpImportPlan *plan,
               FpImportChangeKind  kind,
               const char         *title)
{
  GPtrArray *changes = fp_import_plan_get_changes (plan);
  guint n = fp_import_plan_count_changes (plan, kind);

  if (n == 0)
    return;
  printf ("%s (%u):\n", title, n);
  for (guint i = 0; i < changes->len; i++)
    {
      const FpImportChange *c = g_ptr_array_index (changes, i);

      if (c->kind != kind)
        continue;
      /* Translators: "  row 7  M85001 Hodge Hill: gia_m2 450 → 520" */
      printf (_("  row %u  %s %s: %s %s → %s"), c->row, c->site_id, c->site_name, c->field,
              c->old_value != NULL ? c->old_value : "—", c->new_value);
      if (kind == FP_IMPORT_CHANGE_CONFLICT)
        printf (_(" (the document’s value is %s; %s)"), c->old_source,
                c->take ? _("the file’s value is taken") : _("kept"));
      printf ("\n");
    }
}

static void
print_plan_text (const FpImportPlan *plan)
{
  GPtrArray *columns = fp_import_plan_get_columns (plan);
  GPtrArray *unmatched = fp_import_plan_get_unmatched_headers (plan);
  GPtrArray *new_sites = fp_import_plan_get_new_sites (plan);

  if (fp_import_plan_get_sheet (plan) != NULL)
    printf (_("Import of %s, sheet “%s” (%s, %u rows, SHA-256 %s)\n"),
            fp_import_plan_get_file (plan), fp_import_plan_get_sheet (plan),
            fp_import_kind_to_string (fp_import_plan_get_kind (plan)),
            fp_import_plan_get_n_rows (plan), fp_import_plan_get_sha256 (plan));
  else
    printf (_("Import of %s (%s, %u rows, SHA-256 %s)\n"), fp_import_plan_get_file (plan),
            fp_import_kind_to_string (fp_import_plan_get_kind (plan)),
            fp_import_plan_get_n_rows (plan), fp_import_plan_get_sha256 (plan));

  printf (_("Columns:\n"));
  for (guint i = 0; i < columns->len; i++)
    {
      const FpImportColumn *c = g_ptr_array_index (columns, i);
      g_autofree char *letters = fp_table_column_name (c->column);

      printf ("  %-3s “%s” → %s (%s)%s\n", letters, c->header, c->field, c->how,
              c->held ? "" : _(", recognised but not held by Footprint"));
    }
  if (unmatched->len > 0)
    {
      printf (_("Columns left out (no field matches their header):"));
      for (guint i = 0; i < unmatched->len; i++)
        printf ("%s “%s”", i > 0 ? "," : "", (const char *) g_ptr_array_index (unmatched, i));
      printf ("\n");
    }

  if (new_sites->len > 0)
    {
      printf (_("New sites (%u):\n"), new_sites->len);
      for (guint i = 0; i < new_sites->len; i++)
        {
          const FpImportNewSite *s = g_ptr_array_index (new_sites, i);

          printf (_("  row %u  %s %s (%s, %s, placed by %s)\n"), s->row, s->site_id, s->name,
                  s->site_type, s->postcode != NULL ? s->postcode : "—", s->placed_by);
        }
    }
  print_changes (plan, FP_IMPORT_CHANGE_UPDATE, _("Updated fields"));
  print_changes (plan, FP_IMPORT_CHANGE_CONFLICT,
                 _("Conflicts with another measured value"));
  print_changes (plan, FP_IMPORT_CHANGE_ESTIMATE, _("Re-estimated from the new values"));
  print_problems (_("Rows matched ambiguously (left out)"), fp_import_plan_get_ambiguous (plan),
                  G_MAXUINT);
  print_problems (_("Refused"), fp_import_plan_get_refused (plan), G_MAXUINT);
  print_problems (_("Rows naming no site of the document (left out)"),
                  fp_import_plan_get_ignored (plan), 20);
  printf (_("Summary: %u new sites, %u sites updated, %u conflicts, %u rows ambiguous, "
            "%u rows refused\n"),
          new_sites->len, fp_import_plan_count_updated_sites (plan),
          fp_import_plan_count_changes (plan, FP_IMPORT_CHANGE_CONFLICT),
          fp_import_plan_get_ambiguous (plan)->len, fp_import_plan_count_refused_rows (plan));
}

static char *
default_author (void)
{
  const char *name = g_get_real_name ();

  if (name == NULL || *name == '\0' || g_str_equal (name, "Unknown"))
    name = g_get_user_name ();
  return g_strdup (name);
}

static int
undo_redo_list (const char *document,
                gboolean    undo,
                gboolean    redo,
                gboolean    list)
{
  g_autoptr(FpStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = 0;

  store = open_document (document, &error);
  if (store == NULL)
    return fail_error (error);

  if (list)
    {
      g_autoptr(GPtrArray) imports = fp_store_list_imports (store, &error);

      if (imports == NULL)
        return fail_error (error);
      for (guint i = 0; i < imports->len; i++)
        {
          const FpImportRecord *r = g_ptr_array_index (imports, i);

          /* Translators: "3  2026-11-29T23:10:00Z  applied  Jo Bloggs  register.xlsx (register):
           * 236 new, 20 updated, 0 conflicts, 0 refused, SHA-256 ..." */
          printf (_("%" G_GINT64_FORMAT "  %s  %s  %s  %s (%s): %u new, %u updated, %u conflicts, "
                    "%u refused, SHA-256 %s\n"), r->id, r->recorded_at, r->status, r->author,
                  r->file_name, r->kind, r->n_new, r->n_updated, r->n_conflicts, r->n_refused,
                  r->sha256);
        }
      return EXIT_OK;
    }

  if (undo && !fp_store_undo_import (store, &id, &error))
    return fail_error (error);
  if (redo && !fp_store_redo_import (store, &id, &error))
    return fail_error (error);

  printf (undo ? _("Undid import %" G_GINT64_FORMAT "\n")
               : _("Redid import %" G_GINT64_FORMAT "\n"), id);
  return EXIT_OK;
}

int
cmd_import (int    argc,
            char **argv)
{
  g_autofree char *document = NULL;
  g_autofree char *sheet = NULL;
  g_auto(GStrv) maps = NULL;
  g_autofree char *format = NULL;
  g_autofree char *name = NULL;
  g_autofree char *vintage = NULL;
  g_autofree char *by = NULL;
  g_autofree char *kind = NULL;
  g_autoptr(FpStore) store = NULL;
  g_autoptr(FpEstate) estate = NULL;
  g_autoptr(FpImportPlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  gboolean dry_run = FALSE, valid_rows_only = FALSE, undo = FALSE, redo = FALSE, list = FALSE;
  gboolean take = FALSE, json;
  FpImportOptions options = { 0 };
  guint refused, ambiguous;
  gint64 id = 0;
  int code = EXIT_OK;
  GOptionEntry entries[] = {
    { "document", 'd', 0, G_OPTION_ARG_FILENAME, &document,
      N_("The document (default: the user’s document)"), N_("PATH") },
    { "sheet", 0, 0, G_OPTION_ARG_STRING, &sheet,
      N_("The sheet of a workbook to import (needed when it has several)"), N_("NAME") },
    { "map", 0, 0, G_OPTION_ARG_STRING_ARRAY, &maps,
      N_("Read a field from the column with this header, e.g. \"GIA=Floor area (m2)\" "
         "(repeatable)"), N_("FIELD=HEADER") },
    { "dry-run", 0, 0, G_OPTION_ARG_NONE, &dry_run, N_("Print the plan; write nothing"), NULL },
    { "valid-rows-only", 0, 0, G_OPTION_ARG_NONE, &valid_rows_only,
      N_("Import the valid rows and write the refused ones to NAME-refused.csv beside the file"),
      NULL },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("text or json (default text)"),
      N_("FORMAT") },
    { "take-file-values", 0, 0, G_OPTION_ARG_NONE, &take,
      N_("Where the document holds another measured value, take the file’s"), NULL },
    { "name", 0, 0, G_OPTION_ARG_STRING, &name,
      N_("The register’s name, recorded as its values’ source (default: the file’s name)"),
      N_("NAME") },
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind,
      N_("register, eric, epraccur or ebranchs (default: from the file)"), N_("KIND") },
    { "vintage", 0, 0, G_OPTION_ARG_STRING, &vintage,
      N_("The year of an ERIC file whose name does not say, e.g. 2019/20"), N_("YYYY/YY") },
    { "by", 0, 0, G_OPTION_ARG_STRING, &by, N_("Who imports (default: the user’s name)"),
      N_("NAME") },
    { "undo", 0, 0, G_OPTION_ARG_NONE, &undo, N_("Take back the latest import, as a whole"),
      NULL },
    { "redo", 0, 0, G_OPTION_ARG_NONE, &redo, N_("Put back the import undone last"), NULL },
    { "list", 0, 0, G_OPTION_ARG_NONE, &list, N_("List the document’s imports"), NULL },
    { NULL }
  };

  if (!parse_options ("import", _("[FILE]"),
                      _("Import a site register (CSV or XLSX), ERIC site data or an ODS "
                        "epraccur/ebranchs file. The whole file is checked first; any refused "
                        "row stops the import (exit 1, nothing written) unless "
                        "--valid-rows-only."),
                      entries, &argc, &argv, &code))
    return code;

  if (undo || redo || list)
    {
      if (!no_extra_arguments ("import", argc, argv, 1, &code))
        return code;
      if (undo + redo + list > 1)
        return fail (EXIT_USAGE, _("choose one of --undo, --redo and --list"));
      return undo_redo_list (document, undo, redo, list);
    }

  if (argc < 2)
    return fail (EXIT_USAGE, _("name the file to import (try “footprint-cli import --help”)"));
  if (!no_extra_arguments ("import", argc, argv, 2, &code))
    return code;
  if (format != NULL && !g_str_equal (format, "json") && !g_str_equal (format, "text"))
    return fail (EXIT_USAGE, _("unknown format “%s”; use text or json"), format);
  json = format != NULL && g_str_equal (format, "json");

  options.kind = FP_IMPORT_KIND_AUTO;
  if (kind != NULL)
    {
      const FpImportKind kinds[] = { FP_IMPORT_KIND_REGISTER, FP_IMPORT_KIND_ERIC,
                                     FP_IMPORT_KIND_EPRACCUR, FP_IMPORT_KIND_EBRANCHS };

      for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
        if (g_str_equal (kind, fp_import_kind_to_string (kinds[i])))
          options.kind = kinds[i];
      if (options.kind == FP_IMPORT_KIND_AUTO)
        return fail (EXIT_USAGE, _("unknown kind “%s”; use register, eric, epraccur or "
                                   "ebranchs"), kind);
    }
  options.sheet = sheet;
  options.maps = (const char **) maps;
  options.name = name;
  options.vintage = vintage;
  options.take_file_values = take;

  store = open_document (document, &error);
  if (store == NULL)
    return fail_error (error);
  estate = fp_store_load_estate (store, &error);
  if (estate == NULL)
    return fail_error (error);

  plan = fp_import_plan_new (estate, argv[1], &options, NULL, NULL, NULL, &error);
  if (plan == NULL)
    {
      if (g_error_matches (error, FP_ERROR, FP_ERROR_INVALID_ARGUMENT) && sheet == NULL &&
          strstr (error->message, "sheets") != NULL)
        return fail (EXIT_FAILED, _("%s (with --sheet NAME)"), error->message);
      return fail_error (error);
    }

  if (json)
    {
      g_autofree char *text = fp_import_plan_to_json (plan);

      printf ("%s\n", text);
    }
  else
    print_plan_text (plan);

  refused = fp_import_plan_count_refused_rows (plan);
  ambiguous = fp_import_plan_get_ambiguous (plan)->len;
  if ((refused > 0 || ambiguous > 0) && !valid_rows_only)
    return fail (EXIT_FAILED,
                 _("%u rows refused and %u matched ambiguously in %s; nothing was written "
                   "(correct them, or import the valid rows only with --valid-rows-only)"),
                 refused, ambiguous, fp_import_plan_get_file (plan));

  if (dry_run)
    return EXIT_OK;

  if (fp_import_plan_is_empty (plan))
    {
      if (!json)
        printf (_("Nothing to import: the file agrees with the document.\n"));
      return EXIT_OK;
    }

  if (refused > 0 || ambiguous > 0)
    {
      g_autofree char *report = fp_import_plan_refused_report_path (plan);

      if (!fp_import_plan_write_refused_report (plan, report, &error))
        return fail_error (error);
      if (!json)
        printf (_("The refused rows are in %s\n"), report);
    }

  if (by == NULL)
    by = default_author ();
  if (!fp_store_apply_import (store, plan, by, &id, &error))
    return fail_error (error);

  if (!json)
    printf (_("Imported as import %" G_GINT64_FORMAT ": %u new sites, %u sites updated. "
              "Undo it with “footprint-cli import --undo”.\n"), id,
            fp_import_plan_get_new_sites (plan)->len, fp_import_plan_count_updated_sites (plan));
  return EXIT_OK;
}

int
cmd_register (int    argc,
              char **argv)
{
  g_autofree char *document = NULL;
  g_autofree char *format = NULL;
  g_autofree char *output = NULL;
  g_autoptr(FpStore) store = NULL;
  g_autoptr(FpEstate) estate = NULL;
  g_autoptr(GError) error = NULL;
  FpRegisterFormat fmt;
  int code = EXIT_OK;
  GOptionEntry entries[] = {
    { "document", 'd', 0, G_OPTION_ARG_FILENAME, &document,
      N_("The document (default: the user’s document)"), N_("PATH") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("csv or xlsx"), N_("FORMAT") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The file to write"), N_("FILE") },
    { NULL }
  };

  if (!parse_options ("register", _("export"),
                      _("Write the estate as a register, in the columns an import reads, so it "
                        "can be edited in a spreadsheet and imported again."),
                      entries, &argc, &argv, &code))
    return code;

  if (argc < 2 || !g_str_equal (argv[1], "export"))
    return fail (EXIT_USAGE, _("use “footprint-cli register export --format csv|xlsx --output "
                               "FILE”"));
  if (!no_extra_arguments ("register", argc, argv, 2, &code))
    return code;
  if (format == NULL || !fp_register_format_from_string (format, &fmt))
    return fail (EXIT_USAGE, _("choose the format with --format csv or --format xlsx"));
  if (output == NULL)
    return fail (EXIT_USAGE, _("name the file to write with --output FILE"));

  store = open_document (document, &error);
  if (store == NULL)
    return fail_error (error);
  estate = fp_store_load_estate (store, &error);
  if (estate == NULL)
    return fail_error (error);
  if (!fp_register_export (estate, fmt, output, &error))
    return fail_error (error);

  printf (_("Wrote %u sites to %s\n"), estate->sites->len, output);
  return EXIT_OK;
}
