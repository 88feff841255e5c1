/* test-format.c: numbers as people read them.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "fp-test-util.h"

typedef char *(*FormatFunc) (double);

static void
test_format (void)
{
  const struct { FormatFunc func; double value; const char *expect; } cases[] = {
    { fp_format_count, 0, "0" },
    { fp_format_count, 999, "999" },
    { fp_format_count, 1000, "1,000" },
    { fp_format_count, 1361141, "1,361,141" },
    { fp_format_count, -12345.6, "−12,346" },
    { fp_format_count, NAN, "—" },
    { fp_format_count, INFINITY, "—" },
    { fp_format_money, 5021344.4, "£5,021,344" },
    { fp_format_money, -250, "−£250" },
    { fp_format_money_short, 5021344, "£5.0m" },
    { fp_format_money_short, 999499, "£999k" },
    { fp_format_money_short, 999500, "£1.0m" },
    { fp_format_money_short, 950, "£950" },
    { fp_format_money_short, 26e6, "£26.0m" },
    { fp_format_money_short, 1.25e9, "£1.25bn" },
    { fp_format_area, 29354, "29,354 m²" },
    { fp_format_percent, 0.853, "85%" },
    { fp_format_percent, 1.5, "150%" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = cases[i].func (cases[i].value);
      g_assert_cmpstr (text, ==, cases[i].expect);
    }
}

static void
test_decimal (void)
{
  g_autofree char *a = fp_format_decimal (1234.56, 1);
  g_autofree char *b = fp_format_decimal (0.999, 2);
  g_autofree char *c = fp_format_decimal (-0.001, 2);

  g_assert_cmpstr (a, ==, "1,234.6");
  g_assert_cmpstr (b, ==, "1.00");
  g_assert_cmpstr (c, ==, "0.00");
}

static void
test_csv_field (void)
{
  const struct { const char *in; const char *out; } cases[] = {
    { "plain", "plain" },
    { "a,b", "\"a,b\"" },
    { "say \"hi\"", "\"say \"\"hi\"\"\"" },
    { "two\nlines", "\"two\nlines\"" },
    { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GString) line = g_string_new (NULL);

      fp_csv_append_field (line, cases[i].in);
      g_assert_cmpstr (line->str, ==, cases[i].out);
    }
}

static void
test_cell_text (void)
{
  const struct { const char *in; const char *out; } cases[] = {
    { "Do nothing", "Do nothing" },
    { "=HYPERLINK(\"http://x\",\"y\")", "'=HYPERLINK(\"http://x\",\"y\")" },
    { "=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0" },
    { "+1", "'+1" },
    { "-2+3", "'-2+3" },
    { "@SUM(A1)", "'@SUM(A1)" },
    { "\t=1", "'\t=1" },
    { "\r=1", "'\r=1" },
    { "a=1", "a=1" },
    { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *safe = fp_cell_text_safe (cases[i].in);
      g_assert_cmpstr (safe, ==, cases[i].out);
      g_assert_false (fp_cell_text_is_risky (safe));
    }
  g_assert_null (fp_cell_text_safe (NULL));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/fp/format/numbers", test_format);
  g_test_add_func ("/fp/format/decimal", test_decimal);
  g_test_add_func ("/fp/format/csv-field", test_csv_field);

  g_test_add_func ("/fp/format/cell-text", test_cell_text);
  return g_test_run ();
}
