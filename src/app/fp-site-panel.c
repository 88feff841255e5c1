/* fp-site-panel.c: a site's identity and sources, tenure and dates, floor area and voids,
 * running cost, condition and backlog, category and its reasons, and its rooms and
 * services in the year shown.
 *
 * Every number is the estate's (with its own provenance) or the engine's result for the
 * scenario and year shown (marked "Computed", with how); fp_format_* writes them. The
 * panel is rebuilt when the site, the scenario or the year changes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fp-site-panel"

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "fp-prov-badge.h"
#include "fp-site-panel.h"
#include "fp-site-symbol.h"
#include "fp-symbol-icon.h"

struct _FpSitePanel
{
  GtkWidget     parent_instance;

  FpSymbolIcon *symbol;
  GtkLabel     *name_label;
  GtkLabel     *subtitle_label;
  GtkLabel     *status_label;
  GtkMenuButton *change_button;
  GtkBox       *groups_box;

  FpSession    *session;
  gulong        results_changed_id;
  gulong        style_changed_id;
  guint         index;
};

G_DEFINE_FINAL_TYPE (FpSitePanel, fp_site_panel, GTK_TYPE_WIDGET)

static const char * const cost_labels[] = {
  N_("Rent"), N_("Service charge"), N_("Rates"), N_("Utilities"),
  N_("Hard facilities management"), N_("Soft facilities management"), N_("Other costs"),
};

static const char * const backlog_labels[] = {
  N_("High risk"), N_("Significant risk"), N_("Moderate risk"), N_("Low risk"),
};

static const char * const room_labels[FP_N_ROOM_TYPES] = {
  N_("Consulting rooms"), N_("Treatment rooms"), N_("Group rooms"), N_("Imaging rooms"),
  N_("Beds"), N_("Desks"),
};

/* ---- building rows -------------------------------------------------------------- */

static void
clear_groups (FpSitePanel *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->groups_box))) != NULL)
    gtk_box_remove (self->groups_box, child);
}

static AdwPreferencesGroup *
add_group (FpSitePanel *self,
           const char  *title)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  gtk_box_append (self->groups_box, group);
  return ADW_PREFERENCES_GROUP (group);
}

/* A row that reads "label … value [badge]"; rows are not focus stops themselves, so Tab
 * goes from one explanation to the next. */
static GtkWidget *
fact_row (const char *title,
          const char *subtitle,
          const char *value,
          GtkWidget  *badge)
{
  GtkWidget *row = adw_action_row_new ();

  /* Names from the data ("A&E attendances") are text, not markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_focusable (row, FALSE);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);

  if (value != NULL)
    {
      GtkWidget *label = gtk_label_new (value);

      gtk_label_set_xalign (GTK_LABEL (label), 1);
      /* Short values never break ("B36 8GH"); long ones wrap rather than push the row. */
      if (g_utf8_strlen (value, -1) > 16)
        {
          gtk_label_set_wrap (GTK_LABEL (label), TRUE);
          gtk_label_set_max_width_chars (GTK_LABEL (label), 16);
        }
      gtk_widget_add_css_class (label, "fp-fact-value");
      gtk_widget_add_css_class (label, "numeric");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
    }
  if (badge != NULL)
    adw_action_row_add_suffix (ADW_ACTION_ROW (row), badge);

  return row;
}

static GtkWidget *
badge_for (const FpEstate     *estate,
           const FpProvenance *prov)
{
  GtkWidget *badge = fp_prov_badge_new ();

  fp_prov_badge_set_provenance (FP_PROV_BADGE (badge), estate, prov);
  return badge;
}

static GtkWidget *
computed_badge (const char *how)
{
  GtkWidget *badge = fp_prov_badge_new ();

  fp_prov_badge_set_computed (FP_PROV_BADGE (badge), how);
  return badge;
}

