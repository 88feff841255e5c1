/* fp-format.c: the one place numbers are turned into text for people.
 *
 * Thousands are grouped with commas (as en_GB writes them) and money is in pounds. These
 * are for display only: files and spreadsheets get unrounded numbers.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fp-format"

#include "config.h"

#include <math.h>
#include <string.h>

#include "fp-format.h"

/* Groups the digits of a rounded, non-negative integer part. */
static void
append_grouped (GString *out,
                double   value)
{
  char digits[64];
  int len, lead;

  g_snprintf (digits, sizeof digits, "%.0f", value);
  len = (int) strlen (digits);
  lead = len % 3 == 0 ? 3 : len % 3;

  for (int i = 0; i < len; i++)
    {
      if (i > 0 && (i - lead) % 3 == 0)
        g_string_append_c (out, ',');
      g_string_append_c (out, digits[i]);
    }
}

static char *
format_number (double      value,
               int         digits,
               const char *prefix,
               const char *suffix)
{
  GString *out;
  double rounded, whole, fraction;

  if (!isfinite (value))
    return g_strdup (FP_FORMAT_UNKNOWN);

  out = g_string_new (NULL);
  rounded = round (fabs (value) * pow (10, digits)) / pow (10, digits);
  if (value < 0 && rounded > 0)
    g_string_append (out, "−");
  g_string_append (out, prefix);

  whole = floor (rounded);
  fraction = rounded - whole;
  append_grouped (out, whole);
  if (digits > 0)
    {
      char buf[32];

      g_snprintf (buf, sizeof buf, "%.*f", digits, fraction);
      /* buf is "0.xx" (or "1.00" when rounding carried, which the rounding above avoids) */
      g_string_append (out, buf + 1);
    }
  g_string_append (out, suffix);

  return g_string_free (out, FALSE);
}

/**
 * fp_format_count:
 * @value: a count
 *
 * Returns: (transfer full): e.g. "1,361,141", or "—" when @value is unknown
 */
char *
fp_format_count (double value)
{
  return format_number (value, 0, "", "");
}

/**
 * fp_format_money:
 * @value: pounds
 *
 * Returns: (transfer full): e.g. "£1,234,567"
 */
char *
fp_format_money (double value)
{
  return format_number (value, 0, "£", "");
}

/**
 * fp_format_money_short:
 * @value: pounds
 *
 * Returns: (transfer full): e.g. "£5.0m", "£830k", "£950"
 */
char *
fp_format_money_short (double value)
{
  double magnitude = fabs (value);

  if (!isfinite (value))
    return g_strdup (FP_FORMAT_UNKNOWN);
  if (magnitude >= 999500000.0)
    return format_number (value / 1e9, 2, "£", "bn");
  if (magnitude >= 999500.0)
    return format_number (value / 1e6, 1, "£", "m");
  if (magnitude >= 10000.0)
    return format_number (value / 1e3, 0, "£", "k");
  return format_number (value, 0, "£", "");
}

/**
 * fp_format_area:
 * @value: square metres
 *
 * Returns: (transfer full): e.g. "29,354 m²"
 */
char *
fp_format_area (double value)
{
  return format_number (value, 0, "", " m²");
}

/**
 * fp_format_percent:
 * @fraction: a fraction (0.5 is 50%)
 *
 * Returns: (transfer full): e.g. "85%"
 */
char *
fp_format_percent (double fraction)
{
  return format_number (fraction * 100.0, 0, "", "%");
}

/**
 * fp_format_decimal:
 * @value: a number
 * @digits: decimal places
 *
 * Returns: (transfer full): e.g. "1,234.5"
 */
char *
fp_format_decimal (double value,
                   int    digits)
{
  return format_number (value, digits, "", "");
}
