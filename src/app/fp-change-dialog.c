/* fp-change-dialog.c: one change, asked for in a small dialog.
 *
 * The dialog shows the fields of one kind of change for a site (move a service, leave,
 * dispose, backfill, change hours), or for a place on the map (open a new site), with its
 * first year, owner, note and confidence; or the fields of a change already in the
 * scenario, to edit it. It computes nothing and writes nothing: "Add" turns the fields
 * into one change in the format of docs/scenarios.md and emits ::apply with its JSON; the
 * window sends that through `win.add-change` (or `win.replace-change`), so the edit
 * travels the one way every edit does, and shows the workspace's refusal here if the
 * change cannot apply (fp_change_dialog_show_error()), the dialog staying open to mend
 * it. The receiving site of a move can be chosen from a searchable list or, with
 * ::pick-site, on the map.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fp-change-dialog"

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "fp-change-dialog.h"

/* The first item of an exit's receiving sites: the allocator chooses. */
#define AUTOMATIC_RECEIVER ""

struct _FpChangeDialog
{
  AdwWindow            parent_instance;

  AdwWindowTitle      *window_title;
  GtkButton           *cancel_button;
  GtkButton           *apply_button;
  GtkRevealer         *error_revealer;
  GtkLabel            *error_label;
  AdwPreferencesGroup *kind_group;
  AdwPreferencesGroup *when_group;
  AdwPreferencesGroup *more_group;

  FpSession           *session;
  FpChangeKind         kind;
  gboolean             editing;
  guint                position;
  char                *site_id;
  char                *new_id;       /* kept when an open_site change is edited */
  FpChange            *original;     /* the change edited, for what the dialog leaves be */
  double               lat;
  double               lon;

  /* The fields; those the kind does not use stay NULL. */
  GtkDropDown         *service_drop;
  GPtrArray           *service_ids;
  GtkDropDown         *to_drop;
  GPtrArray           *to_ids;
  AdwComboRow         *amount_row;   /* share or volume */
  GtkSpinButton       *share_spin;
  GtkSpinButton       *volume_spin;
  GtkWidget           *share_row;
  GtkWidget           *volume_row;
  GtkSpinButton       *value_spin;
  GtkSpinButton       *costs_spin;
  GtkSwitch           *retained_switch;
  GtkSpinButton       *m2_spin;
  GtkSpinButton       *hours_spin;
  AdwEntryRow         *name_row;
  AdwComboRow         *type_row;
  AdwComboRow         *tenure_row;
  AdwComboRow         *setting_row;
  GtkSpinButton       *gia_spin;
  GtkSpinButton       *room_spins[FP_N_ROOM_HOUR_TYPES];
  GtkSpinButton       *capital_spin;
  GtkSpinButton       *running_spin;
  GtkSpinButton       *rate_spin;
  GtkSpinButton       *year_spin;
  AdwEntryRow         *owner_row;
  AdwEntryRow         *note_row;
  GtkSpinButton       *confidence_spin;
  GtkWidget           *first_field;  /* where the keyboard starts */
};

G_DEFINE_FINAL_TYPE (FpChangeDialog, fp_change_dialog, ADW_TYPE_WINDOW)

enum
{
  APPLY,
  PICK_SITE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char * const room_labels[FP_N_ROOM_HOUR_TYPES] = {
  N_("Consulting rooms"), N_("Treatment rooms"), N_("Group rooms"), N_("Imaging rooms"),
};

/* ---- rows ----------------------------------------------------------------------- */

/* A row with a number: the spin button is named by the row's title, for screen readers. */
static GtkSpinButton *
add_spin (AdwPreferencesGroup *group,
          const char          *title,
          const char          *subtitle,
          double               min,
          double               max,
          double               step,
          guint                digits,
          double               value,
          GtkWidget          **row_out)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *spin = gtk_spin_button_new_with_range (min, max, step);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_spin_button_set_digits (GTK_SPIN_BUTTON (spin), digits);
  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), TRUE);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), isnan (value) ? min : value);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  title, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), spin);
  adw_preferences_group_add (group, row);
  if (row_out != NULL)
    *row_out = row;
  return GTK_SPIN_BUTTON (spin);
}

static AdwComboRow *
add_combo (AdwPreferencesGroup *group,
           const char          *title,
           const char * const  *labels,
           guint                n,
           guint                selected)
{
  GtkWidget *row = adw_combo_row_new ();
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);

  for (guint i = 0; i < n; i++)
    gtk_string_list_append (model, labels[i]);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (model));
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), selected < n ? selected : 0);
  adw_preferences_group_add (group, row);
  return ADW_COMBO_ROW (row);
}

static AdwEntryRow *
add_entry (AdwPreferencesGroup *group,
           const char          *title,
           const char          *text)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (text != NULL)
    gtk_editable_set_text (GTK_EDITABLE (row), text);
  adw_preferences_group_add (group, row);
  return ADW_ENTRY_ROW (row);
}