static void
add_number (AdwPreferencesGroup *group,
            const FpEstate      *estate,
            const FpSite        *site,
            FpSiteNumber         number,
            const char          *title,
            char *             (*format) (double))
{
  double value = site->numbers[number];
  g_autofree char *text = format (value);

  adw_preferences_group_add (group,
                             fact_row (title, NULL, text,
                                       isnan (value) ? NULL
                                                     : badge_for (estate, &site->prov[number])));
}

static char *
format_year (double value)
{
  return isfinite (value) && value > 0 ? g_strdup_printf ("%.0f", value)
                                       : g_strdup (FP_FORMAT_UNKNOWN);
}

static char *
format_count (double value)
{
  return fp_format_count (value);
}

static char *
format_decimal (double value)
{
  return fp_format_decimal (value, value == floor (value) ? 0 : 1);
}

static const char *
text_or_unknown (const char *text)
{
  return text != NULL && *text != '\0' ? text : FP_FORMAT_UNKNOWN;
}

static const FpSource *
find_source (const FpEstate *estate,
             const char     *id)
{
  for (guint i = 0; i < estate->sources->len; i++)
    if (g_strcmp0 (g_array_index (estate->sources, FpSource, i).id, id) == 0)
      return &g_array_index (estate->sources, FpSource, i);
  return NULL;
}

/* ---- the sections --------------------------------------------------------------- */

static void
add_identity (FpSitePanel    *self,
              const FpEstate *estate,
              const FpSite   *site,
              guint           index)
{
  AdwPreferencesGroup *group = add_group (self, _("Identity and sources"));
  GtkWidget *sources;
  guint n = 0;

  adw_preferences_group_add (group, fact_row (_("Site code"), NULL, site->id, NULL));
  adw_preferences_group_add (group, fact_row (_("Postcode"), NULL,
                                              text_or_unknown (site->texts[FP_SITE_POSTCODE]),
                                              site->placed
                                                ? badge_for (estate, &site->prov[FP_SITE_SLOT_LOCATION])
                                                : NULL));
  if (site->texts[FP_SITE_ADDRESS] != NULL)
    adw_preferences_group_add (group, fact_row (_("Address"), site->texts[FP_SITE_ADDRESS],
                                                NULL, NULL));
  adw_preferences_group_add (group, fact_row (_("Locality"), NULL,
                                              text_or_unknown (site->texts[FP_SITE_LOCALITY]),
                                              NULL));
  if (site->texts[FP_SITE_PCN] != NULL)
    adw_preferences_group_add (group, fact_row (_("Primary care network"),
                                                site->texts[FP_SITE_PCN], NULL, NULL));
  adw_preferences_group_add (group, fact_row (_("Type of site"), NULL,
                                              fp_site_type_to_label (site->type),
                                              badge_for (estate,
                                                         &site->prov[FP_SITE_SLOT_SITE_TYPE])));

  sources = adw_expander_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (sources), FALSE);
  for (guint i = 0; i < estate->source_rows->len; i++)
    {
      const FpSourceRow *row = &g_array_index (estate->source_rows, FpSourceRow, i);
      const FpSource *source;
      g_autofree char *title = NULL, *subtitle = NULL;
      GtkWidget *child;

      if (row->site != index)
        continue;
      n++;
      source = find_source (estate, row->source_id);
      if (row->row > 0)
        /* Translators: a source record: the list's title and the row in it */
        title = g_strdup_printf (_("%s, row %d"), source != NULL ? source->title : row->source_id,
                                 row->row);
      else
        title = g_strdup (source != NULL ? source->title : row->source_id);
      if (row->rule != NULL)
        /* Translators: a source record's name there and why it was merged into this site */
        subtitle = g_strdup_printf (_("“%s”: %s"), text_or_unknown (row->name), row->rule);
      else
        subtitle = g_strdup_printf ("“%s”", text_or_unknown (row->name));
      child = fact_row (title, subtitle, NULL, NULL);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (sources), child);
    }
  {
    g_autofree char *count = fp_format_count (n);
    /* Translators: the rows of open data merged into one site, e.g. "Source records: 3" */
    g_autofree char *title = g_strdup_printf (_("Source records: %s"), count);

    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (sources), title);
    adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (sources),
                                   _("Rows of the open data merged into this site"));
  }
  adw_preferences_group_add (group, sources);
}

