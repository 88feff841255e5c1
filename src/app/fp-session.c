/* fp-session.c: the scenario, year, selection and map style of one window.
 *
 * The window's session follows the workspace's current scenario and borrows its results
 * (the workspace recomputes them once for every edit); a session made for one scenario
 * (the compare view's maps) computes its own with fp_workspace_compute(). Every session
 * listens to the workspace's "changed" signal, so an edit made anywhere (an action, a
 * dialog, another view) refreshes it once. The access measures of the year are taken
 * again only for what changed: Do nothing's when the year or the assumptions change, the
 * scenario's when its results do (fp_access_compute, about 8 ms). Views are told once,
 * by ::results-changed, after everything they read is up to date. Flows and zone values
 * are worked out when a view first asks for them, and kept until the results change.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fp-session"

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "fp-session.h"

#define DEFAULT_ZONE_SERVICE "urgent_care"

struct _FpSession
{
  GObject        parent_instance;

  FpWorkspace   *workspace;
  gulong         changed_id;
  gboolean       follows_current; /* the window's session: the workspace's current scenario */
  gboolean       frozen;          /* out of sight: edits only mark it stale */
  gboolean       stale;
  gboolean       stale_do_nothing;
  guint          access_idle_id;  /* access measured after the edit's frame */
  char          *scenario;
  gint64         scenario_id;     /* of @scenario: a renamed scenario is still the one shown */
  guint          year;            /* index */

  FpResults     *results;         /* borrowed from the workspace when following it */
  gboolean       results_borrowed;
  FpResults     *do_nothing;      /* with the document's category overrides */
  FpAccess      *access;
  FpAccess      *do_nothing_access;
  FpKeyFigures   figures;
  FpKeyFigures   do_nothing_figures;
  GArray        *flows;           /* FpActivityFlow, NULL until asked for */
  gboolean       flows_failed;
  GListStore    *sites;           /* FpResultItem */

  guint          selected;

  FpColourBy     colour_by;
  FpSizeBy       size_by;
  FpZoneLayer    zone_layer;
  char          *zone_service;
  double        *zone_areas;      /* km², NULL until asked for */
  double        *zone_values;      /* of the zone layer, NULL until asked for */
  gboolean       show_flows;

  char          *search;
  gboolean      *matches;         /* by results site, NULL without a search */
  guint          n_matches;
};

G_DEFINE_FINAL_TYPE (FpSession, fp_session, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_SCENARIO,
  PROP_YEAR,
  PROP_SELECTED,
  PROP_COLOUR_BY,
  PROP_SIZE_BY,
  PROP_ZONE_LAYER,
  PROP_ZONE_SERVICE,
  PROP_SHOW_FLOWS,
  PROP_SEARCH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  RESULTS_CHANGED,
  ACCESS_CHANGED,
  STYLE_CHANGED,
  MATCHES_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ---- helpers -------------------------------------------------------------------- */

static void
forget_derived (FpSession *self)
{
  g_clear_pointer (&self->flows, g_array_unref);
  self->flows_failed = FALSE;
  g_clear_pointer (&self->zone_values, g_free);
}

static void
update_matches (FpSession *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->sites));

  g_clear_pointer (&self->matches, g_free);
  self->n_matches = 0;

  if (self->search == NULL || *self->search == '\0')
    return;

  self->matches = g_new0 (gboolean, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(FpResultItem) item = g_list_model_get_item (G_LIST_MODEL (self->sites), i);

      self->matches[i] = fp_search_matches (fp_result_item_get_search_text (item), self->search);
      if (self->matches[i])
        self->n_matches++;
    }
}

static void
clear_results (FpSession *self)
{
  if (self->results_borrowed)
    self->results = NULL;
  else
    g_clear_pointer (&self->results, fp_results_free);
  self->results_borrowed = FALSE;
}

static void
set_scenario_name (FpSession  *self,
                   const char *name)
{
  const FpScenario *s = name != NULL ? fp_workspace_find_scenario (self->workspace, name)
                                     : NULL;

  g_free (self->scenario);
  self->scenario = s != NULL ? g_strdup (s->name) : NULL;
  self->scenario_id = s != NULL ? s->id : 0;
}

