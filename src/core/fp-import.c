/* fp-import.c: the import plan: reading a register or a national return against the estate
 * (fp-import.h). The plan is made from the whole file before anything is written;
 * fp-store-import.c writes it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fp-import"

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "fp-cell.h"
#include "fp-error.h"
#include "fp-import-private.h"

/* ---- The register's fields ------------------------------------------------------- */

typedef enum
{
  K_CODE,
  K_NAME,
  K_TEXT,
  K_POSTCODE,
  K_LAT,
  K_LON,
  K_TYPE,
  K_TENURE,
  K_STATUS,
  K_SECTOR,
  K_CONDITION,
  K_LANDLORD,
  K_YEAR,        /* a lease year: start, break or end */
  K_NUMBER,      /* a site number >= 0 */
  K_HOURS,       /* a site number 0..168 */
  K_OCCUPIERS,
  K_IGNORED,     /* recognised, not held */
} FieldKind;

typedef enum
{
  F_SITE_CODE,
  F_NAME,
  F_TYPE,
  F_STATUS,
  F_SECTOR,
  F_ADDRESS,
  F_POSTCODE,
  F_LAT,
  F_LON,
  F_TENURE,
  F_LANDLORD,
  F_LEASE_START,
  F_LEASE_END,
  F_LEASE_BREAK,
  F_GIA,
  F_NIA,
  F_ROOMS_CONSULT,
  F_ROOMS_TREATMENT,
  F_ROOMS_GROUP,
  F_ROOMS_IMAGING,
  F_VOID_ROOMS,
  F_VOID_M2,
  F_BEDS,
  F_DESKS,
  F_HOURS,
  F_LIST_SIZE,
  F_OPENED,
  F_RENT,
  F_SERVICE_CHARGE,
  F_RATES,
  F_UTILITIES,
  F_HARD_FM,
  F_SOFT_FM,
  F_OTHER_COSTS,
  F_CONDITION,
  F_BACKLOG_HIGH,
  F_BACKLOG_SIGNIFICANT,
  F_BACKLOG_MODERATE,
  F_BACKLOG_LOW,
  F_OCCUPIERS,
  N_FIELDS
} Field;

typedef struct
{
  const char *key;        /* the field's name (--map FIELD=...) */
  const char *label;      /* the export's header */
  FieldKind   kind;
  int         number;     /* FpSiteNumber, or -1 */
  const char *synonyms;   /* normalised headers, separated by | */
} FieldDef;

/* Synonyms are compared with headers normalised by norm_header(): lower case, units in
 * brackets dropped, punctuation turned to spaces. Keep each synonym in one field only. */
static const FieldDef fields[N_FIELDS] = {
  [F_SITE_CODE] = { "site_code", N_("Site code"), K_CODE, -1,
                    "site code|ods code|ods site code|site id|code|organisation code|org code|"
                    "practice code|premises code|site ref|site reference" },
  [F_NAME] = { "name", N_("Name"), K_NAME, -1,
               "name|site name|building name|property name|premises name|premises" },
  [F_TYPE] = { "site_type", N_("Type"), K_TYPE, -1,
               "type|site type|building type|property type|premises type" },
  [F_STATUS] = { "status", N_("Status"), K_STATUS, -1, "status|site status" },
  [F_SECTOR] = { "sector", N_("Sector"), K_SECTOR, -1, "sector" },
  [F_ADDRESS] = { "address", N_("Address"), K_TEXT, -1,
                  "address|full address|site address|street address" },
  [F_POSTCODE] = { "postcode", N_("Postcode"), K_POSTCODE, -1,
                   "postcode|post code|postal code|pcode" },
  [F_LAT] = { "lat", N_("Latitude"), K_LAT, -1, "lat|latitude" },
  [F_LON] = { "lon", N_("Longitude"), K_LON, -1, "lon|lng|long|longitude" },
  [F_TENURE] = { "tenure", N_("Tenure"), K_TENURE, -1, "tenure|tenure type|ownership" },
  [F_LANDLORD] = { "landlord", N_("Landlord"), K_LANDLORD, -1, "landlord|lessor" },
  [F_LEASE_START] = { "lease_start", N_("Lease start"), K_YEAR, -1,
                      "lease start|lease start date|lease commencement|start of lease" },
  [F_LEASE_END] = { "lease_end", N_("Lease end"), K_YEAR, FP_SITE_LEASE_END_YEAR,
                    "lease end|lease end date|lease expiry|lease expiry date|end of lease|"
                    "lease end year" },
  [F_LEASE_BREAK] = { "lease_break", N_("Lease break"), K_YEAR, -1,
                      "lease break|break date|break clause|lease break date" },
  [F_GIA] = { "gia_m2", N_("GIA (m²)"), K_NUMBER, FP_SITE_GIA_M2,
              "gia|gia m2|gia sqm|gross internal area|gross internal floor area|floor area|"
              "total floor area|area m2" },
  [F_NIA] = { "nia_m2", N_("NIA (m²)"), K_IGNORED, -1, "nia|nia m2|net internal area" },
  [F_ROOMS_CONSULT] = { "rooms_consult", N_("Consulting rooms"), K_NUMBER,
                        FP_SITE_ROOMS_CONSULT,
                        "consulting rooms|consult rooms|consultation rooms|rooms consult" },
  [F_ROOMS_TREATMENT] = { "rooms_treatment", N_("Treatment rooms"), K_NUMBER,
                          FP_SITE_ROOMS_TREATMENT, "treatment rooms|rooms treatment" },
  [F_ROOMS_GROUP] = { "rooms_group", N_("Group rooms"), K_NUMBER, FP_SITE_ROOMS_GROUP,
                      "group rooms|group room|rooms group" },
  [F_ROOMS_IMAGING] = { "rooms_imaging", N_("Imaging rooms"), K_NUMBER, FP_SITE_ROOMS_IMAGING,
                        "imaging rooms|x ray rooms|rooms imaging" },
  [F_VOID_ROOMS] = { "void_rooms", N_("Void rooms"), K_NUMBER, FP_SITE_VOID_ROOMS,
                     "void rooms|empty rooms|vacant rooms|unlet rooms" },
  [F_VOID_M2] = { "other_void_m2", N_("Other void (m²)"), K_NUMBER, FP_SITE_OTHER_VOID_M2,
                  "other void|other void m2|void m2|void area|void area m2|vacant area|"
                  "empty space|empty space m2" },
  [F_BEDS] = { "beds", N_("Beds"), K_NUMBER, FP_SITE_BEDS, "beds|bed numbers|number of beds" },
  [F_DESKS] = { "desks", N_("Desks"), K_NUMBER, FP_SITE_DESKS, "desks|workstations" },
  [F_HOURS] = { "hours_open_per_week", N_("Hours open a week"), K_HOURS, FP_SITE_HOURS_OPEN,
                "hours open|hours open a week|hours open per week|opening hours per week|"
                "weekly hours|hours per week" },
  [F_LIST_SIZE] = { "list_size", N_("List size"), K_NUMBER, FP_SITE_LIST_SIZE,
                    "list size|registered patients|registered list" },
  [F_OPENED] = { "opened_year", N_("Opened"), K_NUMBER, FP_SITE_OPENED_YEAR,
                 "opened|year opened|opening year|opened year|year built" },
  [F_RENT] = { "cost_rent", N_("Rent (£ a year)"), K_NUMBER, FP_SITE_COST_RENT,
               "rent|annual rent|rent a year|cost rent" },
  [F_SERVICE_CHARGE] = { "cost_service_charge", N_("Service charge (£ a year)"), K_NUMBER,
                         FP_SITE_COST_SERVICE_CHARGE,
                         "service charge|service charges|service charge a year" },
  [F_RATES] = { "cost_rates", N_("Rates (£ a year)"), K_NUMBER, FP_SITE_COST_RATES,
                "rates|business rates|rates a year" },
  [F_UTILITIES] = { "cost_utilities", N_("Utilities (£ a year)"), K_NUMBER,
                    FP_SITE_COST_UTILITIES, "utilities|utility costs|utilities a year" },
  [F_HARD_FM] = { "cost_hard_fm", N_("Hard FM (£ a year)"), K_NUMBER, FP_SITE_COST_HARD_FM,
                  "hard fm|hard facilities management|hard fm a year" },
  [F_SOFT_FM] = { "cost_soft_fm", N_("Soft FM (£ a year)"), K_NUMBER, FP_SITE_COST_SOFT_FM,
                  "soft fm|soft facilities management|soft fm a year" },
  [F_OTHER_COSTS] = { "cost_other", N_("Other costs (£ a year)"), K_NUMBER, FP_SITE_COST_OTHER,
                      "other costs|other running costs|other costs a year" },
  [F_CONDITION] = { "condition", N_("Condition"), K_CONDITION, -1,
                    "condition|condition category|physical condition|six facet condition" },
  [F_BACKLOG_HIGH] = { "backlog_high", N_("Backlog high risk (£)"), K_NUMBER,
                       FP_SITE_BACKLOG_HIGH,
                       "backlog high|backlog high risk|high risk backlog" },
  [F_BACKLOG_SIGNIFICANT] = { "backlog_significant", N_("Backlog significant risk (£)"),
                              K_NUMBER, FP_SITE_BACKLOG_SIGNIFICANT,
                              "backlog significant|backlog significant risk|"
                              "significant risk backlog" },
  [F_BACKLOG_MODERATE] = { "backlog_moderate", N_("Backlog moderate risk (£)"), K_NUMBER,
                           FP_SITE_BACKLOG_MODERATE,
                           "backlog moderate|backlog moderate risk|moderate risk backlog" },
  [F_BACKLOG_LOW] = { "backlog_low", N_("Backlog low risk (£)"), K_NUMBER, FP_SITE_BACKLOG_LOW,
                      "backlog low|backlog low risk|low risk backlog" },
  [F_OCCUPIERS] = { "occupiers", N_("Occupiers"), K_OCCUPIERS, -1,
                    "occupiers|occupier|tenants|occupying organisations" },
};

/* Words of a site type or tenure as registers write them, normalised. */
static const struct { const char *word; FpSiteType type; } type_words[] = {
  { "gp", FP_SITE_TYPE_GP_PRACTICE }, { "gp practice", FP_SITE_TYPE_GP_PRACTICE },
  { "gp surgery", FP_SITE_TYPE_GP_PRACTICE }, { "surgery", FP_SITE_TYPE_GP_PRACTICE },
  { "practice", FP_SITE_TYPE_GP_PRACTICE }, { "general practice", FP_SITE_TYPE_GP_PRACTICE },
  { "gp branch", FP_SITE_TYPE_GP_BRANCH }, { "branch", FP_SITE_TYPE_GP_BRANCH },
  { "branch surgery", FP_SITE_TYPE_GP_BRANCH }, { "gp branch surgery", FP_SITE_TYPE_GP_BRANCH },
  { "health centre", FP_SITE_TYPE_HEALTH_CENTRE }, { "health center", FP_SITE_TYPE_HEALTH_CENTRE },
  { "clinic", FP_SITE_TYPE_HEALTH_CENTRE }, { "primary care centre", FP_SITE_TYPE_HEALTH_CENTRE },
  { "acute", FP_SITE_TYPE_ACUTE_HOSPITAL }, { "acute hospital", FP_SITE_TYPE_ACUTE_HOSPITAL },
  { "hospital", FP_SITE_TYPE_ACUTE_HOSPITAL },
  { "community hospital", FP_SITE_TYPE_COMMUNITY_HOSPITAL },
  { "mental health", FP_SITE_TYPE_MENTAL_HEALTH_UNIT },
  { "mental health unit", FP_SITE_TYPE_MENTAL_HEALTH_UNIT },
  { "urgent care", FP_SITE_TYPE_URGENT_CARE_CENTRE },
  { "urgent care centre", FP_SITE_TYPE_URGENT_CARE_CENTRE },
  { "utc", FP_SITE_TYPE_URGENT_CARE_CENTRE }, { "ucc", FP_SITE_TYPE_URGENT_CARE_CENTRE },
  { "urgent treatment centre", FP_SITE_TYPE_URGENT_CARE_CENTRE },
  { "walk in", FP_SITE_TYPE_WALK_IN_CENTRE }, { "walk in centre", FP_SITE_TYPE_WALK_IN_CENTRE },
  { "wic", FP_SITE_TYPE_WALK_IN_CENTRE }, { "hub", FP_SITE_TYPE_HUB },
  { "office", FP_SITE_TYPE_OFFICE }, { "offices", FP_SITE_TYPE_OFFICE },
  { "admin", FP_SITE_TYPE_OFFICE }, { "independent hospital", FP_SITE_TYPE_INDEPENDENT_HOSPITAL },
  { "other", FP_SITE_TYPE_OTHER },
};

static const struct { const char *word; FpTenure tenure; } tenure_words[] = {
  { "freehold", FP_TENURE_FREEHOLD }, { "owned", FP_TENURE_FREEHOLD },
  { "leasehold", FP_TENURE_LEASEHOLD }, { "lease", FP_TENURE_LEASEHOLD },
  { "leased", FP_TENURE_LEASEHOLD }, { "rented", FP_TENURE_LEASEHOLD },
  { "lift", FP_TENURE_LIFT }, { "liftco", FP_TENURE_LIFT },
  { "nhsps", FP_TENURE_NHSPS }, { "nhs ps", FP_TENURE_NHSPS },
  { "nhs property services", FP_TENURE_NHSPS }, { "pfi", FP_TENURE_PFI },
  { "local authority", FP_TENURE_LOCAL_AUTHORITY }, { "council", FP_TENURE_LOCAL_AUTHORITY },
  { "unknown", FP_TENURE_UNKNOWN },
};

/* Estimation methods an import may cite, described for a document that lacks them. */
static const struct { const char *id; const char *description; } known_methods[] = {
  { "gia_type_default", "Floor area by site type (assumptions gia_default.*)." },
  { "hours_by_site_type", "Hours open a week by site type (assumptions hours_open.*)." },
  { "cost_per_m2_by_type_tenure", "Running cost = GIA x cost_per_m2 for the site's tenure "
    "(LIFT, NHSPS) or else its site type, split into components by the tenure's cost_split.* "
    "shares." },
  { "rooms_from_gia", "Clinical rooms = GIA x the site type's clinical share / m2 per room." },
  { "postcode_centroid", "The site is placed at the ONSPD centroid of its postcode "
    "(postcodes/bsol_postcodes.csv); the source row gives no coordinates of its own." },
  { "tenure_rule_unknown", "No evidence of the site's tenure: unknown." },
  { "eric_void", "Void floor area of an ERIC site = GIA x ERIC 'floor area - empty (%)'." },
  { "indexed_to_base_year_prices", "A money figure a source states in another year's cash, "
    "multiplied by the ratio of HM Treasury GDP deflators at market prices (the base year's "
    "financial year over the source's). The note gives the cash value, its year and the "
    "factor." },
};

#define RULE_NEW "import_new"
#define RULE_CODE "import_site_code"
#define RULE_POSTCODE_NAME "import_postcode_name"
#define RULE_UPDATE "import_update"

/* ---- Small helpers --------------------------------------------------------------- */

static void
problem_free_cb (gpointer data)
{
  fp_import_problem_free (data);
}

void
fp_import_problem_free (FpImportProblem *problem)
{
  if (problem == NULL)
    return;
  g_free (problem->column);
  g_free (problem->message);
  g_free (problem->text);
  g_free (problem);
}

static void
change_free (FpImportChange *change)
{
  g_free (change->site_id);
  g_free (change->site_name);
  g_free (change->field);
  g_free (change->old_value);
  g_free (change->new_value);
  g_free (change->old_source);
  g_free (change);
}

static void
new_site_free (FpImportNewSite *site)
{
  g_free (site->site_id);
  g_free (site->name);
  g_free (site->postcode);
  g_free (site->site_type);
  g_free (site->placed_by);
  g_free (site);
}

static void
column_free (FpImportColumn *column)
{
  g_free (column->field);
  g_free (column->label);
  g_free (column->header);
  g_free (column->how);
  g_free (column);
}

static void
method_free (FpMethod *method)
{
  g_free (method->id);
  g_free (method->description);
  g_free (method);
}

void
fp_import_site_clear (FpSite *site)
{
  g_free (site->id);
  g_free (site->name);
  for (guint i = 0; i < FP_SITE_N_TEXTS; i++)
    g_free (site->texts[i]);
  for (guint i = 0; i < FP_SITE_N_SLOTS; i++)
    fp_provenance_clear (&site->prov[i]);
  memset (site, 0, sizeof *site);
}