static void
add_tenure (FpSitePanel    *self,
            const FpEstate *estate,
            const FpSite   *site,
            guint           index)
{
  AdwPreferencesGroup *group = add_group (self, _("Tenure and dates"));

  adw_preferences_group_add (group, fact_row (_("Tenure"), NULL, fp_tenure_to_label (site->tenure),
                                              badge_for (estate, &site->prov[FP_SITE_SLOT_TENURE])));

  for (guint i = 0; i < estate->interests->len; i++)
    {
      const FpInterest *interest = &g_array_index (estate->interests, FpInterest, i);
      GString *subtitle;
      g_autofree char *title = NULL;

      if (interest->site != index)
        continue;

      subtitle = g_string_new (NULL);
      if (interest->landlord != NULL)
        /* Translators: a property interest's landlord */
        g_string_append_printf (subtitle, _("Landlord: %s. "), interest->landlord);
      if (interest->occupier != NULL)
        /* Translators: a property interest's occupier */
        g_string_append_printf (subtitle, _("Occupier: %s. "), interest->occupier);
      if (interest->start_year > 0)
        /* Translators: the year a property interest began */
        g_string_append_printf (subtitle, _("From %d. "), interest->start_year);
      if (interest->break_year > 0)
        /* Translators: the year a lease can be broken */
        g_string_append_printf (subtitle, _("Break %d. "), interest->break_year);
      if (interest->end_year > 0)
        /* Translators: the year a property interest ends */
        g_string_append_printf (subtitle, _("Ends %d."), interest->end_year);

      /* Translators: a property interest, e.g. "Interest: Leasehold" */
      title = g_strdup_printf (_("Interest: %s"), fp_tenure_to_label (interest->tenure));
      adw_preferences_group_add (group, fact_row (title, g_strstrip (subtitle->str), NULL,
                                                  badge_for (estate, &interest->prov)));
      g_string_free (subtitle, TRUE);
    }

  add_number (group, estate, site, FP_SITE_OPENED_YEAR, _("Opened"), format_year);
  add_number (group, estate, site, FP_SITE_LEASE_END_YEAR, _("Lease or contract ends"),
              format_year);
}

static void
add_area (FpSitePanel     *self,
          const FpEstate  *estate,
          const FpSite    *site,
          const FpSiteYear *sy,
          int              year)
{
  AdwPreferencesGroup *group = add_group (self, _("Floor area and voids"));
  g_autofree char *void_m2 = fp_format_area (sy->void_m2);
  g_autofree char *void_cost = fp_format_money_short (sy->void_cost);
  g_autofree char *used = fp_format_count (sy->void_rooms_used);
  /* Translators: a figure of the year shown, e.g. "Void area in 2030" */
  g_autofree char *void_title = g_strdup_printf (_("Void area in %d"), year);
  g_autofree char *cost_title = g_strdup_printf (_("Void cost in %d"), year);

  add_number (group, estate, site, FP_SITE_GIA_M2, _("Floor area (gross internal)"),
              fp_format_area);
  add_number (group, estate, site, FP_SITE_VOID_ROOMS, _("Void clinical rooms"), format_count);
  add_number (group, estate, site, FP_SITE_OTHER_VOID_M2, _("Other void floor area"),
              fp_format_area);
  adw_preferences_group_add (group, fact_row (_("Void rooms brought into use"), NULL, used,
                                              computed_badge (_("Void rooms are brought into use "
                                                                "one at a time when demand "
                                                                "exceeds the target use of the "
                                                                "rooms in use."))));
  adw_preferences_group_add (group, fact_row (void_title, NULL, void_m2,
                                              computed_badge (_("Void rooms still empty × area "
                                                                "per room, plus other void "
                                                                "area; the whole floor area "
                                                                "when the site has no activity "
                                                                "or has been left."))));
  adw_preferences_group_add (group, fact_row (cost_title, NULL, void_cost,
                                              computed_badge (_("Void area × running cost ÷ "
                                                                "floor area."))));
}