/* Do nothing's access and key figures in the year shown. */
static void
measure_do_nothing (FpSession *self)
{
  g_clear_pointer (&self->do_nothing_access, fp_access_free);
  self->do_nothing_access = fp_access_compute (fp_workspace_get_model (self->workspace),
                                               self->do_nothing, self->year);
  fp_key_figures_compute (fp_workspace_get_model (self->workspace), self->do_nothing,
                          self->do_nothing_access, self->year, &self->do_nothing_figures);
}

static void measure_scenario (FpSession *self,
                              gboolean   defer_access);

/* After an edit, access is measured once the edit's frame is drawn (an idle runs after the
 * frame clock's redraw): the costs, the map and the arrows show the edit at once, and the
 * access figures (about 8 ms to measure) follow in the next frame. */
static gboolean
measure_access_cb (gpointer user_data)
{
  FpSession *self = user_data;

  self->access_idle_id = 0;
  measure_scenario (self, FALSE);
  g_clear_pointer (&self->zone_values, g_free);
  g_signal_emit (self, signals[ACCESS_CHANGED], 0);
  return G_SOURCE_REMOVE;
}

/* The scenario's access, key figures and list of sites in the year shown. Do nothing's
 * access serves as the scenario's when Do nothing is shown. With @defer_access, the
 * access of the results before stands in until measure_access_cb() runs. */
static void
measure_scenario (FpSession *self,
                  gboolean   defer_access)
{
  const FpModel *model = fp_workspace_get_model (self->workspace);

  g_clear_handle_id (&self->access_idle_id, g_source_remove);
  if (defer_access && self->access != NULL && !fp_session_is_do_nothing (self))
    self->access_idle_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, measure_access_cb, self,
                                            NULL);
  else
    {
      g_clear_pointer (&self->access, fp_access_free);
      if (!fp_session_is_do_nothing (self))
        self->access = fp_access_compute (model, self->results, self->year);
    }

  fp_key_figures_compute (model, self->results, fp_session_get_access (self), self->year,
                          &self->figures);
  fp_key_figures_compare (&self->figures, &self->do_nothing_figures);

  fp_result_items_update (self->sites, fp_workspace_get_estate (self->workspace),
                          self->results, self->year);
}

/* Computes Do nothing (when @with_do_nothing, or the first time) and the results of
 * @scenario, which becomes the one shown; on failure nothing changes. */
static gboolean
compute (FpSession   *self,
         const char  *scenario,
         gboolean     with_do_nothing,
         gboolean     defer_access,
         GError     **error)
{
  g_autoptr(FpResults) results = NULL;
  g_autoptr(FpResults) do_nothing = NULL;
  const FpResults *borrowed = NULL;
  guint n_sites;

  with_do_nothing = with_do_nothing || self->do_nothing == NULL;
  if (with_do_nothing)
    {
      do_nothing = fp_workspace_compute (self->workspace, NULL, error);
      if (do_nothing == NULL)
        return FALSE;
    }

  if (self->follows_current)
    borrowed = fp_workspace_get_results (self->workspace);
  if (borrowed == NULL)
    {
      /* A scenario the workspace could not compute says why here. */
      results = fp_workspace_compute (self->workspace,
                                      fp_scenario_is_do_nothing (scenario) ? NULL : scenario,
                                      error);
      if (results == NULL)
        return FALSE;
    }

  clear_results (self);
  if (borrowed != NULL)
    {
      self->results = (FpResults *) borrowed;
      self->results_borrowed = TRUE;
    }
  else
    self->results = g_steal_pointer (&results);
  if (with_do_nothing)
    {
      g_clear_pointer (&self->do_nothing, fp_results_free);
      self->do_nothing = g_steal_pointer (&do_nothing);
    }
  if (scenario != self->scenario)
    set_scenario_name (self, scenario);

  /* A horizon made shorter keeps the year shown inside it. */
  if (self->year >= self->results->n_years)
    {
      self->year = self->results->n_years - 1;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_YEAR]);
      with_do_nothing = TRUE;
    }

  forget_derived (self);
  if (with_do_nothing || self->do_nothing_access == NULL)
    measure_do_nothing (self);
  measure_scenario (self, defer_access && !with_do_nothing);

  /* A site the new scenario does not have (one another scenario opened) is unselected. */
  n_sites = self->results->n_sites;
  if (self->selected != FP_SITE_NONE && self->selected >= n_sites)
    {
      self->selected = FP_SITE_NONE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED]);
    }

  update_matches (self);
  return TRUE;
}

