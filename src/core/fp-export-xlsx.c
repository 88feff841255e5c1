/* fp-export-xlsx.c: the appraisal as a live Excel workbook.
 *
 * Sheets, in order: Summary, Assumptions, one cash-flow sheet per option, Ledger,
 * Scoring, Sites, Changes, Access, Sources. The figures the engine computes (revenue
 * savings, receipts, backlog avoided, capital and transition costs, each change's gross
 * benefit, site results) are numbers; everything the appraisal derives from them
 * (risk adjustment, optimism bias, discount factors, net flows, NPVs, weighted scores,
 * ranks) is a formula that refers to the named inputs on Assumptions, Ledger and Scoring,
 * written with its computed value cached so a reader that does not recalculate shows the
 * same figures as Footprint. Change the discount rate on Assumptions, recalculate, and
 * every NPV and rank follows.
 *
 * Text from users or data is written with worksheet_write_string() after
 * fp_cell_text_safe(), never as a formula. The file is written under a temporary name
 * in the destination folder and renamed into place only once it is complete.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fp-export"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <string.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <xlsxwriter.h>

#include "fp-access.h"
#include "fp-cell.h"
#include "fp-error.h"
#include "fp-export-xlsx.h"
#include "fp-scenario.h"

#if LXW_VERSION_ID < 114
#error "Footprint needs libxlsxwriter 1.1.4 or newer"
#endif

/* Excel's limit on a cell's text. */
#define MAX_CELL_TEXT 32767

/* The rows of a cash-flow sheet (0-based). Years run across from column B. */
enum
{
  CF_TITLE = 0,
  CF_DESCRIPTION = 1,
  CF_HEAD = 3,
  CF_T = 4,
  CF_RATE = 5,
  CF_DF = 6,
  CF_BENEFITS = 8,
  CF_REVENUE = 9,
  CF_DUAL = 10,
  CF_RECEIPTS = 11,
  CF_BACKLOG = 12,
  CF_BEN = 13,
  CF_BEN_RA = 14,
  CF_COSTS_HEAD = 16,
  CF_CAPITAL = 17,
  CF_BIAS = 18,
  CF_TRANSITION = 19,
  CF_COSTS = 20,
  CF_NET = 22,
  CF_NET_RA = 23,
  CF_DNET = 24,
  CF_DNET_RA = 25,
  CF_CUMULATIVE_RA = 26,
  CF_RUNNING = 28,
  CF_NPV = 30,
  CF_NPV_RA = 31,
  CF_PV_BEN = 32,
  CF_PV_BEN_RA = 33,
  CF_PV_COSTS = 34,
};

/* Ledger columns. */
enum
{
  LG_OPTION_NO, LG_OPTION, LG_CHANGE_NO, LG_CHANGE, LG_OWNER, LG_YEAR, LG_CONFIDENCE,
  LG_MEASURE, LG_FIRST_YEAR
};
#define LG_HEAD 3

/* Summary: the options table. */
enum
{
  SM_RANK, SM_OPTION, SM_CHANGES, SM_REVENUE, SM_RECEIPTS, SM_BACKLOG, SM_CAPITAL,
  SM_TRANSITION, SM_PV_BEN, SM_PV_COSTS, SM_NPV, SM_NPV_RA, SM_SCORE, SM_SCORE_RANK,
  SM_N_COLUMNS
};
#define SM_HEAD 7

/* Scoring: criteria down, options across from column C. */
#define SC_HEAD 3

typedef struct
{
  lxw_workbook       *wb;
  const FpAppraisal  *a;
  const FpModel      *model;
  const FpEstate     *estate;
  guint               ny;
  GPtrArray          *sheet_names;    /* the cash-flow sheet of each option */
  guint               ledger_last;    /* last data row of the Ledger (0-based) */
  guint               scoring_ws_row; /* Scoring: row of the weighted scores */
  guint               scoring_rank_row;

  lxw_format *title;
  lxw_format *subtitle;
  lxw_format *note;
  lxw_format *header;
  lxw_format *header_right;
  lxw_format *section;
  lxw_format *label;
  lxw_format *label_bold;
  lxw_format *label_memo;
  lxw_format *text;
  lxw_format *money;
  lxw_format *money_bold;
  lxw_format *money_memo;
  lxw_format *money_total;
  lxw_format *percent;
  lxw_format *percent_input;
  lxw_format *confidence_input;
  lxw_format *factor;
  lxw_format *year;
  lxw_format *year_header;
  lxw_format *year_input;
  lxw_format *integer;
  lxw_format *area;
  lxw_format *score;
  lxw_format *score_input;
  lxw_format *weight_input;
  lxw_format *number;
  lxw_format *key_label;
  lxw_format *key_value;
  lxw_format *key_money;
  lxw_format *wrap;
  lxw_format *rank;
} Book;

/* ---- Cells --------------------------------------------------------------------------- */

static char *
cell (guint row,
      guint col)
{
  char buf[32];

  lxw_rowcol_to_cell (buf, row, (lxw_col_t) col);
  return g_strdup (buf);
}

static char *
cell_abs (guint row,
          guint col)
{
  char buf[32];

  lxw_rowcol_to_cell_abs (buf, row, (lxw_col_t) col, 1, 1);
  return g_strdup (buf);
}

static char *
col_name (guint col)
{
  char buf[16];

  lxw_col_to_name (buf, (lxw_col_t) col, 0);
  return g_strdup (buf);
}

/* 'Sheet name'!: sheet names here never hold an apostrophe (sheet_name() drops them). */
static char *
sheet_ref (const char *sheet)
{
  return g_strdup_printf ("'%s'!", sheet);
}

/* Text from users or data: made safe, cut to Excel's limit at a character boundary. */
static void
write_text (lxw_worksheet *ws,
            guint          row,
            guint          col,
            const char    *text,
            lxw_format    *format)
{
  g_autofree char *safe = NULL;

  if (text == NULL || *text == '\0')
    {
      if (format != NULL)
        worksheet_write_blank (ws, row, (lxw_col_t) col, format);
      return;
    }

  safe = fp_cell_text_safe (text);
  if (strlen (safe) > MAX_CELL_TEXT)
    {
      const char *end = g_utf8_find_prev_char (safe, safe + MAX_CELL_TEXT);

      safe[end != NULL ? end - safe : 0] = '\0';
    }
  if (!g_utf8_validate (safe, -1, NULL))
    {
      char *valid = g_utf8_make_valid (safe, -1);

      g_free (safe);
      safe = valid;
    }

  worksheet_write_string (ws, row, (lxw_col_t) col, safe, format);
}

/* Our own labels (never from users). */
static void
write_label (lxw_worksheet *ws,
             guint          row,
             guint          col,
             const char    *text,
             lxw_format    *format)
{
  worksheet_write_string (ws, row, (lxw_col_t) col, text, format);
}

static void
write_number (lxw_worksheet *ws,
              guint          row,
              guint          col,
              double         value,
              lxw_format    *format)
{
  if (isfinite (value))
    worksheet_write_number (ws, row, (lxw_col_t) col, value, format);
  else
    worksheet_write_blank (ws, row, (lxw_col_t) col, format);
}

static void
write_formula (lxw_worksheet *ws,
               guint          row,
               guint          col,
               const char    *formula,
               double         cached,
               lxw_format    *format)
{
  worksheet_write_formula_num (ws, row, (lxw_col_t) col, formula,
                               format, isfinite (cached) ? cached : 0);
}

G_GNUC_PRINTF (6, 7)
static void
write_formulaf (lxw_worksheet *ws,
                guint          row,
                guint          col,
                double         cached,
                lxw_format    *format,
                const char    *fmt,
                ...)
{
  g_autofree char *formula = NULL;
  va_list args;

  va_start (args, fmt);
  formula = g_strdup_vprintf (fmt, args);
  va_end (args);
  write_formula (ws, row, col, formula, cached, format);
}

/* A string for use inside a formula: quotes doubled. */
static char *
formula_string (const char *text)
{
  g_auto(GStrv) parts = g_strsplit (text, "\"", -1);
  g_autofree char *joined = g_strjoinv ("\"\"", parts);

  return g_strdup_printf ("\"%s\"", joined);
}

/* A sheet name from an option's name: "2 Fill the voids", without the characters Excel
 * forbids (and apostrophes, so references need no escaping), at most 31 characters. */
static char *
sheet_name (guint       number,
            const char *name)
{
  GString *out = g_string_new (NULL);
  glong length;

  g_string_append_printf (out, "%u ", number);
  for (const char *p = name; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar ch = g_utf8_get_char (p);

      if (strchr ("[]:*?/\\'", (int) ch) != NULL && ch < 128)
        g_string_append_c (out, ' ');
      else if (g_unichar_iscntrl (ch))
        continue;
      else
        g_string_append_unichar (out, ch);
    }

  length = g_utf8_strlen (out->str, -1);
  if (length > 31)
    {
      const char *end = g_utf8_offset_to_pointer (out->str, 31);

      g_string_truncate (out, end - out->str);
    }
  while (out->len > 0 && out->str[out->len - 1] == ' ')
    g_string_truncate (out, out->len - 1);

  return g_string_free (out, FALSE);
}

static const FpOptionAppraisal *
option_at (const Book *b,
           guint       i)
{
  return g_ptr_array_index (b->a->options, i);
}

static const char *
cf_sheet (const Book *b,
          guint       i)
{
  return g_ptr_array_index (b->sheet_names, i);
}

/* ---- Formats --------------------------------------------------------------------------- */

#define MONEY_FORMAT "\"£\"#,##0;[Red]\\-\"£\"#,##0"
#define INPUT_FILL 0xFFF2CC
#define INPUT_FONT 0x1F4E79
#define HEADER_FILL 0xDDEBF7
#define SECTION_FILL 0xF2F2F2

static lxw_format *
add_format (Book       *b,
            const char *num_format,
            gboolean    bold)
{
  lxw_format *f = workbook_add_format (b->wb);

  if (num_format != NULL)
    format_set_num_format (f, num_format);
  if (bold)
    format_set_bold (f);
  return f;
}

static lxw_format *
add_input_format (Book       *b,
                  const char *num_format)
{
  lxw_format *f = add_format (b, num_format, FALSE);

  format_set_bg_color (f, INPUT_FILL);
  format_set_font_color (f, INPUT_FONT);
  format_set_border (f, LXW_BORDER_THIN);
  format_set_border_color (f, 0xBFBFBF);
  return f;
}

