/* fp-import-table.c: CSV and XLSX cells for the importers (fp-import-table.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fp-import"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <gsf/gsf.h>
#include <gsf/gsf-infile-impl.h>
#include <libxml/xmlreader.h>

#include "fp-error.h"
#include "fp-import-table.h"

/* libgsf 1.14 declares no autoptr cleanups. */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GsfInput, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GsfInfile, g_object_unref)

static void
row_free (FpTableRow *row)
{
  if (row == NULL)
    return;
  g_strfreev (row->cells);
  g_free (row->flags);
  g_free (row);
}

void
fp_table_free (FpTable *table)
{
  if (table == NULL)
    return;
  g_free (table->file);
  g_free (table->sheet);
  g_clear_pointer (&table->header, g_ptr_array_unref);
  g_clear_pointer (&table->rows, g_ptr_array_unref);
  g_free (table);
}

static FpTable *
table_new (const char *file,
           const char *sheet)
{
  FpTable *table = g_new0 (FpTable, 1);

  table->file = g_strdup (file);
  table->sheet = g_strdup (sheet);
  table->header = g_ptr_array_new_with_free_func (g_free);
  table->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);
  return table;
}

/**
 * fp_table_cell:
 * @row: a row
 * @column: a column index (0 is A)
 *
 * Returns: the cell's text, "" when the row has no such cell
 */
const char *
fp_table_cell (const FpTableRow *row,
               guint             column)
{
  return column < row->n_cells ? row->cells[column] : "";
}

/**
 * fp_table_column_name:
 * @column: a column index (0 is A)
 *
 * Returns: (transfer full): the spreadsheet's letters for the column: A, B, …, Z, AA, …
 */
char *
fp_table_column_name (guint column)
{
  char buf[8];
  int i = G_N_ELEMENTS (buf) - 1;

  buf[i] = '\0';
  column++;
  while (column > 0 && i > 0)
    {
      buf[--i] = 'A' + (column - 1) % 26;
      column = (column - 1) / 26;
    }

  return g_strdup (buf + i);
}

static gboolean
cells_blank (GPtrArray *cells)
{
  for (guint i = 0; i < cells->len; i++)
    {
      const char *c = g_ptr_array_index (cells, i);

      for (; *c != '\0'; c++)
        if (!g_ascii_isspace (*c))
          return FALSE;
    }

  return TRUE;
}

/* Adds a data row (or the header) from @cells; stray cells past the header must be blank. */
static gboolean
add_row (FpTable    *table,
         guint       number,
         GPtrArray  *cells,
         guint8     *flags,
         GError    **error)
{
  FpTableRow *row;

  if (table->header->len == 0)
    {
      if (cells_blank (cells))
        {
          g_free (flags);
          return TRUE;  /* blank rows above the header */
        }
      for (guint i = 0; i < cells->len; i++)
        g_ptr_array_add (table->header, g_strdup (g_ptr_array_index (cells, i)));
      table->header_row = number;
      g_free (flags);
      return TRUE;
    }

  if (cells_blank (cells))
    {
      g_free (flags);
      return TRUE;
    }

  for (guint i = table->header->len; i < cells->len; i++)
    if (*(char *) g_ptr_array_index (cells, i) != '\0')
      {
        g_autofree char *col = fp_table_column_name (i);

        g_free (flags);
        g_set_error (error, FP_ERROR, FP_ERROR_INVALID_DATA,
                     /* Translators: "reg.csv, row 7, column M: the row has 13 cells but the
                      * header names 12 columns" */
                     _("%s, row %u, column %s: the row has %u cells but the header names %u "
                       "columns; a cell may hold an unquoted separator"),
                     table->file, number, col, cells->len, table->header->len);
        return FALSE;
      }

  row = g_new0 (FpTableRow, 1);
  row->number = number;
  row->n_cells = MIN (cells->len, table->header->len);
  row->cells = g_new0 (char *, row->n_cells + 1);
  for (guint i = 0; i < row->n_cells; i++)
    row->cells[i] = g_strdup (g_ptr_array_index (cells, i));
  row->flags = flags;
  g_ptr_array_add (table->rows, row);
  return TRUE;
}

/* ---- CSV ------------------------------------------------------------------------- */

