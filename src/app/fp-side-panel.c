/* fp-side-panel.c: every site in a list that gets the panel's height, and the chosen
 * site's details in its place.
 *
 * The list is the session's sites (the scenario shown, so sites it opens are there too),
 * filtered by the search as fp_search_matches() decides and sorted by name. Choosing a
 * row, pressing Enter in the search, and the back button all go through the window's
 * actions (win.select-site, win.go-to-postcode, win.clear-selection), so the map, the
 * sites table and this list agree on what is selected. The estate's data summary, which
 * never changes with a scenario, is behind "About the data".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fp-side-panel"

#include "config.h"

#include <glib/gi18n.h>

#include "fp-data-summary.h"
#include "fp-keyboard.h"
#include "fp-side-panel.h"
#include "fp-site-panel.h"
#include "fp-site-row.h"

struct _FpSidePanel
{
  GtkWidget           parent_instance;

  GtkStack           *stack;
  GtkSearchEntry     *search_entry;
  GtkLabel           *count_label;
  GtkButton          *postcode_button;
  GtkListView        *list_view;
  GtkLabel           *empty_label;
  FpDataSummary      *data_summary;
  FpSitePanel        *site_panel;
  GtkScrolledWindow  *site_scroller;

  GtkFilterListModel *filter_model;
  GtkSortListModel   *sort_model;
  GtkSingleSelection *selection;
  GtkCustomFilter    *filter;

  FpSession          *session;
  gulong              selected_id;
  gulong              results_id;
  gboolean            syncing;
  char               *postcode;      /* what the postcode button goes to */
};

G_DEFINE_FINAL_TYPE (FpSidePanel, fp_side_panel, GTK_TYPE_WIDGET)

/* ---- helpers -------------------------------------------------------------------- */

static gboolean
filter_func (gpointer item,
             gpointer user_data)
{
  FpSidePanel *self = user_data;
  const char *query = self->session != NULL ? fp_session_get_search (self->session) : NULL;

  return fp_search_matches (fp_result_item_get_search_text (item), query);
}

static void
update_count (FpSidePanel *self)
{
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->selection));
  guint total = self->session != NULL
                  ? g_list_model_get_n_items (fp_session_get_sites (self->session)) : 0;
  g_autofree char *shown_text = fp_format_count (shown);
  g_autofree char *total_text = fp_format_count (total);
  g_autofree char *text = NULL;

  if (shown == total)
    /* Translators: the number of sites in the list, e.g. "414 sites" */
    text = g_strdup_printf (g_dngettext (NULL, "%s site", "%s sites", total), total_text);
  else
    /* Translators: sites shown by a search, "12 of 414" */
    text = g_strdup_printf (_("%s of %s"), shown_text, total_text);

  gtk_label_set_label (self->count_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->empty_label), shown == 0 && total > 0);
}

/* A postcode (or a postcode district) typed in the search: offer to go there, whether or
 * not a site has it. */
static void
update_postcode_button (FpSidePanel *self)
{
  const char *query = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *full = fp_postcode_normalise (query);
  g_autofree char *outward = full == NULL ? fp_postcode_normalise_outward (query) : NULL;
  g_autofree char *label = NULL;

  g_free (self->postcode);
  self->postcode = g_strdup (full != NULL ? full : outward);

  if (self->postcode != NULL)
    {
      /* Translators: a button that moves the map to a postcode, e.g. "Go to B33 8TD" */
      label = g_strdup_printf (_("Go to %s on the map"), self->postcode);
      gtk_button_set_label (self->postcode_button, label);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->postcode_button), self->postcode != NULL);
}

static guint
position_of (FpSidePanel *self,
             guint        index)
{
  GListModel *model = G_LIST_MODEL (self->selection);
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(FpResultItem) item = g_list_model_get_item (model, i);

      if (fp_result_item_get_index (item) == index)
        return i;
    }

  return GTK_INVALID_LIST_POSITION;
}

static void
show_selected (FpSidePanel *self)
{
  guint index = self->session != NULL ? fp_session_get_selected (self->session) : FP_SITE_NONE;
  guint position = index != FP_SITE_NONE ? position_of (self, index) : GTK_INVALID_LIST_POSITION;

  self->syncing = TRUE;
  gtk_single_selection_set_selected (self->selection, position);
  self->syncing = FALSE;

  fp_site_panel_show_site (self->site_panel, index);
  if (index != FP_SITE_NONE)
    {
      gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->site_scroller), 0);
      gtk_stack_set_visible_child_name (self->stack, "site");
    }
  else
    gtk_stack_set_visible_child_name (self->stack, "list");

  /* A list scrolled while it is not shown is left broken (GTK 4.8): it is scrolled when
   * the panel is shown (fp_side_panel_map). */
  if (position != GTK_INVALID_LIST_POSITION && gtk_widget_get_mapped (GTK_WIDGET (self->list_view)))
    gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u",
                                position);
}