static void
make_formats (Book *b)
{
  b->title = add_format (b, NULL, TRUE);
  format_set_font_size (b->title, 16);
  format_set_font_color (b->title, 0x1F4E79);
  b->subtitle = add_format (b, NULL, TRUE);
  format_set_font_size (b->subtitle, 12);
  b->note = add_format (b, NULL, FALSE);
  format_set_italic (b->note);
  format_set_font_color (b->note, 0x595959);
  b->header = add_format (b, NULL, TRUE);
  format_set_bg_color (b->header, HEADER_FILL);
  format_set_bottom (b->header, LXW_BORDER_THIN);
  format_set_text_wrap (b->header);
  format_set_align (b->header, LXW_ALIGN_VERTICAL_TOP);
  b->header_right = add_format (b, NULL, TRUE);
  format_set_bg_color (b->header_right, HEADER_FILL);
  format_set_bottom (b->header_right, LXW_BORDER_THIN);
  format_set_text_wrap (b->header_right);
  format_set_align (b->header_right, LXW_ALIGN_RIGHT);
  format_set_align (b->header_right, LXW_ALIGN_VERTICAL_TOP);
  b->year_header = add_format (b, "0", TRUE);
  format_set_bg_color (b->year_header, HEADER_FILL);
  format_set_bottom (b->year_header, LXW_BORDER_THIN);
  b->section = add_format (b, NULL, TRUE);
  format_set_bg_color (b->section, SECTION_FILL);
  b->label = add_format (b, NULL, FALSE);
  b->label_bold = add_format (b, NULL, TRUE);
  b->label_memo = add_format (b, NULL, FALSE);
  format_set_italic (b->label_memo);
  format_set_indent (b->label_memo, 1);
  b->text = add_format (b, "@", FALSE);
  b->money = add_format (b, MONEY_FORMAT, FALSE);
  b->money_bold = add_format (b, MONEY_FORMAT, TRUE);
  b->money_memo = add_format (b, MONEY_FORMAT, FALSE);
  format_set_italic (b->money_memo);
  format_set_font_color (b->money_memo, 0x595959);
  b->money_total = add_format (b, MONEY_FORMAT, TRUE);
  format_set_top (b->money_total, LXW_BORDER_THIN);
  b->percent = add_format (b, "0.0%", FALSE);
  b->percent_input = add_input_format (b, "0.0%");
  b->confidence_input = add_input_format (b, "0%");
  b->factor = add_format (b, "0.0000", FALSE);
  b->year = add_format (b, "0", FALSE);
  b->year_input = add_input_format (b, "0");
  b->integer = add_format (b, "#,##0", FALSE);
  b->number = add_format (b, "#,##0.###", FALSE);
  b->area = add_format (b, "#,##0\" m²\"", FALSE);
  b->score = add_format (b, "0.0", TRUE);
  b->score_input = add_input_format (b, "0.0");
  b->weight_input = add_input_format (b, "0.0");
  b->key_label = add_format (b, NULL, TRUE);
  format_set_font_size (b->key_label, 12);
  b->key_value = add_format (b, NULL, TRUE);
  format_set_font_size (b->key_value, 12);
  format_set_font_color (b->key_value, 0x1F4E79);
  b->key_money = add_format (b, MONEY_FORMAT, TRUE);
  format_set_font_size (b->key_money, 12);
  b->wrap = add_format (b, NULL, FALSE);
  format_set_text_wrap (b->wrap);
  format_set_align (b->wrap, LXW_ALIGN_VERTICAL_TOP);
  b->rank = add_format (b, "0", TRUE);
  format_set_align (b->rank, LXW_ALIGN_CENTER);
}

/* ---- Assumptions ----------------------------------------------------------------------- */

static char *
describe_provenance (const FpProvenance *prov)
{
  GString *out = g_string_new (NULL);

  switch (prov->kind)
    {
    case FP_PROV_MEASURED:
      g_string_append_printf (out, _("measured: %s"), prov->source_id ? prov->source_id : "?");
      if (prov->year != 0)
        g_string_append_printf (out, " %d", prov->year);
      break;
    case FP_PROV_ESTIMATED:
      g_string_append_printf (out, _("estimated: %s"), prov->method_id ? prov->method_id : "?");
      break;
    case FP_PROV_ASSUMED:
      g_string_append_printf (out, _("assumed by %s"), prov->author ? prov->author : "?");
      if (prov->recorded_at != NULL)
        g_string_append_printf (out, " (%s)", prov->recorded_at);
      break;
    case FP_PROV_NONE:
    case FP_N_PROV_KINDS:
    default:
      g_string_append (out, _("Footprint’s default (the Green Book’s), not held in the document"));
      break;
    }

  if (prov->note != NULL && *prov->note != '\0')
    g_string_append_printf (out, " — %s", prov->note);

  return g_string_free (out, FALSE);
}

static void
define_name (Book       *b,
             const char *name,
             guint       row,
             guint       col)
{
  g_autofree char *ref = cell_abs (row, col);
  g_autofree char *formula = g_strdup_printf ("=%s!%s", FP_XLSX_SHEET_ASSUMPTIONS, ref);

  workbook_define_name (b->wb, name, formula);
}

/* A defined name for a model assumption: Model_ and its key with anything but letters,
 * digits and underscores made an underscore. */
static char *
model_name (const char *key)
{
  GString *out = g_string_new ("Model_");

  for (const char *p = key; *p != '\0'; p++)
    g_string_append_c (out, g_ascii_isalnum (*p) || *p == '_' ? *p : '_');
  return g_string_free (out, FALSE);
}

static const char * const appraisal_keys[] = {
  "discount_rate", "discount_rate_long", "discount_rate_long_from_year", "optimism_bias",
  "base_year", "horizon_years",
};

static void
write_assumptions (Book          *b,
                   lxw_worksheet *ws)
{
  const FpAppraisalSettings *s = &b->a->settings;
  g_autofree char *long_label = NULL;
  g_autofree char *short_label = NULL;
  guint row = 4;
  struct
  {
    const char *key;
    const char *name;
    const char *label;
    double      value;
    lxw_format *format;
    const char *unit;
  } inputs[] = {
    { "discount_rate", "DiscountRate", NULL, s->discount_rate, b->percent_input,
      N_("a year, real") },
    { "discount_rate_long", "DiscountRateLong", NULL, s->discount_rate_long, b->percent_input,
      N_("a year, real") },
    { "discount_rate_long_from_year", "DiscountRateLongFromYear",
      N_("First year (counted from the base year) at the long-term rate"),
      s->long_rate_from_year, b->year_input, N_("year number") },
    { "optimism_bias", "OptimismBias", N_("Optimism bias on capital costs"), s->optimism_bias,
      b->percent_input, N_("share of capital cost") },
  };

  short_label = g_strdup_printf (_("Discount rate, years 1 to %u"), s->long_rate_from_year - 1);
  long_label = g_strdup_printf (_("Discount rate from year %u"), s->long_rate_from_year);
  inputs[0].label = short_label;
  inputs[1].label = long_label;

  worksheet_set_column (ws, 0, 0, 58, NULL);
  worksheet_set_column (ws, 1, 1, 14, NULL);
  worksheet_set_column (ws, 2, 2, 24, NULL);
  worksheet_set_column (ws, 3, 3, 34, NULL);
  worksheet_set_column (ws, 4, 4, 90, NULL);

  write_label (ws, 0, 0, _("Assumptions"), b->title);
  write_label (ws, 1, 0, _("Yellow cells are inputs: change one and every cash flow, NPV and "
                           "rank follows when the workbook recalculates. They are named, so "
                           "formulas read “DiscountRate”, not a cell address."), b->note);
  write_label (ws, 3, 0, _("Appraisal inputs"), b->header);
  write_label (ws, 3, 1, _("Value"), b->header_right);
  write_label (ws, 3, 2, _("Unit"), b->header);
  write_label (ws, 3, 3, _("Name in formulas"), b->header);
  write_label (ws, 3, 4, _("Source"), b->header);

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++, row++)
    {
      const FpAssumption *assumption = fp_estate_find_assumption (b->estate, inputs[i].key);
      FpProvenance none = { FP_PROV_NONE };
      g_autofree char *source = describe_provenance (assumption ? &assumption->prov : &none);

      write_label (ws, row, 0, _(inputs[i].label), b->label);
      write_number (ws, row, 1, inputs[i].value, inputs[i].format);
      write_label (ws, row, 2, _(inputs[i].unit), b->label);
      write_label (ws, row, 3, inputs[i].name, b->label);
      write_text (ws, row, 4, source, NULL);
      define_name (b, inputs[i].name, row, 1);
    }

  write_label (ws, row, 0, _("Price base year (and year 0 of every cash flow)"), b->label);
  write_number (ws, row, 1, s->base_year, b->year);
  write_label (ws, row, 2, _("year"), b->label);
  write_label (ws, row, 3, "BaseYear", b->label);
  write_label (ws, row, 4, _("All money is in prices of this year."), NULL);
  define_name (b, "BaseYear", row, 1);
  row++;
  write_label (ws, row, 0, _("Horizon"), b->label);
  write_number (ws, row, 1, s->n_years - 1, b->integer);
  write_label (ws, row, 2, _("years after the base year"), b->label);
  write_label (ws, row, 3, "HorizonYears", b->label);
  write_label (ws, row, 4, _("The years Footprint computed; change the horizon in Footprint."),
               NULL);
  define_name (b, "HorizonYears", row, 1);
  row += 2;

  write_label (ws, row, 0, _("Model assumptions the site figures were computed with"), b->header);
  write_label (ws, row, 1, _("Value"), b->header_right);
  write_label (ws, row, 2, _("Unit"), b->header);
  write_label (ws, row, 3, _("Name in formulas"), b->header);
  write_label (ws, row, 4, _("Source"), b->header);
  row++;
  write_label (ws, row, 0, _("For reference: these shaped the figures Footprint computed (site "
                             "results, savings); change them in Footprint, not here."), b->note);
  row++;

  for (guint i = 0; i < b->estate->assumptions->len; i++)
    {
      const FpAssumption *assumption = &g_array_index (b->estate->assumptions, FpAssumption, i);
      g_autofree char *name = NULL;
      g_autofree char *source = NULL;
      gboolean appraisal = FALSE;

      for (guint k = 0; k < G_N_ELEMENTS (appraisal_keys); k++)
        appraisal |= g_str_equal (assumption->key, appraisal_keys[k]);
      if (appraisal)
        continue;

      name = model_name (assumption->key);
      source = describe_provenance (&assumption->prov);
      write_text (ws, row, 0, assumption->description ? assumption->description : assumption->key,
                  b->label);
      write_number (ws, row, 1, assumption->value, b->number);
      write_text (ws, row, 2, assumption->unit, NULL);
      write_label (ws, row, 3, name, b->label);
      write_text (ws, row, 4, source, NULL);
      {
        g_autofree char *ref = cell_abs (row, 1);
        g_autofree char *formula = g_strdup_printf ("=%s!%s", FP_XLSX_SHEET_ASSUMPTIONS, ref);

        workbook_define_name (b->wb, name, formula);
      }
      row++;
    }

  worksheet_freeze_panes (ws, 4, 0);
}