static void
add_costs (FpSitePanel      *self,
           const FpEstate   *estate,
           const FpSite     *site,
           const FpSiteYear *sy,
           int               year)
{
  AdwPreferencesGroup *group = add_group (self, _("Running cost a year"));
  g_autofree char *total = fp_format_money_short (sy->running_cost);
  g_autofree char *per_m2 = fp_format_money (sy->cost_per_m2);
  g_autofree char *per_m2_text = g_strdup_printf (_("%s/m²"), per_m2);
  /* Translators: a figure of the year shown, e.g. "Total in 2030" */
  g_autofree char *total_title = g_strdup_printf (_("Total in %d"), year);

  if (site->sector != FP_SECTOR_NHS)
    {
      adw_preferences_group_set_description (group,
                                             _("An independent sector site: its costs are not "
                                               "the NHS’s and are not modelled."));
      return;
    }

  adw_preferences_group_add (group, fact_row (total_title, NULL, total,
                                              computed_badge (_("The sum of the components "
                                                                "below while the site is held; "
                                                                "nothing once its liability "
                                                                "has ended."))));
  adw_preferences_group_add (group, fact_row (_("Cost per m²"), NULL,
                                              isnan (sy->cost_per_m2) ? FP_FORMAT_UNKNOWN
                                                                      : per_m2_text,
                                              computed_badge (_("Running cost ÷ floor area."))));
  for (guint c = FP_SITE_FIRST_COST; c <= FP_SITE_LAST_COST; c++)
    add_number (group, estate, site, c, _(cost_labels[c - FP_SITE_FIRST_COST]),
                fp_format_money_short);
}

static void
add_condition (FpSitePanel    *self,
               const FpEstate *estate,
               const FpSite   *site)
{
  AdwPreferencesGroup *group = add_group (self, _("Condition and backlog"));
  char condition[2] = { site->condition, '\0' };

  adw_preferences_group_add (group,
                             fact_row (_("Condition"), NULL,
                                       site->condition != 0 ? condition : FP_FORMAT_UNKNOWN,
                                       site->condition != 0
                                         ? badge_for (estate, &site->prov[FP_SITE_SLOT_CONDITION])
                                         : NULL));
  for (guint b = FP_SITE_FIRST_BACKLOG; b <= FP_SITE_LAST_BACKLOG; b++)
    add_number (group, estate, site, b, _(backlog_labels[b - FP_SITE_FIRST_BACKLOG]),
                fp_format_money_short);
}

static void
add_category (FpSitePanel      *self,
              const FpResults  *results,
              const FpModel    *model,
              guint             index,
              guint             year_index,
              int               year)
{
  const FpSiteYear *sy = fp_results_get (results, index, year_index);
  const FpResultSite *rs = &results->sites[index];
  /* Translators: the heading of a site's category, e.g. "Category in 2030" */
  g_autofree char *title = g_strdup_printf (_("Category in %d"), year);
  AdwPreferencesGroup *group = add_group (self, title);
  g_auto(GStrv) reasons = fp_results_describe_reasons (results, model, index, year_index);
  const char *label = sy->category == FP_CATEGORY_NONE ? _("Not held")
                                                        : fp_category_to_label (sy->category);
  GtkWidget *badge;

  if (rs->override != NULL && (sy->reasons & FP_REASON_OVERRIDDEN))
    {
      FpProvenance prov = { FP_PROV_ASSUMED, NULL, 0, NULL, rs->override->author,
                            rs->override->recorded_at, rs->override->reason };

      badge = badge_for (NULL, &prov);
    }
  else
    badge = computed_badge (_("The rules of the model: Redundant with no activity, or under "
                              "25% used in condition C or D; Marginal under 50% used, in "
                              "condition D, or over 1.5 times its type’s median cost per m²; "
                              "Core at least 70% used in condition A or B; Near core "
                              "otherwise."));
  adw_preferences_group_add (group, fact_row (_("Category"), NULL, label, badge));

  for (guint i = 0; reasons != NULL && reasons[i] != NULL; i++)
    adw_preferences_group_add (group, fact_row (reasons[i], NULL, NULL, NULL));
}