/* Counts the separators of the first record outside quotes. */
static void
count_separators (const char *p,
                  const char *end,
                  guint      *commas,
                  guint      *semicolons,
                  guint      *tabs)
{
  gboolean quoted = FALSE;

  *commas = *semicolons = *tabs = 0;
  for (; p < end; p++)
    {
      if (*p == '"')
        quoted = !quoted;
      else if (!quoted && (*p == '\n' || *p == '\r'))
        break;
      else if (!quoted && *p == ',')
        (*commas)++;
      else if (!quoted && *p == ';')
        (*semicolons)++;
      else if (!quoted && *p == '\t')
        (*tabs)++;
    }
}

/**
 * fp_table_read_csv:
 * @data: the file's bytes
 * @file: the file's name, for messages
 * @error: return location for an error
 *
 * Reads comma-separated (or tab-separated) values as RFC 4180 describes them: quoted
 * cells may hold separators, doubled quotes and line breaks; lines may end in CR LF, LF
 * or CR; a UTF-8 byte order mark is skipped, and text that is not UTF-8 is read as
 * Windows-1252 (what Excel writes as "CSV"). A file separated by semicolons is refused
 * rather than guessed at: such files come from locales whose numbers use decimal commas.
 *
 * Returns: (transfer full) (nullable): the table
 */
FpTable *
fp_table_read_csv (GBytes     *data,
                   const char *file,
                   GError    **error)
{
  g_autoptr(FpTable) table = table_new (file, NULL);
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *converted = NULL;
  g_autoptr(GString) cell = g_string_new (NULL);
  const char *p, *end;
  gsize length;
  guint commas, semicolons, tabs;
  char sep = ',';
  guint row = 1, quote_row = 0;
  gboolean quoted = FALSE, after_quote = FALSE, any = FALSE;

  p = g_bytes_get_data (data, &length);
  if (length > FP_TABLE_MAX_BYTES)
    {
      g_set_error (error, FP_ERROR, FP_ERROR_INVALID_DATA,
                   _("%s is %.1f MB; Footprint reads files of up to %.0f MB. Remove the columns "
                     "and rows it does not need, or split it."), file,
                   length / 1048576.0, FP_TABLE_MAX_BYTES / 1048576.0);
      return NULL;
    }
  if (p == NULL)
    p = "";
  end = p + length;

  /* The whole file: a NUL anywhere would end a cell's text early, silently. */
  if (memchr (p, '\0', length) != NULL)
    {
      g_set_error (error, FP_ERROR, FP_ERROR_INVALID_DATA,
                   _("%s is not a text file: it holds binary data (is it a workbook saved under "
                     "another name?)"), file);
      return NULL;
    }

  if (length >= 3 && memcmp (p, "\xef\xbb\xbf", 3) == 0)
    p += 3;

  if (!g_utf8_validate (p, end - p, NULL))
    {
      gsize written = 0;

      converted = g_convert (p, end - p, "UTF-8", "WINDOWS-1252", NULL, &written, NULL);
      if (converted == NULL)
        {
          g_set_error (error, FP_ERROR, FP_ERROR_INVALID_DATA,
                       _("%s is neither UTF-8 nor Windows-1252 text; save it as “CSV UTF-8”"),
                       file);
          return NULL;
        }
      p = converted;
      end = converted + written;
    }

  count_separators (p, end, &commas, &semicolons, &tabs);
  if (commas == 0 && tabs > 0)
    sep = '\t';
  else if (semicolons > commas)
    {
      g_set_error (error, FP_ERROR, FP_ERROR_INVALID_DATA,
                   _("%s, row 1, column A: the header is one cell holding semicolons: the columns "
                     "are separated by semicolons, not commas, and numbers in such files often "
                     "use decimal commas, so Footprint does not guess. Save the file as "
                     "comma-separated CSV."), file);
      return NULL;
    }

  for (; p <= end; p++)
    {
      char c = p < end ? *p : '\0';
      gboolean at_end = p == end;

      if (quoted)
        {
          if (at_end)
            {
              g_set_error (error, FP_ERROR, FP_ERROR_INVALID_DATA,
                           _("%s, row %u: a quoted cell is never closed (a \" is missing)"),
                           file, quote_row);
              return NULL;
            }
          if (c == '"')
            {
              if (p + 1 < end && p[1] == '"')
                {
                  g_string_append_c (cell, '"');
                  p++;
                }
              else
                {
                  quoted = FALSE;
                  after_quote = TRUE;
                }
            }
          else
            {
              g_string_append_c (cell, c);
            }
          continue;
        }

      if (at_end || c == sep || c == '\n' || c == '\r')
        {
          if (at_end && !any && cells->len == 0 && cell->len == 0)
            break;
          g_ptr_array_add (cells, g_strdup (cell->str));
          g_string_truncate (cell, 0);
          after_quote = FALSE;
          if (c == sep)
            {
              any = TRUE;
              continue;
            }
          if (c == '\r' && p + 1 < end && p[1] == '\n')
            p++;
          if (!add_row (table, row, cells, NULL, error))
            return NULL;
          g_ptr_array_set_size (cells, 0);
          any = FALSE;
          row++;
          if (at_end || p + 1 >= end)
            break;
          continue;
        }

      any = TRUE;
      if (c == '"' && cell->len == 0 && !after_quote)
        {
          quoted = TRUE;
          quote_row = row;
          continue;
        }
      /* Text after a closing quote ("abc"x) is kept, as spreadsheets do. */
      g_string_append_c (cell, c);
    }

  if (table->header->len == 0)
    {
      g_set_error (error, FP_ERROR, FP_ERROR_INVALID_DATA,
                   _("%s is empty: it has no header row"), file);
      return NULL;
    }

  return g_steal_pointer (&table);
}