/* ---- Cash flows ------------------------------------------------------------------------ */

static void
write_line (Book          *b,
            lxw_worksheet *ws,
            guint          row,
            const char    *label,
            const double  *values,
            lxw_format    *label_format,
            lxw_format    *format)
{
  g_autofree char *first = cell (row, 1);
  g_autofree char *last = cell (row, b->ny);
  double total = 0;

  write_label (ws, row, 0, label, label_format);
  for (guint y = 0; y < b->ny; y++)
    {
      write_number (ws, row, y + 1, values[y], format);
      total += values[y];
    }
  write_formulaf (ws, row, b->ny + 1, total,
                  format == b->money_memo ? b->money_memo : b->money_bold,
                  "=SUM(%s:%s)", first, last);
}

/* A line each of whose year cells is a formula built by @make from the column's letter. */
typedef char *(*MakeFormula) (const char *col, guint y, gpointer data);

static void
write_formula_line (Book          *b,
                    lxw_worksheet *ws,
                    guint          row,
                    const char    *label,
                    const double  *cached,
                    MakeFormula    make,
                    gpointer       data,
                    lxw_format    *label_format,
                    lxw_format    *format,
                    gboolean       with_total)
{
  double total = 0;

  write_label (ws, row, 0, label, label_format);
  for (guint y = 0; y < b->ny; y++)
    {
      g_autofree char *col = col_name (y + 1);
      g_autofree char *formula = make (col, y, data);

      write_formula (ws, row, y + 1, formula, cached[y], format);
      total += cached[y];
    }

  if (with_total)
    {
      g_autofree char *first = cell (row, 1);
      g_autofree char *last = cell (row, b->ny);

      write_formulaf (ws, row, b->ny + 1, total, b->money_bold, "=SUM(%s:%s)", first, last);
    }
}

static char *
f_rate (const char *col, guint y, gpointer data)
{
  return g_strdup_printf ("=IF(%s%u>=DiscountRateLongFromYear,DiscountRateLong,DiscountRate)",
                          col, CF_T + 1);
}

static char *
f_df (const char *col, guint y, gpointer data)
{
  g_autofree char *prev = col_name (y);

  if (y == 0)
    return g_strdup ("=1");
  return g_strdup_printf ("=%s%u/(1+%s%u)", prev, CF_DF + 1, col, CF_RATE + 1);
}

static char *
f_benefits (const char *col, guint y, gpointer data)
{
  return g_strdup_printf ("=%s%u+%s%u+%s%u", col, CF_REVENUE + 1, col, CF_RECEIPTS + 1, col,
                          CF_BACKLOG + 1);
}

typedef struct
{
  guint  option_number;
  guint  last_row;       /* 1-based */
  char  *measure;        /* a formula string literal */
} LedgerSum;

static char *
f_benefits_ra (const char *col, guint y, gpointer data)
{
  const LedgerSum *ls = data;
  g_autofree char *lcol = col_name (LG_FIRST_YEAR + y);
  g_autofree char *ocol = col_name (LG_OPTION_NO);
  g_autofree char *mcol = col_name (LG_MEASURE);

  return g_strdup_printf ("=SUMIFS(%s!%s$%u:%s$%u,%s!$%s$%u:$%s$%u,%u,%s!$%s$%u:$%s$%u,%s)",
                          FP_XLSX_SHEET_LEDGER, lcol, LG_HEAD + 2, lcol, ls->last_row,
                          FP_XLSX_SHEET_LEDGER, ocol, LG_HEAD + 2, ocol, ls->last_row,
                          ls->option_number,
                          FP_XLSX_SHEET_LEDGER, mcol, LG_HEAD + 2, mcol, ls->last_row,
                          ls->measure);
}

static char *
f_bias (const char *col, guint y, gpointer data)
{
  return g_strdup_printf ("=%s%u*OptimismBias", col, CF_CAPITAL + 1);
}

static char *
f_costs (const char *col, guint y, gpointer data)
{
  return g_strdup_printf ("=%s%u+%s%u+%s%u", col, CF_CAPITAL + 1, col, CF_BIAS + 1, col,
                          CF_TRANSITION + 1);
}

static char *
f_net (const char *col, guint y, gpointer data)
{
  return g_strdup_printf ("=%s%u-%s%u", col, CF_BEN + 1, col, CF_COSTS + 1);
}

static char *
f_net_ra (const char *col, guint y, gpointer data)
{
  return g_strdup_printf ("=%s%u-%s%u", col, CF_BEN_RA + 1, col, CF_COSTS + 1);
}

static char *
f_dnet (const char *col, guint y, gpointer data)
{
  return g_strdup_printf ("=%s%u*%s%u", col, CF_NET + 1, col, CF_DF + 1);
}

static char *
f_dnet_ra (const char *col, guint y, gpointer data)
{
  return g_strdup_printf ("=%s%u*%s%u", col, CF_NET_RA + 1, col, CF_DF + 1);
}

static char *
f_cumulative (const char *col, guint y, gpointer data)
{
  g_autofree char *prev = col_name (y);

  if (y == 0)
    return g_strdup_printf ("=%s%u", col, CF_DNET_RA + 1);
  return g_strdup_printf ("=%s%u+%s%u", prev, CF_CUMULATIVE_RA + 1, col, CF_DNET_RA + 1);
}

static double
sumproduct (const double *a,
            const double *b,
            guint         n)
{
  double total = 0;

  for (guint i = 0; i < n; i++)
    total += a[i] * b[i];
  return total;
}

static void
write_pv (Book          *b,
          lxw_worksheet *ws,
          guint          row,
          const char    *label,
          guint          line,
          const double  *values,
          const double  *df,
          lxw_format    *format)
{
  g_autofree char *first = cell (line, 1);
  g_autofree char *last = cell (line, b->ny);
  g_autofree char *df_first = cell_abs (CF_DF, 1);
  g_autofree char *df_last = cell_abs (CF_DF, b->ny);

  write_label (ws, row, 0, label, format == b->key_money ? b->key_label : b->label_bold);
  write_formulaf (ws, row, 1, sumproduct (values, df, b->ny), format, "=SUMPRODUCT(%s:%s,%s:%s)",
                  first, last, df_first, df_last);
}

static void
write_cash_flow (Book          *b,
                 lxw_worksheet *ws,
                 guint          index)
{
  const FpOptionAppraisal *o = option_at (b, index);
  const FpAppraisalSettings *s = &b->a->settings;
  guint ny = b->ny;
  g_autofree double *t = g_new0 (double, ny);
  g_autofree double *rate = g_new0 (double, ny);
  g_autofree double *df = g_new0 (double, ny);
  g_autofree double *ben = g_new0 (double, ny);
  g_autofree double *bias = g_new0 (double, ny);
  g_autofree double *costs = g_new0 (double, ny);
  g_autofree double *net = g_new0 (double, ny);
  g_autofree double *net_ra = g_new0 (double, ny);
  g_autofree double *dnet = g_new0 (double, ny);
  g_autofree double *dnet_ra = g_new0 (double, ny);
  g_autofree double *cumulative = g_new0 (double, ny);
  g_autofree char *title = NULL;
  g_autofree char *measure = formula_string (_("Risk-adjusted"));
  const double *revenue = fp_option_appraisal_flow (o, FP_FLOW_REVENUE_SAVINGS);
  const double *receipts = fp_option_appraisal_flow (o, FP_FLOW_CAPITAL_RECEIPTS);
  const double *backlog = fp_option_appraisal_flow (o, FP_FLOW_BACKLOG_AVOIDED);
  const double *capital = fp_option_appraisal_flow (o, FP_FLOW_CAPITAL_COSTS);
  const double *transition = fp_option_appraisal_flow (o, FP_FLOW_TRANSITION_COSTS);
  LedgerSum ls = { index + 1, MAX (b->ledger_last + 1, LG_HEAD + 2), measure };

  /* The cached values, computed as the formulas compute them. */
  for (guint y = 0; y < ny; y++)
    {
      t[y] = y;
      rate[y] = fp_appraisal_rate_for_year (s, y);
      df[y] = y == 0 ? 1.0 : df[y - 1] / (1.0 + rate[y]);
      ben[y] = revenue[y] + receipts[y] + backlog[y];
      bias[y] = capital[y] * s->optimism_bias;
      costs[y] = capital[y] + bias[y] + transition[y];
      net[y] = ben[y] - costs[y];
      net_ra[y] = o->benefits_risk_adjusted[y] - costs[y];
      dnet[y] = net[y] * df[y];
      dnet_ra[y] = net_ra[y] * df[y];
      cumulative[y] = dnet_ra[y] + (y > 0 ? cumulative[y - 1] : 0);
    }

  worksheet_set_column (ws, 0, 0, 66, NULL);
  worksheet_set_column (ws, 1, ny, 13, NULL);
  worksheet_set_column (ws, ny + 1, ny + 1, 15, NULL);

  title = g_strdup_printf (_("%s: cash flow against Do nothing (£, prices of %d)"), o->name,
                           s->base_year);
  write_text (ws, CF_TITLE, 0, title, b->title);
  write_text (ws, CF_DESCRIPTION, 0, o->description, b->note);

  write_label (ws, CF_HEAD, 0, _("Line"), b->header);
  for (guint y = 0; y < ny; y++)
    worksheet_write_number (ws, CF_HEAD, y + 1, s->base_year + (double) y, b->year_header);
  write_label (ws, CF_HEAD, ny + 1, _("Total"), b->header_right);

  write_label (ws, CF_T, 0, _("Year number t (0 is the base year)"), b->label);
  for (guint y = 0; y < ny; y++)
    write_number (ws, CF_T, y + 1, t[y], b->year);
  write_formula_line (b, ws, CF_RATE, _("Discount rate r_t (from Assumptions)"), rate, f_rate,
                      NULL, b->label, b->percent, FALSE);
  worksheet_write_blank (ws, CF_RATE, 1, b->percent);
  write_formula_line (b, ws, CF_DF, _("Discount factor DF_t = DF_t−1 ÷ (1 + r_t)"), df, f_df,
                      NULL, b->label, b->factor, FALSE);

  write_label (ws, CF_BENEFITS, 0, _("Benefits"), b->section);
  write_line (b, ws, CF_REVENUE, fp_flow_to_label (FP_FLOW_REVENUE_SAVINGS), revenue, b->label,
              b->money);
  write_line (b, ws, CF_DUAL, _("of which, already deducted: sites left, until their "
                                 "liability ends"),
              fp_option_appraisal_flow (o, FP_FLOW_DUAL_RUNNING), b->label_memo, b->money_memo);
  write_line (b, ws, CF_RECEIPTS, fp_flow_to_label (FP_FLOW_CAPITAL_RECEIPTS), receipts, b->label,
              b->money);
  write_line (b, ws, CF_BACKLOG, fp_flow_to_label (FP_FLOW_BACKLOG_AVOIDED), backlog, b->label,
              b->money);
  write_formula_line (b, ws, CF_BEN, _("Total benefits (gross)"), ben, f_benefits, NULL,
                      b->label_bold, b->money_total, TRUE);
  write_formula_line (b, ws, CF_BEN_RA, _("Risk-adjusted benefits (Ledger: benefit × "
                                          "confidence)"),
                      o->benefits_risk_adjusted, f_benefits_ra, &ls, b->label_bold, b->money_bold,
                      TRUE);

  write_label (ws, CF_COSTS_HEAD, 0, _("Costs"), b->section);
  write_line (b, ws, CF_CAPITAL, fp_flow_to_label (FP_FLOW_CAPITAL_COSTS), capital, b->label,
              b->money);
  write_formula_line (b, ws, CF_BIAS, _("Optimism bias on capital costs (× OptimismBias)"), bias,
                      f_bias, NULL, b->label, b->money, TRUE);
  write_line (b, ws, CF_TRANSITION, fp_flow_to_label (FP_FLOW_TRANSITION_COSTS), transition,
              b->label, b->money);
  write_formula_line (b, ws, CF_COSTS, _("Total costs"), costs, f_costs, NULL, b->label_bold,
                      b->money_total, TRUE);

  write_formula_line (b, ws, CF_NET, _("Net benefit (benefits − costs)"), net, f_net, NULL,
                      b->label_bold, b->money_bold, TRUE);
  write_formula_line (b, ws, CF_NET_RA, _("Net benefit, risk-adjusted"), net_ra, f_net_ra, NULL,
                      b->label_bold, b->money_bold, TRUE);
  write_formula_line (b, ws, CF_DNET, _("Discounted net benefit (× DF_t)"), dnet, f_dnet, NULL,
                      b->label, b->money, TRUE);
  write_formula_line (b, ws, CF_DNET_RA, _("Discounted net benefit, risk-adjusted"), dnet_ra,
                      f_dnet_ra, NULL, b->label, b->money, TRUE);
  write_formula_line (b, ws, CF_CUMULATIVE_RA, _("Cumulative risk-adjusted net present value"),
                      cumulative, f_cumulative, NULL, b->label, b->money, FALSE);

  write_label (ws, CF_RUNNING, 0, _("Memo: the estate’s running cost in this option (£ a year)"),
               b->label_memo);
  for (guint y = 0; y < ny; y++)
    write_number (ws, CF_RUNNING, y + 1, o->running_cost[y], b->money_memo);

  write_pv (b, ws, CF_NPV, _("Net present value (NPV)"), CF_NET, net, df, b->key_money);
  write_pv (b, ws, CF_NPV_RA, _("Risk-adjusted NPV"), CF_NET_RA, net_ra, df, b->key_money);
  write_pv (b, ws, CF_PV_BEN, _("Present value of benefits"), CF_BEN, ben, df, b->money_bold);
  write_pv (b, ws, CF_PV_BEN_RA, _("Present value of risk-adjusted benefits"), CF_BEN_RA,
            o->benefits_risk_adjusted, df, b->money_bold);
  write_pv (b, ws, CF_PV_COSTS, _("Present value of costs"), CF_COSTS, costs, df, b->money_bold);

  worksheet_freeze_panes (ws, CF_HEAD + 1, 1);
}