static void
add_rooms (FpSitePanel      *self,
           const FpEstate   *estate,
           const FpSite     *site,
           const FpSiteYear *sy,
           int               year)
{
  /* Translators: the heading of a site's rooms, e.g. "Rooms in 2030" */
  g_autofree char *title = g_strdup_printf (_("Rooms in %d"), year);
  AdwPreferencesGroup *group = add_group (self, title);
  gboolean any = FALSE;

  for (guint rt = 0; rt < FP_N_ROOM_TYPES; rt++)
    {
      g_autofree char *demand = NULL, *capacity = NULL, *use = NULL, *subtitle = NULL;
      const char *unit;

      if (!(sy->capacity[rt] > 0) && !(sy->demand[rt] > 0))
        continue;
      any = TRUE;

      demand = fp_format_count (sy->demand[rt]);
      capacity = fp_format_count (sy->capacity[rt]);
      use = fp_format_percent (sy->utilisation[rt]);
      unit = rt == FP_ROOM_BED ? _("bed-days") : rt == FP_ROOM_DESK ? _("desk-days")
                                                                    : _("room-hours");
      /* Translators: demand and capacity of a room type, e.g. "3,200 of 4,000 room-hours
       * a year" */
      subtitle = g_strdup_printf (_("%s of %s %s a year"), demand, capacity, unit);
      if (sy->capacity[rt] <= 0)
        {
          g_free (use);
          use = g_strdup (_("No capacity"));
        }
      adw_preferences_group_add (group,
                                 fact_row (_(room_labels[rt]), subtitle, use,
                                           computed_badge (_("Demand (activity × minutes per "
                                                             "unit) ÷ capacity (rooms × hours "
                                                             "open × weeks a year, beds × 365, "
                                                             "desks × desk-days a year)."))));
    }

  if (sy->capacity_room_hours > 0)
    {
      g_autofree char *use = fp_format_percent (sy->utilisation_site);

      adw_preferences_group_add (group,
                                 fact_row (_("All clinical rooms"),
                                           sy->over_capacity ? _("Over capacity")
                                                             : sy->over_target ? _("Over the target")
                                                                               : NULL,
                                           use,
                                           computed_badge (_("Demand ÷ capacity over the "
                                                             "consulting, treatment, group and "
                                                             "imaging rooms together."))));
    }

  add_number (group, estate, site, FP_SITE_HOURS_OPEN, _("Hours open a week"), format_decimal);
  if (!any)
    adw_preferences_group_set_description (group, _("No rooms and no activity this year."));
}

static void
add_services (FpSitePanel     *self,
              const FpEstate  *estate,
              const FpResults *results,
              guint            index,
              guint            year_index,
              int              year)
{
  /* Translators: the heading of a site's services, e.g. "Services in 2030" */
  g_autofree char *title = g_strdup_printf (_("Services in %d"), year);
  AdwPreferencesGroup *group = add_group (self, title);
  gboolean any = FALSE;

  for (guint v = 0; v < results->n_services; v++)
    {
      const FpService *service = &g_array_index (estate->services, FpService, v);
      double volume = fp_results_activity (results, index, year_index, v);
      const FpActivity *baseline = NULL;
      g_autofree char *value = NULL, *subtitle = NULL, *how = NULL;
      GtkWidget *badge;

      if (!(volume > 0))
        continue;
      any = TRUE;

      for (guint a = 0; a < estate->activity->len; a++)
        {
          const FpActivity *act = &g_array_index (estate->activity, FpActivity, a);

          if (act->site == index && act->service == v)
            baseline = act;
        }

      value = fp_format_count (volume);
      /* Translators: a service's unit and room type, e.g. "appointments a year, consulting
       * rooms" */
      subtitle = g_strdup_printf (_("%s a year · %s"), service->unit,
                                  _(room_labels[service->room_type]));
      if (baseline != NULL && year_index == 0 && fabs (baseline->volume - volume) < 0.5)
        badge = badge_for (estate, &baseline->prov);
      else
        {
          g_autofree char *base = baseline != NULL ? fp_format_count (baseline->volume)
                                                   : g_strdup ("0");
          g_autofree char *growth = fp_format_decimal (service->growth_rate * 100.0, 1);

          /* Translators: how a service's activity in a year is worked out */
          how = g_strdup_printf (_("The base year’s %s, grown at %s%% a year, and moved by "
                                   "the scenario’s changes."), base, growth);
          badge = computed_badge (how);
        }
      adw_preferences_group_add (group, fact_row (service->name, subtitle, value, badge));
    }

  if (!any)
    adw_preferences_group_set_description (group, _("No activity this year."));
}