/* ---- XLSX ------------------------------------------------------------------------ */

static const char rel_ns[] =
  "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

static void
ensure_gsf (void)
{
  static gsize once = 0;

  if (g_once_init_enter (&once))
    {
      gsf_init ();
      g_once_init_leave (&once, 1);
    }
}

/* Reads one part of the package, refusing one that would unpack too large. */
static GBytes *
read_part (GsfInfile  *zip,
           const char *path,
           const char *file,
           gboolean    required,
           GError    **error)
{
  g_auto(GStrv) names = g_strsplit (path[0] == '/' ? path + 1 : path, "/", -1);
  g_autoptr(GsfInput) input = NULL;
  g_autoptr(GError) damaged = NULL;
  gsf_off_t size;
  guint8 *buf;

  /* Walk the path through the class's child_by_name: gsf_infile_child_by_name() would log a
   * warning for a damaged entry, and a damaged file is input to refuse, not a bug to log. */
  input = g_object_ref (GSF_INPUT (zip));
  for (guint i = 0; names[i] != NULL && input != NULL; i++)
    {
      GsfInput *child = NULL;

      if (GSF_IS_INFILE (input))
        child = GSF_INFILE_CLASS (G_OBJECT_GET_CLASS (input))->child_by_name (
            GSF_INFILE (input), names[i], &damaged);
      g_object_unref (input);
      input = child;
    }
  if (damaged != NULL)
    {
      g_clear_object (&input);
      g_set_error (error, FP_ERROR, FP_ERROR_INVALID_DATA,
                   _("%s could not be read: the workbook part “%s” is damaged (the file may "
                     "be truncated): %s"), file, path, damaged->message);
      return NULL;
    }
  if (input == NULL)
    {
      if (required)
        g_set_error (error, FP_ERROR, FP_ERROR_INVALID_DATA,
                     _("%s is not an Excel workbook: it has no “%s”; save it as .xlsx or CSV"),
                     file, path);
      return NULL;
    }

  size = gsf_input_size (input);
  if (size < 0 || (guint64) size > FP_TABLE_MAX_PART_BYTES)
    {
      g_set_error (error, FP_ERROR, FP_ERROR_INVALID_DATA,
                   _("%s: the workbook part “%s” would unpack to more than %.0f MB"),
                   file, path, FP_TABLE_MAX_PART_BYTES / 1048576.0);
      return NULL;
    }

  buf = g_malloc (size + 1);
  if (size > 0 && gsf_input_read (input, size, buf) == NULL)
    {
      g_free (buf);
      g_set_error (error, FP_ERROR, FP_ERROR_INVALID_DATA,
                   _("%s could not be read: the workbook part “%s” is damaged (the file may "
                     "be truncated)"), file, path);
      return NULL;
    }
  buf[size] = '\0';
  return g_bytes_new_take (buf, size);
}

static guint32
le32 (const guint8 *p)
{
  return p[0] | (p[1] << 8) | (p[2] << 16) | ((guint32) p[3] << 24);
}

static guint64
le64 (const guint8 *p)
{
  return le32 (p) | ((guint64) le32 (p + 4) << 32);
}

/* Clears the times of the entry headers that follow one another from @offset. */
static void
clear_entry_times (guint8  *zip,
                   gsize    length,
                   guint64  offset)
{
  for (guint64 at = offset; at <= length && length - at >= 46 &&
                            memcmp (zip + at, "PK\x01\x02", 4) == 0;)
    {
      guint8 *entry = zip + at;

      memset (entry + 12, 0, 4);
      at += 46 + (guint64) (entry[28] | (entry[29] << 8)) + (entry[30] | (entry[31] << 8)) +
            (entry[32] | (entry[33] << 8));
    }
}

