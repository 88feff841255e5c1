/* fp-provenance-text.c: provenance as a sentence a planner can read out.
 *
 * Sources are named by their titles, publishers and years and methods by their
 * descriptions, never by their ids; an assumption says who entered it and when.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fp-provenance-text"

#include "config.h"

#include <glib/gi18n.h>

#include "fp-provenance-text.h"

static const FpSource *
find_source (const FpEstate *estate,
             const char     *id)
{
  for (guint i = 0; estate != NULL && id != NULL && i < estate->sources->len; i++)
    {
      const FpSource *source = &g_array_index (estate->sources, FpSource, i);

      if (g_strcmp0 (source->id, id) == 0)
        return source;
    }
  return NULL;
}

static const char *
find_method (const FpEstate *estate,
             const char     *id)
{
  for (guint i = 0; estate != NULL && id != NULL && i < estate->methods->len; i++)
    {
      const FpMethod *method = &g_array_index (estate->methods, FpMethod, i);

      if (g_strcmp0 (method->id, id) == 0)
        return method->description;
    }
  return NULL;
}

/* "ERIC 2016/17, site data (NHS Digital, 2017)" */
static char *
name_source (const FpSource *source,
             int             year)
{
  int y = year > 0 ? year : source->year;

  if (source->publisher != NULL && y > 0)
    /* Translators: a data source: its title, publisher and year */
    return g_strdup_printf (_("%s (%s, %d)"), source->title, source->publisher, y);
  if (source->publisher != NULL)
    /* Translators: a data source: its title and publisher */
    return g_strdup_printf (_("%s (%s)"), source->title, source->publisher);
  return g_strdup (source->title);
}

/**
 * fp_provenance_describe:
 * @estate: the estate whose sources and methods the provenance names
 * @prov: a value's provenance
 *
 * Returns: (transfer full): e.g. "Measured: from Census 2021 usual residents by LSOA 2021
 *   and age (Office for National Statistics, 2021)."
 */
char *
fp_provenance_describe (const FpEstate     *estate,
                        const FpProvenance *prov)
{
  GString *text = g_string_new (NULL);

  switch (prov->kind)
    {
    case FP_PROV_MEASURED:
      {
        const FpSource *source = find_source (estate, prov->source_id);
        g_autofree char *name = source != NULL ? name_source (source, prov->year) : NULL;

        if (name != NULL)
          /* Translators: %s names a published data source */
          g_string_append_printf (text, _("Measured: from %s."), name);
        else
          g_string_append (text, _("Measured: taken from a published source."));
      }
      break;

    case FP_PROV_ESTIMATED:
      {
        const char *method = find_method (estate, prov->method_id);

        if (method != NULL)
          /* Translators: %s describes how Footprint estimated a value */
          g_string_append_printf (text, _("Estimated by Footprint. %s"), method);
        else
          g_string_append (text, _("Estimated by Footprint, not measured."));
      }
      break;

    case FP_PROV_ASSUMED:
      if (prov->author != NULL && prov->recorded_at != NULL)
        /* Translators: who entered an assumed value, and when */
        g_string_append_printf (text, _("Assumed: entered by %s on %.10s."), prov->author,
                                prov->recorded_at);
      else if (prov->author != NULL)
        /* Translators: who entered an assumed value */
        g_string_append_printf (text, _("Assumed: entered by %s."), prov->author);
      else
        g_string_append (text, _("Assumed: entered by a user, not measured."));
      break;

    case FP_PROV_NONE:
    case FP_N_PROV_KINDS:
    default:
      g_string_append (text, _("Not known."));
      break;
    }

  if (prov->note != NULL && *prov->note != '\0')
    g_string_append_printf (text, "\n\n%s", prov->note);

  return g_string_free (text, FALSE);
}

/**
 * fp_provenance_describe_summary:
 * @estate: the estate
 * @prov: where a total's parts came from
 *
 * Returns: (transfer full): e.g. "Measured at 45 sites and estimated at 356. Estimated
 *   by: … Sources: …"
 */
char *
fp_provenance_describe_summary (const FpEstate      *estate,
                                const FpProvSummary *prov)
{
  GString *text = g_string_new (NULL);
  g_autofree char *measured = fp_format_count (prov->n_measured);
  g_autofree char *estimated = fp_format_count (prov->n_estimated);
  g_autofree char *assumed = fp_format_count (prov->n_assumed);

  if (prov->n_measured > 0 && prov->n_estimated > 0)
    /* Translators: how many parts of a total were measured and how many estimated */
    g_string_append_printf (text, _("%s values measured and %s estimated."), measured,
                            estimated);
  else if (prov->n_measured > 0)
    /* Translators: %s is a count */
    g_string_append_printf (text, _("All %s values measured."), measured);
  else if (prov->n_estimated > 0)
    /* Translators: %s is a count */
    g_string_append_printf (text, _("All %s values estimated by Footprint."), estimated);
  if (prov->n_assumed > 0)
    /* Translators: %s is a count */
    g_string_append_printf (text, _(" %s values assumed by users."), assumed);

  for (guint i = 0; prov->methods != NULL && i < prov->methods->len; i++)
    {
      const char *method = find_method (estate, g_ptr_array_index (prov->methods, i));

      if (method != NULL)
        g_string_append_printf (text, "\n\n• %s", method);
    }

  for (guint i = 0; prov->sources != NULL && i < prov->sources->len; i++)
    {
      const FpSource *source = find_source (estate, g_ptr_array_index (prov->sources, i));
      g_autofree char *name = source != NULL ? name_source (source, 0) : NULL;

      if (name != NULL)
        /* Translators: %s names a published data source */
        g_string_append_printf (text, i == 0 ? _("\n\nFrom %s") : _("; %s"), name);
    }

  return g_string_free (text, FALSE);
}

/**
 * fp_provenance_describe_computed:
 * @what: how the figure is computed, as a sentence
 *
 * Returns: (transfer full): the words for a figure Footprint computes from others
 */
char *
fp_provenance_describe_computed (const char *what)
{
  /* Translators: %s says how a figure is worked out, e.g. "Demand ÷ capacity." */
  return g_strdup_printf (_("Computed by Footprint from the site’s figures for the year "
                            "shown. %s"), what);
}
