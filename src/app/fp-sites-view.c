/* fp-sites-view.c: a GtkColumnView of the sites, with the figures of the scenario and year
 * shown: name, type, tenure, locality, utilisation, running cost, cost per m², void cost,
 * category and whether the site is held.
 *
 * Columns and their sorters are declared in the template (numeric sorters on the items'
 * figures); the cells are labels written by fp_format_* and follow the items as their
 * figures change. The filter is the session's search, so the table, the list and the
 * map's highlights agree; the selection is the session's, so choosing a row selects the
 * site on the map, and activating it (Enter or a double click) shows it there.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fp-sites-view"

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "fp-keyboard.h"
#include "fp-sites-view.h"

typedef enum
{
  COLUMN_NAME,
  COLUMN_TYPE,
  COLUMN_TENURE,
  COLUMN_LOCALITY,
  COLUMN_UTILISATION,
  COLUMN_RUNNING_COST,
  COLUMN_COST_PER_M2,
  COLUMN_VOID_COST,
  COLUMN_CATEGORY,
  COLUMN_HELD,
  N_COLUMNS
} Column;

static const char * const column_ids[N_COLUMNS] = {
  "name_column", "type_column", "tenure_column", "locality_column", "utilisation_column",
  "cost_column", "per_m2_column", "void_column", "category_column", "held_column",
};

struct _FpSitesView
{
  GtkWidget            parent_instance;

  GtkColumnView       *column_view;
  GtkSearchEntry      *search_entry;
  GtkLabel            *count_label;
  GtkFilterListModel  *filter_model;
  GtkSortListModel    *sort_model;
  GtkSingleSelection  *selection;
  GtkCustomFilter     *filter;
  GtkColumnViewColumn *columns[N_COLUMNS];

  FpSession           *session;
  gulong               handler_ids[3];
  gboolean             syncing;
};

G_DEFINE_FINAL_TYPE (FpSitesView, fp_sites_view, GTK_TYPE_WIDGET)

/* ---- cells ---------------------------------------------------------------------- */

static char *
cell_text (FpResultItem *item,
           Column        column)
{
  g_autofree char *text = NULL;
  double value;
  gboolean held, left, independent;

  switch (column)
    {
    case COLUMN_NAME:
      g_object_get (item, "name", &text, NULL);
      return g_steal_pointer (&text);
    case COLUMN_TYPE:
      g_object_get (item, "type-label", &text, NULL);
      return g_steal_pointer (&text);
    case COLUMN_TENURE:
      g_object_get (item, "tenure-label", &text, NULL);
      return g_steal_pointer (&text);
    case COLUMN_LOCALITY:
      g_object_get (item, "locality", &text, NULL);
      return text != NULL ? g_steal_pointer (&text) : g_strdup (FP_FORMAT_UNKNOWN);
    case COLUMN_UTILISATION:
      g_object_get (item, "utilisation", &value, NULL);
      return fp_format_percent (value);
    case COLUMN_RUNNING_COST:
      g_object_get (item, "running-cost", &value, NULL);
      return fp_format_money_short (value);
    case COLUMN_COST_PER_M2:
      g_object_get (item, "cost-per-m2", &value, NULL);
      return fp_format_money (value);
    case COLUMN_VOID_COST:
      g_object_get (item, "void-cost", &value, NULL);
      return fp_format_money_short (value);
    case COLUMN_CATEGORY:
      g_object_get (item, "category-label", &text, NULL);
      return text != NULL ? g_steal_pointer (&text) : g_strdup (FP_FORMAT_UNKNOWN);
    case COLUMN_HELD:
      g_object_get (item, "held", &held, "left", &left, "independent", &independent, NULL);
      if (independent)
        return g_strdup (C_("held", "Independent"));
      if (left && held)
        return g_strdup (C_("held", "Leaving"));
      return g_strdup (held ? C_("held", "Held") : C_("held", "Not held"));
    case N_COLUMNS:
    default:
      return NULL;
    }
}

static void
update_cell (GtkListItem *list_item)
{
  Column column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (list_item), "fp-column"));
  FpResultItem *item = gtk_list_item_get_item (list_item);
  g_autofree char *text = item != NULL ? cell_text (item, column) : NULL;

  gtk_label_set_label (GTK_LABEL (gtk_list_item_get_child (list_item)), text);
}

static void
on_cell_setup_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *list_item,
                  gpointer                  user_data)
{
  Column column = GPOINTER_TO_UINT (user_data);
  GtkWidget *label = gtk_label_new (NULL);
  gboolean number = column >= COLUMN_UTILISATION && column <= COLUMN_VOID_COST;

  gtk_label_set_xalign (GTK_LABEL (label), number ? 1.0 : 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (number)
    gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (list_item, label);
  g_object_set_data (G_OBJECT (list_item), "fp-column", user_data);
}

static void
on_cell_bind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 gpointer                  user_data)
{
  FpResultItem *item = gtk_list_item_get_item (list_item);
  gulong id = g_signal_connect_swapped (item, "notify", G_CALLBACK (update_cell), list_item);

  g_object_set_data (G_OBJECT (list_item), "fp-notify", GSIZE_TO_POINTER (id));
  update_cell (list_item);
}