/* One edit, or another current scenario: refresh once. */
static void
on_workspace_changed_cb (FpWorkspace       *workspace,
                         FpWorkspaceChange  what,
                         const char        *edited,
                         FpSession         *self)
{
  g_autoptr(GError) error = NULL;
  gboolean with_do_nothing = (what & (FP_WORKSPACE_CHANGED_OVERRIDES |
                                      FP_WORKSPACE_CHANGED_ASSUMPTIONS)) != 0;
  g_autofree char *scenario = g_strdup (self->scenario);
  g_autofree char *before = g_strdup (self->scenario);

  if (self->frozen)
    {
      self->stale_do_nothing = self->stale_do_nothing || with_do_nothing;
      self->stale = TRUE;
      return;
    }
  with_do_nothing = with_do_nothing || self->stale_do_nothing;
  self->stale = FALSE;
  self->stale_do_nothing = FALSE;

  if (self->follows_current)
    {
      const char *current = fp_workspace_get_current_scenario (workspace);

      g_free (scenario);
      scenario = g_strdup (current);
    }
  else if (scenario != NULL)
    {
      /* The same scenario, found by its id: it may have been renamed. */
      GPtrArray *scenarios = fp_workspace_get_scenarios (workspace);

      g_clear_pointer (&scenario, g_free);
      for (guint i = 0; i < scenarios->len; i++)
        {
          FpScenario *s = g_ptr_array_index (scenarios, i);

          if (s->id == self->scenario_id)
            scenario = g_strdup (s->name);
        }
    }

  /* The same scenario edited: its access follows the edit's frame. */
  if (!compute (self, scenario, with_do_nothing,
                g_strcmp0 (scenario, before) == 0 && (what & FP_WORKSPACE_CHANGED_CHANGES),
                &error))
    {
      /* The window presents errors; a session can only say what it could not show. */
      g_warning ("Scenario “%s” could not be shown after an edit: %s",
                 scenario != NULL ? scenario : FP_DO_NOTHING, error->message);
      return;
    }

  if (g_strcmp0 (before, self->scenario) != 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCENARIO]);
  g_signal_emit (self, signals[RESULTS_CHANGED], 0);
}

/* ---- vfuncs --------------------------------------------------------------------- */