/* ---- Ledger ------------------------------------------------------------------------------ */

static guint
ledger_rows (const Book *b)
{
  guint rows = 0;

  for (guint i = 0; i < b->a->options->len; i++)
    {
      const FpOptionAppraisal *o = option_at (b, i);

      for (guint e = 0; e < o->ledger->len; e++)
        if (((FpLedgerEntry *) g_ptr_array_index (o->ledger, e))->index > 0)
          rows += 2;
    }

  return rows;
}

static void
write_ledger (Book          *b,
              lxw_worksheet *ws)
{
  const char *headers[] = {
    N_("Option no."), N_("Option"), N_("Change no."), N_("Change"), N_("Owner"),
    N_("First year"), N_("Confidence"), N_("Measure"),
  };
  guint row = LG_HEAD + 1, ny = b->ny, total_col = LG_FIRST_YEAR + ny;
  g_autofree char *title = g_strdup_printf (_("Benefits ledger: what each change earns (£, "
                                              "prices of %d)"), b->a->settings.base_year);

  worksheet_set_column (ws, LG_OPTION_NO, LG_OPTION_NO, 9, NULL);
  worksheet_set_column (ws, LG_OPTION, LG_OPTION, 26, NULL);
  worksheet_set_column (ws, LG_CHANGE_NO, LG_CHANGE_NO, 9, NULL);
  worksheet_set_column (ws, LG_CHANGE, LG_CHANGE, 60, NULL);
  worksheet_set_column (ws, LG_OWNER, LG_OWNER, 18, NULL);
  worksheet_set_column (ws, LG_YEAR, LG_CONFIDENCE, 11, NULL);
  worksheet_set_column (ws, LG_MEASURE, LG_MEASURE, 14, NULL);
  worksheet_set_column (ws, LG_FIRST_YEAR, total_col, 13, NULL);

  write_label (ws, 0, 0, title, b->title);
  write_label (ws, 1, 0, _("A change’s figures are those of the option with changes 1 to k less "
                           "those with changes 1 to k − 1, so an option’s changes add up to its "
                           "totals. Risk-adjusted = gross × confidence where positive; a "
                           "dis-benefit counts whole. Change a confidence (yellow) and the "
                           "option’s risk-adjusted figures follow."), b->note);

  for (guint c = 0; c < G_N_ELEMENTS (headers); c++)
    write_label (ws, LG_HEAD, c, _(headers[c]), b->header);
  for (guint y = 0; y < ny; y++)
    worksheet_write_number (ws, LG_HEAD, LG_FIRST_YEAR + y, b->a->settings.base_year + (double) y,
                            b->year_header);
  write_label (ws, LG_HEAD, total_col, _("Total"), b->header_right);
  worksheet_set_row (ws, LG_HEAD, 30, NULL);

  for (guint i = 0; i < b->a->options->len; i++)
    {
      const FpOptionAppraisal *o = option_at (b, i);

      for (guint e = 0; e < o->ledger->len; e++)
        {
          const FpLedgerEntry *entry = g_ptr_array_index (o->ledger, e);
          double gross_total = 0, ra_total = 0;

          if (entry->index == 0)
            continue;

          for (guint r = row; r <= row + 1; r++)
            {
              write_number (ws, r, LG_OPTION_NO, i + 1, b->integer);
              write_text (ws, r, LG_OPTION, o->name, NULL);
              write_number (ws, r, LG_CHANGE_NO, entry->index, b->integer);
              write_text (ws, r, LG_CHANGE, entry->description, NULL);
              write_text (ws, r, LG_OWNER, entry->owner, NULL);
              write_number (ws, r, LG_YEAR, entry->year, b->year);
            }
          write_number (ws, row, LG_CONFIDENCE, entry->confidence, b->confidence_input);
          {
            g_autofree char *ref = cell (row, LG_CONFIDENCE);
            g_autofree char *formula = g_strdup_printf ("=%s", ref);

            write_formula (ws, row + 1, LG_CONFIDENCE, formula, entry->confidence, b->percent);
          }
          write_label (ws, row, LG_MEASURE, _("Gross"), NULL);
          write_label (ws, row + 1, LG_MEASURE, _("Risk-adjusted"), NULL);

          for (guint y = 0; y < ny; y++)
            {
              g_autofree char *gross = cell (row, LG_FIRST_YEAR + y);
              g_autofree char *conf = cell (row, LG_CONFIDENCE);

              write_number (ws, row, LG_FIRST_YEAR + y, entry->benefits[y], b->money);
              write_formulaf (ws, row + 1, LG_FIRST_YEAR + y, entry->benefits_risk_adjusted[y],
                              b->money, "=IF(%s>0,%s*$%s,%s)", gross, gross, conf, gross);
              gross_total += entry->benefits[y];
              ra_total += entry->benefits_risk_adjusted[y];
            }
          {
            g_autofree char *g0 = cell (row, LG_FIRST_YEAR);
            g_autofree char *g1 = cell (row, LG_FIRST_YEAR + ny - 1);
            g_autofree char *r0 = cell (row + 1, LG_FIRST_YEAR);
            g_autofree char *r1 = cell (row + 1, LG_FIRST_YEAR + ny - 1);

            write_formulaf (ws, row, total_col, gross_total, b->money_bold, "=SUM(%s:%s)", g0, g1);
            write_formulaf (ws, row + 1, total_col, ra_total, b->money_bold, "=SUM(%s:%s)", r0,
                            r1);
          }
          row += 2;
        }
    }

  if (row == LG_HEAD + 1)
    write_label (ws, row, 0, _("No option has changes yet."), b->note);
  else
    worksheet_autofilter (ws, LG_HEAD, 0, row - 1, total_col);
  worksheet_freeze_panes (ws, LG_HEAD + 1, LG_CHANGE + 1);
}

/* ---- Scoring ------------------------------------------------------------------------------ */