static void
on_setup_label_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *item,
                   gpointer                  ellipsize)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (GPOINTER_TO_INT (ellipsize))
    {
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_width_chars (GTK_LABEL (label), 20);
    }
  else
    {
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 60);
    }
  gtk_list_item_set_child (item, label);
}

static void
on_bind_label_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  gpointer                  user_data)
{
  GtkStringObject *string = gtk_list_item_get_item (item);

  gtk_label_set_label (GTK_LABEL (gtk_list_item_get_child (item)),
                       gtk_string_object_get_string (string));
}

static GtkListItemFactory *
label_factory (gboolean ellipsize)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (on_setup_label_cb),
                    GINT_TO_POINTER (ellipsize));
  g_signal_connect (factory, "bind", G_CALLBACK (on_bind_label_cb), NULL);
  return factory;
}

/* A searchable list of labels under its title, as wide as the dialog (site names are
 * long); the chosen one is ellipsized, the list wraps. Returns the row's box, for a button
 * beside the list. */
static GtkDropDown *
add_search_drop (AdwPreferencesGroup *group,
                 const char          *title,
                 const char          *subtitle,
                 GPtrArray           *labels,
                 GtkWidget          **line_out)
{
  GtkWidget *row = adw_preferences_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *heading = gtk_label_new (title);
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);
  g_autoptr(GtkListItemFactory) factory = label_factory (TRUE);
  g_autoptr(GtkListItemFactory) list_factory = label_factory (FALSE);
  GtkExpression *expression;
  GtkWidget *drop;

  for (guint i = 0; i < labels->len; i++)
    gtk_string_list_append (model, g_ptr_array_index (labels, i));
  expression = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");
  drop = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (model)), expression);
  gtk_drop_down_set_enable_search (GTK_DROP_DOWN (drop), TRUE);
  gtk_drop_down_set_factory (GTK_DROP_DOWN (drop), factory);
  gtk_drop_down_set_list_factory (GTK_DROP_DOWN (drop), list_factory);
  gtk_widget_set_hexpand (drop, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (drop), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  title, -1);

  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_box_append (GTK_BOX (box), heading);
  if (subtitle != NULL)
    {
      GtkWidget *sub = gtk_label_new (subtitle);

      gtk_label_set_xalign (GTK_LABEL (sub), 0);
      gtk_label_set_wrap (GTK_LABEL (sub), TRUE);
      gtk_widget_add_css_class (sub, "fp-secondary");
      gtk_box_append (GTK_BOX (box), sub);
    }
  gtk_box_append (GTK_BOX (line), drop);
  gtk_box_append (GTK_BOX (box), line);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 10);
  gtk_widget_set_margin_bottom (box, 10);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_focusable (row, FALSE);
  adw_preferences_group_add (group, row);
  if (line_out != NULL)
    *line_out = line;
  return GTK_DROP_DOWN (drop);
}

static guint
find_id (GPtrArray  *ids,
         const char *id)
{
  for (guint i = 0; ids != NULL && id != NULL && i < ids->len; i++)
    if (g_strcmp0 (g_ptr_array_index (ids, i), id) == 0)
      return i;
  return GTK_INVALID_LIST_POSITION;
}

static const char *
selected_id (GtkDropDown *drop,
             GPtrArray   *ids)
{
  guint i = drop != NULL ? gtk_drop_down_get_selected (drop) : GTK_INVALID_LIST_POSITION;

  return ids != NULL && i < ids->len ? g_ptr_array_index (ids, i) : NULL;
}

static char *
text_or_null (AdwEntryRow *row)
{
  g_autofree char *text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (row)));

  g_strstrip (text);
  return *text != '\0' ? g_steal_pointer (&text) : NULL;
}

/* ---- what the rows offer -------------------------------------------------------- */

static const FpResultSite *
result_site (FpChangeDialog *self,
             const char     *id,
             guint          *index)
{
  const FpResults *results = fp_session_get_results (self->session);
  guint i;

  if (id == NULL || !fp_results_find_site (results, id, &i))
    return NULL;
  if (index != NULL)
    *index = i;
  return &results->sites[i];
}

static const char *
site_label (FpChangeDialog *self,
            const char     *id)
{
  const FpResultSite *rs = result_site (self, id, NULL);

  return rs != NULL && rs->name != NULL ? rs->name : id;
}

typedef struct
{
  const char *name;
  guint       index;
} Named;

static int
compare_named (gconstpointer a,
               gconstpointer b)
{
  return g_utf8_collate (((const Named *) a)->name, ((const Named *) b)->name);
}

/* Every site that exists in the year shown, but @except, by name: "Name (ID) · 120 m²
 * void in 2030". The void is the engine's, so a planner sees which buildings have room. */