static void
fp_session_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  FpSession *self = FP_SESSION (object);

  switch (prop_id)
    {
    case PROP_SCENARIO:
      g_value_set_string (value, fp_session_get_scenario (self));
      break;
    case PROP_YEAR:
      g_value_set_int (value, fp_session_get_year (self));
      break;
    case PROP_SELECTED:
      g_value_set_uint (value, self->selected);
      break;
    case PROP_COLOUR_BY:
      g_value_set_string (value, fp_colour_by_to_string (self->colour_by));
      break;
    case PROP_SIZE_BY:
      g_value_set_string (value, fp_size_by_to_string (self->size_by));
      break;
    case PROP_ZONE_LAYER:
      g_value_set_string (value, fp_zone_layer_to_string (self->zone_layer));
      break;
    case PROP_ZONE_SERVICE:
      g_value_set_string (value, self->zone_service);
      break;
    case PROP_SHOW_FLOWS:
      g_value_set_boolean (value, self->show_flows);
      break;
    case PROP_SEARCH:
      g_value_set_string (value, self->search);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fp_session_finalize (GObject *object)
{
  FpSession *self = FP_SESSION (object);

  if (self->workspace != NULL)
    g_clear_signal_handler (&self->changed_id, self->workspace);
  g_clear_handle_id (&self->access_idle_id, g_source_remove);
  forget_derived (self);
  g_clear_pointer (&self->access, fp_access_free);
  g_clear_pointer (&self->do_nothing_access, fp_access_free);
  clear_results (self);
  g_clear_pointer (&self->do_nothing, fp_results_free);
  g_clear_pointer (&self->zone_areas, g_free);
  g_clear_pointer (&self->matches, g_free);
  g_clear_object (&self->sites);
  g_free (self->scenario);
  g_free (self->zone_service);
  g_free (self->search);
  /* The results borrow the workspace's category overrides: it goes last. */
  g_clear_object (&self->workspace);

  G_OBJECT_CLASS (fp_session_parent_class)->finalize (object);
}

static void
fp_session_class_init (FpSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->get_property = fp_session_get_property;
  object_class->finalize = fp_session_finalize;

  properties[PROP_SCENARIO] = g_param_spec_string ("scenario", NULL, NULL, NULL, flags);
  properties[PROP_YEAR] = g_param_spec_int ("year", NULL, NULL, 0, G_MAXINT, 0, flags);
  properties[PROP_SELECTED] =
    g_param_spec_uint ("selected", NULL, NULL, 0, G_MAXUINT, FP_SITE_NONE, flags);
  properties[PROP_COLOUR_BY] = g_param_spec_string ("colour-by", NULL, NULL, NULL, flags);
  properties[PROP_SIZE_BY] = g_param_spec_string ("size-by", NULL, NULL, NULL, flags);
  properties[PROP_ZONE_LAYER] = g_param_spec_string ("zone-layer", NULL, NULL, NULL, flags);
  properties[PROP_ZONE_SERVICE] = g_param_spec_string ("zone-service", NULL, NULL, NULL, flags);
  properties[PROP_SHOW_FLOWS] = g_param_spec_boolean ("show-flows", NULL, NULL, TRUE, flags);
  properties[PROP_SEARCH] = g_param_spec_string ("search", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * FpSession::results-changed:
   *
   * The scenario or the year changed, or the document did: results, access, key figures,
   * sites and flows are up to date when it is emitted.
   */
  signals[RESULTS_CHANGED] =
    g_signal_new ("results-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * FpSession::access-changed:
   *
   * The scenario's access measures and the key figures made from them are up to date
   * (after an edit they follow ::results-changed by a frame).
   */
  signals[ACCESS_CHANGED] =
    g_signal_new ("access-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * FpSession::style-changed:
   *
   * What the map's colours, sizes, zones or arrows show changed.
   */
  signals[STYLE_CHANGED] =
    g_signal_new ("style-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * FpSession::matches-changed:
   *
   * The sites matching the search changed.
   */
  signals[MATCHES_CHANGED] =
    g_signal_new ("matches-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
fp_session_init (FpSession *self)
{
  self->sites = g_list_store_new (FP_TYPE_RESULT_ITEM);
  self->selected = FP_SITE_NONE;
  self->colour_by = FP_COLOUR_BY_UTILISATION;
  self->size_by = FP_SIZE_BY_FLOOR_AREA;
  self->zone_layer = FP_ZONE_LAYER_NONE;
  self->zone_service = g_strdup (DEFAULT_ZONE_SERVICE);
  self->show_flows = TRUE;
}

/* ---- public API ----------------------------------------------------------------- */

static FpSession *
session_new (FpWorkspace  *workspace,
             gboolean      follows_current,
             const char   *scenario,
             GError      **error)
{
  g_autoptr(FpSession) self = NULL;
  const FpEstate *estate;

  self = g_object_new (FP_TYPE_SESSION, NULL);
  self->workspace = g_object_ref (workspace);
  self->follows_current = follows_current;
  estate = fp_workspace_get_estate (workspace);
  if (!fp_estate_find_service (estate, self->zone_service, NULL) && estate->services->len > 0)
    {
      g_free (self->zone_service);
      self->zone_service = g_strdup (g_array_index (estate->services, FpService, 0).id);
    }

  if (!compute (self, scenario, TRUE, FALSE, error))
    return NULL;

  /* Connected first, before any view: the session is up to date when a view hears of an
   * edit, and never holds the workspace's results after they are replaced. */
  self->changed_id = g_signal_connect (workspace, "changed",
                                       G_CALLBACK (on_workspace_changed_cb), self);
  return g_steal_pointer (&self);
}

/**
 * fp_session_new:
 * @workspace: an open document
 * @error: return location for an error
 *
 * The window's session: it shows the workspace's current scenario
 * (fp_workspace_set_current_scenario() changes it) and refreshes after every edit.
 *
 * Returns: (transfer full) (nullable): a session in the base year
 */
FpSession *
fp_session_new (FpWorkspace  *workspace,
                GError      **error)
{
  g_return_val_if_fail (FP_IS_WORKSPACE (workspace), NULL);
  return session_new (workspace, TRUE, fp_workspace_get_current_scenario (workspace), error);
}

/**
 * fp_session_new_for_scenario:
 * @workspace: an open document
 * @scenario: (nullable): a scenario of the document, or %NULL or “Do nothing”
 * @error: return location for an error
 *
 * A session that shows one scenario whatever the window shows (the compare view's maps);
 * it follows that scenario through renames and refreshes after every edit.
 *
 * Returns: (transfer full) (nullable): a session in the base year
 */
FpSession *
fp_session_new_for_scenario (FpWorkspace  *workspace,
                             const char   *scenario,
                             GError      **error)
{
  const FpScenario *s = NULL;

  g_return_val_if_fail (FP_IS_WORKSPACE (workspace), NULL);

  if (!fp_scenario_is_do_nothing (scenario))
    {
      s = fp_workspace_find_scenario (workspace, scenario);
      if (s == NULL)
        {
          g_set_error (error, FP_ERROR, FP_ERROR_NOT_FOUND,
                       _("This document has no scenario “%s”"), scenario);
          return NULL;
        }
    }
  return session_new (workspace, FALSE, s != NULL ? s->name : NULL, error);
}

FpWorkspace *
fp_session_get_workspace (FpSession *self)
{
  g_return_val_if_fail (FP_IS_SESSION (self), NULL);
  return self->workspace;
}

const FpEstate *
fp_session_get_estate (FpSession *self)
{
  g_return_val_if_fail (FP_IS_SESSION (self), NULL);
  return fp_workspace_get_estate (self->workspace);
}

const FpModel *
fp_session_get_model (FpSession *self)
{
  g_return_val_if_fail (FP_IS_SESSION (self), NULL);
  return fp_workspace_get_model (self->workspace);
}

/**
 * fp_session_get_scenario:
 * @self: a session
 *
 * Returns: the name of the scenario shown, “Do nothing” for the baseline
 */
const char *
fp_session_get_scenario (FpSession *self)
{
  g_return_val_if_fail (FP_IS_SESSION (self), NULL);
  return self->scenario != NULL ? self->scenario : FP_DO_NOTHING;
}

gboolean
fp_session_is_do_nothing (FpSession *self)
{
  g_return_val_if_fail (FP_IS_SESSION (self), TRUE);
  return self->scenario == NULL;
}

/**
 * fp_session_set_scenario:
 * @self: a session
 * @name: a scenario of the document, or “Do nothing”
 * @error: return location for an error
 *
 * Returns: whether the scenario is shown now; if not, nothing changed
 */
gboolean
fp_session_set_scenario (FpSession   *self,
                         const char  *name,
                         GError     **error)
{
  const char *stored = NULL;

  g_return_val_if_fail (FP_IS_SESSION (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  if (g_ascii_strcasecmp (name, FP_DO_NOTHING) != 0)
    {
      FpScenario *scenario = fp_scenario_find (fp_workspace_get_scenarios (self->workspace), name);

      if (scenario == NULL)
        {
          g_set_error (error, FP_ERROR, FP_ERROR_NOT_FOUND,
                       _("This document has no scenario “%s”"), name);
          return FALSE;
        }
      stored = scenario->name;
    }

  if (g_strcmp0 (stored, self->scenario) == 0)
    return TRUE;

  /* The window's session shows what the workspace calls current: it refreshes when the
   * workspace announces it. */
  if (self->follows_current)
    return fp_workspace_set_current_scenario (self->workspace, stored, error);

  if (!compute (self, stored, FALSE, FALSE, error))
    return FALSE;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCENARIO]);
  g_signal_emit (self, signals[RESULTS_CHANGED], 0);
  return TRUE;
}

int
fp_session_get_year (FpSession *self)
{
  g_return_val_if_fail (FP_IS_SESSION (self), 0);
  return self->results->base_year + (int) self->year;
}

guint
fp_session_get_year_index (FpSession *self)
{
  g_return_val_if_fail (FP_IS_SESSION (self), 0);
  return self->year;
}

int
fp_session_get_first_year (FpSession *self)
{
  g_return_val_if_fail (FP_IS_SESSION (self), 0);
  return self->results->base_year;
}

int
fp_session_get_last_year (FpSession *self)
{
  g_return_val_if_fail (FP_IS_SESSION (self), 0);
  return self->results->base_year + (int) self->results->n_years - 1;
}

/**
 * fp_session_set_year:
 * @self: a session
 * @year: a calendar year within the document's horizon
 * @error: return location for an error
 *
 * Returns: whether @year is shown now; if not, nothing changed
 */
gboolean
fp_session_set_year (FpSession  *self,
                     int         year,
                     GError    **error)
{
  int first, last;

  g_return_val_if_fail (FP_IS_SESSION (self), FALSE);

  first = fp_session_get_first_year (self);
  last = fp_session_get_last_year (self);
  if (year < first || year > last)
    {
      g_set_error (error, FP_ERROR, FP_ERROR_INVALID_ARGUMENT,
                   _("The year %d is outside this document’s horizon, %d to %d"),
                   year, first, last);
      return FALSE;
    }

  if ((guint) (year - first) == self->year)
    return TRUE;

  self->year = (guint) (year - first);
  forget_derived (self);
  measure_do_nothing (self);
  measure_scenario (self, FALSE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_YEAR]);
  g_signal_emit (self, signals[RESULTS_CHANGED], 0);
  return TRUE;
}

const FpResults *
fp_session_get_results (FpSession *self)
{
  g_return_val_if_fail (FP_IS_SESSION (self), NULL);
  return self->results;
}

const FpResults *
fp_session_get_do_nothing (FpSession *self)
{
  g_return_val_if_fail (FP_IS_SESSION (self), NULL);
  return self->do_nothing;
}

const FpAccess *
fp_session_get_access (FpSession *self)
{
  g_return_val_if_fail (FP_IS_SESSION (self), NULL);
  return self->access != NULL ? self->access : self->do_nothing_access;
}

const FpAccess *
fp_session_get_do_nothing_access (FpSession *self)
{
  g_return_val_if_fail (FP_IS_SESSION (self), NULL);
  return self->do_nothing_access;
}

const FpKeyFigures *
fp_session_get_key_figures (FpSession *self)
{
  g_return_val_if_fail (FP_IS_SESSION (self), NULL);
  return &self->figures;
}

/**
 * fp_session_get_changes:
 * @self: a session
 *
 * Returns: (transfer container) (element-type FpChange): the changes in effect in the
 *   scenario shown (borrowed from the workspace)
 */
GPtrArray *
fp_session_get_changes (FpSession *self)
{
  GPtrArray *changes;

  g_return_val_if_fail (FP_IS_SESSION (self), NULL);

  changes = fp_scenario_effective_changes (fp_workspace_get_scenarios (self->workspace),
                                           self->scenario, NULL);
  return changes != NULL ? changes : g_ptr_array_new ();
}

/**
 * fp_session_get_flows:
 * @self: a session
 *
 * Returns: (transfer none) (element-type FpActivityFlow): the flows of the scenario shown in the
 *   year shown (empty for Do nothing)
 */
GArray *
fp_session_get_flows (FpSession *self)
{
  g_return_val_if_fail (FP_IS_SESSION (self), NULL);

  if (self->flows == NULL)
    {
      g_autoptr(GPtrArray) changes = fp_session_get_changes (self);
      g_autoptr(GError) error = NULL;

      self->flows = fp_flows_compute (fp_session_get_model (self), changes, self->year, &error);
      if (self->flows == NULL)
        {
          /* The scenario computed, so its changes apply; say so if they do not. */
          if (!self->flows_failed)
            g_warning ("The flows of scenario “%s” could not be worked out: %s",
                       fp_session_get_scenario (self), error->message);
          self->flows_failed = TRUE;
          self->flows = g_array_new (FALSE, FALSE, sizeof (FpActivityFlow));
        }
    }

  return self->flows;
}

/**
 * fp_session_get_sites:
 * @self: a session
 *
 * Returns: (transfer none): a list of #FpResultItem: the sites of the scenario shown
 */
GListModel *
fp_session_get_sites (FpSession *self)
{
  g_return_val_if_fail (FP_IS_SESSION (self), NULL);
  return G_LIST_MODEL (self->sites);
}

guint
fp_session_get_selected (FpSession *self)
{
  g_return_val_if_fail (FP_IS_SESSION (self), FP_SITE_NONE);
  return self->selected;
}

/**
 * fp_session_set_selected:
 * @self: a session
 * @index: a site of the results shown, or %FP_SITE_NONE
 */
void
fp_session_set_selected (FpSession *self,
                         guint      index)
{
  g_return_if_fail (FP_IS_SESSION (self));
  g_return_if_fail (index == FP_SITE_NONE || index < self->results->n_sites);

  if (self->selected == index)
    return;

  self->selected = index;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED]);
}

gboolean
fp_session_find_site (FpSession  *self,
                      const char *id,
                      guint      *index)
{
  g_return_val_if_fail (FP_IS_SESSION (self), FALSE);
  return id != NULL && fp_results_find_site (self->results, id, index);
}

FpColourBy
fp_session_get_colour_by (FpSession *self)
{
  g_return_val_if_fail (FP_IS_SESSION (self), FP_COLOUR_BY_UTILISATION);
  return self->colour_by;
}

void
fp_session_set_colour_by (FpSession  *self,
                          FpColourBy  by)
{
  g_return_if_fail (FP_IS_SESSION (self));
  g_return_if_fail ((guint) by < FP_N_COLOUR_BY);

  if (self->colour_by == by)
    return;
  self->colour_by = by;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COLOUR_BY]);
  g_signal_emit (self, signals[STYLE_CHANGED], 0);
}

FpSizeBy
fp_session_get_size_by (FpSession *self)
{
  g_return_val_if_fail (FP_IS_SESSION (self), FP_SIZE_BY_FLOOR_AREA);
  return self->size_by;
}

void
fp_session_set_size_by (FpSession *self,
                        FpSizeBy   by)
{
  g_return_if_fail (FP_IS_SESSION (self));
  g_return_if_fail ((guint) by < FP_N_SIZE_BY);

  if (self->size_by == by)
    return;
  self->size_by = by;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SIZE_BY]);
  g_signal_emit (self, signals[STYLE_CHANGED], 0);
}

