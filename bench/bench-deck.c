/* bench-deck.c: a 10-page story exported as a PDF deck (target ≤ 3 s) and as PNGs.
 *
 * The document is a new default one; the story has ten views over Do nothing and the
 * example options, in several years, with every colour metric, a zone layer on some (two
 * distance layers, density, deprivation), a map view on half and a site picked on one. Each
 * run does what footprint-cli story export does: read the boundaries, compute each option,
 * its access and key figures, shade the zones, draw the pages and write the file.
 *
 *   ninja -C _build bench/bench-deck && _build/bench/bench-deck 11
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sys/resource.h>
#include <glib/gstdio.h>

#include "bench-util.h"
#include "fp-deck.h"

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

/* This process's processor time, user and system: on a shared machine the wall clock
 * counts the other programs' turns too. */
static double
cpu_ms (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1000.0 +
         (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1000.0;
}

int
main (int    argc,
      char **argv)
{
  int runs = argc > 1 ? atoi (argv[1]) : 11;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("bench-deck-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "deck.footprint", NULL);
  g_autofree char *pdf = g_build_filename (dir, "deck.pdf", NULL);
  g_autofree char *pngs = g_build_filename (dir, "pages", NULL);
  g_autoptr(FpStore) store = NULL;
  g_autoptr(FpWorkspace) ws = NULL;
  g_autoptr(FpStory) story = fp_story_new ("Bench");
  g_autofree double *pdf_ms = NULL;
  g_autofree double *png_ms = NULL;
  g_autofree double *pdf_cpu = NULL;
  GPtrArray *scenarios;
  const char *colours[] = { "utilisation", "category", "tenure", "void-cost", "cost-per-m2",
                            "condition" };
  const char *zones[] = { "none", "distance-change", "density", "none", "imd",
                          "distance-after" };
  int base;

  g_assert_no_error (error);
  runs = MAX (runs, 1);
  store = fp_store_create_default (path, &error);
  g_assert_no_error (error);
  g_clear_object (&store);
  ws = fp_workspace_open (path, NULL, &error);
  g_assert_no_error (error);
  scenarios = fp_workspace_get_scenarios (ws);
  base = fp_model_get_base_year (fp_workspace_get_model (ws));

  for (guint i = 0; i < 10; i++)
    {
      const FpScenario *scenario = scenarios->len > 0
                                   ? g_ptr_array_index (scenarios, i % scenarios->len) : NULL;
      const char *option = i % 4 == 0 || scenario == NULL ? NULL : scenario->name;
      g_autofree char *title = g_strdup_printf ("View %u", i + 1);
      FpStoryView *view = fp_story_view_new (option, base + (int) (i % 11), title);

      g_free (view->colour_by);
      view->colour_by = g_strdup (colours[i % G_N_ELEMENTS (colours)]);
      g_free (view->zone_layer);
      view->zone_layer = g_strdup (zones[i % G_N_ELEMENTS (zones)]);
      if (fp_story_zone_layer_needs_service (view->zone_layer))
        view->zone_service = g_strdup ("urgent_care");
      g_free (view->notes);
      view->notes = g_strdup ("A line of notes for the room, as a facilitator would write it.");
      if (i % 2 == 1)
        {
          view->has_map_view = TRUE;
          view->latitude = 52.48;
          view->longitude = -1.89;
          view->zoom = 11;
        }
      if (i == 3)
        view->site = g_strdup ("RRK15");
      g_ptr_array_add (story->views, view);
    }

  pdf_ms = g_new (double, runs);
  png_ms = g_new (double, runs);
  pdf_cpu = g_new (double, runs);
  for (int r = 0; r < runs; r++)
    {
      double t0 = now_ms (), c0 = cpu_ms ();
      g_autoptr(FpDeck) deck = fp_deck_new (ws, story, NULL, &error);
      g_autoptr(GPtrArray) written = NULL;

      g_assert_no_error (error);
      if (g_getenv ("BENCH_PHASES") != NULL)
        printf ("deck_new %.0f ms\n", now_ms () - t0);
      g_assert_true (fp_deck_write_pdf (deck, pdf, &error));
      g_assert_no_error (error);
      pdf_ms[r] = now_ms () - t0;
      pdf_cpu[r] = cpu_ms () - c0;

      t0 = now_ms ();
      g_clear_pointer (&deck, fp_deck_free);
      deck = fp_deck_new (ws, story, NULL, &error);
      written = fp_deck_write_pngs (deck, pngs, &error);
      g_assert_no_error (error);
      png_ms[r] = now_ms () - t0;
    }

  bench_report ("1. a 10-page story as a PDF deck (footprint-cli story export)", pdf_ms, runs,
                "target <= 3000 ms");
  bench_report ("   the same, processor time of the process", pdf_cpu, runs,
                "user + system");
  bench_report ("2. the same story as 10 PNGs, 1920 x 1080", png_ms, runs, "no target");

  /* Leave no files behind. */
  {
    g_autoptr(GDir) d = g_dir_open (pngs, 0, NULL);
    const char *name;

    while (d != NULL && (name = g_dir_read_name (d)) != NULL)
      {
        g_autofree char *file = g_build_filename (pngs, name, NULL);

        g_unlink (file);
      }
    g_rmdir (pngs);
    g_unlink (pdf);
    g_clear_object (&ws);
    g_unlink (path);
    {
      g_autofree char *wal = g_strconcat (path, "-wal", NULL);
      g_autofree char *shm = g_strconcat (path, "-shm", NULL);

      g_unlink (wal);
      g_unlink (shm);
    }
    g_rmdir (dir);
  }
  return 0;
}