static void
write_scoring (Book          *b,
               lxw_worksheet *ws)
{
  const FpScoring *scoring = b->a->scoring;
  guint nc = scoring->criteria->len, no = b->a->options->len;
  guint first = SC_HEAD + 1, last = SC_HEAD + nc, row;
  g_autofree char *w0 = cell_abs (first, 1);
  g_autofree char *w1 = cell_abs (last, 1);
  double weight_sum = 0;

  worksheet_set_column (ws, 0, 0, 40, NULL);
  worksheet_set_column (ws, 1, 1, 12, NULL);
  worksheet_set_column (ws, 2, 1 + no, 22, NULL);

  write_label (ws, 0, 0, _("Non-financial appraisal: critical success factors"), b->title);
  write_label (ws, 1, 0, _("Weights (yellow) sum to 100; each option is scored 0 to 10 against "
                           "each factor. Weighted score = Σ weight × score ÷ 100, on the scores’ "
                           "scale of 0 to 10; an option not scored against a weighted factor "
                           "has none."), b->note);
  write_label (ws, SC_HEAD, 0, _("Critical success factor"), b->header);
  write_label (ws, SC_HEAD, 1, _("Weight"), b->header_right);
  for (guint i = 0; i < no; i++)
    write_text (ws, SC_HEAD, 2 + i, option_at (b, i)->name, b->header_right);
  worksheet_set_row (ws, SC_HEAD, 30, NULL);

  for (guint c = 0; c < nc; c++)
    {
      const FpCriterion *criterion = g_ptr_array_index (scoring->criteria, c);

      write_text (ws, first + c, 0, criterion->name, b->label);
      write_number (ws, first + c, 1, criterion->weight, b->weight_input);
      weight_sum += criterion->weight;
      for (guint i = 0; i < no; i++)
        {
          double score;

          if (fp_scoring_get_score (scoring, option_at (b, i)->name, criterion->id, &score))
            write_number (ws, first + c, 2 + i, score, b->score_input);
          else
            worksheet_write_blank (ws, first + c, 2 + i, b->score_input);
        }
    }

  row = last + 1;
  write_label (ws, row, 0, _("Total weight (must be 100)"), b->label_bold);
  write_formulaf (ws, row, 1, weight_sum, b->score, "=SUM(%s:%s)", w0, w1);
  {
    g_autofree char *sum_cell = cell (row, 1);
    g_autofree char *formula = g_strdup_printf ("=IF(ABS(%s-100)<0.000001,\"%s\",\"%s\")",
                                                sum_cell, _("Weights sum to 100"),
                                                _("Weights must sum to 100"));

    worksheet_write_formula_str (ws, row, 2, formula, b->note,
                                 fabs (weight_sum - 100) < 1e-6 ? _("Weights sum to 100")
                                                                : _("Weights must sum to 100"));
  }

  b->scoring_ws_row = row + 1;
  b->scoring_rank_row = row + 2;
  write_label (ws, b->scoring_ws_row, 0, _("Weighted score (0 to 10)"), b->label_bold);
  write_label (ws, b->scoring_rank_row, 0, _("Rank by weighted score"), b->label_bold);

  for (guint i = 0; i < no; i++)
    {
      const FpOptionAppraisal *o = option_at (b, i);
      g_autofree char *s0 = cell (first, 2 + i);
      g_autofree char *s1 = cell (last, 2 + i);
      g_autofree char *ws_cell = cell (b->scoring_ws_row, 2 + i);
      g_autofree char *r0 = cell_abs (b->scoring_ws_row, 2);
      g_autofree char *r1 = cell_abs (b->scoring_ws_row, 1 + no);
      g_autofree char *score_formula =
        g_strdup_printf ("=IF(SUMPRODUCT((%s:%s>0)*ISBLANK(%s:%s))>0,\"\","
                         "SUMPRODUCT(%s:%s,%s:%s)/100)", w0, w1, s0, s1, w0, w1, s0, s1);
      g_autofree char *rank_formula = g_strdup_printf ("=IF(ISNUMBER(%s),RANK(%s,%s:%s),\"\")",
                                                       ws_cell, ws_cell, r0, r1);

      if (isnan (o->weighted_score))
        {
          worksheet_write_formula_str (ws, b->scoring_ws_row, 2 + i, score_formula, b->score, "");
          worksheet_write_formula_str (ws, b->scoring_rank_row, 2 + i, rank_formula, b->integer,
                                       "");
        }
      else
        {
          write_formula (ws, b->scoring_ws_row, 2 + i, score_formula, o->weighted_score, b->score);
          write_formula (ws, b->scoring_rank_row, 2 + i, rank_formula, o->score_rank, b->integer);
        }
    }

  worksheet_freeze_panes (ws, SC_HEAD + 1, 2);
}

/* ---- Summary -------------------------------------------------------------------------- */

static void
add_chart (Book          *b,
           lxw_worksheet *ws,
           guint          row,
           guint          col,
           const char    *title,
           guint          line)
{
  lxw_chart *chart = workbook_add_chart (b->wb, LXW_CHART_LINE);
  lxw_chart_axis *x, *y;
  lxw_chart_font title_font = { .size = 12, .bold = LXW_TRUE };
  lxw_chart_options options = { .x_scale = 1.55, .y_scale = 1.6 };

  for (guint i = 0; i < b->a->options->len; i++)
    {
      lxw_chart_series *series = chart_add_series (chart, NULL, NULL);

      chart_series_set_categories (series, cf_sheet (b, i), CF_HEAD, 1, CF_HEAD, b->ny);
      chart_series_set_values (series, cf_sheet (b, i), line, 1, line, b->ny);
      /* The series is named by the option's cell on the Summary, never by its text: a
       * name beginning with "=" would be read as a reference. */
      chart_series_set_name_range (series, FP_XLSX_SHEET_SUMMARY, SM_HEAD + 1 + i, SM_OPTION);
      chart_series_set_marker_type (series, LXW_CHART_MARKER_CIRCLE);
      chart_series_set_marker_size (series, 4);
    }

  chart_title_set_name (chart, title);
  chart_title_set_name_font (chart, &title_font);
  x = chart_axis_get (chart, LXW_CHART_AXIS_TYPE_X);
  y = chart_axis_get (chart, LXW_CHART_AXIS_TYPE_Y);
  chart_axis_set_name (x, _("Year"));
  chart_axis_set_name (y, _("£ million"));
  chart_axis_set_num_format (y, "\"£\"#,##0.0,,\"m\"");
  chart_axis_set_label_position (x, LXW_CHART_AXIS_LABEL_POSITION_LOW);
  chart_legend_set_position (chart, LXW_CHART_LEGEND_BOTTOM);
  worksheet_insert_chart_opt (ws, row, (lxw_col_t) col, chart, &options);
}

static void
summary_ref (Book          *b,
             lxw_worksheet *ws,
             guint          row,
             guint          col,
             guint          index,
             guint          cf_row,
             guint          cf_col,
             double         cached,
             lxw_format    *format)
{
  g_autofree char *prefix = sheet_ref (cf_sheet (b, index));
  g_autofree char *ref = cell (cf_row, cf_col);

  write_formulaf (ws, row, col, cached, format, "=%s%s", prefix, ref);
}

static void
write_summary (Book          *b,
               lxw_worksheet *ws)
{
  const FpAppraisal *a = b->a;
  const FpAppraisalSettings *s = &a->settings;
  guint no = a->options->len, ny = b->ny, total = ny + 1, row;
  guint first = SM_HEAD + 1, last = SM_HEAD + no;
  g_autofree char *sensitivity = fp_appraisal_describe_sensitivity (a);
  g_autofree char *subtitle = NULL;
  g_autofree char *title = NULL;
  g_autofree char *chart1 = NULL;
  g_autofree char *chart2 = NULL;
  const char *headers[SM_N_COLUMNS] = {
    N_("Rank"), N_("Option"), N_("Changes"), N_("Revenue savings (£, total)"),
    N_("Capital receipts (£)"), N_("Backlog avoided (£)"),
    N_("Capital costs with optimism bias (£)"), N_("Transition costs (£)"),
    N_("Present value of benefits (£)"), N_("Present value of costs (£)"), N_("NPV (£)"),
    N_("Risk-adjusted NPV (£)"), N_("Weighted score (0 to 10)"), N_("Rank by score"),
  };
  const double widths[SM_N_COLUMNS] = { 7, 44, 9, 16, 15, 15, 20, 15, 16, 16, 16, 17, 12, 9 };

  for (guint c = 0; c < SM_N_COLUMNS; c++)
    worksheet_set_column (ws, c, c, widths[c], NULL);

  title = g_strdup_printf (_("Options appraisal: %s"), b->estate->name ? b->estate->name : "");
  write_text (ws, 0, 0, title, b->title);
  subtitle = g_strdup_printf (_("Each option against Do nothing over %u years from %d, in %d "
                                "prices, discounted as the Green Book sets out (Assumptions). "
                                "Options are ranked by risk-adjusted NPV."),
                              s->n_years - 1, s->base_year, s->base_year);
  write_label (ws, 1, 0, subtitle, b->note);

  write_label (ws, 3, 0, _("Preferred option"), b->key_label);
  {
    g_autofree char *r0 = cell_abs (first, SM_RANK);
    g_autofree char *r1 = cell_abs (last, SM_RANK);
    g_autofree char *n0 = cell_abs (first, SM_OPTION);
    g_autofree char *n1 = cell_abs (last, SM_OPTION);
    g_autofree char *formula = g_strdup_printf ("=INDEX(%s:%s,MATCH(1,%s:%s,0))", n0, n1, r0, r1);
    g_autofree char *cached = fp_cell_text_safe (option_at (b, a->preferred)->name);

    worksheet_write_formula_str (ws, 3, 2, formula, b->key_value, cached);
  }
  write_label (ws, 4, 0, _("Sensitivity"), b->key_label);
  {
    g_autofree char *safe = fp_cell_text_safe (sensitivity);

    worksheet_merge_range (ws, 4, 2, 4, SM_N_COLUMNS - 1, safe, b->wrap);
    worksheet_set_row (ws, 4, 32, NULL);
  }
  write_label (ws, 5, 2, _("(at the assumptions when the workbook was made; the ranks below "
                           "follow any change to Assumptions)"), b->note);

  for (guint c = 0; c < SM_N_COLUMNS; c++)
    write_label (ws, SM_HEAD, c, _(headers[c]), c <= SM_OPTION ? b->header : b->header_right);
  worksheet_set_row (ws, SM_HEAD, 45, NULL);

  for (guint i = 0; i < no; i++)
    {
      const FpOptionAppraisal *o = option_at (b, i);
      double capital = 0;
      guint r = first + i;

      for (guint y = 0; y < ny; y++)
        capital += o->capital_costs_with_bias[y];

      {
        g_autofree char *npv = cell (r, SM_NPV_RA);
        g_autofree char *n0 = cell_abs (first, SM_NPV_RA);
        g_autofree char *n1 = cell_abs (last, SM_NPV_RA);

        write_formulaf (ws, r, SM_RANK, o->rank, b->rank, "=RANK(%s,%s:%s)", npv, n0, n1);
      }
      write_text (ws, r, SM_OPTION, o->name, b->label_bold);
      write_number (ws, r, SM_CHANGES, o->changes->len, b->integer);
      summary_ref (b, ws, r, SM_REVENUE, i, CF_REVENUE, total, o->totals[FP_FLOW_REVENUE_SAVINGS],
                   b->money);
      summary_ref (b, ws, r, SM_RECEIPTS, i, CF_RECEIPTS, total,
                   o->totals[FP_FLOW_CAPITAL_RECEIPTS], b->money);
      summary_ref (b, ws, r, SM_BACKLOG, i, CF_BACKLOG, total,
                   o->totals[FP_FLOW_BACKLOG_AVOIDED], b->money);
      {
        g_autofree char *prefix = sheet_ref (cf_sheet (b, i));
        g_autofree char *cap = cell (CF_CAPITAL, total);
        g_autofree char *bias = cell (CF_BIAS, total);

        write_formulaf (ws, r, SM_CAPITAL, capital, b->money, "=%s%s+%s%s", prefix, cap, prefix,
                        bias);
      }
      summary_ref (b, ws, r, SM_TRANSITION, i, CF_TRANSITION, total,
                   o->totals[FP_FLOW_TRANSITION_COSTS], b->money);
      summary_ref (b, ws, r, SM_PV_BEN, i, CF_PV_BEN, 1, o->pv_benefits, b->money);
      summary_ref (b, ws, r, SM_PV_COSTS, i, CF_PV_COSTS, 1, o->pv_costs, b->money);
      summary_ref (b, ws, r, SM_NPV, i, CF_NPV, 1, o->npv, b->money);
      summary_ref (b, ws, r, SM_NPV_RA, i, CF_NPV_RA, 1, o->npv_risk_adjusted, b->money_bold);
      {
        g_autofree char *score = cell (b->scoring_ws_row, 2 + i);
        g_autofree char *rank = cell (b->scoring_rank_row, 2 + i);
        g_autofree char *f_score = g_strdup_printf ("=%s!%s", FP_XLSX_SHEET_SCORING, score);
        g_autofree char *f_rank = g_strdup_printf ("=%s!%s", FP_XLSX_SHEET_SCORING, rank);

        if (isnan (o->weighted_score))
          {
            worksheet_write_formula_str (ws, r, SM_SCORE, f_score, b->score, "");
            worksheet_write_formula_str (ws, r, SM_SCORE_RANK, f_rank, b->integer, "");
          }
        else
          {
            write_formula (ws, r, SM_SCORE, f_score, o->weighted_score, b->score);
            write_formula (ws, r, SM_SCORE_RANK, f_rank, o->score_rank, b->integer);
          }
      }
    }

  row = last + 2;
  write_label (ws, row, 0, _("Revenue savings are cash-releasing savings in running costs against "
                             "Do nothing, already net of what sites left still cost until their "
                             "lease, notice or dual running ends."), b->note);
  write_label (ws, row + 1, 0, _("Backlog avoided is non-cash-releasing. Each option’s own sheet "
                                 "shows its lines by year; the Ledger shows what each change "
                                 "earns."), b->note);
  row++;

  chart1 = g_strdup_printf (_("Cumulative risk-adjusted net present value by year (£, %d "
                              "prices)"), s->base_year);
  chart2 = g_strdup_printf (_("Running cost of the estate by year (£ a year, %d prices)"),
                            s->base_year);
  add_chart (b, ws, row + 2, 0, chart1, CF_CUMULATIVE_RA);
  add_chart (b, ws, row + 2, SM_TRANSITION, chart2, CF_RUNNING);

  worksheet_set_landscape (ws);
  worksheet_fit_to_pages (ws, 1, 1);
  worksheet_activate (ws);
}