/* ---- callbacks ------------------------------------------------------------------ */

static void
on_selection_changed_cb (GtkSelectionModel *model,
                         guint              position,
                         guint              n_items,
                         FpSidePanel       *self)
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
on_list_activate_cb (GtkListView *list,
                     guint        position,
                     FpSidePanel *self)
{
  g_autoptr(FpResultItem) item = g_list_model_get_item (G_LIST_MODEL (self->selection), position);

  if (item != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.select-site", "s",
                                fp_result_item_get_id (item));
}

static void
on_items_changed_cb (GListModel  *model,
                     guint        position,
                     guint        removed,
                     guint        added,
                     FpSidePanel *self)
{
  update_count (self);
}

static void
on_search_changed_cb (GtkSearchEntry *entry,
                      FpSidePanel    *self)
{
  if (self->session != NULL)
    fp_session_set_search (self->session, gtk_editable_get_text (GTK_EDITABLE (entry)));
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_postcode_button (self);
}

static void
on_search_stop_cb (GtkSearchEntry *entry,
                   FpSidePanel    *self)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
}

/* Enter picks the first site the search finds; with no site, a postcode is gone to. */
static void
on_search_activate_cb (GtkSearchEntry *entry,
                       FpSidePanel    *self)
{
  g_autoptr(FpResultItem) first = g_list_model_get_item (G_LIST_MODEL (self->selection), 0);
  const char *query = gtk_editable_get_text (GTK_EDITABLE (entry));

  if (query == NULL || *query == '\0')
    return;

  if (first != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.select-site", "s",
                                fp_result_item_get_id (first));
  else if (self->postcode != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.go-to-postcode", "s", self->postcode);
}

static void
on_postcode_clicked_cb (GtkButton   *button,
                        FpSidePanel *self)
{
  if (self->postcode != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.go-to-postcode", "s", self->postcode);
}

static void
on_factory_setup_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *list_item,
                     FpSidePanel              *self)
{
  gtk_list_item_set_child (list_item, fp_site_row_new ());
}

static void
on_factory_bind_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *list_item,
                    FpSidePanel              *self)
{
  fp_site_row_bind (FP_SITE_ROW (gtk_list_item_get_child (list_item)), self->session,
                    gtk_list_item_get_item (list_item));
}

static void
on_factory_unbind_cb (GtkSignalListItemFactory *factory,
                      GtkListItem              *list_item,
                      FpSidePanel              *self)
{
  fp_site_row_unbind (FP_SITE_ROW (gtk_list_item_get_child (list_item)));
}

static void
on_results_changed_cb (FpSidePanel *self)
{
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  show_selected (self);
}

/* Escape on the site's details goes back to the list. */
static gboolean
on_site_key_pressed_cb (GtkEventControllerKey *controller,
                        guint                  keyval,
                        guint                  keycode,
                        GdkModifierType        state,
                        FpSidePanel           *self)
{
  if (keyval != GDK_KEY_Escape)
    return FALSE;
  return gtk_widget_activate_action (GTK_WIDGET (self), "win.clear-selection", NULL);
}

/* ---- vfuncs --------------------------------------------------------------------- */

static void
fp_side_panel_map (GtkWidget *widget)
{
  FpSidePanel *self = FP_SIDE_PANEL (widget);

  GTK_WIDGET_CLASS (fp_side_panel_parent_class)->map (widget);
  if (self->session != NULL)
    show_selected (self);
}

static void
fp_side_panel_dispose (GObject *object)
{
  FpSidePanel *self = FP_SIDE_PANEL (object);
  GtkWidget *child;

  fp_side_panel_set_session (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), FP_TYPE_SIDE_PANEL);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);
  g_clear_pointer (&self->postcode, g_free);

  G_OBJECT_CLASS (fp_side_panel_parent_class)->dispose (object);
}