static void
list_sites (FpChangeDialog *self,
            const char     *except,
            gboolean        automatic,
            GPtrArray      *labels,
            GPtrArray      *ids)
{
  const FpResults *results = fp_session_get_results (self->session);
  guint year = fp_session_get_year_index (self->session);
  int calendar_year = fp_session_get_year (self->session);
  g_autoptr(GArray) named = g_array_new (FALSE, FALSE, sizeof (Named));

  if (automatic)
    {
      g_ptr_array_add (labels, g_strdup (_("The nearest sites with room (Footprint chooses)")));
      g_ptr_array_add (ids, g_strdup (AUTOMATIC_RECEIVER));
    }

  for (guint i = 0; i < results->n_sites; i++)
    {
      const FpResultSite *rs = &results->sites[i];
      const FpSiteYear *sy = fp_results_get (results, i, year);
      Named n = { rs->name != NULL ? rs->name : rs->id, i };

      if (g_strcmp0 (rs->id, except) == 0 || !sy->exists ||
          rs->status != FP_SITE_STATUS_CURRENT)
        continue;
      g_array_append_val (named, n);
    }
  g_array_sort (named, compare_named);

  for (guint k = 0; k < named->len; k++)
    {
      guint i = g_array_index (named, Named, k).index;
      const FpResultSite *rs = &results->sites[i];
      const FpSiteYear *sy = fp_results_get (results, i, year);

      if (sy->void_m2 >= 1)
        {
          g_autofree char *area = fp_format_area (sy->void_m2);

          /* Translators: a site in a list: name, id, its empty floor area and the year */
          g_ptr_array_add (labels, g_strdup_printf (_("%s (%s) · %s void in %d"),
                                                    g_array_index (named, Named, k).name,
                                                    rs->id, area, calendar_year));
        }
      else
        /* Translators: a site in a list: name and id */
        g_ptr_array_add (labels, g_strdup_printf (_("%s (%s)"),
                                                  g_array_index (named, Named, k).name, rs->id));
      g_ptr_array_add (ids, g_strdup (rs->id));
    }
}

static void
on_pick_clicked_cb (FpChangeDialog *self)
{
  g_signal_emit (self, signals[PICK_SITE], 0);
}