/* Clears the modification time of every entry of the zip's central directory, in place.
 *
 * libgsf 1.14.50 makes each part's modification time from its DOS date with
 * g_date_time_new_local() and unrefs the result unchecked: an impossible date (month 0,
 * hour 31; a damaged or hostile file) makes it log a GLib critical, which is a crash
 * wherever criticals are fatal. A time of 0 means "none" to libgsf, and Footprint never
 * reads the times. The directory starts where the last end-of-directory record (or its
 * zip64 form) says, as libgsf finds it; every entry header from there on is cleared, however
 * many the record counts (its counts may disagree with each other and with the entries:
 * libgsf reads one of them). Where the walk fails nothing more is changed, and libgsf
 * refuses the file itself. This reads the directory's layout only; libgsf still does all
 * the unzipping. */
static void
clear_zip_times (guint8 *zip,
                 gsize   length)
{
  const guint8 *end = NULL;

  if (length < 22)
    return;
  for (gsize i = length - 22 + 1; i-- > 0 && length - i <= 22 + 65535;)
    if (memcmp (zip + i, "PK\x05\x06", 4) == 0)
      {
        end = zip + i;
        break;
      }
  if (end == NULL)
    return;

  clear_entry_times (zip, length, le32 (end + 16));
  /* A zip64 record names the directory libgsf reads when the plain one sends it there. */
  if (end - zip >= 20 && memcmp (end - 20, "PK\x06\x07", 4) == 0)
    {
      guint64 at = le64 (end - 20 + 8);

      if (at <= length && length - at >= 56 && memcmp (zip + at, "PK\x06\x06", 4) == 0)
        clear_entry_times (zip, length, le64 (zip + at + 48));
    }
}

static GsfInfile *
open_zip (GBytes     *data,
          const char *file,
          GError    **error)
{
  g_autoptr(GsfInput) input = NULL;
  g_autoptr(GError) zip_error = NULL;
  GsfInfile *zip;
  gsize length;
  const guint8 *bytes = g_bytes_get_data (data, &length);
  guint8 *copy;

  ensure_gsf ();
  if (length > FP_TABLE_MAX_BYTES)
    {
      g_set_error (error, FP_ERROR, FP_ERROR_INVALID_DATA,
                   _("%s is %.1f MB; Footprint reads files of up to %.0f MB. Remove the columns "
                     "and rows it does not need, or split it."), file,
                   length / 1048576.0, FP_TABLE_MAX_BYTES / 1048576.0);
      return NULL;
    }

  /* A copy, whose parts' times libgsf can read without harm (clear_zip_times()); the
   * input owns it. */
  copy = g_malloc (MAX (length, 1));
  if (length > 0)
    memcpy (copy, bytes, length);
  clear_zip_times (copy, length);
  input = gsf_input_memory_new (copy, length, TRUE);
  zip = gsf_infile_zip_new (input, &zip_error);
  if (zip == NULL)
    {
      g_set_error (error, FP_ERROR, FP_ERROR_INVALID_DATA,
                   _("%s could not be read as a workbook: it is damaged or was only partly "
                     "copied (%s)"), file,
                   zip_error != NULL ? zip_error->message : _("not a zip archive"));
      return NULL;
    }

  return zip;
}

static xmlTextReaderPtr
reader_for (GBytes *part)
{
  gsize length;
  const char *xml = g_bytes_get_data (part, &length);

  /* No network, no entity substitution: a workbook is data. */
  return xmlReaderForMemory (xml, (int) length, NULL, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR |
                             XML_PARSE_NOWARNING);
}

static char *
attribute (xmlTextReaderPtr reader,
           const char      *name)
{
  xmlChar *value = xmlTextReaderGetAttribute (reader, (const xmlChar *) name);
  char *copy = value != NULL ? g_strdup ((const char *) value) : NULL;

  xmlFree (value);
  return copy;
}

static gboolean
is_element (xmlTextReaderPtr reader,
            const char      *name)
{
  return xmlTextReaderNodeType (reader) == XML_READER_TYPE_ELEMENT &&
         g_strcmp0 ((const char *) xmlTextReaderConstLocalName (reader), name) == 0;
}