void
fp_import_interest_clear (FpInterest *interest)
{
  g_free (interest->landlord);
  g_free (interest->occupier);
  g_free (interest->note);
  fp_provenance_clear (&interest->prov);
  memset (interest, 0, sizeof *interest);
}

static void
site_copy (FpSite       *dest,
           const FpSite *src)
{
  memset (dest, 0, sizeof *dest);
  *dest = *src;
  dest->id = g_strdup (src->id);
  dest->name = g_strdup (src->name);
  for (guint i = 0; i < FP_SITE_N_TEXTS; i++)
    dest->texts[i] = g_strdup (src->texts[i]);
  for (guint i = 0; i < FP_SITE_N_SLOTS; i++)
    {
      memset (&dest->prov[i], 0, sizeof dest->prov[i]);
      fp_provenance_copy (&dest->prov[i], &src->prov[i]);
    }
}

static void
interest_copy (FpInterest       *dest,
               const FpInterest *src)
{
  *dest = *src;
  dest->landlord = g_strdup (src->landlord);
  dest->occupier = g_strdup (src->occupier);
  dest->note = g_strdup (src->note);
  memset (&dest->prov, 0, sizeof dest->prov);
  fp_provenance_copy (&dest->prov, &src->prov);
}

static void
edit_clear (gpointer data)
{
  FpImportEdit *edit = data;

  g_free (edit->text);
  fp_provenance_clear (&edit->prov);
}

static void
touched_clear (gpointer data)
{
  FpImportTouched *t = data;

  fp_import_site_clear (&t->base);
  g_clear_pointer (&t->interests, g_array_unref);
  g_clear_pointer (&t->edits, g_array_unref);
  g_free (t->source_row.source_id);
  g_free (t->source_row.code);
  g_free (t->source_row.name);
  g_free (t->source_row.postcode);
  g_free (t->source_row.rule);
}

static void
interest_clear_cb (gpointer data)
{
  fp_import_interest_clear (data);
}

/* Lower case, units in brackets dropped (when @drop_brackets), "²" as 2, "£" and
 * punctuation as spaces, spaces collapsed. */
static char *
norm_text (const char *text,
           gboolean    drop_brackets)
{
  GString *out = g_string_new (NULL);
  guint depth = 0;
  gboolean space = TRUE;

  for (const char *p = text; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == 0xFEFF)
        continue;
      if (drop_brackets && (c == '(' || c == '['))
        {
          depth++;
          continue;
        }
      if (drop_brackets && (c == ')' || c == ']'))
        {
          if (depth > 0)
            depth--;
          continue;
        }
      if (depth > 0)
        continue;
      if (c == 0x00B2)
        c = '2';
      if (c < 128 && g_ascii_isalnum (c))
        {
          g_string_append_c (out, g_ascii_tolower (c));
          space = FALSE;
        }
      else if (c > 127 && g_unichar_isalnum (c))
        {
          g_string_append_unichar (out, g_unichar_tolower (c));
          space = FALSE;
        }
      else if (!space)
        {
          g_string_append_c (out, ' ');
          space = TRUE;
        }
    }

  if (out->len > 0 && out->str[out->len - 1] == ' ')
    g_string_truncate (out, out->len - 1);
  return g_string_free (out, FALSE);
}

static gboolean
in_list (const char *list,
         const char *word)
{
  gsize n = strlen (word);
  const char *p = list;

  if (n == 0)
    return FALSE;
  while (p != NULL && *p != '\0')
    {
      const char *bar = strchr (p, '|');
      gsize len = bar != NULL ? (gsize) (bar - p) : strlen (p);

      if (len == n && strncmp (p, word, n) == 0)
        return TRUE;
      p = bar != NULL ? bar + 1 : NULL;
    }
  return FALSE;
}

/* Whether a header, or a FIELD of --map, names @field. */
static gboolean
names_field (const FieldDef *def,
             const char     *header,
             gboolean        loose)
{
  g_autofree char *full = norm_text (header, FALSE);
  g_autofree char *bare = norm_text (header, TRUE);
  g_autofree char *label = norm_text (def->label, TRUE);
  g_autofree char *key = norm_text (def->key, FALSE);

  if (in_list (def->synonyms, full) || in_list (def->synonyms, bare))
    return TRUE;
  if (g_strcmp0 (full, key) == 0 || g_strcmp0 (bare, label) == 0)
    return TRUE;
  if (loose)
    {
      g_autofree char *full_label = norm_text (def->label, FALSE);

      return g_strcmp0 (full, full_label) == 0;
    }
  return FALSE;
}

static gboolean
is_blank_value (const char *text)
{
  g_autofree char *n = NULL;

  while (g_ascii_isspace (*text))
    text++;
  if (*text == '\0')
    return TRUE;
  n = norm_text (text, FALSE);
  return g_strcmp0 (n, "n a") == 0 || g_strcmp0 (n, "na") == 0 ||
         g_strcmp0 (n, "not applicable") == 0 || g_strcmp0 (text, "-") == 0 ||
         g_strcmp0 (text, "—") == 0;
}

/* A number as registers write it: "1,234.5", "£12,000", " 250 ". */
static gboolean
parse_number (const char *text,
              double     *out)
{
  g_autoptr(GString) s = g_string_new (NULL);
  char *end = NULL;
  double v;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == ',' || g_ascii_isspace (*p))
        continue;
      if ((guchar) p[0] == 0xC2 && (guchar) p[1] == 0xA3)  /* £ */
        {
          p++;
          continue;
        }
      g_string_append_c (s, *p);
    }
  if (s->len == 0)
    return FALSE;

  v = g_ascii_strtod (s->str, &end);
  if (end == s->str || *end != '\0' || !isfinite (v))
    return FALSE;

  *out = v;
  return TRUE;
}

/* A year: 2031, a date (2031-03-31, 31/03/2031, 31.03.2031), or a spreadsheet's date serial
 * number (days since 30 December 1899). */
static gboolean
parse_year (const char *text,
            int        *year)
{
  g_autofree char *t = g_strstrip (g_strdup (text));
  int a, b, c;
  double v;

  if (sscanf (t, "%4d-%2d-%2d", &a, &b, &c) == 3 && strlen (t) >= 8)
    *year = a;
  else if ((sscanf (t, "%2d/%2d/%4d", &a, &b, &c) == 3 ||
            sscanf (t, "%2d.%2d.%4d", &a, &b, &c) == 3 ||
            sscanf (t, "%2d-%2d-%4d", &a, &b, &c) == 3) && c >= 1000)
    *year = c;
  else if (parse_number (t, &v))
    {
      if (v >= 1800 && v <= 2200 && v == floor (v))
        *year = (int) v;
      else if (v >= 10000 && v < 200000)
        {
          g_autoptr(GDate) date = g_date_new_dmy (30, G_DATE_DECEMBER, 1899);

          g_date_add_days (date, (guint) floor (v));
          *year = g_date_get_year (date);
        }
      else
        return FALSE;
    }
  else
    return FALSE;

  return *year >= 1800 && *year <= 2200;
}

static gboolean
numbers_equal (double a,
               double b)
{
  if (isnan (a) || isnan (b))
    return isnan (a) && isnan (b);
  /* Half a penny or half a hundredth of a square metre: the default dataset rounds money and
   * areas to 2 decimals, so re-reading its own source must not count as a change. */
  return fabs (a - b) <= MAX (0.005, 1e-9 * MAX (fabs (a), fabs (b)));
}