/* ---- the panel ------------------------------------------------------------------ */

static void
rebuild (FpSitePanel *self)
{
  const FpResults *results;
  const FpEstate *estate;
  const FpModel *model;
  const FpResultSite *rs;
  const FpSiteYear *sy;
  const FpSite *site = NULL;
  guint year_index;
  int year;
  GString *status;
  g_autofree char *subtitle = NULL;
  FpSiteSymbolStyle style = 0;

  clear_groups (self);
  if (self->session == NULL || self->index == FP_SITE_NONE)
    return;

  results = fp_session_get_results (self->session);
  if (self->index >= results->n_sites)
    return;

  estate = fp_session_get_estate (self->session);
  model = fp_session_get_model (self->session);
  year_index = fp_session_get_year_index (self->session);
  year = fp_session_get_year (self->session);
  rs = &results->sites[self->index];
  sy = fp_results_get (results, self->index, year_index);
  if (self->index < estate->sites->len)
    site = fp_estate_get_site (estate, self->index);

  gtk_label_set_label (self->name_label, rs->name != NULL ? rs->name : rs->id);
  /* Translators: a site's type and tenure, e.g. "GP practice · Leasehold" */
  subtitle = g_strdup_printf (_("%s · %s"), fp_site_type_to_label (rs->type),
                              fp_tenure_to_label (rs->tenure));
  gtk_label_set_label (self->subtitle_label, subtitle);

  status = g_string_new (NULL);
  if (site == NULL)
    {
      style |= FP_SITE_SYMBOL_STYLE_NEW;
      /* Translators: %d is the year a scenario opens a site */
      g_string_append_printf (status, _("Opened by this scenario in %d. "), rs->open_year);
    }
  if (site != NULL && site->status == FP_SITE_STATUS_POSSIBLY_CLOSED)
    {
      style |= FP_SITE_SYMBOL_STYLE_HOLLOW;
      g_string_append (status, _("Possibly closed: found only in older lists of services. "));
    }
  if (!rs->placed)
    g_string_append (status, _("No location: this site is not on the map. "));
  if (rs->exit_year != 0 && year >= rs->exit_year)
    {
      style |= sy->held ? FP_SITE_SYMBOL_STYLE_LEFT : FP_SITE_SYMBOL_STYLE_GONE;
      if (sy->held)
        /* Translators: %d is the year a scenario leaves a site */
        g_string_append_printf (status, _("Left by this scenario in %d; still costing until its "
                                          "liability ends. "), rs->exit_year);
      else
        g_string_append_printf (status, _("Left by this scenario in %d; no longer held. "),
                                rs->exit_year);
    }
  g_strstrip (status->str);
  gtk_label_set_label (self->status_label, status->str);
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), status->len > 0);
  g_string_free (status, TRUE);

  {
    FpColourBy by = fp_session_get_colour_by (self->session);
    g_autoptr(FpScale) scale =
      fp_scale_new_for_colour_by (by, fp_model_get_assumption (model, "target_room_utilisation"));
    guint32 rgb = fp_scale_colour (scale, fp_map_style_site_value (by, estate, results,
                                                                  self->index, year_index));

    g_object_set (self->symbol, "site-type", (int) rs->type, "rgb", (int) rgb,
                  "symbol-style", (guint) style, NULL);
  }

  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  gtk_label_get_label (self->name_label), -1);

  /* The site's actions name it by id (the actions are wired to the workspace's edits). */
  {
    g_autoptr(GMenu) menu = g_menu_new ();
    static const struct { const char *label; const char *action; } items[] = {
      { N_("_Move a Service…"), "win.move-service" },
      { N_("_Exit This Site…"), "win.exit-site" },
      { N_("_Dispose of This Site…"), "win.dispose-site" },
      { N_("_Backfill…"), "win.backfill-site" },
      { N_("Change _Hours…"), "win.change-hours" },
      { N_("Set Its _Category…"), "win.override-category-dialog" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (items); i++)
      {
        g_autoptr(GMenuItem) item = g_menu_item_new (_(items[i].label), NULL);

        g_menu_item_set_action_and_target_value (item, items[i].action,
                                                 g_variant_new_string (rs->id));
        g_menu_append_item (menu, item);
      }
    gtk_menu_button_set_menu_model (self->change_button, G_MENU_MODEL (menu));
  }

  /* What a planner weighs first (the year's category, use and cost), then what the site
   * is (its tenure, condition and where its data came from). */
  if (site != NULL)
    {
      add_category (self, results, model, self->index, year_index, year);
      add_rooms (self, estate, site, sy, year);
      add_services (self, estate, results, self->index, year_index, year);
      add_costs (self, estate, site, sy, year);
      add_area (self, estate, site, sy, year);
      add_tenure (self, estate, site, self->index);
      add_condition (self, estate, site);
      add_identity (self, estate, site, self->index);
    }
  else
    {
      add_category (self, results, model, self->index, year_index, year);
      add_services (self, estate, results, self->index, year_index, year);
    }
}