static gboolean
is_end (xmlTextReaderPtr reader,
        const char      *name)
{
  return xmlTextReaderNodeType (reader) == XML_READER_TYPE_END_ELEMENT &&
         g_strcmp0 ((const char *) xmlTextReaderConstLocalName (reader), name) == 0;
}

static gboolean
xml_failed (int         rc,
            const char *file,
            const char *part,
            GError    **error)
{
  if (rc >= 0)
    return FALSE;

  g_set_error (error, FP_ERROR, FP_ERROR_INVALID_DATA,
               _("%s could not be read: its part “%s” is not well-formed XML (the file may be "
                 "damaged)"), file, part);
  return TRUE;
}

typedef struct
{
  char *name;
  char *target;
} SheetRef;

static void
sheet_ref_free (SheetRef *ref)
{
  g_free (ref->name);
  g_free (ref->target);
  g_free (ref);
}

/* The workbook's sheets, in order, with the part each is stored in. */
static GPtrArray *
read_sheets (GsfInfile  *zip,
             const char *file,
             GError    **error)
{
  g_autoptr(GBytes) workbook = NULL;
  g_autoptr(GBytes) rels = NULL;
  g_autoptr(GPtrArray) sheets = g_ptr_array_new_with_free_func ((GDestroyNotify) sheet_ref_free);
  g_autoptr(GHashTable) targets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  xmlTextReaderPtr reader;
  int rc;

  workbook = read_part (zip, "xl/workbook.xml", file, TRUE, error);
  if (workbook == NULL)
    return NULL;
  rels = read_part (zip, "xl/_rels/workbook.xml.rels", file, TRUE, error);
  if (rels == NULL)
    return NULL;

  reader = reader_for (rels);
  while ((rc = xmlTextReaderRead (reader)) == 1)
    if (is_element (reader, "Relationship"))
      {
        char *id = attribute (reader, "Id");
        char *target = attribute (reader, "Target");

        if (id != NULL && target != NULL)
          g_hash_table_replace (targets, id, target);
        else
          {
            g_free (id);
            g_free (target);
          }
      }
  xmlFreeTextReader (reader);
  if (xml_failed (rc, file, "xl/_rels/workbook.xml.rels", error))
    return NULL;

  reader = reader_for (workbook);
  while ((rc = xmlTextReaderRead (reader)) == 1)
    if (is_element (reader, "sheet"))
      {
        g_autofree char *name = attribute (reader, "name");
        xmlChar *id = xmlTextReaderGetAttributeNs (reader, (const xmlChar *) "id",
                                                   (const xmlChar *) rel_ns);
        const char *target = id != NULL ? g_hash_table_lookup (targets, (const char *) id) : NULL;

        if (name != NULL && target != NULL)
          {
            SheetRef *ref = g_new0 (SheetRef, 1);

            ref->name = g_steal_pointer (&name);
            ref->target = target[0] == '/' ? g_strdup (target + 1)
                                           : g_strconcat ("xl/", target, NULL);
            g_ptr_array_add (sheets, ref);
          }
        xmlFree (id);
      }
  xmlFreeTextReader (reader);
  if (xml_failed (rc, file, "xl/workbook.xml", error))
    return NULL;

  if (sheets->len == 0)
    {
      g_set_error (error, FP_ERROR, FP_ERROR_INVALID_DATA, _("%s has no sheets"), file);
      return NULL;
    }

  return g_steal_pointer (&sheets);
}

/**
 * fp_table_xlsx_sheets:
 * @data: an XLSX file's bytes
 * @file: its name, for messages
 * @error: return location for an error
 *
 * Returns: (transfer full) (element-type utf8) (nullable): the names of the sheets
 */
GPtrArray *
fp_table_xlsx_sheets (GBytes     *data,
                      const char *file,
                      GError    **error)
{
  g_autoptr(GsfInfile) zip = open_zip (data, file, error);
  g_autoptr(GPtrArray) sheets = NULL;
  GPtrArray *names;

  if (zip == NULL)
    return NULL;
  sheets = read_sheets (zip, file, error);
  if (sheets == NULL)
    return NULL;

  names = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < sheets->len; i++)
    g_ptr_array_add (names, g_strdup (((SheetRef *) g_ptr_array_index (sheets, i))->name));
  return names;
}