static char *
format_number (double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (isnan (value))
    return NULL;
  if (value == floor (value) && fabs (value) < 1e15)
    return g_strdup_printf ("%.0f", value);
  /* The shortest text that reads back as the same double. */
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

static char *
describe_provenance (const FpProvenance *prov)
{
  switch (prov->kind)
    {
    case FP_PROV_MEASURED:
      if (prov->note != NULL)
        return g_strdup_printf (_("measured (%s %d; %s)"), prov->source_id, prov->year,
                                prov->note);
      return g_strdup_printf (_("measured (%s %d)"), prov->source_id, prov->year);
    case FP_PROV_ESTIMATED:
      return g_strdup_printf (_("estimated (%s)"), prov->method_id);
    case FP_PROV_ASSUMED:
      return g_strdup_printf (_("assumed (%s)"), prov->author);
    case FP_PROV_NONE:
    case FP_N_PROV_KINDS:
    default:
      return NULL;
    }
}

/* Distinctive words of a name, for matching at one postcode. */
static const char * const stop_words[] = {
  "the", "and", "of", "at", "health", "centre", "center", "medical", "surgery", "practice",
  "clinic", "road", "street", "lane", "avenue", "birmingham", "solihull", "nhs", "service",
  "services", "primary", "care", "community", "hub", "hospital", "unit", "house", "group",
  "building", "site", "branch", "new", "st", "dr", "doctors", "gp", "trust",
};

static gboolean
names_match (const char *a,
             const char *b)
{
  g_autofree char *na = norm_text (a, FALSE);
  g_autofree char *nb = norm_text (b, FALSE);
  g_auto(GStrv) wa = NULL;
  g_auto(GStrv) wb = NULL;

  if (g_strcmp0 (na, nb) == 0)
    return TRUE;
  wa = g_strsplit (na, " ", -1);
  wb = g_strsplit (nb, " ", -1);
  for (guint i = 0; wa[i] != NULL; i++)
    {
      gboolean stop = strlen (wa[i]) < 3;

      for (guint s = 0; !stop && s < G_N_ELEMENTS (stop_words); s++)
        stop = g_str_equal (wa[i], stop_words[s]);
      if (stop)
        continue;
      for (guint j = 0; wb[j] != NULL; j++)
        if (g_str_equal (wa[i], wb[j]))
          return TRUE;
    }
  return FALSE;
}

/* ---- The plan -------------------------------------------------------------------- */

static FpImportPlan *
plan_new (void)
{
  FpImportPlan *plan = g_new0 (FpImportPlan, 1);

  plan->methods = g_ptr_array_new_with_free_func ((GDestroyNotify) method_free);
  plan->columns = g_ptr_array_new_with_free_func ((GDestroyNotify) column_free);
  plan->unmatched = g_ptr_array_new_with_free_func (g_free);
  plan->new_sites = g_ptr_array_new_with_free_func ((GDestroyNotify) new_site_free);
  plan->changes = g_ptr_array_new_with_free_func ((GDestroyNotify) change_free);
  plan->ambiguous = g_ptr_array_new_with_free_func (problem_free_cb);
  plan->refused = g_ptr_array_new_with_free_func (problem_free_cb);
  plan->ignored = g_ptr_array_new_with_free_func (problem_free_cb);
  plan->touched = g_array_new (FALSE, TRUE, sizeof (FpImportTouched));
  g_array_set_clear_func (plan->touched, touched_clear);
  plan->assumptions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return plan;
}

void
fp_import_plan_free (FpImportPlan *plan)
{
  if (plan == NULL)
    return;
  g_free (plan->path);
  g_free (plan->file);
  g_free (plan->sheet);
  g_free (plan->sha256);
  g_free (plan->register_name);
  g_free (plan->source.id);
  g_free (plan->source.title);
  g_free (plan->source.publisher);
  g_free (plan->source.licence);
  g_free (plan->source.attribution);
  g_free (plan->source.file);
  g_ptr_array_unref (plan->methods);
  g_ptr_array_unref (plan->columns);
  g_ptr_array_unref (plan->unmatched);
  g_ptr_array_unref (plan->new_sites);
  g_ptr_array_unref (plan->changes);
  g_ptr_array_unref (plan->ambiguous);
  g_ptr_array_unref (plan->refused);
  g_ptr_array_unref (plan->ignored);
  g_array_unref (plan->touched);
  g_clear_pointer (&plan->table, fp_table_free);
  g_hash_table_unref (plan->assumptions);
  g_free (plan);
}

static double
assumption (const FpImportPlan *plan,
            const char         *key)
{
  const double *v = g_hash_table_lookup (plan->assumptions, key);

  return v != NULL ? *v : NAN;
}

/* Where a message about a cell points: "reg.xlsx (sheet “Sites”), row 7, column C “GIA”". */
static char *
locate (const FpImportPlan *plan,
        guint               row,
        const char         *column)
{
  GString *s = g_string_new (plan->file);

  if (plan->sheet != NULL)
    g_string_append_printf (s, _(" (sheet “%s”)"), plan->sheet);
  if (row > 0)
    g_string_append_printf (s, _(", row %u"), row);
  if (column != NULL)
    g_string_append_printf (s, _(", column %s"), column);
  return g_string_free (s, FALSE);
}

static char *
column_text (const FpImportPlan *plan,
             guint               column)
{
  g_autofree char *letters = fp_table_column_name (column);
  const char *header = column < plan->table->header->len
                       ? g_ptr_array_index (plan->table->header, column) : "";

  return g_strdup_printf ("%s “%s”", letters, header);
}

static void G_GNUC_PRINTF (5, 6)
add_problem (FpImportPlan *plan,
             GPtrArray    *list,
             guint         row,
             int           column,
             const char   *format,
             ...)
{
  FpImportProblem *problem = g_new0 (FpImportProblem, 1);
  g_autofree char *where = NULL;
  va_list args;

  va_start (args, format);
  problem->message = g_strdup_vprintf (format, args);
  va_end (args);
  problem->row = row;
  problem->column = column >= 0 ? column_text (plan, column) : NULL;
  where = locate (plan, row, problem->column);
  problem->text = g_strdup_printf ("%s: %s", where, problem->message);
  g_ptr_array_add (list, problem);
}

static FpImportTouched *
touch_existing (FpImportPlan   *plan,
                const FpEstate *estate,
                GHashTable     *touched_index,
                guint           site_index,
                guint           row,
                const char     *rule,
                const char     *code,
                const char     *name,
                const char     *postcode)
{
  FpImportTouched *t;
  guint n = GPOINTER_TO_UINT (g_hash_table_lookup (touched_index,
                                                   GUINT_TO_POINTER (site_index + 1)));

  if (n > 0)
    return &g_array_index (plan->touched, FpImportTouched, n - 1);

  g_array_set_size (plan->touched, plan->touched->len + 1);
  t = &g_array_index (plan->touched, FpImportTouched, plan->touched->len - 1);
  t->site_index = site_index;
  t->row = row;
  site_copy (&t->base, fp_estate_get_site (estate, site_index));
  t->interests = g_array_new (FALSE, TRUE, sizeof (FpInterest));
  g_array_set_clear_func (t->interests, interest_clear_cb);
  for (guint i = 0; i < estate->interests->len; i++)
    {
      const FpInterest *interest = &g_array_index (estate->interests, FpInterest, i);

      if (interest->site == site_index)
        {
          FpInterest copy;

          interest_copy (&copy, interest);
          g_array_append_val (t->interests, copy);
        }
    }
  t->edits = g_array_new (FALSE, TRUE, sizeof (FpImportEdit));
  g_array_set_clear_func (t->edits, edit_clear);
  t->source_row.source_id = g_strdup (plan->source.id);
  t->source_row.row = (int) row;
  t->source_row.code = g_strdup (code);
  t->source_row.name = g_strdup (name);
  t->source_row.postcode = g_strdup (postcode);
  t->source_row.rule = g_strdup (rule);
  g_hash_table_insert (touched_index, GUINT_TO_POINTER (site_index + 1),
                       GUINT_TO_POINTER (plan->touched->len));
  return t;
}

static void
measured (const FpImportPlan *plan,
          FpProvenance       *prov,
          guint               row,
          int                 year)
{
  fp_provenance_clear (prov);
  prov->kind = FP_PROV_MEASURED;
  prov->source_id = g_strdup (plan->source.id);
  prov->year = year;
  if (plan->sheet != NULL)
    prov->note = g_strdup_printf (_("%s, sheet “%s”, row %u"), plan->file, plan->sheet, row);
  else
    prov->note = g_strdup_printf (_("%s, row %u"), plan->file, row);
}

static void
estimated (FpProvenance *prov,
           const char   *method,
           const char   *source,
           const char   *note)
{
  fp_provenance_clear (prov);
  prov->kind = FP_PROV_ESTIMATED;
  prov->method_id = g_strdup (method);
  prov->source_id = g_strdup (source);
  prov->note = g_strdup (note);
}

/* The year of a source id ending in a financial year (eric_2019_20 -> 2019), or 0. */
static int
source_vintage (const char *source_id,
                const char *prefix)
{
  if (source_id == NULL || !g_str_has_prefix (source_id, prefix))
    return 0;
  return (int) g_ascii_strtoll (source_id + strlen (prefix), NULL, 10);
}

/* Whether the file's value may replace a value with @old provenance without asking:
 * anything but another source's measurement; a newer return of the same series replaces an
 * older one. */
static gboolean
replaces_silently (const FpImportPlan *plan,
                   const FpProvenance *old)
{
  int old_year, new_year;

  if (old->kind != FP_PROV_MEASURED)
    return TRUE;
  if (g_strcmp0 (old->source_id, plan->source.id) == 0)
    return TRUE;

  old_year = source_vintage (old->source_id, "eric_");
  new_year = source_vintage (plan->source.id, "eric_");
  return old_year > 0 && new_year > old_year;
}

/* Records one edit of an existing site, and its line in the plan. */
static void
add_edit (FpImportPlan     *plan,
          FpImportTouched  *t,
          FpImportEdit     *edit,
          const FpProvenance *old_prov,
          const char       *field,
          char             *old_text,
          char             *new_text,
          gboolean          take_file_values)
{
  FpImportChange *change = g_new0 (FpImportChange, 1);

  change->row = t->row;
  change->site_id = g_strdup (t->base.id);
  change->site_name = g_strdup (t->base.name);
  change->field = g_strdup (field);
  change->old_value = old_text;
  change->new_value = new_text;
  change->kind = FP_IMPORT_CHANGE_UPDATE;
  change->take = TRUE;
  if (old_prov != NULL && !replaces_silently (plan, old_prov))
    {
      change->kind = FP_IMPORT_CHANGE_CONFLICT;
      change->old_source = describe_provenance (old_prov);
      change->take = take_file_values;
    }
  g_ptr_array_add (plan->changes, change);
  edit->change = plan->changes->len;
  g_array_append_val (t->edits, *edit);
}

/* ---- Building a site's new state ------------------------------------------------- */

static const char * const cost_names[] = {
  "rent", "service_charge", "rates", "utilities", "hard_fm", "soft_fm", "other",
};

/* GIA x cost per m2 (by tenure for LIFT and NHSPS, else by type) x the tenure's share. */
static double
estimate_cost (const FpImportPlan *plan,
               const FpSite       *site,
               guint               number)
{
  g_autofree char *rate_key = g_strdup_printf ("cost_per_m2.tenure.%s",
                                               fp_tenure_to_string (site->tenure));
  g_autofree char *split_key = g_strdup_printf ("cost_split.%s.%s",
                                                fp_tenure_to_string (site->tenure),
                                                cost_names[number - FP_SITE_FIRST_COST]);
  double rate = assumption (plan, rate_key);
  double gia = site->numbers[FP_SITE_GIA_M2];

  if (isnan (rate))
    {
      g_autofree char *type_key = g_strdup_printf ("cost_per_m2.%s",
                                                   fp_site_type_to_string (site->type));

      rate = assumption (plan, type_key);
    }

  return gia * rate * assumption (plan, split_key);
}

static FpInterest *
head_interest (GArray *interests)
{
  return interests->len > 0 ? &g_array_index (interests, FpInterest, 0) : NULL;
}

/**
 * fp_import_build_site:
 * @plan: a plan
 * @touched: one of its sites
 * @site: (out caller-allocates): the site's new state
 * @interests: (element-type FpInterest): filled with the site's new interests
 * @changed: (out): whether anything differs from the site's state before
 *
 * Applies the edits whose conflicts are resolved to the file, then re-estimates the running
 * costs that were estimated from the floor area, tenure or type when one of those changed.
 */
void
fp_import_build_site (const FpImportPlan    *plan,
                      const FpImportTouched *t,
                      FpSite                *site,
                      GArray                *interests,
                      gboolean              *changed)
{
  gboolean basis_changed = FALSE;
  gboolean edited[FP_SITE_N_NUMBERS] = { FALSE };

  site_copy (site, &t->base);
  for (guint i = 0; i < t->interests->len; i++)
    {
      FpInterest copy;

      interest_copy (&copy, &g_array_index (t->interests, FpInterest, i));
      g_array_append_val (interests, copy);
    }
  *changed = t->is_new;

  for (guint e = 0; e < t->edits->len; e++)
    {
      const FpImportEdit *edit = &g_array_index (t->edits, FpImportEdit, e);
      const FpImportChange *change = edit->change > 0
                                     ? g_ptr_array_index (plan->changes, edit->change - 1) : NULL;
      FpInterest *head = head_interest (interests);

      if (change != NULL && !change->take)
        continue;
      *changed = TRUE;

      switch (edit->target)
        {
        case FP_IMPORT_TARGET_NUMBER:
          site->numbers[edit->number] = edit->value;
          fp_provenance_copy (&site->prov[edit->number], &edit->prov);
          edited[edit->number] = TRUE;
          if (edit->number == FP_SITE_GIA_M2)
            basis_changed = TRUE;
          break;
        case FP_IMPORT_TARGET_NAME:
          g_free (site->name);
          site->name = g_strdup (edit->text);
          break;
        case FP_IMPORT_TARGET_ADDRESS:
          g_free (site->texts[FP_SITE_ADDRESS]);
          site->texts[FP_SITE_ADDRESS] = g_strdup (edit->text);
          break;
        case FP_IMPORT_TARGET_POSTCODE:
          g_free (site->texts[FP_SITE_POSTCODE]);
          site->texts[FP_SITE_POSTCODE] = g_strdup (edit->text);
          break;
        case FP_IMPORT_TARGET_LOCATION:
          site->placed = TRUE;
          site->lat = edit->value;
          site->lon = edit->value2;
          fp_provenance_copy (&site->prov[FP_SITE_SLOT_LOCATION], &edit->prov);
          break;
        case FP_IMPORT_TARGET_TYPE:
          site->type = edit->code;
          fp_provenance_copy (&site->prov[FP_SITE_SLOT_SITE_TYPE], &edit->prov);
          basis_changed = TRUE;
          break;
        case FP_IMPORT_TARGET_TENURE:
          site->tenure = edit->code;
          fp_provenance_copy (&site->prov[FP_SITE_SLOT_TENURE], &edit->prov);
          if (head != NULL)
            {
              head->tenure = edit->code;
              fp_provenance_copy (&head->prov, &edit->prov);
            }
          basis_changed = TRUE;
          break;
        case FP_IMPORT_TARGET_STATUS:
          site->status = edit->code;
          break;
        case FP_IMPORT_TARGET_SECTOR:
          site->sector = edit->code;
          break;
        case FP_IMPORT_TARGET_CONDITION:
          site->condition = (char) edit->code;
          fp_provenance_copy (&site->prov[FP_SITE_SLOT_CONDITION], &edit->prov);
          break;
        case FP_IMPORT_TARGET_LANDLORD:
          if (head != NULL)
            {
              g_free (head->landlord);
              head->landlord = g_strdup (edit->text);
            }
          break;
        case FP_IMPORT_TARGET_LEASE_START:
          if (head != NULL)
            head->start_year = (int) edit->value;
          break;
        case FP_IMPORT_TARGET_LEASE_BREAK:
          if (head != NULL)
            head->break_year = (int) edit->value;
          break;
        case FP_IMPORT_TARGET_LEASE_END:
          if (head != NULL)
            head->end_year = (int) edit->value;
          break;
        case FP_IMPORT_TARGET_OCCUPIER:
          {
            FpInterest interest = { 0 };

            interest.tenure = site->tenure;
            interest.occupier = g_strdup (edit->text);
            interest.note = g_strdup (_("occupier interest (from an imported register)"));
            fp_provenance_copy (&interest.prov, &edit->prov);
            g_array_append_val (interests, interest);
          }
          break;
        case FP_IMPORT_TARGET_HEAD_NOTE:
          if (head != NULL)
            {
              char *note = head->note != NULL ? g_strdup_printf ("%s; %s", head->note, edit->text)
                                              : g_strdup (edit->text);

              g_free (head->note);
              head->note = note;
            }
          break;
        default:
          g_assert_not_reached ();
        }
    }

  if (!basis_changed || t->is_new)
    return;

  for (guint n = FP_SITE_FIRST_COST; n <= FP_SITE_LAST_COST; n++)
    {
      double v;

      if (edited[n] || site->prov[n].kind != FP_PROV_ESTIMATED ||
          g_strcmp0 (site->prov[n].method_id, "cost_per_m2_by_type_tenure") != 0)
        continue;
      v = estimate_cost (plan, site, n);
      if (!isnan (v))
        site->numbers[n] = v;
    }
}

/* ---- Column matching ------------------------------------------------------------- */

typedef struct
{
  int   column[N_FIELDS];   /* -1 when no column */
} Mapping;

static gboolean
match_columns (FpImportPlan          *plan,
               const FpImportOptions *options,
               Mapping               *map,
               GError               **error)
{
  GPtrArray *header = plan->table->header;
  g_autofree gboolean *used = g_new0 (gboolean, header->len + 1);
  g_autofree char *where = locate (plan, plan->table->header_row, NULL);
  const char *how[N_FIELDS] = { NULL };

  for (guint f = 0; f < N_FIELDS; f++)
    map->column[f] = -1;

  /* Corrections first: FIELD=HEADER. */
  for (guint m = 0; options->maps != NULL && options->maps[m] != NULL; m++)
    {
      g_auto(GStrv) parts = g_strsplit (options->maps[m], "=", 2);
      int field = -1, column = -1;

      if (parts[0] == NULL || parts[1] == NULL)
        {
          g_set_error (error, FP_ERROR, FP_ERROR_INVALID_ARGUMENT,
                       _("“%s” is not FIELD=HEADER"), options->maps[m]);
          return FALSE;
        }
      g_strstrip (parts[0]);
      g_strstrip (parts[1]);
      for (guint f = 0; f < N_FIELDS && field < 0; f++)
        if (names_field (&fields[f], parts[0], TRUE))
          field = f;
      if (field < 0)
        {
          g_set_error (error, FP_ERROR, FP_ERROR_INVALID_ARGUMENT,
                       _("--map “%s”: Footprint has no field “%s” (the fields are listed in "
                         "docs/import.md)"), options->maps[m], parts[0]);
          return FALSE;
        }
      for (guint c = 0; c < header->len; c++)
        {
          g_autofree char *a = norm_text (g_ptr_array_index (header, c), FALSE);
          g_autofree char *b = norm_text (parts[1], FALSE);

          if (g_strcmp0 (a, b) == 0)
            {
              if (column >= 0)
                {
                  g_autofree char *c1 = column_text (plan, column);
                  g_autofree char *c2 = column_text (plan, c);

                  g_set_error (error, FP_ERROR, FP_ERROR_INVALID_DATA,
                               _("%s: columns %s and %s have the same header; rename one"),
                               where, c1, c2);
                  return FALSE;
                }
              column = c;
            }
        }
      if (column < 0)
        {
          g_set_error (error, FP_ERROR, FP_ERROR_INVALID_ARGUMENT,
                       _("--map “%s”: %s has no column headed “%s”"), options->maps[m],
                       plan->file, parts[1]);
          return FALSE;
        }
      map->column[field] = column;
      how[field] = "map";
      used[column] = TRUE;
    }

  /* Then names and synonyms. */
  for (guint c = 0; c < header->len; c++)
    {
      const char *text = g_ptr_array_index (header, c);
      int field = -1;

      if (used[c] || *text == '\0')
        continue;
      for (guint f = 0; f < N_FIELDS && field < 0; f++)
        if (names_field (&fields[f], text, FALSE))
          field = f;
      if (field < 0)
        {
          g_ptr_array_add (plan->unmatched, g_strdup (text));
          continue;
        }
      if (how[field] != NULL && g_str_equal (how[field], "map"))
        continue;  /* the user chose another column for this field */
      if (map->column[field] >= 0)
        {
          g_autofree char *c1 = column_text (plan, map->column[field]);
          g_autofree char *c2 = column_text (plan, c);

          g_set_error (error, FP_ERROR, FP_ERROR_INVALID_DATA,
                       _("%s: columns %s and %s both give the field “%s”; rename one, or choose "
                         "with %s=HEADER"), where, c1, c2, fields[field].key, fields[field].key);
          return FALSE;
        }
      map->column[field] = c;
      {
        g_autofree char *bare = norm_text (text, TRUE);
        g_autofree char *label = norm_text (fields[field].label, TRUE);

        how[field] = g_strcmp0 (bare, label) == 0 ? "name" : "synonym";
      }
    }

  if (map->column[F_NAME] < 0)
    {
      g_set_error (error, FP_ERROR, FP_ERROR_INVALID_DATA,
                   _("%s: no column gives the site’s name (looked for “Name”, “Site name”, "
                     "“Building name”, ...); choose one with name=HEADER"), where);
      return FALSE;
    }
  if (map->column[F_SITE_CODE] < 0 && map->column[F_POSTCODE] < 0)
    {
      g_set_error (error, FP_ERROR, FP_ERROR_INVALID_DATA,
                   _("%s: no column gives a site code or a postcode, so no row could be matched "
                     "to a site; choose one with site_code=HEADER or postcode=HEADER"), where);
      return FALSE;
    }

  for (guint f = 0; f < N_FIELDS; f++)
    if (map->column[f] >= 0)
      {
        FpImportColumn *column = g_new0 (FpImportColumn, 1);

        column->field = g_strdup (fields[f].key);
        column->label = g_strdup (_(fields[f].label));
        column->column = map->column[f];
        column->header = g_strdup (g_ptr_array_index (header, map->column[f]));
        column->how = g_strdup (how[f]);
        column->held = fields[f].kind != K_IGNORED;
        g_ptr_array_add (plan->columns, column);
      }

  return TRUE;
}

/* ---- Register rows --------------------------------------------------------------- */

typedef struct
{
  gboolean   has[N_FIELDS];
  double     num[N_FIELDS];
  int        code[N_FIELDS];
  char      *text[N_FIELDS];
  GPtrArray *occupiers;
} RowValues;

static void
row_values_clear (RowValues *v)
{
  for (guint f = 0; f < N_FIELDS; f++)
    g_free (v->text[f]);
  g_clear_pointer (&v->occupiers, g_ptr_array_unref);
}

static const char *
field_label (Field f)
{
  return _(fields[f].label);
}

/* Parses the row's mapped cells; every problem is recorded. */
static gboolean
parse_row (FpImportPlan     *plan,
           const Mapping    *map,
           const FpTableRow *row,
           RowValues        *v)
{
  guint before = plan->refused->len;

  for (guint f = 0; f < N_FIELDS; f++)
    {
      int column = map->column[f];
      const char *cell;
      g_autofree char *trimmed = NULL;

      if (column < 0)
        continue;
      if (row->flags != NULL && (row->flags[column] & FP_TABLE_CELL_UNCALCULATED))
        {
          add_problem (plan, plan->refused, row->number, column,
                       _("the cell holds a formula with no saved value; open the file in a "
                         "spreadsheet and save it, so its values are calculated"));
          continue;
        }
      cell = fp_table_cell (row, column);
      if (is_blank_value (cell))
        continue;
      trimmed = g_strstrip (g_strdup (cell));

      switch (fields[f].kind)
        {
        case K_CODE:
        case K_NAME:
        case K_TEXT:
        case K_LANDLORD:
          /* An export quotes text a spreadsheet would take for a formula ('=...); take the
           * quote off again. */
          if (trimmed[0] == '\'' && fp_cell_text_is_risky (trimmed + 1))
            v->text[f] = g_strdup (trimmed + 1);
          else
            v->text[f] = g_steal_pointer (&trimmed);
          v->has[f] = TRUE;
          break;

        case K_POSTCODE:
          v->text[f] = fp_postcode_normalise (trimmed);
          if (v->text[f] == NULL)
            add_problem (plan, plan->refused, row->number, column,
                         _("“%s” is not shaped like a UK postcode"), trimmed);
          else
            v->has[f] = TRUE;
          break;

        case K_LAT:
        case K_LON:
          if (!parse_number (trimmed, &v->num[f]))
            add_problem (plan, plan->refused, row->number, column,
                         _("“%s” is not a number"), trimmed);
          else if (f == F_LAT && (v->num[f] < 49.8 || v->num[f] > 55.9))
            add_problem (plan, plan->refused, row->number, column,
                         _("latitude %s is outside England (49.8 to 55.9)"), trimmed);
          else if (f == F_LON && (v->num[f] < -6.5 || v->num[f] > 1.8))
            add_problem (plan, plan->refused, row->number, column,
                         _("longitude %s is outside England (-6.5 to 1.8)"), trimmed);
          else
            v->has[f] = TRUE;
          break;

        case K_TYPE:
          {
            g_autofree char *word = norm_text (trimmed, TRUE);
            FpSiteType type;
            gboolean found = fp_site_type_from_string (trimmed, &type);

            for (guint i = 0; !found && i < FP_N_SITE_TYPES; i++)
              {
                g_autofree char *label = norm_text (fp_site_type_to_label (i), FALSE);
                g_autofree char *tr = norm_text (_(fp_site_type_to_label (i)), FALSE);

                if (g_strcmp0 (word, label) == 0 || g_strcmp0 (word, tr) == 0)
                  {
                    type = i;
                    found = TRUE;
                  }
              }
            for (guint i = 0; !found && i < G_N_ELEMENTS (type_words); i++)
              if (g_str_equal (word, type_words[i].word))
                {
                  type = type_words[i].type;
                  found = TRUE;
                }
            if (!found)
              add_problem (plan, plan->refused, row->number, column,
                           _("“%s” is not a site type Footprint knows (GP practice, GP branch "
                             "surgery, health centre, hub, community hospital, acute hospital, "
                             "mental health unit, urgent care centre, walk-in centre, office, "
                             "independent hospital, other)"), trimmed);
            else
              {
                v->code[f] = type;
                v->has[f] = TRUE;
              }
          }
          break;

        case K_TENURE:
          {
            g_autofree char *word = norm_text (trimmed, TRUE);
            FpTenure tenure;
            gboolean found = fp_tenure_from_string (trimmed, &tenure);

            for (guint i = 0; !found && i < FP_N_TENURES; i++)
              {
                g_autofree char *label = norm_text (fp_tenure_to_label (i), FALSE);

                if (g_strcmp0 (word, label) == 0)
                  {
                    tenure = i;
                    found = TRUE;
                  }
              }
            for (guint i = 0; !found && i < G_N_ELEMENTS (tenure_words); i++)
              if (g_str_equal (word, tenure_words[i].word))
                {
                  tenure = tenure_words[i].tenure;
                  found = TRUE;
                }
            if (!found)
              add_problem (plan, plan->refused, row->number, column,
                           _("“%s” is not a tenure Footprint knows (freehold, leasehold, LIFT, "
                             "NHS Property Services, PFI, local authority, unknown)"), trimmed);
            else
              {
                v->code[f] = tenure;
                v->has[f] = TRUE;
              }
          }
          break;

        case K_STATUS:
          {
            g_autofree char *word = norm_text (trimmed, FALSE);

            if (g_str_equal (word, "current") || g_str_equal (word, "open") ||
                g_str_equal (word, "active") || g_str_equal (word, "in use"))
              v->code[f] = FP_SITE_STATUS_CURRENT;
            else if (g_str_equal (word, "possibly closed") || g_str_equal (word, "closed"))
              v->code[f] = FP_SITE_STATUS_POSSIBLY_CLOSED;
            else
              {
                add_problem (plan, plan->refused, row->number, column,
                             _("“%s” is not a status Footprint knows (current, possibly "
                               "closed)"), trimmed);
                break;
              }
            v->has[f] = TRUE;
          }
          break;

        case K_SECTOR:
          {
            g_autofree char *word = norm_text (trimmed, FALSE);

            if (g_str_equal (word, "nhs"))
              v->code[f] = FP_SECTOR_NHS;
            else if (g_str_equal (word, "independent") || g_str_equal (word, "private"))
              v->code[f] = FP_SECTOR_INDEPENDENT;
            else
              {
                add_problem (plan, plan->refused, row->number, column,
                             _("“%s” is not a sector Footprint knows (NHS, independent)"),
                             trimmed);
                break;
              }
            v->has[f] = TRUE;
          }
          break;

        case K_CONDITION:
          {
            char c = g_ascii_toupper (trimmed[0]);

            if (strlen (trimmed) == 1 && c >= 'A' && c <= 'D')
              {
                v->code[f] = c;
                v->has[f] = TRUE;
              }
            else
              add_problem (plan, plan->refused, row->number, column,
                           _("“%s” is not a condition category (A, B, C or D)"), trimmed);
          }
          break;

        case K_YEAR:
          {
            int year;

            if (!parse_year (trimmed, &year))
              add_problem (plan, plan->refused, row->number, column,
                           _("“%s” is not a year or a date"), trimmed);
            else
              {
                v->num[f] = year;
                v->has[f] = TRUE;
              }
          }
          break;

        case K_NUMBER:
        case K_HOURS:
          if (!parse_number (trimmed, &v->num[f]))
            add_problem (plan, plan->refused, row->number, column,
                         _("“%s” is not a number"), trimmed);
          else if (v->num[f] < 0)
            add_problem (plan, plan->refused, row->number, column,
                         _("%s cannot be negative (%s)"), field_label (f), trimmed);
          else if (fields[f].kind == K_HOURS && v->num[f] > 168)
            add_problem (plan, plan->refused, row->number, column,
                         _("a week has 168 hours; %s is more"), trimmed);
          else if (f == F_OPENED && (v->num[f] < 1800 || v->num[f] > 2200 ||
                                     v->num[f] != floor (v->num[f])))
            add_problem (plan, plan->refused, row->number, column,
                         _("“%s” is not a year"), trimmed);
          else
            v->has[f] = TRUE;
          break;

        case K_OCCUPIERS:
          {
            g_auto(GStrv) names = g_strsplit_set (trimmed, ";|\n", -1);

            v->occupiers = g_ptr_array_new_with_free_func (g_free);
            for (guint i = 0; names[i] != NULL; i++)
              {
                g_strstrip (names[i]);
                if (*names[i] != '\0')
                  g_ptr_array_add (v->occupiers, g_strdup (names[i]));
              }
            v->has[f] = v->occupiers->len > 0;
          }
          break;

        case K_IGNORED:
        default:
          break;
        }
    }

  /* Rules across cells. */
  if (v->has[F_LEASE_START] && v->has[F_LEASE_END] && v->num[F_LEASE_END] < v->num[F_LEASE_START])
    add_problem (plan, plan->refused, row->number, map->column[F_LEASE_END],
                 _("the lease ends (%.0f) before it starts (%.0f)"), v->num[F_LEASE_END],
                 v->num[F_LEASE_START]);
  if (v->has[F_LEASE_BREAK] && v->has[F_LEASE_START] &&
      v->num[F_LEASE_BREAK] < v->num[F_LEASE_START])
    add_problem (plan, plan->refused, row->number, map->column[F_LEASE_BREAK],
                 _("the lease break (%.0f) comes before the lease starts (%.0f)"),
                 v->num[F_LEASE_BREAK], v->num[F_LEASE_START]);
  if (v->has[F_LAT] != v->has[F_LON] && map->column[F_LAT] >= 0 && map->column[F_LON] >= 0)
    add_problem (plan, plan->refused, row->number,
                 map->column[v->has[F_LAT] ? F_LON : F_LAT],
                 _("a location needs both latitude and longitude"));
  if (v->has[F_GIA] && v->has[F_VOID_M2] && v->num[F_VOID_M2] > v->num[F_GIA] * 1.0001)
    add_problem (plan, plan->refused, row->number, map->column[F_VOID_M2],
                 _("the void (%s m²) is larger than the building (%s m²)"),
                 fp_table_cell (row, map->column[F_VOID_M2]),
                 fp_table_cell (row, map->column[F_GIA]));

  return plan->refused->len == before;
}

typedef struct
{
  const FpEstate *estate;
  GHashTable     *codes;       /* upper-cased code -> site index + 1, or G_MAXUINT if several */
  GHashTable     *postcodes;   /* normalised postcode -> GArray of guint site indices */
  GHashTable     *touched;     /* site index + 1 -> touched index + 1 */
  GHashTable     *new_ids;     /* ids of new sites */
  int             year;
} Context;

static void
context_init (Context        *ctx,
              const FpEstate *estate)
{
  ctx->estate = estate;
  ctx->codes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  ctx->postcodes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                          (GDestroyNotify) g_array_unref);
  ctx->touched = g_hash_table_new (NULL, NULL);
  ctx->new_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  {
    g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

    ctx->year = g_date_time_get_year (now);
  }

  /* A code names a site when it is the site's id or one of its source rows' codes (so a
   * pre-merger ERIC code such as RR101 still finds Heartlands, RRK97). */
  for (guint i = 0; i < estate->source_rows->len; i++)
    {
      const FpSourceRow *row = &g_array_index (estate->source_rows, FpSourceRow, i);
      g_autofree char *key = NULL;
      guint old;

      if (row->code == NULL)
        continue;
      key = g_ascii_strup (row->code, -1);
      old = GPOINTER_TO_UINT (g_hash_table_lookup (ctx->codes, key));
      if (old == 0)
        g_hash_table_insert (ctx->codes, g_steal_pointer (&key), GUINT_TO_POINTER (row->site + 1));
      else if (old != row->site + 1)
        g_hash_table_insert (ctx->codes, g_steal_pointer (&key), GUINT_TO_POINTER (G_MAXUINT));
    }
  /* A site's own id wins over another site's source-row code. */
  for (guint i = 0; i < estate->sites->len; i++)
    {
      const FpSite *site = fp_estate_get_site (estate, i);
      g_autofree char *pc = fp_postcode_normalise (site->texts[FP_SITE_POSTCODE]);
      GArray *list;

      g_hash_table_insert (ctx->codes, g_ascii_strup (site->id, -1), GUINT_TO_POINTER (i + 1));
      if (pc == NULL)
        continue;
      list = g_hash_table_lookup (ctx->postcodes, pc);
      if (list == NULL)
        {
          list = g_array_new (FALSE, FALSE, sizeof (guint));
          g_hash_table_insert (ctx->postcodes, g_strdup (pc), list);
        }
      g_array_append_val (list, i);
    }
}