FpZoneLayer
fp_session_get_zone_layer (FpSession *self)
{
  g_return_val_if_fail (FP_IS_SESSION (self), FP_ZONE_LAYER_NONE);
  return self->zone_layer;
}

void
fp_session_set_zone_layer (FpSession   *self,
                           FpZoneLayer  layer)
{
  g_return_if_fail (FP_IS_SESSION (self));
  g_return_if_fail ((guint) layer < FP_N_ZONE_LAYERS);

  if (self->zone_layer == layer)
    return;
  self->zone_layer = layer;
  g_clear_pointer (&self->zone_values, g_free);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZONE_LAYER]);
  g_signal_emit (self, signals[STYLE_CHANGED], 0);
}

const char *
fp_session_get_zone_service (FpSession *self)
{
  g_return_val_if_fail (FP_IS_SESSION (self), NULL);
  return self->zone_service;
}

/**
 * fp_session_set_zone_service:
 * @self: a session
 * @service: a service id of the document
 * @error: return location for an error
 *
 * Sets the service whose distance the zone layer shows.
 *
 * Returns: whether @service is one of the document's
 */
gboolean
fp_session_set_zone_service (FpSession   *self,
                             const char  *service,
                             GError     **error)
{
  g_return_val_if_fail (FP_IS_SESSION (self), FALSE);

  if (service == NULL || !fp_estate_find_service (fp_session_get_estate (self), service, NULL))
    {
      g_set_error (error, FP_ERROR, FP_ERROR_NOT_FOUND,
                   _("This document has no service “%s”"), service != NULL ? service : "");
      return FALSE;
    }

  if (g_strcmp0 (service, self->zone_service) == 0)
    return TRUE;

  g_free (self->zone_service);
  self->zone_service = g_strdup (service);
  g_clear_pointer (&self->zone_values, g_free);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZONE_SERVICE]);
  if (fp_zone_layer_needs_service (self->zone_layer))
    g_signal_emit (self, signals[STYLE_CHANGED], 0);
  return TRUE;
}