static void
fp_side_panel_class_init (FpSidePanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fp_side_panel_dispose;
  widget_class->map = fp_side_panel_map;

  g_type_ensure (FP_TYPE_DATA_SUMMARY);
  g_type_ensure (FP_TYPE_SITE_PANEL);
  g_type_ensure (FP_TYPE_RESULT_ITEM);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/fp-side-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, FpSidePanel, stack);
  gtk_widget_class_bind_template_child (widget_class, FpSidePanel, search_entry);
  gtk_widget_class_bind_template_child (widget_class, FpSidePanel, count_label);
  gtk_widget_class_bind_template_child (widget_class, FpSidePanel, postcode_button);
  gtk_widget_class_bind_template_child (widget_class, FpSidePanel, list_view);
  gtk_widget_class_bind_template_child (widget_class, FpSidePanel, empty_label);
  gtk_widget_class_bind_template_child (widget_class, FpSidePanel, data_summary);
  gtk_widget_class_bind_template_child (widget_class, FpSidePanel, site_panel);
  gtk_widget_class_bind_template_child (widget_class, FpSidePanel, site_scroller);
  gtk_widget_class_bind_template_child (widget_class, FpSidePanel, filter_model);
  gtk_widget_class_bind_template_child (widget_class, FpSidePanel, sort_model);
  gtk_widget_class_bind_template_child (widget_class, FpSidePanel, selection);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_stop_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_postcode_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_list_activate_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "fp-side-panel");
}

static void
fp_side_panel_init (FpSidePanel *self)
{
  GtkListItemFactory *factory;
  GtkEventController *keys;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->filter = gtk_custom_filter_new (filter_func, self, NULL);
  gtk_filter_list_model_set_filter (self->filter_model, GTK_FILTER (self->filter));
  g_object_unref (self->filter);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (on_factory_setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (on_factory_bind_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (on_factory_unbind_cb), self);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);

  g_signal_connect (self->selection, "selection-changed",
                    G_CALLBACK (on_selection_changed_cb), self);
  g_signal_connect (self->selection, "items-changed", G_CALLBACK (on_items_changed_cb), self);

  fp_keyboard_tab_leaves (GTK_WIDGET (self->list_view));

  keys = gtk_event_controller_key_new ();
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_site_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->site_scroller), keys);
}

/* ---- public API ----------------------------------------------------------------- */

/**
 * fp_side_panel_set_session:
 * @self: a panel
 * @session: (nullable): what the window shows
 */
void
fp_side_panel_set_session (FpSidePanel *self,
                           FpSession   *session)
{
  g_return_if_fail (FP_IS_SIDE_PANEL (self));

  if (self->session == session)
    return;

  if (self->session != NULL)
    {
      g_clear_signal_handler (&self->selected_id, self->session);
      g_clear_signal_handler (&self->results_id, self->session);
    }
  g_set_object (&self->session, session);

  self->syncing = TRUE;
  gtk_filter_list_model_set_model (self->filter_model,
                                   session != NULL ? fp_session_get_sites (session) : NULL);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  self->syncing = FALSE;

  fp_site_panel_set_session (self->site_panel, session);
  fp_data_summary_set_workspace (self->data_summary,
                                 session != NULL ? fp_session_get_workspace (session) : NULL);

  if (session != NULL)
    {
      self->selected_id = g_signal_connect_swapped (session, "notify::selected",
                                                    G_CALLBACK (show_selected), self);
      self->results_id = g_signal_connect_swapped (session, "results-changed",
                                                   G_CALLBACK (on_results_changed_cb), self);
      fp_session_set_search (session, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
    }

  update_count (self);
  show_selected (self);
}

/**
 * fp_side_panel_focus_search:
 * @self: a panel
 *
 * Shows the list and puts the keyboard in its search box.
 */
void
fp_side_panel_focus_search (FpSidePanel *self)
{
  g_return_if_fail (FP_IS_SIDE_PANEL (self));

  gtk_stack_set_visible_child_name (self->stack, "list");
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/**
 * fp_side_panel_is_settled:
 * @self: a panel
 *
 * Returns: whether the panel is not sliding between the list and a site
 */
gboolean
fp_side_panel_is_settled (FpSidePanel *self)
{
  g_return_val_if_fail (FP_IS_SIDE_PANEL (self), TRUE);
  return !gtk_stack_get_transition_running (self->stack);
}

/**
 * fp_side_panel_get_data_summary_shown:
 * @self: a panel
 *
 * Returns: (transfer none): what "About the data" says (fp_data_summary_get_shown)
 */
GVariant *
fp_side_panel_get_data_summary_shown (FpSidePanel *self)
{
  g_return_val_if_fail (FP_IS_SIDE_PANEL (self), NULL);
  return fp_data_summary_get_shown (self->data_summary);
}