/* The receiving site: a searchable list, and a button to choose it on the map. */
static void
add_receiver (FpChangeDialog *self,
              const char     *title,
              const char     *subtitle,
              gboolean        automatic)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  GtkWidget *line, *pick;

  self->to_ids = g_ptr_array_new_with_free_func (g_free);
  list_sites (self, self->site_id, automatic, labels, self->to_ids);
  self->to_drop = add_search_drop (self->kind_group, title, subtitle, labels, &line);
  /* Nothing is chosen for the planner: a move into the first site of the list by mistake
   * would be easy to miss. */
  if (!automatic)
    gtk_drop_down_set_selected (self->to_drop, GTK_INVALID_LIST_POSITION);

  pick = gtk_button_new_from_icon_name ("find-location-symbolic");
  gtk_widget_set_valign (pick, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (pick, _("Choose the Site on the Map"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (pick), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Choose the receiving site on the map"), -1);
  g_signal_connect_swapped (pick, "clicked", G_CALLBACK (on_pick_clicked_cb), self);
  gtk_box_append (GTK_BOX (line), pick);
}

static void
on_amount_selected_cb (FpChangeDialog *self)
{
  gboolean share = adw_combo_row_get_selected (self->amount_row) == 0;

  gtk_widget_set_visible (self->share_row, share);
  gtk_widget_set_visible (self->volume_row, !share);
}

/* The services with activity at the site in any year of the horizon, largest first in
 * the year shown. */
static void
add_services (FpChangeDialog *self,
              const char     *selected)
{
  const FpResults *results = fp_session_get_results (self->session);
  const FpEstate *estate = fp_session_get_estate (self->session);
  guint year = fp_session_get_year_index (self->session);
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  guint site = G_MAXUINT;

  self->service_ids = g_ptr_array_new_with_free_func (g_free);
  result_site (self, self->site_id, &site);

  for (guint v = 0; v < estate->services->len && v < results->n_services; v++)
    {
      const FpService *service = &g_array_index (estate->services, FpService, v);
      double volume = site != G_MAXUINT ? fp_results_activity (results, site, year, v) : 0;
      gboolean any = g_strcmp0 (service->id, selected) == 0;

      for (guint y = 0; site != G_MAXUINT && y < results->n_years && !any; y++)
        any = fp_results_activity (results, site, y, v) > 0;
      if (site != G_MAXUINT && !any)
        continue;

      if (volume > 0)
        {
          g_autofree char *count = fp_format_count (volume);

          /* Translators: a service and its volume, e.g. "GP appointments (12,400
           * appointments a year)" */
          g_ptr_array_add (labels, g_strdup_printf (_("%s (%s %s a year)"), service->name,
                                                    count, service->unit));
        }
      else
        g_ptr_array_add (labels, g_strdup (service->name));
      g_ptr_array_add (self->service_ids, g_strdup (service->id));
    }

  self->service_drop = add_search_drop (self->kind_group, _("Service"), NULL, labels, NULL);
  if (labels->len == 0)
    adw_preferences_group_set_description (self->kind_group,
                                           _("This site has no activity to move."));
  if (find_id (self->service_ids, selected) != GTK_INVALID_LIST_POSITION)
    gtk_drop_down_set_selected (self->service_drop, find_id (self->service_ids, selected));
}

/* ---- the kinds ------------------------------------------------------------------ */

/* The id of a site a scenario opens, made from its name as footprint-cli makes it:
 * "Erdington Hub" is NEW-ERDINGTON-HUB. */
static char *
make_site_id (const char *name)
{
  GString *id = g_string_new ("NEW-");

  for (const char *p = name; *p != '\0'; p++)
    {
      if (g_ascii_isalnum (*p))
        g_string_append_c (id, g_ascii_toupper (*p));
      else if (id->str[id->len - 1] != '-')
        g_string_append_c (id, '-');
    }
  while (id->len > 4 && id->str[id->len - 1] == '-')
    g_string_truncate (id, id->len - 1);

  return g_string_free (id, FALSE);
}

static double
site_number (FpChangeDialog *self,
             FpSiteNumber    number)
{
  const FpEstate *estate = fp_session_get_estate (self->session);
  guint index;

  if (self->site_id == NULL || !fp_estate_find_site (estate, self->site_id, &index))
    return NAN;
  return fp_estate_get_site (estate, index)->numbers[number];
}

static void
build_kind (FpChangeDialog *self,
            const FpChange *c)
{
  const FpResults *results = fp_session_get_results (self->session);
  guint year = fp_session_get_year_index (self->session);
  const char *title = NULL;

  switch (self->kind)
    {
    case FP_CHANGE_MOVE_SERVICE:
      {
        static const char *amounts[] = { N_("A share of it"), N_("A volume") };
        const char *amount_labels[] = { _(amounts[0]), _(amounts[1]) };
        gboolean by_volume = c != NULL && !isnan (c->volume);

        title = _("Move a Service");
        adw_preferences_group_set_title (self->kind_group, _("What moves, and where"));
        add_services (self, c != NULL ? c->service : NULL);
        add_receiver (self, _("Receiving site"),
                      _("Search by name or code; a site with empty rooms says how much "
                        "floor area is void. Or choose it on the map."), FALSE);
        self->amount_row = add_combo (self->kind_group, _("How much"), amount_labels, 2,
                                      by_volume ? 1 : 0);
        self->share_spin = add_spin (self->kind_group, _("Share"), _("Per cent of the service"),
                                     1, 100, 5, 0,
                                     c != NULL && !isnan (c->share) ? c->share * 100 : 100,
                                     &self->share_row);
        self->volume_spin = add_spin (self->kind_group, _("Volume"),
                                      _("In the service’s unit, in the first year"), 1, 1e9,
                                      100, 0, by_volume ? c->volume : 1000, &self->volume_row);
        g_signal_connect_swapped (self->amount_row, "notify::selected",
                                  G_CALLBACK (on_amount_selected_cb), self);
        on_amount_selected_cb (self);
        if (c != NULL)
          fp_change_dialog_set_receiver (self, c->to_site);
        break;
      }

    case FP_CHANGE_EXIT_SITE:
      title = _("Leave a Site");
      adw_preferences_group_set_title (self->kind_group, _("Where its activity goes"));
      adw_preferences_group_set_description (self->kind_group,
                                             _("The running cost stops when the liability "
                                               "ends, by tenure: a LIFT lease at its end, "
                                               "NHS Property Services after notice."));
      if (c != NULL && c->to_sites != NULL && g_strv_length (c->to_sites) > 1)
        {
          adw_preferences_group_set_description (self->kind_group,
                                                 _("Its receiving sites stay as they are."));
          break;
        }
      add_receiver (self, _("Receiving site"), NULL, TRUE);
      if (c != NULL && c->to_sites != NULL && c->to_sites[0] != NULL)
        fp_change_dialog_set_receiver (self, c->to_sites[0]);
      break;

    case FP_CHANGE_DISPOSE_SITE:
      title = _("Dispose of a Site");
      adw_preferences_group_set_title (self->kind_group, _("The sale"));
      adw_preferences_group_set_description (self->kind_group,
                                             _("The site is left and sold; its activity goes "
                                               "to the nearest sites with room."));
      self->value_spin = add_spin (self->kind_group, _("Market value"), _("£"), 0, 1e10,
                                   10000, 0, c != NULL ? c->value : 0, NULL);
      self->costs_spin = add_spin (self->kind_group, _("Disposal costs"), _("£"), 0, 1e10,
                                   1000, 0, c != NULL ? c->disposal_costs : 0, NULL);
      {
        GtkWidget *row = adw_action_row_new ();

        self->retained_switch = GTK_SWITCH (gtk_switch_new ());
        gtk_switch_set_active (self->retained_switch, c != NULL ? c->receipt_retained : TRUE);
        gtk_widget_set_valign (GTK_WIDGET (self->retained_switch), GTK_ALIGN_CENTER);
        adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Receipt retained"));
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                     _("The receipt counts as a benefit to the system"));
        adw_action_row_add_suffix (ADW_ACTION_ROW (row), GTK_WIDGET (self->retained_switch));
        adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row),
                                               GTK_WIDGET (self->retained_switch));
        gtk_accessible_update_property (GTK_ACCESSIBLE (self->retained_switch),
                                        GTK_ACCESSIBLE_PROPERTY_LABEL, _("Receipt retained"),
                                        -1);
        adw_preferences_group_add (self->kind_group, row);
      }
      break;

    case FP_CHANGE_BACKFILL:
      {
        guint site;
        double void_m2 = result_site (self, self->site_id, &site) != NULL
                         ? fp_results_get (results, site, year)->void_m2 : NAN;

        title = _("Backfill Empty Space");
        adw_preferences_group_set_title (self->kind_group, _("Another tenant"));
        adw_preferences_group_set_description (self->kind_group,
                                               _("Another tenant takes empty space: the void "
                                                 "falls and its cost leaves the system."));
        self->m2_spin = add_spin (self->kind_group, _("Floor area let"), _("m²"), 1, 1e6, 10,
                                  0, c != NULL ? c->m2 : (void_m2 >= 1 ? round (void_m2) : 100),
                                  NULL);
        break;
      }

    case FP_CHANGE_CHANGE_HOURS:
      title = _("Change Opening Hours");
      adw_preferences_group_set_title (self->kind_group, _("Hours"));
      self->hours_spin = add_spin (self->kind_group, _("Hours open a week"),
                                   _("52.5 is 8 to 6:30 on weekdays; 84 is 8 to 8 every day"),
                                   0, 168, 2.5, 1,
                                   c != NULL ? c->hours_open_per_week
                                             : site_number (self, FP_SITE_HOURS_OPEN),
                                   NULL);
      if (c == NULL && isnan (site_number (self, FP_SITE_HOURS_OPEN)))
        gtk_spin_button_set_value (self->hours_spin, 52.5);
      break;

    case FP_CHANGE_OPEN_SITE:
      {
        g_autoptr(GPtrArray) types = g_ptr_array_new ();
        g_autoptr(GPtrArray) tenures = g_ptr_array_new ();
        static const double default_rooms[FP_N_ROOM_HOUR_TYPES] = { 12, 4, 1, 0 };

        title = _("Open a New Site");
        adw_preferences_group_set_title (self->kind_group, _("The new site"));
        if (!isnan (self->lat))
          {
            g_autofree char *where = g_strdup_printf (_("At %.4f, %.4f"), self->lat, self->lon);

            adw_preferences_group_set_description (self->kind_group, where);
          }
        self->name_row = add_entry (self->kind_group, _("Name"), c != NULL ? c->name : NULL);
        for (guint t = 0; t < FP_N_SITE_TYPES; t++)
          g_ptr_array_add (types, (char *) fp_site_type_to_label (t));
        for (guint t = 0; t < FP_N_TENURES; t++)
          g_ptr_array_add (tenures, (char *) fp_tenure_to_label (t));
        self->type_row = add_combo (self->kind_group, _("Type"),
                                    (const char * const *) types->pdata, types->len,
                                    c != NULL ? c->site_type : FP_SITE_TYPE_HUB);
        self->tenure_row = add_combo (self->kind_group, _("Tenure"),
                                      (const char * const *) tenures->pdata, tenures->len,
                                      c != NULL ? c->tenure : FP_TENURE_LEASEHOLD);
        self->gia_spin = add_spin (self->kind_group, _("Floor area"), _("Gross internal, m²"),
                                   1, 1e6, 50, 0, c != NULL ? c->gia_m2 : 1500, NULL);
        for (guint rt = 0; rt < FP_N_ROOM_HOUR_TYPES; rt++)
          self->room_spins[rt] = add_spin (self->kind_group, _(room_labels[rt]), NULL, 0, 1000,
                                           1, 0, c != NULL ? c->rooms[rt] : default_rooms[rt],
                                           NULL);
        self->hours_spin = add_spin (self->kind_group, _("Hours open a week"), NULL, 0, 168,
                                     2.5, 1, c != NULL ? c->hours_open_per_week : 60, NULL);
        self->capital_spin = add_spin (self->kind_group, _("Capital cost"),
                                       _("£, in the first year"), 0, 1e10, 10000, 0,
                                       c != NULL ? c->capital_cost : 0, NULL);
        self->running_spin = add_spin (self->kind_group, _("Running cost"),
                                       _("£ a year, at base-year prices"), 0, 1e9, 1000, 0,
                                       c != NULL ? c->running_cost : 0, NULL);
        break;
      }

    case FP_CHANGE_SHIFT_SETTING:
      {
        g_autoptr(GPtrArray) settings = g_ptr_array_new ();

        title = _("Shift Activity Between Settings");
        adw_preferences_group_set_title (self->kind_group, _("What shifts"));
        add_services (self, c != NULL ? c->service : NULL);
        for (guint s = 0; s < FP_N_SETTINGS; s++)
          g_ptr_array_add (settings, (char *) fp_setting_to_string (s));
        self->setting_row = add_combo (self->kind_group, _("Out of the setting"),
                                       (const char * const *) settings->pdata, settings->len,
                                       c != NULL ? c->from_setting : FP_SETTING_ACUTE);
        self->share_spin = add_spin (self->kind_group, _("Share"), _("Per cent of the service"),
                                     1, 100, 5, 0, c != NULL ? c->share * 100 : 10, NULL);
        if (c != NULL && c->to_sites != NULL)
          adw_preferences_group_set_description (self->kind_group,
                                                 _("Its receiving sites stay as they are."));
        break;
      }

    case FP_CHANGE_CHANGE_GROWTH:
      title = _("Change a Service’s Growth");
      adw_preferences_group_set_title (self->kind_group, _("Growth"));
      add_services (self, c != NULL ? c->service : NULL);
      self->rate_spin = add_spin (self->kind_group, _("Growth a year"), _("Per cent"), -20, 20,
                                  0.1, 1, c != NULL ? c->rate * 100 : 1, NULL);
      break;

    case FP_N_CHANGE_KINDS:
    default:
      g_assert_not_reached ();
    }

  adw_window_title_set_title (self->window_title, title);
  gtk_window_set_title (GTK_WINDOW (self), title);
}