/* ---- Sites -------------------------------------------------------------------------------- */

typedef struct
{
  const char *id;
  const char *name;
  FpSiteType  type;
  FpTenure    tenure;
  double      gia;
  double      running_cost;
  guint      *index;       /* [option]: the site's index in that option's results, or G_MAXUINT */
} SiteRow;

static void
write_sites (Book          *b,
             lxw_worksheet *ws)
{
  guint no = b->a->options->len, year = b->ny - 1, row;
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GArray) rows = g_array_new (FALSE, TRUE, sizeof (SiteRow));
  g_autofree char *title = NULL;
  const guint fixed = 6, per = 5;
  const char *fixed_headers[] = {
    N_("Site id"), N_("Name"), N_("Site type"), N_("Tenure"), N_("Floor area (m²)"),
    N_("Running cost in the base year (£)"),
  };
  const char *per_headers[] = {
    N_("Held"), N_("Utilisation"), N_("Running cost (£)"), N_("Void cost (£)"), N_("Category"),
  };

  /* Every site of every option: the baseline's, then those the options open. */
  for (guint i = 0; i < no; i++)
    {
      const FpResults *res = option_at (b, i)->results;

      for (guint s = 0; s < res->n_sites; s++)
        {
          const FpResultSite *site = &res->sites[s];
          gpointer found = g_hash_table_lookup (by_id, site->id);
          SiteRow *r;

          if (found == NULL)
            {
              SiteRow fresh = { 0 };
              guint index;

              fresh.id = site->id;
              fresh.name = site->name;
              fresh.type = site->type;
              fresh.tenure = site->tenure;
              fresh.gia = NAN;
              fresh.running_cost = NAN;
              fresh.index = g_new (guint, no);
              for (guint k = 0; k < no; k++)
                fresh.index[k] = G_MAXUINT;
              if (fp_estate_find_site (b->estate, site->id, &index))
                {
                  const FpSite *base = fp_estate_get_site (b->estate, index);

                  fresh.gia = base->numbers[FP_SITE_GIA_M2];
                  fresh.running_cost = fp_site_running_cost (base);
                }
              g_array_append_val (rows, fresh);
              found = GUINT_TO_POINTER (rows->len);
              g_hash_table_insert (by_id, (gpointer) site->id, found);
            }
          r = &g_array_index (rows, SiteRow, GPOINTER_TO_UINT (found) - 1);
          r->index[i] = s;
        }
    }

  title = g_strdup_printf (_("Sites in %d, the last year of the horizon, by option"),
                           b->a->settings.base_year + (int) year);
  write_label (ws, 0, 0, title, b->title);
  write_label (ws, 1, 0, _("The register, then for each option: whether the NHS still holds the "
                           "site, its room utilisation, running and void cost that year, and its "
                           "category (Core, Near core, Marginal, Redundant)."), b->note);

  worksheet_set_column (ws, 0, 0, 12, NULL);
  worksheet_set_column (ws, 1, 1, 42, NULL);
  worksheet_set_column (ws, 2, 3, 20, NULL);
  worksheet_set_column (ws, 4, 5, 15, NULL);
  worksheet_set_column (ws, fixed, fixed + per * no - 1, 13, NULL);

  for (guint c = 0; c < fixed; c++)
    write_label (ws, 4, c, _(fixed_headers[c]), c >= 4 ? b->header_right : b->header);
  for (guint i = 0; i < no; i++)
    {
      guint c0 = fixed + per * i;
      g_autofree char *safe = fp_cell_text_safe (option_at (b, i)->name);

      worksheet_merge_range (ws, 3, c0, 3, c0 + per - 1, safe, b->header);
      for (guint k = 0; k < per; k++)
        write_label (ws, 4, c0 + k, _(per_headers[k]), k == 0 || k == 4 ? b->header
                                                                       : b->header_right);
    }
  worksheet_set_row (ws, 4, 30, NULL);

  row = 5;
  for (guint r = 0; r < rows->len; r++, row++)
    {
      const SiteRow *site = &g_array_index (rows, SiteRow, r);

      write_text (ws, row, 0, site->id, NULL);
      write_text (ws, row, 1, site->name, NULL);
      write_label (ws, row, 2, fp_site_type_to_label (site->type), NULL);
      write_label (ws, row, 3, fp_tenure_to_label (site->tenure), NULL);
      write_number (ws, row, 4, site->gia, b->integer);
      write_number (ws, row, 5, site->running_cost, b->money);

      for (guint i = 0; i < no; i++)
        {
          const FpResults *res = option_at (b, i)->results;
          const FpSiteYear *sy;
          guint c0 = fixed + per * i;

          if (site->index[i] == G_MAXUINT)
            continue;
          sy = fp_results_get (res, site->index[i], year);
          if (!sy->exists)
            continue;

          write_label (ws, row, c0, sy->held ? _("yes") : _("no"), NULL);
          write_number (ws, row, c0 + 1, sy->utilisation_site, b->percent);
          write_number (ws, row, c0 + 2, sy->running_cost, b->money);
          write_number (ws, row, c0 + 3, sy->void_cost, b->money);
          if (sy->category != FP_CATEGORY_NONE)
            write_label (ws, row, c0 + 4, _(fp_category_to_label (sy->category)), NULL);
        }
      g_free (site->index);
    }

  worksheet_autofilter (ws, 4, 0, MAX (row - 1, 5), fixed + per * no - 1);
  worksheet_freeze_panes (ws, 5, 2);
}

/* ---- Changes ------------------------------------------------------------------------------ */

static void
write_changes (Book          *b,
               lxw_worksheet *ws)
{
  const char *headers[] = {
    N_("Option no."), N_("Option"), N_("Change no."), N_("Kind"), N_("Change"), N_("Site"),
    N_("First year"), N_("Owner"), N_("Confidence"), N_("Note"),
  };
  guint row = 4;

  worksheet_set_column (ws, 0, 0, 9, NULL);
  worksheet_set_column (ws, 1, 1, 26, NULL);
  worksheet_set_column (ws, 2, 2, 9, NULL);
  worksheet_set_column (ws, 3, 3, 14, NULL);
  worksheet_set_column (ws, 4, 4, 60, NULL);
  worksheet_set_column (ws, 5, 5, 14, NULL);
  worksheet_set_column (ws, 6, 6, 10, NULL);
  worksheet_set_column (ws, 7, 7, 20, NULL);
  worksheet_set_column (ws, 8, 8, 11, NULL);
  worksheet_set_column (ws, 9, 9, 70, NULL);

  write_label (ws, 0, 0, _("Each option’s changes, in the order they apply"), b->title);
  write_label (ws, 1, 0, _("An option’s changes include those of the scenario it builds on."),
               b->note);
  for (guint c = 0; c < G_N_ELEMENTS (headers); c++)
    write_label (ws, 3, c, _(headers[c]), b->header);
  worksheet_set_row (ws, 3, 30, NULL);

  for (guint i = 0; i < b->a->options->len; i++)
    {
      const FpOptionAppraisal *o = option_at (b, i);

      for (guint k = 0; k < o->changes->len; k++, row++)
        {
          const FpChange *c = g_ptr_array_index (o->changes, k);
          g_autofree char *description = fp_change_describe (c, b->estate);

          write_number (ws, row, 0, i + 1, b->integer);
          write_text (ws, row, 1, o->name, NULL);
          write_number (ws, row, 2, k + 1, b->integer);
          write_label (ws, row, 3, fp_change_kind_to_string (c->kind), NULL);
          write_text (ws, row, 4, description, NULL);
          write_text (ws, row, 5, fp_change_primary_site (c), NULL);
          write_number (ws, row, 6, c->year, b->year);
          write_text (ws, row, 7, c->owner, NULL);
          write_number (ws, row, 8, c->confidence, b->percent);
          write_text (ws, row, 9, c->note, NULL);
        }
    }

  if (row == 4)
    write_label (ws, row, 0, _("No option has changes yet."), b->note);
  worksheet_autofilter (ws, 3, 0, MAX (row - 1, 4), G_N_ELEMENTS (headers) - 1);
  worksheet_freeze_panes (ws, 4, 2);
}