static void
on_cell_unbind_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *list_item,
                   gpointer                  user_data)
{
  FpResultItem *item = gtk_list_item_get_item (list_item);
  gulong id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (list_item), "fp-notify"));

  if (item != NULL && id != 0)
    g_signal_handler_disconnect (item, id);
  g_object_set_data (G_OBJECT (list_item), "fp-notify", NULL);
}

/* ---- helpers -------------------------------------------------------------------- */

static gboolean
filter_func (gpointer item,
             gpointer user_data)
{
  FpSitesView *self = user_data;
  const char *query = self->session != NULL ? fp_session_get_search (self->session) : NULL;

  return fp_search_matches (fp_result_item_get_search_text (item), query);
}

static void
update_count (FpSitesView *self)
{
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->selection));
  guint total = self->session != NULL
                  ? g_list_model_get_n_items (fp_session_get_sites (self->session)) : 0;
  g_autofree char *shown_text = fp_format_count (shown);
  g_autofree char *total_text = fp_format_count (total);
  g_autofree char *year = NULL;
  g_autofree char *text = NULL;

  if (self->session == NULL)
    return;

  /* Translators: above the sites table: the scenario and year its figures are for */
  year = g_strdup_printf (_("%s, %d"), fp_session_get_scenario (self->session),
                          fp_session_get_year (self->session));
  if (shown == total)
    /* Translators: e.g. "414 sites · Do nothing, 2030" */
    text = g_strdup_printf (_("%s sites · %s"), total_text, year);
  else
    /* Translators: e.g. "12 of 414 sites · Do nothing, 2030" */
    text = g_strdup_printf (_("%s of %s sites · %s"), shown_text, total_text, year);
  gtk_label_set_label (self->count_label, text);
}

static GtkWidget *
find_list_view (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_VIEW (child))
      return child;
  return NULL;
}

static void
show_selected (FpSitesView *self)
{
  GListModel *model = G_LIST_MODEL (self->selection);
  guint index = self->session != NULL ? fp_session_get_selected (self->session) : FP_SITE_NONE;
  guint position = GTK_INVALID_LIST_POSITION;
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; index != FP_SITE_NONE && i < n; i++)
    {
      g_autoptr(FpResultItem) item = g_list_model_get_item (model, i);

      if (fp_result_item_get_index (item) == index)
        {
          position = i;
          break;
        }
    }

  self->syncing = TRUE;
  gtk_single_selection_set_selected (self->selection, position);
  self->syncing = FALSE;

  /* A list scrolled while it is not shown is left in a broken state (GTK 4.8): it is
   * scrolled when it is shown (fp_sites_view_map). */
  if (position != GTK_INVALID_LIST_POSITION && gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      GtkWidget *list = find_list_view (GTK_WIDGET (self->column_view));

      if (list != NULL)
        gtk_widget_activate_action (list, "list.scroll-to-item", "u", position);
    }
}

/* ---- callbacks ------------------------------------------------------------------ */

static void
on_selection_changed_cb (GtkSelectionModel *model,
                         guint              position,
                         guint              n_items,
                         FpSitesView       *self)
{
  FpResultItem *item;

  if (self->syncing)
    return;

  item = gtk_single_selection_get_selected_item (self->selection);
  if (item != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.select-site", "s",
                                fp_result_item_get_id (item));
}

static void
on_activate_cb (GtkColumnView *view,
                guint          position,
                FpSitesView   *self)
{
  g_autoptr(FpResultItem) item = g_list_model_get_item (G_LIST_MODEL (self->selection), position);

  if (item == NULL)
    return;
  gtk_widget_activate_action (GTK_WIDGET (self), "win.select-site", "s",
                              fp_result_item_get_id (item));
  if (fp_result_item_get_placed (item))
    gtk_widget_activate_action (GTK_WIDGET (self), "win.show-view", "s", "map");
}

static void
on_search_changed_cb (GtkSearchEntry *entry,
                      FpSitesView    *self)
{
  if (self->session != NULL && !self->syncing)
    fp_session_set_search (self->session, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

static void
on_search_stop_cb (GtkSearchEntry *entry,
                   FpSitesView    *self)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
}

static void
on_matches_changed_cb (FpSitesView *self)
{
  const char *query = fp_session_get_search (self->session);

  if (g_strcmp0 (query != NULL ? query : "",
                 gtk_editable_get_text (GTK_EDITABLE (self->search_entry))) != 0)
    {
      self->syncing = TRUE;
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), query != NULL ? query : "");
      self->syncing = FALSE;
    }
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_count (self);
}