static void
context_clear (Context *ctx)
{
  g_hash_table_unref (ctx->codes);
  g_hash_table_unref (ctx->postcodes);
  g_hash_table_unref (ctx->touched);
  g_hash_table_unref (ctx->new_ids);
}

/* The zone whose centroid is nearest: the new site's local authority and ward. */
static const FpZone *
nearest_zone (const FpEstate *estate,
              double          lat,
              double          lon)
{
  const FpZone *best = NULL;
  double best_d = INFINITY, k = cos (lat * G_PI / 180.0);

  for (guint i = 0; i < estate->zones->len; i++)
    {
      const FpZone *z = &g_array_index (estate->zones, FpZone, i);
      double dy = z->lat - lat, dx = (z->lon - lon) * k, d = dx * dx + dy * dy;

      if (d < best_d)
        {
          best_d = d;
          best = z;
        }
    }
  return best;
}

static char *
new_site_id (const RowValues *v)
{
  g_autofree char *key = g_strdup_printf ("%s|%s", v->text[F_NAME],
                                          v->text[F_POSTCODE] ? v->text[F_POSTCODE] : "");
  g_autofree char *sum = g_compute_checksum_for_string (G_CHECKSUM_SHA256, key, -1);
  g_autofree char *up = g_ascii_strup (sum, 8);

  return g_strconcat ("R-", up, NULL);
}

static void
require_method (FpImportPlan   *plan,
                const FpEstate *estate,
                GHashTable     *have,
                const char     *id)
{
  if (g_hash_table_contains (have, id))
    return;
  for (guint i = 0; i < G_N_ELEMENTS (known_methods); i++)
    if (g_str_equal (known_methods[i].id, id))
      {
        FpMethod *m = g_new0 (FpMethod, 1);

        m->id = g_strdup (id);
        m->description = g_strdup (known_methods[i].description);
        g_ptr_array_add (plan->methods, m);
        g_hash_table_add (have, (gpointer) known_methods[i].id);
        return;
      }
}

static void
add_new_site (FpImportPlan          *plan,
              Context               *ctx,
              GHashTable            *methods,
              const FpTableRow      *row,
              const RowValues       *v,
              const char            *id,
              double                 lat,
              double                 lon,
              gboolean               by_postcode)
{
  const FpEstate *estate = ctx->estate;
  FpImportTouched *t;
  FpImportNewSite *ns;
  FpSite *site;
  FpInterest head = { 0 };
  const char *type_name;
  g_autofree char *key = NULL;
  double v_gia;

  g_array_set_size (plan->touched, plan->touched->len + 1);
  t = &g_array_index (plan->touched, FpImportTouched, plan->touched->len - 1);
  t->is_new = TRUE;
  t->row = row->number;
  t->interests = g_array_new (FALSE, TRUE, sizeof (FpInterest));
  g_array_set_clear_func (t->interests, interest_clear_cb);
  t->edits = g_array_new (FALSE, TRUE, sizeof (FpImportEdit));
  g_array_set_clear_func (t->edits, edit_clear);

  site = &t->base;
  site->id = g_strdup (id);
  site->name = g_strdup (v->text[F_NAME]);
  site->type = v->code[F_TYPE];
  site->tenure = v->has[F_TENURE] ? v->code[F_TENURE] : FP_TENURE_UNKNOWN;
  site->sector = v->has[F_SECTOR] ? v->code[F_SECTOR] : FP_SECTOR_NHS;
  site->status = v->has[F_STATUS] ? v->code[F_STATUS] : FP_SITE_STATUS_CURRENT;
  site->placed = TRUE;
  site->lat = lat;
  site->lon = lon;
  site->texts[FP_SITE_POSTCODE] = g_strdup (v->text[F_POSTCODE]);
  site->texts[FP_SITE_ADDRESS] = g_strdup (v->text[F_ADDRESS]);
  {
    const FpZone *zone = nearest_zone (estate, lat, lon);

    if (zone != NULL)
      {
        site->texts[FP_SITE_LA_CODE] = g_strdup (zone->la_code);
        site->texts[FP_SITE_WARD_CODE] = g_strdup (zone->ward_code);
      }
  }
  for (guint n = 0; n < FP_SITE_N_NUMBERS; n++)
    site->numbers[n] = NAN;

  measured (plan, &site->prov[FP_SITE_SLOT_SITE_TYPE], row->number, ctx->year);
  if (v->has[F_TENURE])
    measured (plan, &site->prov[FP_SITE_SLOT_TENURE], row->number, ctx->year);
  else
    {
      estimated (&site->prov[FP_SITE_SLOT_TENURE], "tenure_rule_unknown", NULL,
                 _("the register gives no tenure"));
      require_method (plan, estate, methods, "tenure_rule_unknown");
    }
  if (by_postcode)
    {
      estimated (&site->prov[FP_SITE_SLOT_LOCATION], "postcode_centroid", NULL, NULL);
      require_method (plan, estate, methods, "postcode_centroid");
    }
  else
    measured (plan, &site->prov[FP_SITE_SLOT_LOCATION], row->number, ctx->year);
  if (v->has[F_CONDITION])
    {
      site->condition = (char) v->code[F_CONDITION];
      measured (plan, &site->prov[FP_SITE_SLOT_CONDITION], row->number, ctx->year);
    }

  for (guint f = 0; f < N_FIELDS; f++)
    if (v->has[f] && fields[f].number >= 0 && (fields[f].kind == K_NUMBER ||
                                                fields[f].kind == K_HOURS ||
                                                fields[f].kind == K_YEAR))
      {
        site->numbers[fields[f].number] = v->num[f];
        measured (plan, &site->prov[fields[f].number], row->number, ctx->year);
      }

  /* What the register leaves out is estimated the way the default dataset estimates it,
   * from the document's own assumptions, and marked so. */
  type_name = fp_site_type_to_string (site->type);
  if (isnan (site->numbers[FP_SITE_GIA_M2]))
    {
      key = g_strdup_printf ("gia_default.%s", type_name);
      v_gia = assumption (plan, key);
      g_clear_pointer (&key, g_free);
      if (!isnan (v_gia))
        {
          site->numbers[FP_SITE_GIA_M2] = v_gia;
          estimated (&site->prov[FP_SITE_GIA_M2], "gia_type_default", NULL,
                     _("the register gives no floor area"));
          require_method (plan, estate, methods, "gia_type_default");
        }
    }
  if (isnan (site->numbers[FP_SITE_HOURS_OPEN]))
    {
      double hours;

      key = g_strdup_printf ("hours_open.%s", type_name);
      hours = assumption (plan, key);
      g_clear_pointer (&key, g_free);
      if (!isnan (hours))
        {
          site->numbers[FP_SITE_HOURS_OPEN] = hours;
          estimated (&site->prov[FP_SITE_HOURS_OPEN], "hours_by_site_type", NULL, NULL);
          require_method (plan, estate, methods, "hours_by_site_type");
        }
    }
  if (!isnan (site->numbers[FP_SITE_GIA_M2]) && site->sector == FP_SECTOR_NHS &&
      site->status == FP_SITE_STATUS_CURRENT)
    {
      for (guint n = FP_SITE_FIRST_COST; n <= FP_SITE_LAST_COST; n++)
        {
          double cost;

          if (!isnan (site->numbers[n]))
            continue;
          cost = estimate_cost (plan, site, n);
          if (isnan (cost))
            continue;
          site->numbers[n] = cost;
          estimated (&site->prov[n], "cost_per_m2_by_type_tenure", NULL,
                     _("the register gives no figure for this cost"));
          require_method (plan, estate, methods, "cost_per_m2_by_type_tenure");
        }
    }
  if (!isnan (site->numbers[FP_SITE_GIA_M2]) && isnan (site->numbers[FP_SITE_ROOMS_CONSULT]) &&
      isnan (site->numbers[FP_SITE_ROOMS_TREATMENT]) &&
      isnan (site->numbers[FP_SITE_ROOMS_GROUP]) && isnan (site->numbers[FP_SITE_ROOMS_IMAGING]))
    {
      double share, m2;

      key = g_strdup_printf ("clinical_share.%s", type_name);
      share = assumption (plan, key);
      g_clear_pointer (&key, g_free);
      m2 = assumption (plan, "m2_per_room");
      if (!isnan (share) && !isnan (m2) && m2 > 0)
        {
          site->numbers[FP_SITE_ROOMS_CONSULT] =
            floor (site->numbers[FP_SITE_GIA_M2] * share / m2);
          estimated (&site->prov[FP_SITE_ROOMS_CONSULT], "rooms_from_gia", NULL,
                     _("no demand is modelled at this site yet, so every clinical room is "
                       "counted as a consulting room"));
          for (guint n = FP_SITE_ROOMS_TREATMENT; n <= FP_SITE_ROOMS_IMAGING; n++)
            {
              site->numbers[n] = 0;
              estimated (&site->prov[n], "rooms_from_gia", NULL, NULL);
            }
          require_method (plan, estate, methods, "rooms_from_gia");
        }
    }

  head.tenure = site->tenure;
  head.landlord = g_strdup (v->text[F_LANDLORD]);
  head.start_year = v->has[F_LEASE_START] ? (int) v->num[F_LEASE_START] : 0;
  head.break_year = v->has[F_LEASE_BREAK] ? (int) v->num[F_LEASE_BREAK] : 0;
  head.end_year = v->has[F_LEASE_END] ? (int) v->num[F_LEASE_END] : 0;
  head.note = g_strdup (_("head interest (building holding), from an imported register"));
  fp_provenance_copy (&head.prov, &site->prov[FP_SITE_SLOT_TENURE]);
  g_array_append_val (t->interests, head);
  for (guint i = 0; v->occupiers != NULL && i < v->occupiers->len; i++)
    {
      FpInterest occ = { 0 };

      occ.tenure = site->tenure;
      occ.occupier = g_strdup (g_ptr_array_index (v->occupiers, i));
      occ.note = g_strdup (_("occupier interest (from an imported register)"));
      measured (plan, &occ.prov, row->number, ctx->year);
      g_array_append_val (t->interests, occ);
    }

  t->source_row.source_id = g_strdup (plan->source.id);
  t->source_row.row = (int) row->number;
  t->source_row.code = g_strdup (v->text[F_SITE_CODE]);
  t->source_row.name = g_strdup (v->text[F_NAME]);
  t->source_row.postcode = g_strdup (v->text[F_POSTCODE]);
  t->source_row.rule = g_strdup (RULE_NEW);

  ns = g_new0 (FpImportNewSite, 1);
  ns->row = row->number;
  ns->site_id = g_strdup (id);
  ns->name = g_strdup (v->text[F_NAME]);
  ns->postcode = g_strdup (v->text[F_POSTCODE]);
  ns->site_type = g_strdup (type_name);
  ns->placed_by = g_strdup (by_postcode ? "postcode" : "coordinates");
  g_ptr_array_add (plan->new_sites, ns);
  g_hash_table_add (ctx->new_ids, g_ascii_strup (id, -1));
}

