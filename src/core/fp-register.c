/* fp-register.c: the register export (fp-register.h).
 *
 * One row per site, one column per register field, in the order and with the headers an
 * import matches by name. Numbers are written unrounded (the shortest text that reads back
 * as the same number in CSV; numbers in XLSX), text through fp_cell_text_safe() so nothing
 * becomes a formula (the import takes the added quote off again). Files are written under a
 * temporary name and renamed into place.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fp-register"

#include "config.h"

#include <errno.h>
#include <math.h>
#include <string.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <xlsxwriter.h>

#include "fp-cell.h"
#include "fp-error.h"
#include "fp-import.h"
#include "fp-register.h"

typedef struct
{
  gboolean  is_number;
  double    number;
  char     *text;
} Cell;

static const FpInterest *
head_interest (const FpEstate *estate,
               guint           site)
{
  for (guint i = 0; i < estate->interests->len; i++)
    {
      const FpInterest *interest = &g_array_index (estate->interests, FpInterest, i);

      if (interest->site == site)
        return interest;
    }
  return NULL;
}

static char *
occupiers (const FpEstate *estate,
           guint           site)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < estate->interests->len; i++)
    {
      const FpInterest *interest = &g_array_index (estate->interests, FpInterest, i);

      if (interest->site != site || interest->occupier == NULL ||
          g_hash_table_contains (seen, interest->occupier))
        continue;
      g_hash_table_add (seen, interest->occupier);
      g_string_append_printf (out, "%s%s", out->len > 0 ? "; " : "", interest->occupier);
    }
  return out->len > 0 ? g_string_free (g_steal_pointer (&out), FALSE) : NULL;
}

static void
set_number (Cell   *cell,
            double  value)
{
  cell->is_number = !isnan (value);
  cell->number = value;
}

static void
set_year (Cell *cell,
          int   year)
{
  set_number (cell, year != 0 ? year : NAN);
}

/* The cell of one field of one site. @key is a register field name (fp-import.c). */
static void
site_cell (const FpEstate *estate,
           guint           index,
           const char     *key,
           Cell           *cell)
{
  const FpSite *site = fp_estate_get_site (estate, index);
  const FpInterest *head = head_interest (estate, index);

  memset (cell, 0, sizeof *cell);

  if (g_str_equal (key, "site_code"))
    cell->text = g_strdup (site->id);
  else if (g_str_equal (key, "name"))
    cell->text = g_strdup (site->name);
  else if (g_str_equal (key, "site_type"))
    cell->text = g_strdup (_(fp_site_type_to_label (site->type)));
  else if (g_str_equal (key, "status"))
    cell->text = g_strdup (site->status == FP_SITE_STATUS_CURRENT ? "current" : "possibly closed");
  else if (g_str_equal (key, "sector"))
    cell->text = g_strdup (site->sector == FP_SECTOR_NHS ? "NHS" : "independent");
  else if (g_str_equal (key, "address"))
    cell->text = g_strdup (site->texts[FP_SITE_ADDRESS]);
  else if (g_str_equal (key, "postcode"))
    cell->text = g_strdup (site->texts[FP_SITE_POSTCODE]);
  else if (g_str_equal (key, "lat"))
    set_number (cell, site->placed ? site->lat : NAN);
  else if (g_str_equal (key, "lon"))
    set_number (cell, site->placed ? site->lon : NAN);
  else if (g_str_equal (key, "tenure"))
    cell->text = g_strdup (_(fp_tenure_to_label (site->tenure)));
  else if (g_str_equal (key, "landlord"))
    cell->text = g_strdup (head != NULL ? head->landlord : NULL);
  else if (g_str_equal (key, "lease_start"))
    set_year (cell, head != NULL ? head->start_year : 0);
  else if (g_str_equal (key, "lease_break"))
    set_year (cell, head != NULL ? head->break_year : 0);
  else if (g_str_equal (key, "lease_end"))
    set_number (cell, site->numbers[FP_SITE_LEASE_END_YEAR]);
  else if (g_str_equal (key, "condition"))
    cell->text = site->condition ? g_strdup_printf ("%c", site->condition) : NULL;
  else if (g_str_equal (key, "occupiers"))
    cell->text = occupiers (estate, index);
  else
    for (guint n = 0; n < FP_SITE_N_NUMBERS; n++)
      if (g_str_equal (key, fp_site_field (n)->column))
        {
          set_number (cell, site->numbers[n]);
          break;
        }
}

static char *
format_number (double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (value == floor (value) && fabs (value) < 1e15)
    return g_strdup_printf ("%.0f", value);
  for (int digits = 6; digits <= 17; digits++)
    {
      char fmt[8];

      g_snprintf (fmt, sizeof fmt, "%%.%dg", digits);
      g_ascii_formatd (buf, sizeof buf, fmt, value);
      if (g_ascii_strtod (buf, NULL) == value)
        break;
    }
  return g_strdup (buf);
}

static void
csv_field (GString    *out,
           const char *text)
{
  g_autofree char *safe = fp_cell_text_safe (text != NULL ? text : "");

  if (strpbrk (safe, ",\"\r\n") != NULL)
    {
      g_string_append_c (out, '"');
      for (const char *p = safe; *p != '\0'; p++)
        {
          if (*p == '"')
            g_string_append_c (out, '"');
          g_string_append_c (out, *p);
        }
      g_string_append_c (out, '"');
    }
  else
    g_string_append (out, safe);
}