static void
fp_site_panel_dispose (GObject *object)
{
  FpSitePanel *self = FP_SITE_PANEL (object);
  GtkWidget *child;

  fp_site_panel_set_session (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), FP_TYPE_SITE_PANEL);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (fp_site_panel_parent_class)->dispose (object);
}

static void
fp_site_panel_class_init (FpSitePanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fp_site_panel_dispose;

  g_type_ensure (FP_TYPE_SYMBOL_ICON);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/fp-site-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, FpSitePanel, symbol);
  gtk_widget_class_bind_template_child (widget_class, FpSitePanel, name_label);
  gtk_widget_class_bind_template_child (widget_class, FpSitePanel, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, FpSitePanel, status_label);
  gtk_widget_class_bind_template_child (widget_class, FpSitePanel, change_button);
  gtk_widget_class_bind_template_child (widget_class, FpSitePanel, groups_box);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "fp-site-panel");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
fp_site_panel_init (FpSitePanel *self)
{
  self->index = FP_SITE_NONE;
  gtk_widget_init_template (GTK_WIDGET (self));
}

void
fp_site_panel_set_session (FpSitePanel *self,
                           FpSession   *session)
{
  g_return_if_fail (FP_IS_SITE_PANEL (self));

  if (self->session == session)
    return;

  if (self->session != NULL)
    {
      g_clear_signal_handler (&self->results_changed_id, self->session);
      g_clear_signal_handler (&self->style_changed_id, self->session);
    }
  g_set_object (&self->session, session);
  self->index = FP_SITE_NONE;
  if (session != NULL)
    {
      self->results_changed_id = g_signal_connect_swapped (session, "results-changed",
                                                           G_CALLBACK (rebuild), self);
      self->style_changed_id = g_signal_connect_swapped (session, "style-changed",
                                                         G_CALLBACK (rebuild), self);
    }
  rebuild (self);
}

/**
 * fp_site_panel_show_site:
 * @self: a panel
 * @index: a site of the session's results, or %FP_SITE_NONE
 */
void
fp_site_panel_show_site (FpSitePanel *self,
                         guint        index)
{
  g_return_if_fail (FP_IS_SITE_PANEL (self));

  self->index = index;
  rebuild (self);
}