/* The text of the element the reader is on, with phonetic runs (rPh) left out. */
static char *
element_text (xmlTextReaderPtr reader,
              const char      *name)
{
  GString *text = g_string_new (NULL);
  int depth = xmlTextReaderDepth (reader);
  guint in_phonetic = 0;

  if (xmlTextReaderIsEmptyElement (reader))
    return g_string_free (text, FALSE);

  while (xmlTextReaderRead (reader) == 1)
    {
      int type = xmlTextReaderNodeType (reader);

      if (type == XML_READER_TYPE_END_ELEMENT && xmlTextReaderDepth (reader) == depth)
        break;
      if (is_element (reader, "rPh") && !xmlTextReaderIsEmptyElement (reader))
        in_phonetic++;
      else if (is_end (reader, "rPh") && in_phonetic > 0)
        in_phonetic--;
      else if (in_phonetic == 0 &&
               (type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_CDATA ||
                type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE ||
                type == XML_READER_TYPE_WHITESPACE))
        g_string_append (text, (const char *) xmlTextReaderConstValue (reader));
    }

  (void) name;
  return g_string_free (text, FALSE);
}

static GPtrArray *
read_shared_strings (GsfInfile  *zip,
                     const char *file,
                     GError    **error)
{
  g_autoptr(GError) local = NULL;
  g_autoptr(GBytes) part = read_part (zip, "xl/sharedStrings.xml", file, FALSE, &local);
  GPtrArray *strings = g_ptr_array_new_with_free_func (g_free);
  xmlTextReaderPtr reader;
  int rc;

  if (part == NULL)
    {
      if (local != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local));
          g_ptr_array_unref (strings);
          return NULL;
        }
      return strings;  /* a workbook with no text has no shared strings */
    }

  reader = reader_for (part);
  while ((rc = xmlTextReaderRead (reader)) == 1)
    if (is_element (reader, "si"))
      g_ptr_array_add (strings, element_text (reader, "si"));
  xmlFreeTextReader (reader);
  if (xml_failed (rc, file, "xl/sharedStrings.xml", error))
    {
      g_ptr_array_unref (strings);
      return NULL;
    }

  return strings;
}

/* Parses a cell reference ("AB12") into a 0-based column and a row number. */
static gboolean
parse_ref (const char *ref,
           guint      *column,
           guint      *row)
{
  guint64 c = 0, r = 0;
  const char *p = ref;

  if (ref == NULL)
    return FALSE;
  for (; g_ascii_isalpha (*p); p++)
    {
      c = c * 26 + (g_ascii_toupper (*p) - 'A' + 1);
      if (c > FP_TABLE_MAX_COLUMNS)
        return FALSE;
    }
  for (; g_ascii_isdigit (*p); p++)
    {
      r = r * 10 + (*p - '0');
      if (r > 1048576)
        return FALSE;
    }
  if (c == 0 || r == 0 || *p != '\0')
    return FALSE;

  *column = (guint) c - 1;
  *row = (guint) r;
  return TRUE;
}

static void
set_cell (GPtrArray  *cells,
          guint8    **flags,
          guint       column,
          char       *text,
          guint8      flag)
{
  while (cells->len <= column)
    g_ptr_array_add (cells, g_strdup (""));
  g_free (g_ptr_array_index (cells, column));
  g_ptr_array_index (cells, column) = text;

  if (flag != 0)
    {
      /* Flags are rare (formulas with no saved value); allocate them on demand. */
      if (*flags == NULL)
        *flags = g_new0 (guint8, FP_TABLE_MAX_COLUMNS);
      (*flags)[column] |= flag;
    }
}