static void
edit_number (FpImportPlan    *plan,
             FpImportTouched *t,
             guint            number,
             double           value,
             FpProvenance    *prov,
             gboolean         take)
{
  FpImportEdit edit = { .target = FP_IMPORT_TARGET_NUMBER, .number = number, .value = value };

  if (numbers_equal (t->base.numbers[number], value))
    {
      fp_provenance_clear (prov);
      return;
    }
  edit.prov = *prov;
  memset (prov, 0, sizeof *prov);
  add_edit (plan, t, &edit, &t->base.prov[number], fp_site_field (number)->column,
            format_number (t->base.numbers[number]), format_number (value), take);
}

static void
edit_text (FpImportPlan    *plan,
           FpImportTouched *t,
           FpImportTarget   target,
           const char      *field,
           const char      *old,
           const char      *value)
{
  FpImportEdit edit = { .target = target, .text = g_strdup (value) };

  if (g_strcmp0 (old, value) == 0)
    {
      g_free (edit.text);
      return;
    }
  add_edit (plan, t, &edit, NULL, field, g_strdup (old), g_strdup (value), FALSE);
}

static void
edit_code (FpImportPlan       *plan,
           FpImportTouched    *t,
           FpImportTarget      target,
           const char         *field,
           int                 old,
           int                 value,
           const char         *old_text,
           const char         *new_text,
           const FpProvenance *old_prov,
           FpProvenance       *prov,
           gboolean            take)
{
  FpImportEdit edit = { .target = target, .code = value };

  if (old == value)
    {
      if (prov != NULL)
        fp_provenance_clear (prov);
      return;
    }
  if (prov != NULL)
    {
      edit.prov = *prov;
      memset (prov, 0, sizeof *prov);
    }
  add_edit (plan, t, &edit, old_prov, field, g_strdup (old_text), g_strdup (new_text), take);
}

static void
edit_year (FpImportPlan    *plan,
           FpImportTouched *t,
           FpImportTarget   target,
           const char      *field,
           int              old,
           int              value)
{
  FpImportEdit edit = { .target = target, .value = value };

  if (old == value)
    return;
  add_edit (plan, t, &edit, NULL, field, old ? g_strdup_printf ("%d", old) : NULL,
            g_strdup_printf ("%d", value), FALSE);
}

/* The file's values for a site that exists: an edit for each value that differs. */
static void
update_site (FpImportPlan          *plan,
             Context               *ctx,
             const FpImportOptions *options,
             FpImportTouched       *t,
             const FpTableRow      *row,
             const RowValues       *v)
{
  const FpSite *site = &t->base;
  FpInterest *head = head_interest (t->interests);
  gboolean take = options->take_file_values;
  FpProvenance prov = { 0 };
  g_autofree char *old_pc = fp_postcode_normalise (site->texts[FP_SITE_POSTCODE]);

  if (v->has[F_NAME])
    edit_text (plan, t, FP_IMPORT_TARGET_NAME, "name", site->name, v->text[F_NAME]);
  if (v->has[F_ADDRESS])
    edit_text (plan, t, FP_IMPORT_TARGET_ADDRESS, "address", site->texts[FP_SITE_ADDRESS],
               v->text[F_ADDRESS]);
  if (v->has[F_POSTCODE] && g_strcmp0 (old_pc, v->text[F_POSTCODE]) != 0)
    edit_text (plan, t, FP_IMPORT_TARGET_POSTCODE, "postcode", site->texts[FP_SITE_POSTCODE],
               v->text[F_POSTCODE]);

  /* Location: coordinates if the row gives new ones, else the new postcode's centroid. */
  {
    gboolean given = v->has[F_LAT] && v->has[F_LON];
    gboolean same = given && site->placed && numbers_equal (site->lat, v->num[F_LAT]) &&
                    numbers_equal (site->lon, v->num[F_LON]);
    gboolean pc_changed = v->has[F_POSTCODE] && g_strcmp0 (old_pc, v->text[F_POSTCODE]) != 0;
    double lat = 0, lon = 0;
    gboolean by_postcode = FALSE;

    if (given && !same)
      {
        lat = v->num[F_LAT];
        lon = v->num[F_LON];
        measured (plan, &prov, row->number, ctx->year);
      }
    else if (pc_changed && (!given || same) &&
             fp_postcode_lookup (v->text[F_POSTCODE], &lat, &lon, NULL))
      {
        /* A new postcode with the old coordinates: the site moved; place it by postcode. */
        estimated (&prov, "postcode_centroid", NULL, NULL);
        by_postcode = TRUE;
      }
    if (prov.kind != FP_PROV_NONE)
      {
        FpImportEdit edit = { .target = FP_IMPORT_TARGET_LOCATION, .value = lat, .value2 = lon,
                              .prov = prov };
        g_autofree char *old_text = site->placed ? g_strdup_printf ("%.6f, %.6f", site->lat,
                                                                    site->lon) : NULL;

        memset (&prov, 0, sizeof prov);
        add_edit (plan, t, &edit, &site->prov[FP_SITE_SLOT_LOCATION], "location",
                  g_steal_pointer (&old_text), g_strdup_printf ("%.6f, %.6f", lat, lon), take);
        (void) by_postcode;
      }
  }

  if (v->has[F_TYPE])
    {
      measured (plan, &prov, row->number, ctx->year);
      edit_code (plan, t, FP_IMPORT_TARGET_TYPE, "site_type", site->type, v->code[F_TYPE],
                 fp_site_type_to_string (site->type), fp_site_type_to_string (v->code[F_TYPE]),
                 &site->prov[FP_SITE_SLOT_SITE_TYPE], &prov, take);
    }
  if (v->has[F_TENURE])
    {
      measured (plan, &prov, row->number, ctx->year);
      edit_code (plan, t, FP_IMPORT_TARGET_TENURE, "tenure", site->tenure, v->code[F_TENURE],
                 fp_tenure_to_string (site->tenure), fp_tenure_to_string (v->code[F_TENURE]),
                 &site->prov[FP_SITE_SLOT_TENURE], &prov, take);
    }
  if (v->has[F_STATUS])
    edit_code (plan, t, FP_IMPORT_TARGET_STATUS, "status", site->status, v->code[F_STATUS],
               fp_site_status_to_string (site->status),
               fp_site_status_to_string (v->code[F_STATUS]), NULL, NULL, FALSE);
  if (v->has[F_SECTOR])
    edit_code (plan, t, FP_IMPORT_TARGET_SECTOR, "sector", site->sector, v->code[F_SECTOR],
               fp_sector_to_string (site->sector), fp_sector_to_string (v->code[F_SECTOR]),
               NULL, NULL, FALSE);
  if (v->has[F_CONDITION])
    {
      char old[2] = { site->condition, 0 }, new[2] = { (char) v->code[F_CONDITION], 0 };

      measured (plan, &prov, row->number, ctx->year);
      edit_code (plan, t, FP_IMPORT_TARGET_CONDITION, "condition", site->condition,
                 v->code[F_CONDITION], site->condition ? old : NULL, new,
                 &site->prov[FP_SITE_SLOT_CONDITION], &prov, take);
    }

  for (guint f = 0; f < N_FIELDS; f++)
    if (v->has[f] && fields[f].number >= 0 && (fields[f].kind == K_NUMBER ||
                                                fields[f].kind == K_HOURS ||
                                                fields[f].kind == K_YEAR))
      {
        measured (plan, &prov, row->number, ctx->year);
        edit_number (plan, t, fields[f].number, v->num[f], &prov, take);
      }

  if (head != NULL)
    {
      if (v->has[F_LANDLORD])
        edit_text (plan, t, FP_IMPORT_TARGET_LANDLORD, "landlord", head->landlord,
                   v->text[F_LANDLORD]);
      if (v->has[F_LEASE_START])
        edit_year (plan, t, FP_IMPORT_TARGET_LEASE_START, "lease_start", head->start_year,
                   (int) v->num[F_LEASE_START]);
      if (v->has[F_LEASE_BREAK])
        edit_year (plan, t, FP_IMPORT_TARGET_LEASE_BREAK, "lease_break", head->break_year,
                   (int) v->num[F_LEASE_BREAK]);
    }

  for (guint i = 0; v->occupiers != NULL && i < v->occupiers->len; i++)
    {
      const char *name = g_ptr_array_index (v->occupiers, i);
      gboolean known = FALSE;

      for (guint j = 0; j < t->interests->len && !known; j++)
        {
          const FpInterest *interest = &g_array_index (t->interests, FpInterest, j);

          known = interest->occupier != NULL &&
                  g_utf8_collate (interest->occupier, name) == 0;
        }
      if (!known)
        {
          FpImportEdit edit = { .target = FP_IMPORT_TARGET_OCCUPIER, .text = g_strdup (name) };

          measured (plan, &edit.prov, row->number, ctx->year);
          add_edit (plan, t, &edit, NULL, "occupier", NULL, g_strdup (name), FALSE);
        }
    }
}

static void
register_row (FpImportPlan          *plan,
              Context               *ctx,
              const FpImportOptions *options,
              const Mapping         *map,
              GHashTable            *methods,
              GHashTable            *duplicates,
              const FpTableRow      *row)
{
  RowValues v = { 0 };
  const FpEstate *estate = ctx->estate;
  guint site = G_MAXUINT;
  const char *rule = NULL;
  g_autofree char *code_key = NULL;

  if (!parse_row (plan, map, row, &v))
    goto out;

  if (v.has[F_SITE_CODE])
    {
      guint first;

      code_key = g_ascii_strup (v.text[F_SITE_CODE], -1);
      first = GPOINTER_TO_UINT (g_hash_table_lookup (duplicates, code_key));
      if (first != 0)
        {
          add_problem (plan, plan->refused, row->number, map->column[F_SITE_CODE],
                       _("the site code %s is given more than once in the file (first in row "
                         "%u); a site may appear once"), v.text[F_SITE_CODE], first);
          goto out;
        }
    }
  if (!v.has[F_NAME])
    {
      add_problem (plan, plan->refused, row->number, map->column[F_NAME],
                   _("the site has no name"));
      goto out;
    }

  /* 1. by code */
  if (code_key != NULL)
    {
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (ctx->codes, code_key));

      if (n == G_MAXUINT)
        {
          add_problem (plan, plan->ambiguous, row->number, map->column[F_SITE_CODE],
                       _("the code %s belongs to more than one site in the document; the row "
                         "is left out"), v.text[F_SITE_CODE]);
          goto out;
        }
      if (n > 0)
        {
          site = n - 1;
          rule = RULE_CODE;
        }
    }

  /* 2. by postcode and name */
  if (site == G_MAXUINT && v.has[F_POSTCODE])
    {
      GArray *list = g_hash_table_lookup (ctx->postcodes, v.text[F_POSTCODE]);
      g_autoptr(GString) names = g_string_new (NULL);
      guint found = 0;

      for (guint i = 0; list != NULL && i < list->len; i++)
        {
          guint s = g_array_index (list, guint, i);
          const FpSite *candidate = fp_estate_get_site (estate, s);

          if (names_match (candidate->name, v.text[F_NAME]))
            {
              g_string_append_printf (names, "%s%s (%s)", found > 0 ? ", " : "", candidate->id,
                                      candidate->name);
              site = s;
              found++;
            }
        }
      if (found > 1)
        {
          add_problem (plan, plan->ambiguous, row->number, map->column[F_NAME],
                       _("“%s” at %s matches %u sites: %s; add its site code to choose one"),
                       v.text[F_NAME], v.text[F_POSTCODE], found, names->str);
          goto out;
        }
      if (found == 1)
        rule = RULE_POSTCODE_NAME;
    }

  /* A postcode the row brings must be one Footprint can place, unless the row gives the
   * coordinates itself. */
  if (v.has[F_POSTCODE])
    {
      const FpSite *existing = site != G_MAXUINT ? fp_estate_get_site (estate, site) : NULL;
      g_autofree char *old_pc =
        existing ? fp_postcode_normalise (existing->texts[FP_SITE_POSTCODE]) : NULL;
      g_autoptr(GError) error = NULL;
      double lat, lon;

      if (g_strcmp0 (old_pc, v.text[F_POSTCODE]) != 0 &&
          !fp_postcode_lookup (v.text[F_POSTCODE], &lat, &lon, &error) &&
          !(v.has[F_LAT] && v.has[F_LON]))
        {
          add_problem (plan, plan->refused, row->number, map->column[F_POSTCODE], "%s",
                       error->message);
          goto out;
        }
    }

  if (site != G_MAXUINT)
    {
      FpImportTouched *t;

      if (g_hash_table_contains (ctx->touched, GUINT_TO_POINTER (site + 1)))
        {
          add_problem (plan, plan->ambiguous, row->number, map->column[F_NAME],
                       _("this row and an earlier one both match site %s (%s); the row is left "
                         "out"), fp_estate_get_site (estate, site)->id,
                       fp_estate_get_site (estate, site)->name);
          goto out;
        }
      t = touch_existing (plan, estate, ctx->touched, site, row->number, rule,
                          v.text[F_SITE_CODE], v.text[F_NAME], v.text[F_POSTCODE]);
      update_site (plan, ctx, options, t, row, &v);
      goto out;
    }

  /* 3. a new site */
  {
    g_autofree char *id = v.has[F_SITE_CODE] ? g_strdup (v.text[F_SITE_CODE]) : new_site_id (&v);
    g_autofree char *id_key = g_ascii_strup (id, -1);
    double lat = 0, lon = 0;
    gboolean by_postcode = FALSE;

    if (!v.has[F_TYPE])
      {
        add_problem (plan, plan->refused, row->number, map->column[F_TYPE],
                     _("a new site needs its type (GP practice, health centre, hub, ...)"));
        goto out;
      }
    if (g_hash_table_contains (ctx->new_ids, id_key))
      {
        add_problem (plan, plan->refused, row->number, map->column[F_NAME],
                     _("another new row has the same name and postcode; give each a site code"));
        goto out;
      }
    if (v.has[F_LAT] && v.has[F_LON])
      {
        lat = v.num[F_LAT];
        lon = v.num[F_LON];
      }
    else if (v.has[F_POSTCODE] && fp_postcode_lookup (v.text[F_POSTCODE], &lat, &lon, NULL))
      by_postcode = TRUE;
    else
      {
        add_problem (plan, plan->refused, row->number,
                     map->column[F_POSTCODE] >= 0 ? map->column[F_POSTCODE] : map->column[F_NAME],
                     _("a new site needs a postcode, or a latitude and longitude"));
        goto out;
      }
    add_new_site (plan, ctx, methods, row, &v, id, lat, lon, by_postcode);
  }