/* The register's columns: every field an import reads that Footprint holds. */
static GPtrArray *
columns (void)
{
  g_autoptr(GPtrArray) fields = fp_import_register_fields ();
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

  for (guint i = 0; i < fields->len; i++)
    {
      char **pair = g_strsplit (g_ptr_array_index (fields, i), "\t", 2);

      if (g_str_equal (pair[0], "nia_m2"))
        {
          g_strfreev (pair);
          continue;
        }
      g_ptr_array_add (out, pair);
    }
  return out;
}

static gboolean
export_csv (const FpEstate *estate,
            const char     *path,
            GError        **error)
{
  g_autoptr(GPtrArray) cols = columns ();
  g_autoptr(GString) out = g_string_new ("\xef\xbb\xbf");  /* so Excel reads it as UTF-8 */

  for (guint c = 0; c < cols->len; c++)
    {
      if (c > 0)
        g_string_append_c (out, ',');
      csv_field (out, ((char **) g_ptr_array_index (cols, c))[1]);
    }
  g_string_append (out, "\r\n");

  for (guint s = 0; s < estate->sites->len; s++)
    {
      for (guint c = 0; c < cols->len; c++)
        {
          Cell cell;

          if (c > 0)
            g_string_append_c (out, ',');
          site_cell (estate, s, ((char **) g_ptr_array_index (cols, c))[0], &cell);
          if (cell.is_number)
            {
              g_autofree char *text = format_number (cell.number);

              g_string_append (out, text);
            }
          else if (cell.text != NULL)
            csv_field (out, cell.text);
          g_free (cell.text);
        }
      g_string_append (out, "\r\n");
    }

  /* g_file_set_contents writes a temporary file and renames it into place. */
  if (!g_file_set_contents (path, out->str, out->len, error))
    return FALSE;
  return TRUE;
}

static gboolean
export_xlsx (const FpEstate *estate,
             const char     *path,
             GError        **error)
{
  g_autoptr(GPtrArray) cols = columns ();
  g_autofree char *tmp = g_strdup_printf ("%s.tmp-%d", path, (int) getpid ());
  lxw_workbook *workbook;
  lxw_worksheet *sheet;
  lxw_format *bold;
  lxw_error rc;

  g_unlink (tmp);
  workbook = workbook_new (tmp);
  if (workbook == NULL)
    {
      g_set_error (error, FP_ERROR, FP_ERROR_IO, _("Could not create “%s”"), path);
      return FALSE;
    }
  sheet = workbook_add_worksheet (workbook, "Register");
  bold = workbook_add_format (workbook);
  format_set_bold (bold);

  for (guint c = 0; c < cols->len; c++)
    worksheet_write_string (sheet, 0, c, ((char **) g_ptr_array_index (cols, c))[1], bold);
  worksheet_freeze_panes (sheet, 1, 2);

  for (guint s = 0; s < estate->sites->len; s++)
    for (guint c = 0; c < cols->len; c++)
      {
        Cell cell;

        site_cell (estate, s, ((char **) g_ptr_array_index (cols, c))[0], &cell);
        if (cell.is_number)
          worksheet_write_number (sheet, s + 1, c, cell.number, NULL);
        else if (cell.text != NULL)
          {
            g_autofree char *safe = fp_cell_text_safe (cell.text);

            worksheet_write_string (sheet, s + 1, c, safe, NULL);
          }
        g_free (cell.text);
      }

  rc = workbook_close (workbook);
  if (rc != LXW_NO_ERROR)
    {
      g_unlink (tmp);
      g_set_error (error, FP_ERROR, FP_ERROR_IO, _("Could not write “%s”: %s"), path,
                   lxw_strerror (rc));
      return FALSE;
    }

  if (g_rename (tmp, path) != 0)
    {
      int saved_errno = errno;

      g_unlink (tmp);
      g_set_error (error, FP_ERROR, FP_ERROR_IO, _("Could not move the export to “%s”: %s"),
                   path, g_strerror (saved_errno));
      return FALSE;
    }
  return TRUE;
}

/**
 * fp_register_export:
 * @estate: the estate
 * @format: CSV or XLSX
 * @path: where to write
 * @error: return location for an error
 *
 * Writes every site as one row of a register with the columns an import reads.
 *
 * Returns: %TRUE on success; on failure nothing is left at @path
 */
gboolean
fp_register_export (const FpEstate   *estate,
                    FpRegisterFormat  format,
                    const char       *path,
                    GError          **error)
{
  g_return_val_if_fail (estate != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (format == FP_REGISTER_XLSX)
    return export_xlsx (estate, path, error);
  return export_csv (estate, path, error);
}

gboolean
fp_register_format_from_string (const char       *text,
                                FpRegisterFormat *format)
{
  if (g_strcmp0 (text, "csv") == 0)
    *format = FP_REGISTER_CSV;
  else if (g_strcmp0 (text, "xlsx") == 0)
    *format = FP_REGISTER_XLSX;
  else
    return FALSE;
  return TRUE;
}