static gboolean
read_sheet (GsfInfile  *zip,
            FpTable    *table,
            const char *part_name,
            GPtrArray  *strings,
            GError    **error)
{
  g_autoptr(GBytes) part = read_part (zip, part_name, table->file, TRUE, error);
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
  xmlTextReaderPtr reader;
  guint row_number = 0;
  guint8 *flags = NULL;
  gboolean in_row = FALSE, ok = TRUE;
  int rc;

  if (part == NULL)
    return FALSE;

  reader = reader_for (part);
  while (ok && (rc = xmlTextReaderRead (reader)) == 1)
    {
      if (is_element (reader, "row"))
        {
          g_autofree char *r = attribute (reader, "r");
          guint64 n = r != NULL ? g_ascii_strtoull (r, NULL, 10) : row_number + 1;

          row_number = n > row_number && n <= 1048576 ? (guint) n : row_number + 1;
          g_ptr_array_set_size (cells, 0);
          /* A row opened inside a row (a damaged sheet) drops the one left open. */
          g_clear_pointer (&flags, g_free);
          in_row = !xmlTextReaderIsEmptyElement (reader);
          continue;
        }

      if (in_row && is_end (reader, "row"))
        {
          /* Tidy the cell texts so the row's cells are plain strings. */
          for (guint i = 0; i < cells->len; i++)
            if (g_ptr_array_index (cells, i) == NULL)
              g_ptr_array_index (cells, i) = g_strdup ("");
          ok = add_row (table, row_number, cells, flags, error);
          flags = NULL;
          in_row = FALSE;
          continue;
        }

      if (in_row && is_element (reader, "c"))
        {
          g_autofree char *ref = attribute (reader, "r");
          g_autofree char *type = attribute (reader, "t");
          g_autofree char *value = NULL;
          g_autofree char *inline_text = NULL;
          gboolean has_formula = FALSE;
          guint column, ref_row;
          int depth = xmlTextReaderDepth (reader);
          char *text;

          if (!parse_ref (ref, &column, &ref_row))
            column = cells->len;
          /* parse_ref() stops at XFD; cells with no reference could count past it. */
          if (column >= FP_TABLE_MAX_COLUMNS)
            {
              g_set_error (error, FP_ERROR, FP_ERROR_INVALID_DATA,
                           _("%s, sheet “%s”, row %u: the row has more than %u cells, more "
                             "than a sheet can hold; the file is damaged"), table->file,
                           table->sheet, row_number, FP_TABLE_MAX_COLUMNS);
              ok = FALSE;
              break;
            }

          if (!xmlTextReaderIsEmptyElement (reader))
            while (xmlTextReaderRead (reader) == 1)
              {
                if (xmlTextReaderNodeType (reader) == XML_READER_TYPE_END_ELEMENT &&
                    xmlTextReaderDepth (reader) == depth)
                  break;
                if (is_element (reader, "v"))
                  {
                    g_free (value);
                    value = element_text (reader, "v");
                  }
                else if (is_element (reader, "f"))
                  {
                    has_formula = TRUE;
                    g_free (element_text (reader, "f"));
                  }
                else if (is_element (reader, "is"))
                  {
                    g_free (inline_text);
                    inline_text = element_text (reader, "is");
                  }
              }

          if (g_strcmp0 (type, "s") == 0 && value != NULL)
            {
              guint64 index = g_ascii_strtoull (value, NULL, 10);

              text = g_strdup (index < strings->len ? g_ptr_array_index (strings, index) : "");
            }
          else if (g_strcmp0 (type, "inlineStr") == 0)
            text = g_strdup (inline_text != NULL ? inline_text : "");
          else if (g_strcmp0 (type, "b") == 0)
            text = g_strdup (g_strcmp0 (value, "1") == 0 ? "TRUE" : "FALSE");
          else
            text = g_strdup (value != NULL ? value : "");

          set_cell (cells, &flags, column, text,
                    has_formula && value == NULL ? FP_TABLE_CELL_UNCALCULATED : 0);
          continue;
        }
    }
  xmlFreeTextReader (reader);
  g_free (flags);

  if (!ok)
    return FALSE;
  if (xml_failed (rc, table->file, part_name, error))
    return FALSE;

  if (table->header->len == 0)
    {
      g_set_error (error, FP_ERROR, FP_ERROR_INVALID_DATA,
                   _("%s, sheet “%s” is empty: it has no header row"), table->file, table->sheet);
      return FALSE;
    }

  return TRUE;
}

/**
 * fp_table_read_xlsx:
 * @data: an XLSX file's bytes
 * @file: its name, for messages
 * @sheet: (nullable): the sheet to read; %NULL when the workbook has one sheet
 * @error: return location for an error
 *
 * Reads one sheet of an Office Open XML workbook. A formula cell gives the value the
 * spreadsheet saved with it; a formula with no saved value is flagged
 * (FP_TABLE_CELL_UNCALCULATED) for the caller to refuse. Shared and inline strings,
 * booleans and error values are read as text.
 *
 * Returns: (transfer full) (nullable): the table
 */