out:
  row_values_clear (&v);
}

/* ---- National returns: ERIC ------------------------------------------------------ */

typedef struct
{
  const char *name;      /* the header, normalised, without units */
  int         number;    /* FpSiteNumber, or -1 */
  int         group;     /* cost group: the FpSiteNumber it adds to, or -1 */
} EricColumn;

/* The columns of every vintage since 2016/17 that Footprint reads, by name (their position
 * moved between years). Cost groups follow the default dataset's mapping (method
 * eric_cost_mapping in docs/data.md). */
static const EricColumn eric_columns[] = {
  { "gross internal floor area", FP_SITE_GIA_M2, -1 },
  { "gross internal site floor area", FP_SITE_GIA_M2, -1 },
  { "cost to eradicate high risk backlog", FP_SITE_BACKLOG_HIGH, -1 },
  { "cost to eradicate significant risk backlog", FP_SITE_BACKLOG_SIGNIFICANT, -1 },
  { "cost to eradicate moderate risk backlog", FP_SITE_BACKLOG_MODERATE, -1 },
  { "cost to eradicate low risk backlog", FP_SITE_BACKLOG_LOW, -1 },
  { "estates and facilities finance costs", -1, FP_SITE_COST_RENT },
  { "estates and property maintenance", -1, FP_SITE_COST_HARD_FM },
  { "grounds and gardens maintenance", -1, FP_SITE_COST_HARD_FM },
  { "other hard fm costs", -1, FP_SITE_COST_HARD_FM },
  { "other soft fm costs", -1, FP_SITE_COST_SOFT_FM },
  { "cleaning service cost", -1, FP_SITE_COST_SOFT_FM },
  { "inpatient food service cost", -1, FP_SITE_COST_SOFT_FM },
  { "laundry and linen service cost", -1, FP_SITE_COST_SOFT_FM },
  { "portering service cost", -1, FP_SITE_COST_SOFT_FM },
  { "landfill disposal cost", -1, FP_SITE_COST_SOFT_FM },
  { "incineration disposal cost", -1, FP_SITE_COST_SOFT_FM },
  { "waste reycling cost", -1, FP_SITE_COST_SOFT_FM },
  { "waste recycling cost", -1, FP_SITE_COST_SOFT_FM },
  { "other recovery cost", -1, FP_SITE_COST_SOFT_FM },
  { "energy costs", -1, FP_SITE_COST_UTILITIES },
  { "energy cost", -1, FP_SITE_COST_UTILITIES },
  { "water cost", -1, FP_SITE_COST_UTILITIES },
  { "sewage cost", -1, FP_SITE_COST_UTILITIES },
  { "electro bio medical equipment maintenance cost", -1, FP_SITE_COST_OTHER },
};

static int
find_header (const FpTable *table,
             const char    *name)
{
  for (guint c = 0; c < table->header->len; c++)
    {
      g_autofree char *n = norm_text (g_ptr_array_index (table->header, c), TRUE);

      if (g_strcmp0 (n, name) == 0)
        return c;
    }
  return -1;
}

/* "2019/20" from a file name such as "ERIC - 201920 - SiteData.csv" or
 * "eric_2023_24_site_data.csv"; 0 when the name does not say. */
static int
vintage_from_text (const char *text)
{
  for (const char *p = text; p != NULL && *p != '\0'; p++)
    {
      int a, b;

      if (p[0] != '2' || p[1] != '0' || !g_ascii_isdigit (p[2]) || !g_ascii_isdigit (p[3]))
        continue;
      a = (p[0] - '0') * 1000 + (p[1] - '0') * 100 + (p[2] - '0') * 10 + (p[3] - '0');
      {
        const char *q = p + 4;

        if (*q == '-' || *q == '_' || *q == '/' || *q == ' ')
          q++;
        if (!g_ascii_isdigit (q[0]) || !g_ascii_isdigit (q[1]))
          continue;
        b = (q[0] - '0') * 10 + (q[1] - '0');
        if (g_ascii_isdigit (q[2]))
          continue;
        if (b == (a + 1) % 100 && a >= 2010 && a <= 2100)
          return a;
      }
    }
  return 0;
}

static gboolean
eric_plan (FpImportPlan          *plan,
           Context               *ctx,
           const FpImportOptions *options,
           GHashTable            *methods,
           FpImportProgressFunc   progress,
           gpointer               user_data,
           GCancellable          *cancellable,
           GError               **error)
{
  const FpTable *table = plan->table;
  const FpEstate *estate = ctx->estate;
  int code_col = find_header (table, "site code");
  int name_col = find_header (table, "site name");
  int empty_col = find_header (table, "floor area empty");
  int cols[G_N_ELEMENTS (eric_columns)];
  int vintage = options->vintage != NULL ? vintage_from_text (options->vintage) : 0;
  g_autofree char *fy = NULL;
  g_autofree char *base_key = NULL;
  g_autofree char *vintage_key = NULL;
  double base_index, vintage_index, factor;
  int base_fy;

  if (vintage == 0)
    vintage = vintage_from_text (plan->file);
  if (vintage == 0)
    {
      g_set_error (error, FP_ERROR, FP_ERROR_INVALID_ARGUMENT,
                   _("%s: the year of this ERIC file is not in its name; give it (for example "
                     "2019/20)"), plan->file);
      return FALSE;
    }
  if (vintage < 2016)
    {
      g_set_error (error, FP_ERROR, FP_ERROR_INVALID_DATA,
                   _("%s: ERIC %d/%02d is older than 2016/17, the first site-data layout "
                     "Footprint reads"), plan->file, vintage, (vintage + 1) % 100);
      return FALSE;
    }

  /* Costs are indexed to the document's price base with its own GDP deflators. */
  base_fy = estate->price_base != NULL ? (int) g_ascii_strtoll (estate->price_base, NULL, 10)
                                       : estate->base_year;
  base_key = g_strdup_printf ("gdp_deflator.%d_%02d", base_fy, (base_fy + 1) % 100);
  vintage_key = g_strdup_printf ("gdp_deflator.%d_%02d", vintage, (vintage + 1) % 100);
  base_index = assumption (plan, base_key);
  vintage_index = assumption (plan, vintage_key);
  if (isnan (base_index) || isnan (vintage_index) || vintage_index <= 0)
    {
      g_set_error (error, FP_ERROR, FP_ERROR_INVALID_DATA,
                   _("%s: the document has no GDP deflator for %s, so ERIC %d/%02d costs cannot "
                     "be brought to %d/%02d prices; it needs the assumptions “%s” and “%s” "
                     "(HM Treasury GDP deflators)"), plan->file,
                   isnan (vintage_index) ? vintage_key : base_key, vintage, (vintage + 1) % 100,
                   base_fy, (base_fy + 1) % 100, vintage_key, base_key);
      return FALSE;
    }
  factor = base_index / vintage_index;

  g_free (plan->source.id);
  plan->source.id = g_strdup_printf ("eric_%d_%02d", vintage, (vintage + 1) % 100);
  plan->source.title = g_strdup_printf (_("ERIC %d/%02d site data (%s)"), vintage,
                                        (vintage + 1) % 100, plan->file);
  plan->source.publisher = g_strdup ("NHS Digital / NHS England");
  plan->source.year = vintage + 1;
  plan->source.licence = g_strdup ("Open Government Licence v3.0");
  plan->source.attribution = g_strdup ("Contains public sector information from NHS Digital "
                                       "(Estates Returns Information Collection) licensed under "
                                       "the Open Government Licence v3.0");
  plan->source.file = g_strdup (plan->file);
  plan->source_exists = FALSE;
  for (guint i = 0; i < estate->sources->len; i++)
    if (g_str_equal (g_array_index (estate->sources, FpSource, i).id, plan->source.id))
      plan->source_exists = TRUE;
  fy = g_strdup_printf ("%d/%02d", vintage, (vintage + 1) % 100);

  for (guint i = 0; i < G_N_ELEMENTS (eric_columns); i++)
    {
      cols[i] = find_header (table, eric_columns[i].name);
      if (cols[i] >= 0)
        {
          FpImportColumn *column = g_new0 (FpImportColumn, 1);

          column->field = g_strdup (eric_columns[i].number >= 0
                                    ? fp_site_field (eric_columns[i].number)->column
                                    : fp_site_field (eric_columns[i].group)->column);
          column->label = g_strdup (eric_columns[i].name);
          column->column = cols[i];
          column->header = g_strdup (g_ptr_array_index (table->header, cols[i]));
          column->how = g_strdup ("name");
          column->held = TRUE;
          g_ptr_array_add (plan->columns, column);
        }
    }
  require_method (plan, estate, methods, "indexed_to_base_year_prices");
  require_method (plan, estate, methods, "eric_void");

  if (code_col < 0)
    {
      g_set_error (error, FP_ERROR, FP_ERROR_INVALID_DATA,
                   _("%s: this ERIC file has no “Site Code” column"), plan->file);
      return FALSE;
    }

  for (guint r = 0; r < table->rows->len; r++)
    {
      const FpTableRow *row = g_ptr_array_index (table->rows, r);
      const char *code = fp_table_cell (row, code_col);
      const char *name = name_col >= 0 ? fp_table_cell (row, name_col) : "";
      g_autofree char *key = g_ascii_strup (code, -1);
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (ctx->codes, g_strstrip (key)));
      FpImportTouched *t;
      double group_sum[FP_SITE_N_NUMBERS];
      gboolean group_has[FP_SITE_N_NUMBERS] = { FALSE };
      gboolean group_na[FP_SITE_N_NUMBERS] = { FALSE };
      double gia = NAN;

      if (progress != NULL && (r & 255) == 0)
        progress ((double) r / table->rows->len, user_data);
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;

      if (strstr (key, "AGGRE") != NULL)
        {
          add_problem (plan, plan->ignored, row->number, code_col,
                       _("a trust’s total of its small sites, not a building"));
          continue;
        }
      if (n == 0 || n == G_MAXUINT)
        {
          add_problem (plan, plan->ignored, row->number, code_col,
                       n == 0 ? _("%s %s is not a site of this document")
                              : _("%s %s matches more than one site of this document"),
                       code, name);
          continue;
        }
      if (fp_estate_get_site (estate, n - 1)->sector != FP_SECTOR_NHS)
        continue;
      if (fp_estate_get_site (estate, n - 1)->status != FP_SITE_STATUS_CURRENT)
        {
          add_problem (plan, plan->ignored, row->number, code_col,
                       _("%s is possibly closed in the document, so its costs are not counted; "
                         "mark it current to take this return’s figures"),
                       fp_estate_get_site (estate, n - 1)->id);
          continue;
        }
      if (g_hash_table_contains (ctx->touched, GUINT_TO_POINTER (n)))
        {
          add_problem (plan, plan->ambiguous, row->number, code_col,
                       _("site %s was already updated by an earlier row; the row is left out"),
                       fp_estate_get_site (estate, n - 1)->id);
          continue;
        }
      t = touch_existing (plan, estate, ctx->touched, n - 1, row->number, RULE_UPDATE, code, name,
                          NULL);

      for (guint i = 0; i < G_N_ELEMENTS (eric_columns); i++)
        {
          const char *cell;
          double value;
          FpProvenance prov = { 0 };

          if (cols[i] < 0)
            continue;
          cell = fp_table_cell (row, cols[i]);
          if (is_blank_value (cell))
            {
              if (eric_columns[i].group >= 0 && g_ascii_strcasecmp (cell, "Not Applicable") == 0)
                group_na[eric_columns[i].group] = TRUE;
              continue;
            }
          if (!parse_number (cell, &value) || value < 0)
            {
              add_problem (plan, plan->refused, row->number, cols[i],
                           _("“%s” is not an amount"), cell);
              continue;
            }
          if (eric_columns[i].group >= 0)
            {
              if (!group_has[eric_columns[i].group])
                group_sum[eric_columns[i].group] = 0;
              group_has[eric_columns[i].group] = TRUE;
              group_sum[eric_columns[i].group] += value;
              continue;
            }
          if (eric_columns[i].number == FP_SITE_GIA_M2)
            {
              gia = value;
              measured (plan, &prov, row->number, vintage + 1);
              edit_number (plan, t, FP_SITE_GIA_M2, value, &prov, options->take_file_values);
            }
          else
            {
              g_autofree char *note = g_strdup_printf (
                  _("%s cash GBP %.2f x %.6f (GDP deflator) at %s prices"), fy, value, factor,
                  estate->price_base ? estate->price_base : "base-year");

              estimated (&prov, "indexed_to_base_year_prices", plan->source.id, note);
              edit_number (plan, t, eric_columns[i].number, value * factor, &prov,
                           options->take_file_values);
            }
        }
      for (guint c = FP_SITE_FIRST_COST; c <= FP_SITE_LAST_COST; c++)
        /* "Not Applicable" is not a measured 0: a group that reports only 0 beside such
         * columns has not reported the cost (docs/data.md, eric_cost_missing_component). */
        if (group_has[c] && !(group_na[c] && group_sum[c] == 0))
          {
            FpProvenance prov = { 0 };
            g_autofree char *note = g_strdup_printf (
                _("%s cash GBP %.2f x %.6f (GDP deflator) at %s prices"), fy, group_sum[c],
                factor, estate->price_base ? estate->price_base : "base-year");

            estimated (&prov, "indexed_to_base_year_prices", plan->source.id, note);
            edit_number (plan, t, c, group_sum[c] * factor, &prov, options->take_file_values);
          }
      if (empty_col >= 0 && !isnan (gia))
        {
          const char *cell = fp_table_cell (row, empty_col);
          double pct;

          if (!is_blank_value (cell) && parse_number (cell, &pct) && pct >= 0 && pct <= 100)
            {
              FpProvenance prov = { 0 };

              estimated (&prov, "eric_void", plan->source.id, NULL);
              edit_number (plan, t, FP_SITE_OTHER_VOID_M2, gia * pct / 100.0, &prov,
                           options->take_file_values);
            }
        }
    }

  return TRUE;
}

/* ---- National returns: ODS epraccur and ebranchs --------------------------------- */

