/* test-postcode.c: postcodes as typed, the bundled table and the site search rule.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "fp-test-util.h"

static void
test_normalise (void)
{
  static const struct { const char *typed, *expected; } cases[] = {
    { "b338td", "B33 8TD" },
    { "B33 8TD", "B33 8TD" },
    { "  b33  8td ", "B33 8TD" },
    { "B1 1AA", "B1 1AA" },
    { "b11aa", "B1 1AA" },
    { "B9 5SS", "B9 5SS" },
    { "sw1a1aa", "SW1A 1AA" },
    { "B91 3QJ", "B91 3QJ" },
    { "Good Hope", NULL },
    { "B33", NULL },
    { "B33 8T", NULL },
    { "B33-8TD", NULL },
    { "", NULL },
    { "12345", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *got = fp_postcode_normalise (cases[i].typed);

      g_assert_cmpstr (got, ==, cases[i].expected);
    }

  {
    g_autofree char *a = fp_postcode_normalise_outward ("b33");
    g_autofree char *b = fp_postcode_normalise_outward ("B 9");
    g_autofree char *c = fp_postcode_normalise_outward ("B338TD");
    g_autofree char *d = fp_postcode_normalise_outward ("33");

    g_assert_cmpstr (a, ==, "B33");
    g_assert_cmpstr (b, ==, "B9");
    g_assert_null (c);
    g_assert_null (d);
  }
}

/* A hand-made table: lookups hit exact postcodes only, districts do not spill into their
 * longer neighbours ("B3 " is not "B33 "), and a bad table is refused with a reason. */
static void
test_table (void)
{
  const char *csv = "postcode,lat,lon\n"
                    "B3 1AA,52.40000,-1.90000\n"
                    "B3 2BB,52.50000,-1.80000\n"
                    "B33 8TD,52.48000,-1.78000\n"
                    "B9 5SS,52.47000,-1.85000\n";
  g_autoptr(GBytes) bytes = g_bytes_new_static (csv, strlen (csv));
  g_autoptr(GError) error = NULL;
  g_autoptr(FpPostcodes) table = fp_postcodes_new_from_bytes (bytes, &error);
  double lat = 0, lon = 0;
  guint n = 0;

  g_assert_no_error (error);
  g_assert_cmpuint (fp_postcodes_get_n (table), ==, 4);

  g_assert_true (fp_postcodes_lookup (table, "b338td", &lat, &lon));
  g_assert_cmpfloat (lat, ==, 52.48);
  g_assert_cmpfloat (lon, ==, -1.78);
  g_assert_true (fp_postcodes_lookup (table, "B9 5SS", &lat, &lon));
  g_assert_cmpfloat (lat, ==, 52.47);
  g_assert_false (fp_postcodes_lookup (table, "B3 3CC", &lat, &lon));
  g_assert_false (fp_postcodes_lookup (table, "B3", &lat, &lon));

  g_assert_true (fp_postcodes_lookup_district (table, "b3", &lat, &lon, &n));
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpfloat_with_epsilon (lat, 52.45, 1e-9);
  g_assert_cmpfloat_with_epsilon (lon, -1.85, 1e-9);
  g_assert_true (fp_postcodes_lookup_district (table, "B33", &lat, &lon, &n));
  g_assert_cmpuint (n, ==, 1);
  g_assert_false (fp_postcodes_lookup_district (table, "B4", &lat, &lon, &n));
  g_assert_cmpuint (n, ==, 0);

  {
    const char *unsorted = "postcode,lat,lon\nB9 5SS,52.47,-1.85\nB3 1AA,52.4,-1.9\n";
    const char *broken = "postcode,lat,lon\nB9 5SS,north,-1.85\n";
    g_autoptr(GBytes) u = g_bytes_new_static (unsorted, strlen (unsorted));
    g_autoptr(GBytes) b = g_bytes_new_static (broken, strlen (broken));
    g_autoptr(GError) e1 = NULL;
    g_autoptr(GError) e2 = NULL;
    g_autoptr(FpPostcodes) t1 = fp_postcodes_new_from_bytes (u, &e1);
    g_autoptr(FpPostcodes) t2 = fp_postcodes_new_from_bytes (b, &e2);

    g_assert_null (t1);
    g_assert_error (e1, FP_ERROR, FP_ERROR_INVALID_DATA);
    g_assert_nonnull (strstr (e1->message, "Line 3"));
    g_assert_null (t2);
    g_assert_error (e2, FP_ERROR, FP_ERROR_INVALID_DATA);
    g_assert_nonnull (strstr (e2->message, "Line 2"));
  }
}

/* The bundled table has the postcodes of the default dataset's sites, at their places. */
static void
test_bundled (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FpPostcodes) table = fp_postcodes_load_default (&error);
  g_autoptr(FpEstate) estate = NULL;
  guint checked = 0, found = 0;

  g_assert_no_error (error);
  g_assert_cmpuint (fp_postcodes_get_n (table), >, 40000);

  estate = fp_dataset_load_default (&error);
  g_assert_no_error (error);
  for (guint i = 0; i < estate->sites->len; i++)
    {
      const FpSite *site = fp_estate_get_site (estate, i);
      const char *pc = site->texts[FP_SITE_POSTCODE];
      double lat, lon;

      if (pc == NULL || !site->placed || g_str_has_prefix (pc, "CV"))
        continue;
      checked++;
      if (fp_postcodes_lookup (table, pc, &lat, &lon))
        {
          found++;
          /* A site placed by its postcode is within a few km of the postcode's centroid
           * (some are placed by their own coordinates, not the postcode). */
          g_assert_cmpfloat (fp_geo_haversine_km (lat, lon, site->lat, site->lon), <, 5.0);
        }
    }

  g_test_message ("%u of %u site postcodes found in the table", found, checked);
  g_assert_cmpuint (checked, >, 100);
  g_assert_cmpuint (found, >=, checked * 9 / 10);
}

static void
test_search (void)
{
  const char *site = "Good Hope Hospital\nAcute hospital\nPFI\nRRK98\nB75 7RR\nNorth";

  g_assert_true (fp_search_matches (site, "good hope"));
  g_assert_true (fp_search_matches (site, "hope GOOD"));
  g_assert_true (fp_search_matches (site, "b757rr"));
  g_assert_true (fp_search_matches (site, "B75 7RR"));
  g_assert_true (fp_search_matches (site, "rrk98"));
  g_assert_true (fp_search_matches (site, ""));
  g_assert_true (fp_search_matches (site, "  "));
  g_assert_true (fp_search_matches (site, NULL));
  g_assert_false (fp_search_matches (site, "heartlands"));
  g_assert_false (fp_search_matches (site, "b338td"));
  g_assert_false (fp_search_matches (site, "good heartlands"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/fp/postcode/normalise", test_normalise);
  g_test_add_func ("/fp/postcode/table", test_table);
  g_test_add_func ("/fp/postcode/bundled", test_bundled);
  g_test_add_func ("/fp/postcode/search", test_search);

  return g_test_run ();
}