/**
 * fp_session_get_zone_values:
 * @self: a session
 * @error: return location for an error
 *
 * Returns: (array) (nullable): the value of each zone for the zone layer shown, or %NULL
 *   when no zone layer is shown, or (with @error set) when the boundaries could not be read
 */
const double *
fp_session_get_zone_values (FpSession  *self,
                            GError    **error)
{
  const FpEstate *estate;

  g_return_val_if_fail (FP_IS_SESSION (self), NULL);

  if (self->zone_layer == FP_ZONE_LAYER_NONE)
    return NULL;
  if (self->zone_values != NULL)
    return self->zone_values;

  estate = fp_session_get_estate (self);
  if (self->zone_layer == FP_ZONE_LAYER_DENSITY && self->zone_areas == NULL)
    {
      self->zone_areas = fp_zone_areas_load_default (estate, error);
      if (self->zone_areas == NULL)
        return NULL;
    }

  self->zone_values = g_new (double, MAX (estate->zones->len, 1));
  switch (self->zone_layer)
    {
    case FP_ZONE_LAYER_DENSITY:
      fp_zone_values_density (estate, self->zone_areas, self->zone_values);
      break;
    case FP_ZONE_LAYER_IMD:
      fp_zone_values_imd_decile (estate, self->zone_values);
      break;
    case FP_ZONE_LAYER_DISTANCE_BEFORE:
      fp_zone_values_distance (estate,
                               fp_access_find (self->do_nothing_access, FP_FACILITY_SERVICE,
                                               self->zone_service),
                               self->zone_values);
      break;
    case FP_ZONE_LAYER_DISTANCE_AFTER:
      fp_zone_values_distance (estate,
                               fp_access_find (fp_session_get_access (self),
                                               FP_FACILITY_SERVICE, self->zone_service),
                               self->zone_values);
      break;
    case FP_ZONE_LAYER_DISTANCE_CHANGE:
      fp_zone_values_distance_change (estate,
                                      fp_access_find (self->do_nothing_access,
                                                      FP_FACILITY_SERVICE, self->zone_service),
                                      fp_access_find (fp_session_get_access (self),
                                                      FP_FACILITY_SERVICE, self->zone_service),
                                      self->zone_values);
      break;
    case FP_ZONE_LAYER_NONE:
    case FP_N_ZONE_LAYERS:
    default:
      g_assert_not_reached ();
    }

  return self->zone_values;
}