static gboolean
ods_plan (FpImportPlan          *plan,
          Context               *ctx,
          GHashTable            *methods,
          GCancellable          *cancellable,
          GError               **error)
{
  const FpTable *table = plan->table;
  const FpEstate *estate = ctx->estate;
  gboolean headerless = find_header (table, "org code") < 0 &&
                        find_header (table, "branch code") < 0 &&
                        find_header (table, "organisation code") < 0;
  int code_col, close_col, status_col;
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  g_autoptr(GHashTable) closed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) open = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *newest = NULL;
  FpTableRow first = { 0 };
  gboolean branches = plan->kind == FP_IMPORT_KIND_EBRANCHS;

  if (headerless)
    {
      /* The ODS files have no header: fixed positions of the 27-field layout. */
      code_col = 0;
      close_col = 11;
      status_col = branches ? -1 : 12;
      first.number = table->header_row;
      first.n_cells = table->header->len;
      first.cells = (char **) table->header->pdata;
      g_ptr_array_add (rows, &first);
    }
  else
    {
      code_col = MAX (find_header (table, branches ? "branch code" : "org code"),
                      find_header (table, "organisation code"));
      close_col = find_header (table, "close date");
      status_col = find_header (table, "status code");
    }
  for (guint r = 0; r < table->rows->len; r++)
    g_ptr_array_add (rows, g_ptr_array_index (table->rows, r));

  if (code_col < 0 || close_col < 0)
    {
      g_set_error (error, FP_ERROR, FP_ERROR_INVALID_DATA,
                   _("%s does not have the ODS layout: no organisation code or close date"),
                   plan->file);
      return FALSE;
    }

  /* First pass: which codes are closed (with the date), which open. */
  for (guint r = 0; r < rows->len; r++)
    {
      const FpTableRow *row = g_ptr_array_index (rows, r);
      g_autofree char *code = g_strstrip (g_ascii_strup (fp_table_cell (row, code_col), -1));
      const char *close = fp_table_cell (row, close_col);
      const char *status = status_col >= 0 ? fp_table_cell (row, status_col) : "";

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      if (*code == '\0')
        continue;
      for (guint d = 10; d <= 16 && d < row->n_cells; d++)
        {
          const char *date = fp_table_cell (row, d);

          if (strlen (date) == 8 && g_ascii_isdigit (date[0]) &&
              (newest == NULL || strcmp (date, newest) > 0))
            {
              g_free (newest);
              newest = g_strdup (date);
            }
        }
      if ((*close != '\0' && strlen (close) == 8) || g_str_equal (status, "C"))
        g_hash_table_replace (closed, g_steal_pointer (&code),
                              *close != '\0'
                              ? g_strdup_printf ("%.4s-%.2s-%.2s", close, close + 4, close + 6)
                              : g_strdup (_("an unstated date")));
      else
        g_hash_table_replace (open, g_steal_pointer (&code), GUINT_TO_POINTER (row->number));
    }

  g_free (plan->source.id);
  plan->source.id = g_strdup_printf ("%s_%.6s", branches ? "ods_ebranchs" : "ods_epraccur",
                                     newest != NULL ? newest : "000000");
  plan->source.title = g_strdup_printf (branches ? _("ODS GP branch surgeries (%s)")
                                                 : _("ODS GP practices (%s)"), plan->file);
  plan->source.publisher = g_strdup ("NHS England Organisation Data Service");
  plan->source.year = newest != NULL ? (int) g_ascii_strtoll (newest, NULL, 10) / 10000
                                     : ctx->year;
  plan->source.licence = g_strdup ("Open Government Licence v3.0");
  plan->source.attribution = g_strdup ("Contains public sector information licensed under the "
                                       "Open Government Licence v3.0 (NHS England ODS)");
  plan->source.file = g_strdup (plan->file);
  for (guint i = 0; i < estate->sources->len; i++)
    if (g_str_equal (g_array_index (estate->sources, FpSource, i).id, plan->source.id))
      plan->source_exists = TRUE;

  /* A site closes when every ODS code it carries that the file lists is closed; it is
   * current again when the file lists one of its codes open. */
  for (guint s = 0; s < estate->sites->len; s++)
    {
      const FpSite *site = fp_estate_get_site (estate, s);
      g_autoptr(GPtrArray) codes = g_ptr_array_new_with_free_func (g_free);
      const char *closed_code = NULL, *closed_date = NULL;
      guint open_row = 0, closed_row = 0;
      gboolean any_open = FALSE, any_closed = FALSE;

      /* Only a practice's or branch's own building closes with it: a health centre or
       * clinic that a closed practice used stays as it is. */
      if (site->type != FP_SITE_TYPE_GP_PRACTICE && site->type != FP_SITE_TYPE_GP_BRANCH)
        continue;
      g_ptr_array_add (codes, g_ascii_strup (site->id, -1));
      for (guint i = 0; i < estate->source_rows->len; i++)
        {
          const FpSourceRow *sr = &g_array_index (estate->source_rows, FpSourceRow, i);

          if (sr->site == s && sr->code != NULL &&
              (g_str_has_prefix (sr->source_id, "epraccur") ||
               g_str_has_prefix (sr->source_id, "ebranchs") ||
               g_str_has_prefix (sr->source_id, "ods_") ||
               g_str_has_prefix (sr->source_id, "gp_lookup")))
            g_ptr_array_add (codes, g_ascii_strup (sr->code, -1));
        }
      for (guint i = 0; i < codes->len; i++)
        {
          const char *code = g_ptr_array_index (codes, i);
          const char *date = g_hash_table_lookup (closed, code);

          if (g_hash_table_contains (open, code))
            {
              any_open = TRUE;
              open_row = GPOINTER_TO_UINT (g_hash_table_lookup (open, code));
            }
          else if (date != NULL)
            {
              any_closed = TRUE;
              closed_code = code;
              closed_date = date;
            }
        }
      if (any_closed && !any_open && site->status == FP_SITE_STATUS_CURRENT)
        {
          FpImportTouched *t;
          g_autofree char *note = g_strdup_printf (_("ODS: %s closed on %s (%s)"), closed_code,
                                                   closed_date, plan->file);

          for (guint r = 0; r < rows->len; r++)
            {
              const FpTableRow *row = g_ptr_array_index (rows, r);
              g_autofree char *code = g_strstrip (g_ascii_strup (fp_table_cell (row, code_col),
                                                                 -1));

              if (g_str_equal (code, closed_code))
                closed_row = row->number;
            }
          t = touch_existing (plan, estate, ctx->touched, s, closed_row, RULE_UPDATE,
                              closed_code, site->name, NULL);
          edit_code (plan, t, FP_IMPORT_TARGET_STATUS, "status", site->status,
                     FP_SITE_STATUS_POSSIBLY_CLOSED, fp_site_status_to_string (site->status),
                     fp_site_status_to_string (FP_SITE_STATUS_POSSIBLY_CLOSED), NULL, NULL,
                     FALSE);
          {
            FpImportEdit edit = { .target = FP_IMPORT_TARGET_HEAD_NOTE, .text = g_strdup (note) };

            add_edit (plan, t, &edit, NULL, "closure", NULL, g_strdup (note), FALSE);
          }
        }
      else if (any_open && site->status == FP_SITE_STATUS_POSSIBLY_CLOSED)
        {
          FpImportTouched *t = touch_existing (plan, estate, ctx->touched, s, open_row,
                                               RULE_UPDATE, site->id, site->name, NULL);

          edit_code (plan, t, FP_IMPORT_TARGET_STATUS, "status", site->status,
                     FP_SITE_STATUS_CURRENT, fp_site_status_to_string (site->status),
                     fp_site_status_to_string (FP_SITE_STATUS_CURRENT), NULL, NULL, FALSE);
        }
    }

  (void) methods;
  return TRUE;
}

/* ---- Making the plan ------------------------------------------------------------- */

static FpImportKind
detect_kind (const FpTable *table)
{
  g_autofree char *lower = g_ascii_strdown (table->file, -1);

  if (find_header (table, "site code") >= 0 && find_header (table, "site name") >= 0 &&
      (find_header (table, "gross internal floor area") >= 0 ||
       find_header (table, "cost to eradicate high risk backlog") >= 0))
    return FP_IMPORT_KIND_ERIC;
  if (strstr (lower, "ebranchs") != NULL || find_header (table, "branch code") >= 0)
    return FP_IMPORT_KIND_EBRANCHS;
  if (strstr (lower, "epraccur") != NULL ||
      (find_header (table, "org code") >= 0 && find_header (table, "prescribing setting") >= 0))
    return FP_IMPORT_KIND_EPRACCUR;
  return FP_IMPORT_KIND_REGISTER;
}

static char *
slug (const char *text)
{
  g_autofree char *n = norm_text (text, FALSE);

  g_strdelimit (n, " ", '_');
  return g_strdup (*n != '\0' ? n : "register");
}

/**
 * fp_import_plan_new:
 * @estate: the document's estate (read, never changed)
 * @path: the file to import
 * @options: (nullable): options
 * @progress: (nullable) (scope call): called now and then with the share of rows read
 * @user_data: data for @progress
 * @cancellable: (nullable): a cancellable
 * @error: return location for an error
 *
 * Reads and checks the whole file and works out what importing it would do. A file that
 * cannot be read, or whose columns cannot be matched, is an error; a row that breaks a rule
 * is listed in the plan's refused rows (with its row, column and reason) and the others are
 * still planned, so a user can see every problem at once.
 *
 * Returns: (transfer full) (nullable): the plan
 */
FpImportPlan *
fp_import_plan_new (const FpEstate         *estate,
                    const char             *path,
                    const FpImportOptions  *options,
                    FpImportProgressFunc    progress,
                    gpointer                user_data,
                    GCancellable           *cancellable,
                    GError                **error)
{
  static const FpImportOptions defaults = { 0 };
  g_autoptr(FpImportPlan) plan = plan_new ();
  g_autoptr(GBytes) contents = NULL;
  g_autoptr(GHashTable) methods = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  Context ctx;
  gboolean ok = TRUE;

  g_return_val_if_fail (estate != NULL, NULL);
  g_return_val_if_fail (path != NULL, NULL);
  if (options == NULL)
    options = &defaults;

  plan->table = fp_table_read_file (path, options->sheet, &contents, error);
  if (plan->table == NULL)
    return NULL;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  plan->path = g_strdup (path);
  plan->file = g_strdup (plan->table->file);
  plan->sheet = g_strdup (plan->table->sheet);
  plan->sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, contents);
  plan->n_rows = plan->table->rows->len;
  plan->kind = options->kind != FP_IMPORT_KIND_AUTO ? options->kind : detect_kind (plan->table);

  for (guint i = 0; i < estate->methods->len; i++)
    g_hash_table_add (methods, g_array_index (estate->methods, FpMethod, i).id);
  for (guint i = 0; i < estate->assumptions->len; i++)
    {
      const FpAssumption *a = &g_array_index (estate->assumptions, FpAssumption, i);

      g_hash_table_insert (plan->assumptions, g_strdup (a->key), g_memdup2 (&a->value,
                                                                           sizeof (double)));
    }

  context_init (&ctx, estate);

  if (plan->kind == FP_IMPORT_KIND_REGISTER)
    {
      Mapping map;
      g_autoptr(GHashTable) duplicates = g_hash_table_new_full (g_str_hash, g_str_equal,
                                                                g_free, NULL);
      g_autofree char *stem = NULL;

      if (options->name != NULL)
        plan->register_name = g_strdup (options->name);
      else
        {
          const char *dot = strrchr (plan->file, '.');

          plan->register_name = dot != NULL ? g_strndup (plan->file, dot - plan->file)
                                            : g_strdup (plan->file);
        }
      stem = slug (plan->register_name);
      plan->source.id = g_strconcat ("register_", stem, NULL);
      plan->source.title = plan->sheet != NULL
        ? g_strdup_printf (_("Register “%s” (%s, sheet “%s”)"), plan->register_name, plan->file,
                           plan->sheet)
        : g_strdup_printf (_("Register “%s” (%s)"), plan->register_name, plan->file);
      plan->source.year = g_date_time_get_year (now);
      plan->source.file = g_strdup (plan->file);
      for (guint i = 0; i < estate->sources->len; i++)
        if (g_str_equal (g_array_index (estate->sources, FpSource, i).id, plan->source.id))
          plan->source_exists = TRUE;

      ok = match_columns (plan, options, &map, error);
      if (ok && map.column[F_SITE_CODE] >= 0)
        {
          /* A code given twice in the file refuses every row that gives it. */
          for (guint r = 0; r < plan->table->rows->len; r++)
            {
              const FpTableRow *row = g_ptr_array_index (plan->table->rows, r);
              const char *cell = fp_table_cell (row, map.column[F_SITE_CODE]);
              g_autofree char *key = NULL;
              guint first;

              if (is_blank_value (cell))
                continue;
              key = g_strstrip (g_ascii_strup (cell, -1));
              first = GPOINTER_TO_UINT (g_hash_table_lookup (duplicates, key));
              if (first == 0)
                g_hash_table_insert (duplicates, g_steal_pointer (&key),
                                     GUINT_TO_POINTER (row->number));
              else
                g_hash_table_insert (duplicates, g_steal_pointer (&key),
                                     GUINT_TO_POINTER (G_MAXUINT));
            }
          /* Keep only the codes given more than once, each with its first row. */
          {
            GHashTableIter iter;
            gpointer key, value;
            g_autoptr(GHashTable) firsts = g_hash_table_new (g_str_hash, g_str_equal);

            for (guint r = 0; r < plan->table->rows->len; r++)
              {
                const FpTableRow *row = g_ptr_array_index (plan->table->rows, r);
                g_autofree char *k = g_strstrip (g_ascii_strup (
                    fp_table_cell (row, map.column[F_SITE_CODE]), -1));
                gpointer stored;

                if (g_hash_table_lookup_extended (duplicates, k, &stored, &value) &&
                    GPOINTER_TO_UINT (value) == G_MAXUINT &&
                    !g_hash_table_contains (firsts, stored))
                  g_hash_table_insert (firsts, stored, GUINT_TO_POINTER (row->number));
              }
            g_hash_table_iter_init (&iter, duplicates);
            while (g_hash_table_iter_next (&iter, &key, &value))
              {
                gpointer first = g_hash_table_lookup (firsts, key);

                if (first == NULL)
                  g_hash_table_iter_remove (&iter);
                else
                  g_hash_table_iter_replace (&iter, first);
              }
          }
        }

      for (guint r = 0; ok && r < plan->table->rows->len; r++)
        {
          if (progress != NULL && (r & 255) == 0)
            progress ((double) r / MAX (1u, plan->table->rows->len), user_data);
          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            {
              ok = FALSE;
              break;
            }
          register_row (plan, &ctx, options, &map, methods, duplicates,
                        g_ptr_array_index (plan->table->rows, r));
        }
    }
  else if (plan->kind == FP_IMPORT_KIND_ERIC)
    ok = eric_plan (plan, &ctx, options, methods, progress, user_data, cancellable, error);
  else
    ok = ods_plan (plan, &ctx, methods, cancellable, error);

  context_clear (&ctx);
  if (!ok)
    return NULL;

  /* Running costs re-estimated from a new floor area, tenure or type are shown too. */
  for (guint i = 0; i < plan->touched->len; i++)
    {
      const FpImportTouched *t = &g_array_index (plan->touched, FpImportTouched, i);
      g_autoptr(GArray) interests = NULL;
      FpSite after;
      gboolean changed;

      if (t->is_new)
        continue;
      interests = g_array_new (FALSE, TRUE, sizeof (FpInterest));
      g_array_set_clear_func (interests, interest_clear_cb);
      fp_import_build_site (plan, t, &after, interests, &changed);
      for (guint n = FP_SITE_FIRST_COST; n <= FP_SITE_LAST_COST; n++)
        {
          gboolean edited = FALSE;

          for (guint e = 0; e < t->edits->len; e++)
            {
              const FpImportEdit *edit = &g_array_index (t->edits, FpImportEdit, e);

              edited |= edit->target == FP_IMPORT_TARGET_NUMBER && edit->number == n;
            }
          if (!edited && !numbers_equal (after.numbers[n], t->base.numbers[n]))
            {
              FpImportChange *change = g_new0 (FpImportChange, 1);

              change->kind = FP_IMPORT_CHANGE_ESTIMATE;
              change->row = t->row;
              change->site_id = g_strdup (t->base.id);
              change->site_name = g_strdup (t->base.name);
              change->field = g_strdup (fp_site_field (n)->column);
              change->old_value = format_number (t->base.numbers[n]);
              change->new_value = format_number (after.numbers[n]);
              change->take = TRUE;
              g_ptr_array_add (plan->changes, change);
            }
        }
      fp_import_site_clear (&after);
    }

  if (progress != NULL)
    progress (1.0, user_data);
  return g_steal_pointer (&plan);
}

/* ---- Asynchronous planning, for the window ---------------------------------------- */