static void
build_common (FpChangeDialog *self,
              const FpChange *c)
{
  int first = fp_session_get_first_year (self->session);
  int last = fp_session_get_last_year (self->session);

  self->year_spin = add_spin (self->when_group, _("First year"),
                              _("The change takes effect from this year"), first, last, 1, 0,
                              c != NULL ? c->year : fp_session_get_year (self->session), NULL);
  self->owner_row = add_entry (self->more_group, _("Owner"), c != NULL ? c->owner : NULL);
  self->note_row = add_entry (self->more_group, _("Note"), c != NULL ? c->note : NULL);
  self->confidence_spin = add_spin (self->more_group, _("Confidence"), _("Per cent"), 0, 100, 5,
                                    0, c != NULL ? c->confidence * 100 : 100, NULL);
}

/* ---- the change ----------------------------------------------------------------- */

static void
show_error (FpChangeDialog *self,
            const char     *message)
{
  gtk_label_set_label (self->error_label, message);
  gtk_revealer_set_reveal_child (self->error_revealer, TRUE);
}

/* The fields as one change, or NULL with what is missing said in the dialog. */
static FpChange *
make_change (FpChangeDialog *self)
{
  g_autoptr(FpChange) c = fp_change_new (self->kind,
                                         gtk_spin_button_get_value_as_int (self->year_spin));
  const char *id;

  c->owner = text_or_null (self->owner_row);
  c->note = text_or_null (self->note_row);
  c->confidence = gtk_spin_button_get_value (self->confidence_spin) / 100.0;

  switch (self->kind)
    {
    case FP_CHANGE_MOVE_SERVICE:
      c->site = g_strdup (self->site_id);
      c->service = g_strdup (selected_id (self->service_drop, self->service_ids));
      c->to_site = g_strdup (selected_id (self->to_drop, self->to_ids));
      if (c->service == NULL)
        {
          show_error (self, _("Choose the service to move."));
          return NULL;
        }
      if (c->to_site == NULL)
        {
          show_error (self, _("Choose the site that receives it."));
          return NULL;
        }
      if (adw_combo_row_get_selected (self->amount_row) == 0)
        c->share = gtk_spin_button_get_value (self->share_spin) / 100.0;
      else
        c->volume = gtk_spin_button_get_value (self->volume_spin);
      break;

    case FP_CHANGE_EXIT_SITE:
      c->site = g_strdup (self->site_id);
      if (self->to_drop == NULL && self->original != NULL)
        {
          /* Several receivers, weighed: the dialog leaves them as they were. */
          c->to_sites = g_strdupv (self->original->to_sites);
          if (self->original->weights != NULL)
            c->weights = g_array_copy (self->original->weights);
          break;
        }
      id = selected_id (self->to_drop, self->to_ids);
      if (id != NULL && *id != '\0')
        {
          const char *to[] = { id, NULL };

          c->to_sites = g_strdupv ((char **) to);
        }
      break;

    case FP_CHANGE_DISPOSE_SITE:
      c->site = g_strdup (self->site_id);
      c->value = gtk_spin_button_get_value (self->value_spin);
      c->disposal_costs = gtk_spin_button_get_value (self->costs_spin);
      c->receipt_retained = gtk_switch_get_active (self->retained_switch);
      break;

    case FP_CHANGE_BACKFILL:
      c->site = g_strdup (self->site_id);
      c->m2 = gtk_spin_button_get_value (self->m2_spin);
      break;

    case FP_CHANGE_CHANGE_HOURS:
      c->site = g_strdup (self->site_id);
      c->hours_open_per_week = gtk_spin_button_get_value (self->hours_spin);
      break;

    case FP_CHANGE_OPEN_SITE:
      c->name = text_or_null (self->name_row);
      if (c->name == NULL)
        {
          show_error (self, _("Give the new site a name."));
          return NULL;
        }
      c->new_id = self->new_id != NULL ? g_strdup (self->new_id) : make_site_id (c->name);
      c->site_type = adw_combo_row_get_selected (self->type_row);
      c->tenure = adw_combo_row_get_selected (self->tenure_row);
      c->lat = self->lat;
      c->lon = self->lon;
      c->gia_m2 = gtk_spin_button_get_value (self->gia_spin);
      for (guint rt = 0; rt < FP_N_ROOM_HOUR_TYPES; rt++)
        c->rooms[rt] = gtk_spin_button_get_value (self->room_spins[rt]);
      c->beds = 0;
      c->desks = 0;
      c->hours_open_per_week = gtk_spin_button_get_value (self->hours_spin);
      c->capital_cost = gtk_spin_button_get_value (self->capital_spin);
      c->running_cost = gtk_spin_button_get_value (self->running_spin);
      break;

    case FP_CHANGE_SHIFT_SETTING:
      c->service = g_strdup (selected_id (self->service_drop, self->service_ids));
      c->from_setting = adw_combo_row_get_selected (self->setting_row);
      c->share = gtk_spin_button_get_value (self->share_spin) / 100.0;
      if (self->original != NULL)
        {
          c->to_sites = g_strdupv (self->original->to_sites);
          if (self->original->weights != NULL)
            c->weights = g_array_copy (self->original->weights);
        }
      break;

    case FP_CHANGE_CHANGE_GROWTH:
      c->service = g_strdup (selected_id (self->service_drop, self->service_ids));
      c->rate = gtk_spin_button_get_value (self->rate_spin) / 100.0;
      break;

    case FP_N_CHANGE_KINDS:
    default:
      g_assert_not_reached ();
    }

  return g_steal_pointer (&c);
}