/* ---- Access ------------------------------------------------------------------------------- */

typedef struct
{
  const FpModel   *model;
  const FpResults *results;
  guint            year;
  FpAccess        *access;
} AccessJob;

static gpointer
access_thread (gpointer data)
{
  AccessJob *job = data;

  job->access = fp_access_compute (job->model, job->results, job->year);
  return NULL;
}

/* Access of every option, the options in parallel: fp_access_compute() is a pure function
 * of its inputs, and it is most of the time the workbook takes. */
static void
compute_access (Book      *b,
                guint      year,
                GPtrArray *out)
{
  guint no = b->a->options->len;
  guint n_threads = MIN (no, MAX (1, g_get_num_processors ()));
  g_autofree AccessJob *jobs = g_new0 (AccessJob, no);

  for (guint i = 0; i < no; i++)
    {
      jobs[i].model = b->model;
      jobs[i].results = option_at (b, i)->results;
      jobs[i].year = year;
    }

  /* Run in waves of n_threads; the calling thread takes one job of each wave. */
  for (guint first = 0; first < no; first += n_threads)
    {
      guint last = MIN (first + n_threads, no);
      GThread *threads[64] = { NULL };

      for (guint i = first + 1; i < last && i - first < G_N_ELEMENTS (threads); i++)
        threads[i - first] = g_thread_new ("fp-access", access_thread, &jobs[i]);
      access_thread (&jobs[first]);
      for (guint i = first + 1; i < last && i - first < G_N_ELEMENTS (threads); i++)
        g_thread_join (threads[i - first]);
    }

  for (guint i = 0; i < no; i++)
    g_ptr_array_add (out, jobs[i].access);
}

static void
write_access (Book          *b,
              lxw_worksheet *ws)
{
  const char *headers[] = {
    N_("Service"), N_("Option"), N_("Sites offering it"), N_("Threshold"), N_("Unit"),
    N_("Mean distance to the nearest (km)"), N_("Mean time by car (minutes)"),
    N_("Share of people within the threshold"),
    N_("Share within, most deprived fifth (IMD deciles 1–2)"),
    N_("Gap (all − most deprived)"), N_("Share within, aged 65 and over"),
  };
  guint no = b->a->options->len, year = b->ny - 1, row = 4;
  g_autoptr(GPtrArray) access = g_ptr_array_new_with_free_func ((GDestroyNotify) fp_access_free);
  g_autofree char *title = g_strdup_printf (_("Access to services in %d, by option"),
                                            b->a->settings.base_year + (int) year);

  worksheet_set_column (ws, 0, 0, 36, NULL);
  worksheet_set_column (ws, 1, 1, 26, NULL);
  worksheet_set_column (ws, 2, 4, 11, NULL);
  worksheet_set_column (ws, 5, 10, 16, NULL);

  write_label (ws, 0, 0, title, b->title);
  write_label (ws, 1, 0, _("Distances are straight lines × a circuity factor and times are those "
                           "distances at an average speed (Assumptions): estimates, not journey "
                           "times."), b->note);
  for (guint c = 0; c < G_N_ELEMENTS (headers); c++)
    write_label (ws, 3, c, _(headers[c]), c < 2 || c == 4 ? b->header : b->header_right);
  worksheet_set_row (ws, 3, 45, NULL);

  compute_access (b, year, access);

  if (no == 0)
    return;

  for (guint k = 0; k < ((FpAccess *) g_ptr_array_index (access, 0))->sets->len; k++)
    {
      const FpAccess *base = g_ptr_array_index (access, 0);
      const FpAccessSet *first = g_ptr_array_index (base->sets, k);

      if (first->kind == FP_FACILITY_SITE_TYPE)
        continue;

      for (guint i = 0; i < no; i++, row++)
        {
          const FpAccessSet *set = fp_access_find (g_ptr_array_index (access, i), first->kind,
                                                   first->id);

          write_text (ws, row, 0, first->name, NULL);
          write_text (ws, row, 1, option_at (b, i)->name, NULL);
          if (set == NULL)
            continue;
          write_number (ws, row, 2, set->n_sites, b->integer);
          write_number (ws, row, 3, set->threshold, b->number);
          write_label (ws, row, 4, fp_threshold_unit_to_string (set->threshold_unit), NULL);
          write_number (ws, row, 5, set->mean_km, b->number);
          write_number (ws, row, 6, set->mean_car_min, b->number);
          write_number (ws, row, 7, set->share_within, b->percent);
          write_number (ws, row, 8, set->share_within_deprived, b->percent);
          write_number (ws, row, 9, set->gap_deprived, b->percent);
          write_number (ws, row, 10, set->share_within_65plus, b->percent);
        }
    }

  worksheet_autofilter (ws, 3, 0, MAX (row - 1, 4), G_N_ELEMENTS (headers) - 1);
  worksheet_freeze_panes (ws, 4, 2);
}

/* ---- Price of access ------------------------------------------------------------------------ */

/* Each curve: its target, the least-cost estate's NPV against Do nothing there, and the
 * price of each step (what the estate gives up against the point before) as a formula; a
 * line chart of NPV against the target beside it. The NPVs are the optimiser's, computed
 * at the assumptions when the workbook was made: they are numbers, not formulas, and do
 * not follow a change on Assumptions (the note says so). */
static void
write_price_of_access (Book                  *b,
                       lxw_worksheet         *ws,
                       const FpPriceOfAccess *curves,
                       guint                  n_curves)
{
  const char *headers[] = {
    N_("Target"), N_("Status"), N_("NPV against Do nothing (£)"),
    N_("Price of the step from the target above (£)"), N_("Optimality gap"),
    N_("Share of people within reach"), N_("Share within, most deprived fifth"),
    N_("Sites left"),
  };
  guint row = 3;

  worksheet_set_column (ws, 0, 0, 12, NULL);
  worksheet_set_column (ws, 1, 1, 22, NULL);
  worksheet_set_column (ws, 2, 3, 20, NULL);
  worksheet_set_column (ws, 4, 7, 14, NULL);
  write_label (ws, 0, 0, _("The price of access: the least-cost estate at each access target"),
               b->title);
  write_label (ws, 1, 0, _("Each row is the optimiser’s best estate when the share of people "
                           "within reach is held at least at the target (the others at Do "
                           "nothing’s share). NPVs are Footprint’s, at the assumptions when the "
                           "workbook was made; they do not follow a change on Assumptions. "
                           "A status other than optimal means the search stopped at the gap "
                           "shown."), b->note);

  for (guint c = 0; c < n_curves; c++)
    {
      const FpPriceOfAccess *curve = &curves[c];
      const FpEstate *e = b->estate;
      const char *name = curve->service;
      g_autofree char *heading = NULL;
      guint first, index;

      if (curve->service != NULL && fp_estate_find_service (e, curve->service, &index))
        name = g_array_index (e->services, FpService, index).name;
      if (name == NULL)
        heading = g_strdup (curve->deprived
                              ? _("Every chosen service, target for the most deprived fifth")
                              : _("Every chosen service, target for everyone"));
      else
        heading = g_strdup_printf (curve->deprived ? _("%s, target for the most deprived fifth")
                                                   : _("%s, target for everyone"), name);

      write_text (ws, row, 0, heading, b->section);
      row++;
      for (guint k = 0; k < G_N_ELEMENTS (headers); k++)
        write_label (ws, row, k, _(headers[k]), k < 2 ? b->header : b->header_right);
      worksheet_set_row (ws, row, 45, NULL);
      row++;
      first = row;

      for (guint i = 0; i < curve->points->len; i++, row++)
        {
          const FpOptimisePoint *p = &g_array_index (curve->points, FpOptimisePoint, i);
          const FpOptimisePoint *before = i > 0 ? &g_array_index (curve->points,
                                                                  FpOptimisePoint, i - 1) : NULL;

          write_number (ws, row, 0, p->target, b->percent);
          if (!p->feasible)
            {
              write_label (ws, row, 1, _("cannot be met by leaving sites"), NULL);
              continue;
            }
          write_label (ws, row, 1, fp_optimise_status_to_string (p->status), NULL);
          write_number (ws, row, 2, p->npv, b->money);
          if (before != NULL && before->feasible)
            {
              g_autofree char *above = cell (row - 1, 2);
              g_autofree char *here = cell (row, 2);

              write_formulaf (ws, row, 3, before->npv - p->npv, b->money, "=%s-%s", above,
                              here);
            }
          write_number (ws, row, 4, p->gap, b->percent);
          write_number (ws, row, 5, p->share, b->percent);
          write_number (ws, row, 6, p->share_deprived, b->percent);
          write_number (ws, row, 7, p->n_left, b->integer);
        }

      if (curve->points->len > 0)
        {
          lxw_chart *chart = workbook_add_chart (b->wb, LXW_CHART_SCATTER_STRAIGHT_WITH_MARKERS);
          lxw_chart_series *series = chart_add_series (chart, NULL, NULL);
          lxw_chart_options options = { .x_scale = 1.2, .y_scale = 1.1 };
          lxw_chart_font title_font = { .size = 12, .bold = LXW_TRUE };
          lxw_chart_axis *x, *y;
          const char *sheet = FP_XLSX_SHEET_PRICE_OF_ACCESS;

          chart_series_set_categories (series, sheet, first, 0, row - 1, 0);
          chart_series_set_values (series, sheet, first, 2, row - 1, 2);
          chart_series_set_name_range (series, sheet, first - 2, 0);
          chart_title_set_name (chart, _("Least-cost NPV against the access target"));
          chart_title_set_name_font (chart, &title_font);
          x = chart_axis_get (chart, LXW_CHART_AXIS_TYPE_X);
          y = chart_axis_get (chart, LXW_CHART_AXIS_TYPE_Y);
          chart_axis_set_name (x, _("Share of people within reach (target)"));
          chart_axis_set_name (y, _("£ million"));
          chart_axis_set_num_format (x, "0%");
          chart_axis_set_num_format (y, "\"£\"#,##0.0,,\"m\"");
          chart_legend_set_position (chart, LXW_CHART_LEGEND_NONE);
          worksheet_insert_chart_opt (ws, first - 2, 9, chart, &options);
        }
      /* Room for the chart beside a short curve before the next one. */
      row = MAX (row, first + 14) + 2;
    }
}