gboolean
fp_session_get_show_flows (FpSession *self)
{
  g_return_val_if_fail (FP_IS_SESSION (self), FALSE);
  return self->show_flows;
}

void
fp_session_set_show_flows (FpSession *self,
                           gboolean   show)
{
  g_return_if_fail (FP_IS_SESSION (self));

  show = !!show;
  if (self->show_flows == show)
    return;
  self->show_flows = show;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_FLOWS]);
  g_signal_emit (self, signals[STYLE_CHANGED], 0);
}

const char *
fp_session_get_search (FpSession *self)
{
  g_return_val_if_fail (FP_IS_SESSION (self), NULL);
  return self->search;
}

/**
 * fp_session_set_search:
 * @self: a session
 * @query: (nullable): what the user typed in the search box
 *
 * The sites matching @query (fp_search_matches()) are highlighted on the map.
 */
void
fp_session_set_search (FpSession  *self,
                       const char *query)
{
  g_return_if_fail (FP_IS_SESSION (self));

  if (query != NULL && *query == '\0')
    query = NULL;
  if (g_strcmp0 (query, self->search) == 0)
    return;

  g_free (self->search);
  self->search = g_strdup (query);
  update_matches (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH]);
  g_signal_emit (self, signals[MATCHES_CHANGED], 0);
}