static void
on_apply_clicked_cb (FpChangeDialog *self)
{
  g_autoptr(FpChange) change = make_change (self);
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *json = NULL;

  if (change == NULL)
    return;

  node = fp_change_to_json (change, TRUE);
  json = json_to_string (node, FALSE);
  gtk_revealer_set_reveal_child (self->error_revealer, FALSE);
  g_signal_emit (self, signals[APPLY], 0, json);
}

/* ---- vfuncs --------------------------------------------------------------------- */

static void
fp_change_dialog_dispose (GObject *object)
{
  FpChangeDialog *self = FP_CHANGE_DIALOG (object);

  g_clear_object (&self->session);
  g_clear_pointer (&self->service_ids, g_ptr_array_unref);
  g_clear_pointer (&self->to_ids, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (object), FP_TYPE_CHANGE_DIALOG);

  G_OBJECT_CLASS (fp_change_dialog_parent_class)->dispose (object);
}

static void
fp_change_dialog_finalize (GObject *object)
{
  FpChangeDialog *self = FP_CHANGE_DIALOG (object);

  g_free (self->site_id);
  g_free (self->new_id);
  g_clear_pointer (&self->original, fp_change_free);

  G_OBJECT_CLASS (fp_change_dialog_parent_class)->finalize (object);
}