typedef struct
{
  const FpEstate  *estate;
  char            *path;
  FpImportOptions  options;
  char            *sheet;
  char           **maps;
  char            *name;
  char            *vintage;
} PlanTaskData;

static void
plan_task_data_free (PlanTaskData *data)
{
  g_free (data->path);
  g_free (data->sheet);
  g_strfreev (data->maps);
  g_free (data->name);
  g_free (data->vintage);
  g_free (data);
}

static void
plan_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  PlanTaskData *data = task_data;
  GError *error = NULL;
  FpImportPlan *plan = fp_import_plan_new (data->estate, data->path, &data->options, NULL, NULL,
                                           cancellable, &error);

  if (plan == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, plan, (GDestroyNotify) fp_import_plan_free);
}

/**
 * fp_import_plan_new_async:
 * @estate: the document's estate; it must stay alive and unchanged until the callback
 * @path: the file
 * @options: (nullable): options (copied)
 * @cancellable: (nullable): a cancellable
 * @callback: called with the result
 * @user_data: data for @callback
 *
 * fp_import_plan_new() in a worker thread, so a large file never freezes the window.
 */
void
fp_import_plan_new_async (const FpEstate        *estate,
                          const char            *path,
                          const FpImportOptions *options,
                          GCancellable          *cancellable,
                          GAsyncReadyCallback    callback,
                          gpointer               user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  PlanTaskData *data = g_new0 (PlanTaskData, 1);

  data->estate = estate;
  data->path = g_strdup (path);
  if (options != NULL)
    {
      data->options = *options;
      data->sheet = g_strdup (options->sheet);
      data->maps = g_strdupv ((char **) options->maps);
      data->name = g_strdup (options->name);
      data->vintage = g_strdup (options->vintage);
      data->options.sheet = data->sheet;
      data->options.maps = (const char **) data->maps;
      data->options.name = data->name;
      data->options.vintage = data->vintage;
    }
  g_task_set_source_tag (task, fp_import_plan_new_async);
  g_task_set_task_data (task, data, (GDestroyNotify) plan_task_data_free);
  g_task_run_in_thread (task, plan_thread);
}

/**
 * fp_import_plan_new_finish:
 * @result: the result
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the plan
 */
FpImportPlan *
fp_import_plan_new_finish (GAsyncResult *result,
                           GError      **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- Reading the plan ------------------------------------------------------------ */

FpImportKind
fp_import_plan_get_kind (const FpImportPlan *plan)
{
  return plan->kind;
}

const char *
fp_import_plan_get_file (const FpImportPlan *plan)
{
  return plan->file;
}

const char *
fp_import_plan_get_sheet (const FpImportPlan *plan)
{
  return plan->sheet;
}

const char *
fp_import_plan_get_sha256 (const FpImportPlan *plan)
{
  return plan->sha256;
}

const char *
fp_import_plan_get_source_id (const FpImportPlan *plan)
{
  return plan->source.id;
}

guint
fp_import_plan_get_n_rows (const FpImportPlan *plan)
{
  return plan->n_rows;
}

/**
 * fp_import_plan_get_columns:
 * @plan: a plan
 *
 * Returns: (transfer none) (element-type FpImportColumn): how columns were matched
 */
GPtrArray *
fp_import_plan_get_columns (const FpImportPlan *plan)
{
  return plan->columns;
}

/**
 * fp_import_plan_get_unmatched_headers:
 * @plan: a plan
 *
 * Returns: (transfer none) (element-type utf8): the headers no field matched (left out)
 */
GPtrArray *
fp_import_plan_get_unmatched_headers (const FpImportPlan *plan)
{
  return plan->unmatched;
}

/**
 * fp_import_plan_get_new_sites:
 * @plan: a plan
 *
 * Returns: (transfer none) (element-type FpImportNewSite): the sites the file adds
 */
GPtrArray *
fp_import_plan_get_new_sites (const FpImportPlan *plan)
{
  return plan->new_sites;
}

/**
 * fp_import_plan_get_changes:
 * @plan: a plan
 *
 * Returns: (transfer none) (element-type FpImportChange): every field that would change,
 *   conflicts included
 */
GPtrArray *
fp_import_plan_get_changes (const FpImportPlan *plan)
{
  return plan->changes;
}

/**
 * fp_import_plan_get_ambiguous:
 * @plan: a plan
 *
 * Returns: (transfer none) (element-type FpImportProblem): rows matched ambiguously (left out)
 */
GPtrArray *
fp_import_plan_get_ambiguous (const FpImportPlan *plan)
{
  return plan->ambiguous;
}

/**
 * fp_import_plan_get_refused:
 * @plan: a plan
 *
 * Returns: (transfer none) (element-type FpImportProblem): each problem of each refused row
 */
GPtrArray *
fp_import_plan_get_refused (const FpImportPlan *plan)
{
  return plan->refused;
}

/**
 * fp_import_plan_get_ignored:
 * @plan: a plan
 *
 * Returns: (transfer none) (element-type FpImportProblem): rows of a national return that
 *   name no site of the document (not an error)
 */
GPtrArray *
fp_import_plan_get_ignored (const FpImportPlan *plan)
{
  return plan->ignored;
}

guint
fp_import_plan_count_changes (const FpImportPlan *plan,
                              FpImportChangeKind  kind)
{
  guint n = 0;

  for (guint i = 0; i < plan->changes->len; i++)
    n += ((FpImportChange *) g_ptr_array_index (plan->changes, i))->kind == kind;
  return n;
}

/* Existing sites with at least one change that would be written. */
guint
fp_import_plan_count_updated_sites (const FpImportPlan *plan)
{
  guint n = 0;

  for (guint i = 0; i < plan->touched->len; i++)
    {
      const FpImportTouched *t = &g_array_index (plan->touched, FpImportTouched, i);

      if (t->is_new)
        continue;
      for (guint e = 0; e < t->edits->len; e++)
        {
          const FpImportEdit *edit = &g_array_index (t->edits, FpImportEdit, e);
          const FpImportChange *change = g_ptr_array_index (plan->changes, edit->change - 1);

          if (change->take)
            {
              n++;
              break;
            }
        }
    }
  return n;
}

guint
fp_import_plan_count_refused_rows (const FpImportPlan *plan)
{
  g_autoptr(GHashTable) rows = g_hash_table_new (NULL, NULL);

  for (guint i = 0; i < plan->refused->len; i++)
    g_hash_table_add (rows, GUINT_TO_POINTER (((FpImportProblem *)
                                               g_ptr_array_index (plan->refused, i))->row));
  return g_hash_table_size (rows);
}

/* Whether applying the plan would write nothing. */
gboolean
fp_import_plan_is_empty (const FpImportPlan *plan)
{
  return plan->new_sites->len == 0 && fp_import_plan_count_updated_sites (plan) == 0;
}

/**
 * fp_import_plan_set_take:
 * @plan: a plan
 * @change: an index into fp_import_plan_get_changes()
 * @take: whether the file's value replaces the document's
 *
 * Decides one conflict (other changes are always taken).
 */
void
fp_import_plan_set_take (FpImportPlan *plan,
                         guint         change,
                         gboolean      take)
{
  FpImportChange *c;

  g_return_if_fail (change < plan->changes->len);
  c = g_ptr_array_index (plan->changes, change);
  if (c->kind == FP_IMPORT_CHANGE_CONFLICT)
    c->take = take;
}

const char *
fp_import_kind_to_string (FpImportKind kind)
{
  switch (kind)
    {
    case FP_IMPORT_KIND_REGISTER: return "register";
    case FP_IMPORT_KIND_ERIC: return "eric";
    case FP_IMPORT_KIND_EPRACCUR: return "epraccur";
    case FP_IMPORT_KIND_EBRANCHS: return "ebranchs";
    case FP_IMPORT_KIND_AUTO:
    default: return "auto";
    }
}

static void
add_problems (JsonBuilder *b,
              const char  *name,
              GPtrArray   *list)
{
  json_builder_set_member_name (b, name);
  json_builder_begin_array (b);
  for (guint i = 0; i < list->len; i++)
    {
      const FpImportProblem *p = g_ptr_array_index (list, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "row");
      json_builder_add_int_value (b, p->row);
      json_builder_set_member_name (b, "column");
      if (p->column != NULL)
        json_builder_add_string_value (b, p->column);
      else
        json_builder_add_null_value (b);
      json_builder_set_member_name (b, "why");
      json_builder_add_string_value (b, p->message);
      json_builder_set_member_name (b, "message");
      json_builder_add_string_value (b, p->text);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

static void
add_string_or_null (JsonBuilder *b,
                    const char  *name,
                    const char  *value)
{
  json_builder_set_member_name (b, name);
  if (value != NULL)
    json_builder_add_string_value (b, value);
  else
    json_builder_add_null_value (b);
}

/**
 * fp_import_plan_to_json:
 * @plan: a plan
 *
 * Returns: (transfer full): the plan as JSON: file, kind, sha256, rows, columns, counts,
 *   new_sites, changes (updated, conflicts, estimates), ambiguous, refused, ignored
 */
char *
fp_import_plan_to_json (const FpImportPlan *plan)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  static const char * const kinds[] = { "updated", "conflict", "estimate" };

  json_builder_begin_object (b);
  add_string_or_null (b, "file", plan->file);
  add_string_or_null (b, "sheet", plan->sheet);
  add_string_or_null (b, "kind", fp_import_kind_to_string (plan->kind));
  add_string_or_null (b, "sha256", plan->sha256);
  add_string_or_null (b, "source", plan->source.id);
  json_builder_set_member_name (b, "rows");
  json_builder_add_int_value (b, plan->n_rows);

  json_builder_set_member_name (b, "counts");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "new");
  json_builder_add_int_value (b, plan->new_sites->len);
  json_builder_set_member_name (b, "updated_sites");
  json_builder_add_int_value (b, fp_import_plan_count_updated_sites (plan));
  json_builder_set_member_name (b, "updated_fields");
  json_builder_add_int_value (b, fp_import_plan_count_changes (plan, FP_IMPORT_CHANGE_UPDATE));
  json_builder_set_member_name (b, "conflicts");
  json_builder_add_int_value (b, fp_import_plan_count_changes (plan, FP_IMPORT_CHANGE_CONFLICT));
  json_builder_set_member_name (b, "ambiguous");
  json_builder_add_int_value (b, plan->ambiguous->len);
  json_builder_set_member_name (b, "refused_rows");
  json_builder_add_int_value (b, fp_import_plan_count_refused_rows (plan));
  json_builder_set_member_name (b, "ignored");
  json_builder_add_int_value (b, plan->ignored->len);
  json_builder_end_object (b);

  json_builder_set_member_name (b, "columns");
  json_builder_begin_array (b);
  for (guint i = 0; i < plan->columns->len; i++)
    {
      const FpImportColumn *c = g_ptr_array_index (plan->columns, i);
      g_autofree char *letters = fp_table_column_name (c->column);

      json_builder_begin_object (b);
      add_string_or_null (b, "field", c->field);
      add_string_or_null (b, "column", letters);
      add_string_or_null (b, "header", c->header);
      add_string_or_null (b, "how", c->how);
      json_builder_set_member_name (b, "held");
      json_builder_add_boolean_value (b, c->held);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "unmatched_headers");
  json_builder_begin_array (b);
  for (guint i = 0; i < plan->unmatched->len; i++)
    json_builder_add_string_value (b, g_ptr_array_index (plan->unmatched, i));
  json_builder_end_array (b);

  json_builder_set_member_name (b, "new_sites");
  json_builder_begin_array (b);
  for (guint i = 0; i < plan->new_sites->len; i++)
    {
      const FpImportNewSite *s = g_ptr_array_index (plan->new_sites, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "row");
      json_builder_add_int_value (b, s->row);
      add_string_or_null (b, "site", s->site_id);
      add_string_or_null (b, "name", s->name);
      add_string_or_null (b, "site_type", s->site_type);
      add_string_or_null (b, "postcode", s->postcode);
      add_string_or_null (b, "placed_by", s->placed_by);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "changes");
  json_builder_begin_array (b);
  for (guint i = 0; i < plan->changes->len; i++)
    {
      const FpImportChange *c = g_ptr_array_index (plan->changes, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "row");
      json_builder_add_int_value (b, c->row);
      add_string_or_null (b, "kind", kinds[c->kind]);
      add_string_or_null (b, "site", c->site_id);
      add_string_or_null (b, "name", c->site_name);
      add_string_or_null (b, "field", c->field);
      add_string_or_null (b, "old", c->old_value);
      add_string_or_null (b, "new", c->new_value);
      if (c->kind == FP_IMPORT_CHANGE_CONFLICT)
        {
          add_string_or_null (b, "old_source", c->old_source);
          json_builder_set_member_name (b, "take");
          json_builder_add_boolean_value (b, c->take);
        }
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  add_problems (b, "ambiguous", plan->ambiguous);
  add_problems (b, "refused", plan->refused);
  add_problems (b, "ignored", plan->ignored);
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  json_generator_set_pretty (gen, TRUE);
  return json_generator_to_data (gen, NULL);
}

/**
 * fp_import_plan_refused_report_path:
 * @plan: a plan
 *
 * Returns: (transfer full): where the report of refused rows goes: beside the source,
 *   `NAME-refused.csv`
 */
char *
fp_import_plan_refused_report_path (const FpImportPlan *plan)
{
  g_autofree char *dir = g_path_get_dirname (plan->path);
  const char *dot = strrchr (plan->file, '.');
  g_autofree char *stem = dot != NULL ? g_strndup (plan->file, dot - plan->file)
                                      : g_strdup (plan->file);
  g_autofree char *name = g_strconcat (stem, "-refused.csv", NULL);

  return g_build_filename (dir, name, NULL);
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

/**
 * fp_import_plan_write_refused_report:
 * @plan: a plan
 * @path: (nullable): where to write it (default: fp_import_plan_refused_report_path())
 * @error: return location for an error
 *
 * Writes the refused rows as CSV: the row, the column, the reason, then the row's own
 * cells under the file's headers, so they can be corrected and imported again. Text is made
 * safe for a spreadsheet (fp_cell_text_safe()); the file is written under a temporary name
 * and renamed.
 *
 * Returns: %TRUE on success
 */
gboolean
fp_import_plan_write_refused_report (const FpImportPlan *plan,
                                     const char         *path,
                                     GError            **error)
{
  g_autofree char *target = path != NULL ? g_strdup (path)
                                         : fp_import_plan_refused_report_path (plan);
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GHashTable) rows = g_hash_table_new (NULL, NULL);

  csv_field (out, _("Row"));
  g_string_append_c (out, ',');
  csv_field (out, _("Column"));
  g_string_append_c (out, ',');
  csv_field (out, _("Problem"));
  for (guint c = 0; c < plan->table->header->len; c++)
    {
      g_string_append_c (out, ',');
      csv_field (out, g_ptr_array_index (plan->table->header, c));
    }
  g_string_append (out, "\r\n");

  for (guint r = 0; r < plan->table->rows->len; r++)
    g_hash_table_insert (rows, GUINT_TO_POINTER (((FpTableRow *) g_ptr_array_index (
                                                     plan->table->rows, r))->number),
                         g_ptr_array_index (plan->table->rows, r));

  for (guint i = 0; i < plan->refused->len; i++)
    {
      const FpImportProblem *p = g_ptr_array_index (plan->refused, i);
      const FpTableRow *row = g_hash_table_lookup (rows, GUINT_TO_POINTER (p->row));
      g_autofree char *number = g_strdup_printf ("%u", p->row);

      csv_field (out, number);
      g_string_append_c (out, ',');
      csv_field (out, p->column);
      g_string_append_c (out, ',');
      csv_field (out, p->message);
      for (guint c = 0; c < plan->table->header->len; c++)
        {
          g_string_append_c (out, ',');
          csv_field (out, row != NULL ? fp_table_cell (row, c) : "");
        }
      g_string_append (out, "\r\n");
    }

  /* g_file_set_contents writes a temporary file and renames it into place. */
  return g_file_set_contents (target, out->str, out->len, error);
}

/**
 * fp_import_register_fields:
 *
 * Returns: (transfer full) (element-type utf8): "key\tlabel" of every register field, in
 *   the order of an export
 */
GPtrArray *
fp_import_register_fields (void)
{
  GPtrArray *list = g_ptr_array_new_with_free_func (g_free);

  for (guint f = 0; f < N_FIELDS; f++)
    g_ptr_array_add (list, g_strdup_printf ("%s\t%s", fields[f].key, _(fields[f].label)));
  return list;
}