/**
 * fp_session_get_matches:
 * @self: a session
 * @n_matches: (out) (optional): how many sites match
 *
 * Returns: (nullable): for each site of the results, whether it matches the search; %NULL
 *   when there is no search
 */
const gboolean *
fp_session_get_matches (FpSession *self,
                        guint     *n_matches)
{
  g_return_val_if_fail (FP_IS_SESSION (self), NULL);

  if (n_matches != NULL)
    *n_matches = self->n_matches;
  return self->matches;
}

/**
 * fp_session_set_frozen:
 * @self: a session that does not follow the workspace's current scenario
 * @frozen: whether its views are out of sight
 *
 * A frozen session only notes that the document changed; thawed, it catches up at once
 * (one ::results-changed). The compare view freezes its maps' sessions while hidden, so
 * an edit costs the window no work for what nobody sees.
 */
void
fp_session_set_frozen (FpSession *self,
                       gboolean   frozen)
{
  g_return_if_fail (FP_IS_SESSION (self));
  g_return_if_fail (!self->follows_current || !frozen);

  self->frozen = frozen;
  if (!frozen && self->stale)
    on_workspace_changed_cb (self->workspace, 0, NULL, self);
}

/**
 * fp_session_is_measuring:
 * @self: a session
 *
 * Returns: whether the access measures of an edit are still to come (::access-changed)
 */
gboolean
fp_session_is_measuring (FpSession *self)
{
  g_return_val_if_fail (FP_IS_SESSION (self), FALSE);
  return self->access_idle_id != 0;
}