static void
fp_change_dialog_class_init (FpChangeDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fp_change_dialog_dispose;
  object_class->finalize = fp_change_dialog_finalize;

  /**
   * FpChangeDialog::apply:
   * @json: the change, in the format of docs/scenarios.md
   *
   * The user asked for the change to be added (or to replace the one edited).
   */
  signals[APPLY] = g_signal_new ("apply", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                 NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  /**
   * FpChangeDialog::pick-site:
   *
   * The user wants to choose the receiving site on the map.
   */
  signals[PICK_SITE] = g_signal_new ("pick-site", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/fp-change-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, FpChangeDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, FpChangeDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, FpChangeDialog, apply_button);
  gtk_widget_class_bind_template_child (widget_class, FpChangeDialog, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, FpChangeDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, FpChangeDialog, kind_group);
  gtk_widget_class_bind_template_child (widget_class, FpChangeDialog, when_group);
  gtk_widget_class_bind_template_child (widget_class, FpChangeDialog, more_group);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
fp_change_dialog_init (FpChangeDialog *self)
{
  self->lat = NAN;
  self->lon = NAN;
  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect_swapped (self->cancel_button, "clicked", G_CALLBACK (gtk_window_close), self);
  g_signal_connect_swapped (self->apply_button, "clicked", G_CALLBACK (on_apply_clicked_cb),
                            self);
  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->apply_button));
}

/* ---- public API ----------------------------------------------------------------- */