/* ---- Sources -------------------------------------------------------------------------------- */

static void
write_sources (Book          *b,
               lxw_worksheet *ws)
{
  const char *headers[] = {
    N_("Source"), N_("Title"), N_("Publisher"), N_("Year"), N_("Licence"), N_("Attribution"),
    N_("File"),
  };
  const FpEstate *e = b->estate;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  guint row = 4, last_source;
  g_autofree char *made = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *date = g_date_time_format (now, "%Y-%m-%d");

  worksheet_set_column (ws, 0, 0, 26, NULL);
  worksheet_set_column (ws, 1, 1, 60, NULL);
  worksheet_set_column (ws, 2, 2, 30, NULL);
  worksheet_set_column (ws, 3, 3, 8, NULL);
  worksheet_set_column (ws, 4, 4, 30, NULL);
  worksheet_set_column (ws, 5, 5, 70, NULL);
  worksheet_set_column (ws, 6, 6, 30, NULL);

  write_label (ws, 0, 0, _("Sources, estimates and licences"), b->title);
  made = g_strdup_printf (_("Figures computed by Footprint %s on %s. Every stored number is "
                            "measured (from a source below), estimated (by a method below) or "
                            "assumed (entered by a person); the Assumptions sheet says which."),
                          PACKAGE_VERSION, date);
  write_label (ws, 1, 0, made, b->note);

  for (guint c = 0; c < G_N_ELEMENTS (headers); c++)
    write_label (ws, 3, c, _(headers[c]), b->header);
  for (guint i = 0; i < e->sources->len; i++, row++)
    {
      const FpSource *s = &g_array_index (e->sources, FpSource, i);

      write_text (ws, row, 0, s->id, NULL);
      write_text (ws, row, 1, s->title, NULL);
      write_text (ws, row, 2, s->publisher, NULL);
      write_number (ws, row, 3, s->year != 0 ? s->year : NAN, b->year);
      write_text (ws, row, 4, s->licence, NULL);
      write_text (ws, row, 5, s->attribution, NULL);
      write_text (ws, row, 6, s->file, NULL);
    }
  last_source = MAX (row - 1, 4);
  worksheet_autofilter (ws, 3, 0, last_source, G_N_ELEMENTS (headers) - 1);

  row += 1;
  write_label (ws, row, 0, _("Estimation method"), b->header);
  write_label (ws, row, 1, _("How the estimate is made"), b->header);
  row++;
  for (guint i = 0; i < e->methods->len; i++, row++)
    {
      const FpMethod *m = &g_array_index (e->methods, FpMethod, i);

      write_text (ws, row, 0, m->id, NULL);
      write_text (ws, row, 1, m->description, NULL);
    }

  row += 1;
  write_label (ws, row, 0, _("Attributions"), b->header);
  write_label (ws, row, 1, "", b->header);
  row++;
  write_label (ws, row++, 1, _("Contains public sector information licensed under the Open "
                               "Government Licence v3.0."), NULL);
  for (guint i = 0; i < e->sources->len; i++)
    {
      const FpSource *s = &g_array_index (e->sources, FpSource, i);

      if (s->attribution == NULL || *s->attribution == '\0' ||
          g_hash_table_contains (seen, s->attribution))
        continue;
      g_hash_table_add (seen, s->attribution);
      write_text (ws, row++, 1, s->attribution, NULL);
    }

  worksheet_freeze_panes (ws, 4, 1);
}

/* ---- The file ---------------------------------------------------------------------------- */

static gboolean
sync_file (const char *path)
{
  int fd = g_open (path, O_RDONLY, 0);
  gboolean ok;

  if (fd < 0)
    return FALSE;
  ok = fsync (fd) == 0;
  close (fd);
  return ok;
}

/**
 * fp_export_xlsx:
 * @appraisal: an appraisal (fp_appraisal_compute_for_workspace())
 * @model: the model it was computed on
 * @path: the .xlsx file to write
 * @error: return location for an error
 *
 * Writes the appraisal workbook. It is built under a temporary name in @path's folder
 * and renamed over @path once complete: a failure (a folder that cannot be written, a
 * full disk) leaves any existing file untouched and says why.
 *
 * Returns: %TRUE on success
 */
gboolean
fp_export_xlsx (const FpAppraisal *appraisal,
                const FpModel     *model,
                const char        *path,
                GError           **error)
{
  return fp_export_xlsx_full (appraisal, model, NULL, 0, path, error);
}

/**
 * fp_export_xlsx_full:
 * @appraisal: an appraisal (fp_appraisal_compute_for_workspace())
 * @model: the model it was computed on
 * @curves: (array length=n_curves) (nullable): curves of the price of access
 * @n_curves: how many
 * @path: the .xlsx file to write
 * @error: return location for an error
 *
 * As fp_export_xlsx(), with a "Price of access" sheet after Access when @n_curves > 0.
 *
 * Returns: %TRUE on success
 */
gboolean
fp_export_xlsx_full (const FpAppraisal     *appraisal,
                     const FpModel         *model,
                     const FpPriceOfAccess *curves,
                     guint                  n_curves,
                     const char            *path,
                     GError               **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *tmp = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) cf = g_ptr_array_new ();
  lxw_worksheet *summary, *assumptions, *ledger, *scoring, *sites, *changes, *access, *sources;
  lxw_worksheet *price = NULL;
  lxw_doc_properties properties = { 0 };
  lxw_error err;
  Book b = { 0 };
  int fd;

  g_return_val_if_fail (appraisal != NULL && appraisal->options->len > 0, FALSE);

  /* A unique name beside the destination, so the rename cannot cross file systems. */
  tmp = g_build_filename (dir, ".footprint-XXXXXX.xlsx.tmp", NULL);
  fd = g_mkstemp_full (tmp, O_RDWR, 0644);
  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, FP_ERROR, FP_ERROR_IO,
                   _("Could not write the workbook “%s”: %s"), path, g_strerror (saved_errno));
      return FALSE;
    }
  close (fd);

  b.wb = workbook_new (tmp);
  if (b.wb == NULL)
    {
      g_unlink (tmp);
      g_set_error (error, FP_ERROR, FP_ERROR_IO,
                   _("Could not write the workbook “%s”: out of memory"), path);
      return FALSE;
    }

  b.a = appraisal;
  b.model = model;
  b.estate = fp_model_get_estate (model);
  b.ny = appraisal->settings.n_years;
  b.sheet_names = names;
  b.ledger_last = LG_HEAD + ledger_rows (&b);  /* 0-based; LG_HEAD when empty */
  make_formats (&b);

  properties.title = (char *) _("Options appraisal");
  properties.subject = b.estate->name;
  properties.author = (char *) "Footprint";
  properties.comments = (char *) _("Made by Footprint: figures from its planning model, "
                                   "appraised as the Green Book sets out.");
  workbook_set_properties (b.wb, &properties);

  /* Every sheet first, in order, so formulas may refer to any of them. */
  summary = workbook_add_worksheet (b.wb, FP_XLSX_SHEET_SUMMARY);
  assumptions = workbook_add_worksheet (b.wb, FP_XLSX_SHEET_ASSUMPTIONS);
  for (guint i = 0; i < appraisal->options->len; i++)
    {
      g_autofree char *name = sheet_name (i + 1, option_at (&b, i)->name);

      /* Names are unique by their number; a clash after cutting is still impossible. */
      g_ptr_array_add (cf, workbook_add_worksheet (b.wb, name));
      g_ptr_array_add (names, g_steal_pointer (&name));
    }
  ledger = workbook_add_worksheet (b.wb, FP_XLSX_SHEET_LEDGER);
  scoring = workbook_add_worksheet (b.wb, FP_XLSX_SHEET_SCORING);
  sites = workbook_add_worksheet (b.wb, FP_XLSX_SHEET_SITES);
  changes = workbook_add_worksheet (b.wb, FP_XLSX_SHEET_CHANGES);
  access = workbook_add_worksheet (b.wb, FP_XLSX_SHEET_ACCESS);
  if (n_curves > 0)
    price = workbook_add_worksheet (b.wb, FP_XLSX_SHEET_PRICE_OF_ACCESS);
  sources = workbook_add_worksheet (b.wb, FP_XLSX_SHEET_SOURCES);

  /* Printed landscape, one page wide. */
  {
    lxw_worksheet *all[] = { assumptions, ledger, scoring, sites, changes, access, sources };

    for (guint i = 0; i < G_N_ELEMENTS (all); i++)
      {
        worksheet_set_landscape (all[i]);
        worksheet_fit_to_pages (all[i], 1, 0);
      }
    for (guint i = 0; i < cf->len; i++)
      {
        worksheet_set_landscape (g_ptr_array_index (cf, i));
        worksheet_fit_to_pages (g_ptr_array_index (cf, i), 1, 0);
      }
  }

  write_assumptions (&b, assumptions);
  for (guint i = 0; i < appraisal->options->len; i++)
    write_cash_flow (&b, g_ptr_array_index (cf, i), i);
  write_ledger (&b, ledger);
  write_scoring (&b, scoring);
  write_summary (&b, summary);
  write_sites (&b, sites);
  write_changes (&b, changes);
  write_access (&b, access);
  if (price != NULL)
    {
      worksheet_set_landscape (price);
      worksheet_fit_to_pages (price, 1, 0);
      write_price_of_access (&b, price, curves, n_curves);
    }
  write_sources (&b, sources);

  err = workbook_close (b.wb);
  if (err != LXW_NO_ERROR)
    {
      g_unlink (tmp);
      g_set_error (error, FP_ERROR, FP_ERROR_IO, _("Could not write the workbook “%s”: %s"),
                   path, lxw_strerror (err));
      return FALSE;
    }

  if (!sync_file (tmp) || g_rename (tmp, path) != 0)
    {
      int saved_errno = errno;

      g_unlink (tmp);
      g_set_error (error, FP_ERROR, FP_ERROR_IO, _("Could not write the workbook “%s”: %s"),
                   path, g_strerror (saved_errno));
      return FALSE;
    }

  return TRUE;
}