FpTable *
fp_table_read_xlsx (GBytes     *data,
                    const char *file,
                    const char *sheet,
                    GError    **error)
{
  g_autoptr(GsfInfile) zip = open_zip (data, file, error);
  g_autoptr(GPtrArray) sheets = NULL;
  g_autoptr(GPtrArray) strings = NULL;
  g_autoptr(FpTable) table = NULL;
  const SheetRef *chosen = NULL;

  if (zip == NULL)
    return NULL;
  sheets = read_sheets (zip, file, error);
  if (sheets == NULL)
    return NULL;

  if (sheet == NULL && sheets->len > 1)
    {
      g_autoptr(GString) names = g_string_new (NULL);

      for (guint i = 0; i < sheets->len; i++)
        g_string_append_printf (names, "%s“%s”", i > 0 ? ", " : "",
                                ((SheetRef *) g_ptr_array_index (sheets, i))->name);
      g_set_error (error, FP_ERROR, FP_ERROR_INVALID_ARGUMENT,
                   _("%s has %u sheets (%s); choose the one to import"), file, sheets->len,
                   names->str);
      return NULL;
    }

  for (guint i = 0; i < sheets->len; i++)
    {
      const SheetRef *ref = g_ptr_array_index (sheets, i);

      if (sheet == NULL || g_strcmp0 (ref->name, sheet) == 0)
        {
          chosen = ref;
          break;
        }
    }
  if (chosen == NULL)
    {
      g_set_error (error, FP_ERROR, FP_ERROR_NOT_FOUND, _("%s has no sheet “%s”"), file, sheet);
      return NULL;
    }

  strings = read_shared_strings (zip, file, error);
  if (strings == NULL)
    return NULL;

  table = table_new (file, chosen->name);
  if (!read_sheet (zip, table, chosen->target, strings, error))
    return NULL;

  return g_steal_pointer (&table);
}

/**
 * fp_table_is_xlsx:
 * @data: a file's bytes
 *
 * Returns: whether the bytes start like a zip archive (an XLSX workbook)
 */
gboolean
fp_table_is_xlsx (GBytes *data)
{
  gsize length;
  const char *p = g_bytes_get_data (data, &length);

  return length >= 4 && memcmp (p, "PK\x03\x04", 4) == 0;
}

/**
 * fp_table_read_file:
 * @path: a CSV or XLSX file
 * @sheet: (nullable): the sheet of a workbook
 * @contents: (out) (optional) (transfer full): the file's bytes, for its checksum
 * @error: return location for an error
 *
 * Reads a file whose size is checked before it is read; a zip archive is read as a
 * workbook, anything else as CSV.
 *
 * Returns: (transfer full) (nullable): the table
 */
FpTable *
fp_table_read_file (const char *path,
                    const char *sheet,
                    GBytes    **contents,
                    GError    **error)
{
  g_autofree char *file = g_path_get_basename (path);
  g_autofree char *text = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local = NULL;
  GStatBuf st;
  FpTable *table;
  gsize length = 0;

  if (g_stat (path, &st) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, FP_ERROR, saved_errno == ENOENT ? FP_ERROR_NOT_FOUND : FP_ERROR_IO,
                   _("Could not open “%s”: %s"), path, g_strerror (saved_errno));
      return NULL;
    }
  if ((gsize) st.st_size > FP_TABLE_MAX_BYTES)
    {
      g_set_error (error, FP_ERROR, FP_ERROR_INVALID_DATA,
                   _("%s is %.1f MB; Footprint reads files of up to %.0f MB. Remove the columns "
                     "and rows it does not need, or split it."), file,
                   st.st_size / 1048576.0, FP_TABLE_MAX_BYTES / 1048576.0);
      return NULL;
    }

  if (!g_file_get_contents (path, &text, &length, &local))
    {
      g_set_error (error, FP_ERROR, FP_ERROR_IO, _("Could not read “%s”: %s"), path,
                   local->message);
      return NULL;
    }
  bytes = g_bytes_new_take (g_steal_pointer (&text), length);

  if (fp_table_is_xlsx (bytes))
    table = fp_table_read_xlsx (bytes, file, sheet, error);
  else if (g_str_has_suffix (file, ".xlsx") || g_str_has_suffix (file, ".XLSX"))
    {
      g_set_error (error, FP_ERROR, FP_ERROR_INVALID_DATA,
                   _("%s could not be read as a workbook: it is damaged or was only partly "
                     "copied (it does not start as a zip archive does)"), file);
      return NULL;
    }
  else if (g_str_has_suffix (file, ".xls") || g_str_has_suffix (file, ".XLS") ||
           g_str_has_suffix (file, ".ods") || g_str_has_suffix (file, ".ODS"))
    {
      g_set_error (error, FP_ERROR, FP_ERROR_INVALID_DATA,
                   _("%s is in a spreadsheet format Footprint does not read; save it as .xlsx or "
                     "CSV"), file);
      return NULL;
    }
  else
    table = fp_table_read_csv (bytes, file, error);

  if (table != NULL && contents != NULL)
    *contents = g_steal_pointer (&bytes);

  return table;
}