static FpChangeDialog *
dialog_new (GtkWindow      *parent,
            FpSession      *session,
            FpChangeKind    kind,
            const char     *site_id,
            double          lat,
            double          lon,
            const FpChange *change)
{
  /* A toplevel window is kept alive by GTK until it is closed. */
  FpChangeDialog *self = g_object_new (FP_TYPE_CHANGE_DIALOG, "transient-for", parent, NULL);

  self->session = g_object_ref (session);
  self->kind = kind;
  self->site_id = g_strdup (site_id);
  self->lat = lat;
  self->lon = lon;
  if (change != NULL)
    {
      self->original = fp_change_copy (change);
      self->new_id = g_strdup (change->new_id);
    }
  if (site_id != NULL)
    adw_window_title_set_subtitle (self->window_title, site_label (self, site_id));
  build_kind (self, change);
  build_common (self, change);

  /* The keyboard starts in the first field, not on Cancel. */
  self->first_field = self->service_drop != NULL ? GTK_WIDGET (self->service_drop)
                    : self->to_drop != NULL ? GTK_WIDGET (self->to_drop)
                    : self->name_row != NULL ? GTK_WIDGET (self->name_row)
                    : self->value_spin != NULL ? GTK_WIDGET (self->value_spin)
                    : self->m2_spin != NULL ? GTK_WIDGET (self->m2_spin)
                    : self->hours_spin != NULL ? GTK_WIDGET (self->hours_spin)
                    : GTK_WIDGET (self->year_spin);
  gtk_window_set_focus (GTK_WINDOW (self), self->first_field);
  return self;
}

/**
 * fp_change_dialog_new:
 * @parent: the window
 * @session: what the window shows (the scenario and year the lists are read in)
 * @kind: the kind of change (not shift_setting or change_growth, which are only edited)
 * @site_id: (nullable): the site it is for; %NULL for open_site
 * @lat: open_site: where, or NAN
 * @lon: open_site: where, or NAN
 *
 * Returns: (transfer none): a dialog to present; it is destroyed when closed
 */
FpChangeDialog *
fp_change_dialog_new (GtkWindow    *parent,
                      FpSession    *session,
                      FpChangeKind  kind,
                      const char   *site_id,
                      double        lat,
                      double        lon)
{
  g_return_val_if_fail (FP_IS_SESSION (session), NULL);
  g_return_val_if_fail (kind == FP_CHANGE_OPEN_SITE || site_id != NULL, NULL);
  g_return_val_if_fail (kind != FP_CHANGE_SHIFT_SETTING && kind != FP_CHANGE_CHANGE_GROWTH,
                        NULL);

  return dialog_new (parent, session, kind, site_id, lat, lon, NULL);
}

/**
 * fp_change_dialog_new_for_change:
 * @parent: the window
 * @session: what the window shows
 * @change: a change of the scenario shown, to edit
 * @position: its position, from 0
 *
 * Returns: (transfer none): a dialog to present; "Save" emits ::apply with the edited
 *   change
 */
FpChangeDialog *
fp_change_dialog_new_for_change (GtkWindow      *parent,
                                 FpSession      *session,
                                 const FpChange *change,
                                 guint           position)
{
  FpChangeDialog *self;
  g_autofree char *subtitle = NULL;

  g_return_val_if_fail (FP_IS_SESSION (session), NULL);
  g_return_val_if_fail (change != NULL, NULL);

  self = dialog_new (parent, session, change->kind,
                     change->kind == FP_CHANGE_OPEN_SITE ? NULL : change->site,
                     change->lat, change->lon, change);
  self->editing = TRUE;
  self->position = position;
  gtk_button_set_label (self->apply_button, _("_Save"));
  if (change->site != NULL)
    /* Translators: the subtitle of the dialog that edits a change: its number and site */
    subtitle = g_strdup_printf (_("Change %u · %s"), position + 1,
                                site_label (self, change->site));
  else
    /* Translators: the subtitle of the dialog that edits a change: its number */
    subtitle = g_strdup_printf (_("Change %u"), position + 1);
  adw_window_title_set_subtitle (self->window_title, subtitle);
  return self;
}

gboolean
fp_change_dialog_get_position (FpChangeDialog *self,
                               guint          *position)
{
  g_return_val_if_fail (FP_IS_CHANGE_DIALOG (self), FALSE);

  if (position != NULL)
    *position = self->position;
  return self->editing;
}

FpChangeKind
fp_change_dialog_get_kind (FpChangeDialog *self)
{
  g_return_val_if_fail (FP_IS_CHANGE_DIALOG (self), FP_N_CHANGE_KINDS);
  return self->kind;
}

/**
 * fp_change_dialog_set_receiver:
 * @self: a dialog with a receiving site
 * @site_id: the site chosen (on the map)
 *
 * Returns: whether @site_id can receive (a site in the list)
 */
gboolean
fp_change_dialog_set_receiver (FpChangeDialog *self,
                               const char     *site_id)
{
  guint i;

  g_return_val_if_fail (FP_IS_CHANGE_DIALOG (self), FALSE);

  i = find_id (self->to_ids, site_id);
  if (self->to_drop == NULL || i == GTK_INVALID_LIST_POSITION)
    return FALSE;
  gtk_drop_down_set_selected (self->to_drop, i);
  return TRUE;
}

/**
 * fp_change_dialog_show_error:
 * @self: a dialog
 * @message: why the change was refused (the workspace's words)
 */
void
fp_change_dialog_show_error (FpChangeDialog *self,
                             const char     *message)
{
  g_return_if_fail (FP_IS_CHANGE_DIALOG (self));
  show_error (self, message);
}