static void
on_results_changed_cb (FpSitesView *self)
{
  GtkSorter *sorter = gtk_column_view_get_sorter (self->column_view);

  /* The figures changed under the sorter: sort again, filter again. */
  if (sorter != NULL)
    gtk_sorter_changed (sorter, GTK_SORTER_CHANGE_DIFFERENT);
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_count (self);
  show_selected (self);
}

static void
on_items_changed_cb (GListModel  *model,
                     guint        position,
                     guint        removed,
                     guint        added,
                     FpSitesView *self)
{
  update_count (self);
}

/* ---- vfuncs --------------------------------------------------------------------- */

static void
fp_sites_view_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (fp_sites_view_parent_class)->map (widget);
  show_selected (FP_SITES_VIEW (widget));
}

static void
fp_sites_view_dispose (GObject *object)
{
  FpSitesView *self = FP_SITES_VIEW (object);
  GtkWidget *child;

  fp_sites_view_set_session (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), FP_TYPE_SITES_VIEW);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (fp_sites_view_parent_class)->dispose (object);
}

static void
fp_sites_view_class_init (FpSitesViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fp_sites_view_dispose;
  widget_class->map = fp_sites_view_map;

  g_type_ensure (FP_TYPE_RESULT_ITEM);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/fp-sites-view.ui");
  gtk_widget_class_bind_template_child (widget_class, FpSitesView, column_view);
  gtk_widget_class_bind_template_child (widget_class, FpSitesView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, FpSitesView, count_label);
  gtk_widget_class_bind_template_child (widget_class, FpSitesView, filter_model);
  gtk_widget_class_bind_template_child (widget_class, FpSitesView, sort_model);
  gtk_widget_class_bind_template_child (widget_class, FpSitesView, selection);
  for (guint c = 0; c < N_COLUMNS; c++)
    gtk_widget_class_bind_template_child_full (widget_class, column_ids[c], FALSE,
                                               G_STRUCT_OFFSET (FpSitesView, columns[c]));
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_stop_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_activate_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "fp-sites-view");
}

static void
fp_sites_view_init (FpSitesView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->filter = gtk_custom_filter_new (filter_func, self, NULL);
  gtk_filter_list_model_set_filter (self->filter_model, GTK_FILTER (self->filter));
  g_object_unref (self->filter);

  /* The column view's sorter sorts the model (the header clicks change it). */
  gtk_sort_list_model_set_sorter (self->sort_model, gtk_column_view_get_sorter (self->column_view));

  for (guint c = 0; c < N_COLUMNS; c++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

      g_signal_connect (factory, "setup", G_CALLBACK (on_cell_setup_cb), GUINT_TO_POINTER (c));
      g_signal_connect (factory, "bind", G_CALLBACK (on_cell_bind_cb), GUINT_TO_POINTER (c));
      g_signal_connect (factory, "unbind", G_CALLBACK (on_cell_unbind_cb), GUINT_TO_POINTER (c));
      gtk_column_view_column_set_factory (self->columns[c], factory);
      g_object_unref (factory);
    }

  fp_keyboard_tab_leaves (GTK_WIDGET (self->column_view));

  /* Sorted by name to begin with. */
  gtk_column_view_sort_by_column (self->column_view, self->columns[COLUMN_NAME],
                                  GTK_SORT_ASCENDING);

  g_signal_connect (self->selection, "selection-changed",
                    G_CALLBACK (on_selection_changed_cb), self);
  g_signal_connect (self->selection, "items-changed", G_CALLBACK (on_items_changed_cb), self);
}

/**
 * fp_sites_view_set_session:
 * @self: a sites view
 * @session: (nullable): what the window shows
 */
void
fp_sites_view_set_session (FpSitesView *self,
                           FpSession   *session)
{
  g_return_if_fail (FP_IS_SITES_VIEW (self));

  if (self->session == session)
    return;

  if (self->session != NULL)
    for (guint i = 0; i < G_N_ELEMENTS (self->handler_ids); i++)
      g_clear_signal_handler (&self->handler_ids[i], self->session);

  g_set_object (&self->session, session);
  self->syncing = TRUE;
  gtk_filter_list_model_set_model (self->filter_model,
                                   session != NULL ? fp_session_get_sites (session) : NULL);
  self->syncing = FALSE;

  if (session != NULL)
    {
      self->handler_ids[0] = g_signal_connect_swapped (session, "results-changed",
                                                       G_CALLBACK (on_results_changed_cb), self);
      self->handler_ids[1] = g_signal_connect_swapped (session, "notify::selected",
                                                       G_CALLBACK (show_selected), self);
      self->handler_ids[2] = g_signal_connect_swapped (session, "matches-changed",
                                                       G_CALLBACK (on_matches_changed_cb), self);
      on_results_changed_cb (self);
    }
}
