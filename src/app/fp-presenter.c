/* fp-presenter.c: the presenter view, on the facilitator's own screen.
 *
 * A window of its own: on a second monitor it fills that monitor while the projector shows
 * only presentation mode; on one monitor it is an ordinary window, for a rehearsal. The
 * window's action group is inserted here as "win", so every button is the window's own
 * action and follows its state (the option on the wall, before and after, playing, a
 * what-if branch in hand). Presentation mode (fp-presentation.c) tells it what is on the
 * wall and where the story is; the next view's picture is drawn by the deck's renderer
 * (fp-deck.c), the one the PDF deck is drawn with.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fp-presenter"

#include "config.h"

#include <glib/gi18n.h>

#include "fp-deck.h"
#include "fp-presenter.h"

#define DECK_DELAY_MS  250   /* the document settles before the next view is drawn again */

struct _FpPresenter
{
  AdwWindow      parent_instance;

  GtkWidget     *window;          /* weak: the window presenting */
  FpWorkspace   *workspace;
  gulong         changed_id;

  GtkLabel      *clock;
  GtkLabel      *elapsed;
  GtkLabel      *wall;
  GtkLabel      *now_title;
  GtkLabel      *now_notes;
  GtkLabel      *next_title;
  GtkLabel      *next_notes;
  GtkPicture    *mirror;          /* the wall, as the room sees it */
  GtkWidget     *next_button;
  GtkMenuButton *stories;
  AdwToastOverlay *toasts;
  GtkStack      *preview_stack;   /* "preview" or "none" */
  GtkLabel      *preview_none;
  GtkWidget     *preview;
  GtkBox        *option_row;
  GtkAdjustment *year;
  GtkEntry      *view_title;
  gboolean       syncing;

  FpStory       *story;
  int            step;
  int            last_step;
  FpDeck        *deck;            /* the story's pages, for the next view's picture */
  int            drawn;           /* the page the picture shows, -1 none yet */
  guint          deck_id;
  gint64         started;
  guint          clock_id;
};

G_DEFINE_FINAL_TYPE (FpPresenter, fp_presenter, ADW_TYPE_WINDOW)

static void show_story (FpPresenter *self);

/* ---- the clock ------------------------------------------------------------------ */

static gboolean
on_clock_cb (gpointer user_data)
{
  FpPresenter *self = user_data;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *clock = g_date_time_format (now, "%H:%M");
  gint64 seconds = (g_get_monotonic_time () - self->started) / G_USEC_PER_SEC;
  g_autofree char *elapsed = NULL;

  if (seconds >= 3600)
    /* Translators: the time presenting, hours, minutes and seconds */
    elapsed = g_strdup_printf (_("%d:%02d:%02d presenting"), (int) (seconds / 3600),
                               (int) (seconds / 60 % 60), (int) (seconds % 60));
  else
    /* Translators: the time presenting, minutes and seconds */
    elapsed = g_strdup_printf (_("%d:%02d presenting"), (int) (seconds / 60),
                               (int) (seconds % 60));
  gtk_label_set_text (self->clock, clock);
  gtk_label_set_text (self->elapsed, elapsed);
  return G_SOURCE_CONTINUE;
}

/* ---- the next view's picture ---------------------------------------------------- */

static gboolean
views_equal (const FpStory *a,
             const FpStory *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  if (g_strcmp0 (a->name, b->name) != 0 || a->views->len != b->views->len)
    return FALSE;
  for (guint i = 0; i < a->views->len; i++)
    if (!fp_story_view_equal (g_ptr_array_index (a->views, i), g_ptr_array_index (b->views, i)))
      return FALSE;
  return TRUE;
}

static gboolean
build_deck_cb (gpointer user_data)
{
  FpPresenter *self = user_data;
  g_autoptr(GError) error = NULL;

  self->deck_id = 0;
  g_clear_pointer (&self->deck, fp_deck_free);
  if (self->story != NULL && self->story->views->len > 0)
    {
      self->deck = fp_deck_new (self->workspace, self->story, NULL, &error);
      if (self->deck == NULL)
        g_message ("Could not draw the story's next view: %s", error->message);
    }
  show_story (self);
  return G_SOURCE_REMOVE;
}

static void
queue_deck (FpPresenter *self)
{
  g_clear_handle_id (&self->deck_id, g_source_remove);
  self->deck_id = g_timeout_add (DECK_DELAY_MS, build_deck_cb, self);
}

/* The pages borrow the document's figures: when it changes they go at once, and are drawn
 * again once it has settled. */
static void
on_workspace_changed_cb (FpPresenter *self)
{
  g_clear_pointer (&self->deck, fp_deck_free);
  gtk_widget_queue_draw (self->preview);
  queue_deck (self);
}

static void
draw_preview (GtkDrawingArea *area,
              cairo_t        *cr,
              int             width,
              int             height,
              gpointer        user_data)
{
  FpPresenter *self = user_data;
  int next = fp_presenter_get_next (self);
  double scale;

  if (self->deck == NULL || next < 0 || (guint) next >= fp_deck_get_n_pages (self->deck))
    return;
  scale = MIN (width / FP_RENDER_SLIDE_WIDTH, height / FP_RENDER_SLIDE_HEIGHT);
  cairo_translate (cr, (width - FP_RENDER_SLIDE_WIDTH * scale) / 2,
                   (height - FP_RENDER_SLIDE_HEIGHT * scale) / 2);
  cairo_scale (cr, scale, scale);
  fp_deck_draw_page (self->deck, cr, (guint) next, FP_RENDER_SLIDE_WIDTH,
                     FP_RENDER_SLIDE_HEIGHT);
  self->drawn = next;
}

/* ---- what it shows -------------------------------------------------------------- */

static void
set_view_text (FpPresenter *self,
               int          index,
               GtkLabel    *title,
               GtkLabel    *notes)
{
  FpStoryView *view = g_ptr_array_index (self->story->views, index);
  /* Translators: a view of the story in the presenter view, e.g. "3 of 5 · Hub sites" */
  g_autofree char *text = g_strdup_printf (_("%d of %u · %s"), index + 1,
                                           self->story->views->len, view->title);

  gtk_label_set_text (title, text);
  gtk_label_set_text (notes, view->notes != NULL && *view->notes != '\0'
                             ? view->notes : _("No notes for this view."));
}

static void
show_story (FpPresenter *self)
{
  int next = fp_presenter_get_next (self);
  const char *none = NULL;

  if (self->story == NULL || self->story->views->len == 0)
    {
      gtk_label_set_text (self->now_title, _("No story"));
      gtk_label_set_text (self->now_notes, _("Save views into a story to step through them "
                                             "here: type a title below and press Save View."));
      gtk_label_set_text (self->next_title, "");
      gtk_label_set_text (self->next_notes, "");
      none = _("This document has no story yet");
    }
  else
    {
      if (self->step >= 0)
        set_view_text (self, self->step, self->now_title, self->now_notes);
      else if (self->last_step >= 0)
        {
          /* Translators: the presenter view while the wall is off the story */
          g_autofree char *text = g_strdup_printf (_("Exploring off “%s”"), self->story->name);

          gtk_label_set_text (self->now_title, text);
          gtk_label_set_text (self->now_notes, _("Return to the story (R) goes back to the "
                                                 "view it left; Next goes on from there."));
        }
      else
        {
          gtk_label_set_text (self->now_title, _("Not in the story yet"));
          gtk_label_set_text (self->now_notes, _("Next (→ or Page Down) shows the story’s "
                                                 "first view."));
        }
      if (next >= 0)
        set_view_text (self, next, self->next_title, self->next_notes);
      else
        {
          gtk_label_set_text (self->next_title, _("The end of the story"));
          gtk_label_set_text (self->next_notes, "");
          none = _("That is the story’s last view");
        }
      if (none == NULL && self->deck == NULL)
        none = _("Drawing the next view…");
    }

  if (none != NULL)
    {
      gtk_label_set_text (self->preview_none, none);
      gtk_stack_set_visible_child_name (self->preview_stack, "none");
    }
  else
    gtk_stack_set_visible_child_name (self->preview_stack, "preview");
  self->drawn = -1;
  gtk_widget_queue_draw (self->preview);
}

/* ---- controls ------------------------------------------------------------------- */

static void
activate (FpPresenter *self,
          const char  *name,
          GVariant    *parameter)
{
  if (self->window != NULL)
    g_action_group_activate_action (G_ACTION_GROUP (self->window), name, parameter);
}

static void
on_year_changed_cb (GtkAdjustment *adjustment,
                    FpPresenter   *self)
{
  if (!self->syncing)
    activate (self, "set-year", g_variant_new_int32 ((int) gtk_adjustment_get_value (adjustment)));
}

static void
on_save_view_cb (FpPresenter *self)
{
  const char *title = gtk_editable_get_text (GTK_EDITABLE (self->view_title));
  g_autofree char *wall = g_strdup (gtk_label_get_text (self->wall));

  /* No title typed: the view is called by what the wall shows. */
  activate (self, "story-save-view", g_variant_new_string (*title != '\0' ? title : wall));
  gtk_editable_set_text (GTK_EDITABLE (self->view_title), "");
}

static GtkWidget *
button_new (const char *label,
            const char *action,
            GVariant   *target,
            const char *tooltip,
            gboolean    toggle)
{
  GtkWidget *button = toggle ? gtk_toggle_button_new () : gtk_button_new ();

  if (label != NULL)
    {
      gtk_button_set_label (GTK_BUTTON (button), label);
      gtk_button_set_use_underline (GTK_BUTTON (button), TRUE);
    }

  if (target != NULL)
    gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), target);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  if (tooltip != NULL)
    gtk_widget_set_tooltip_text (button, tooltip);
  return button;
}

static GtkWidget *
label_new (const char *text,
           const char *css,
           gboolean    wrap)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (wrap)
    {
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
    }
  if (css != NULL)
    gtk_widget_add_css_class (label, css);
  return label;
}

static GtkWidget *
column_new (const char  *heading,
            GtkLabel   **title,
            GtkLabel   **notes)
{
  GtkWidget *column = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);

  gtk_box_append (GTK_BOX (column), label_new (heading, "heading", FALSE));
  *title = GTK_LABEL (label_new ("", "title-2", TRUE));
  *notes = GTK_LABEL (label_new ("", "presenter-notes", TRUE));
  gtk_label_set_selectable (*notes, FALSE);
  gtk_box_append (GTK_BOX (column), GTK_WIDGET (*title));
  gtk_box_append (GTK_BOX (column), GTK_WIDGET (*notes));
  gtk_widget_set_hexpand (column, TRUE);
  return column;
}

static void
build (FpPresenter *self)
{
  GtkWidget *outer = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *body = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 18);
  GtkWidget *columns = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 36);
  GtkWidget *now_column, *next_column, *frame, *none, *scale, *year_box;
  GtkWidget *story_row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *controls = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *pages = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *leave, *save;

  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header),
                                   adw_window_title_new (_("Presenter View"), NULL));
  self->stories = GTK_MENU_BUTTON (gtk_menu_button_new ());
  gtk_menu_button_set_label (self->stories, _("Story"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->stories), _("The story to step through"));
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), GTK_WIDGET (self->stories));
  gtk_box_append (GTK_BOX (outer), header);
  gtk_widget_set_margin_start (body, 24);
  gtk_widget_set_margin_end (body, 24);
  gtk_widget_set_margin_top (body, 18);
  gtk_widget_set_margin_bottom (body, 18);

  /* The time, what the wall shows, and the way out */
  self->clock = GTK_LABEL (label_new ("", "title-1", FALSE));
  gtk_widget_add_css_class (GTK_WIDGET (self->clock), "numeric");
  self->elapsed = GTK_LABEL (label_new ("", "title-4", FALSE));
  gtk_widget_add_css_class (GTK_WIDGET (self->elapsed), "numeric");
  gtk_widget_add_css_class (GTK_WIDGET (self->elapsed), "dim-label");
  gtk_widget_set_valign (GTK_WIDGET (self->elapsed), GTK_ALIGN_BASELINE);
  gtk_widget_set_valign (GTK_WIDGET (self->clock), GTK_ALIGN_BASELINE);
  self->wall = GTK_LABEL (label_new ("", "title-3", FALSE));
  gtk_label_set_ellipsize (self->wall, PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (self->wall, 1);
  gtk_widget_set_hexpand (GTK_WIDGET (self->wall), TRUE);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->wall), _("What the projector shows"));
  leave = button_new (_("_Leave Presentation"), "win.leave-presentation", NULL,
                      _("Leave presentation mode (Esc)"), FALSE);
  gtk_widget_add_css_class (leave, "destructive-action");
  gtk_widget_set_valign (leave, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (top), GTK_WIDGET (self->clock));
  gtk_box_append (GTK_BOX (top), GTK_WIDGET (self->elapsed));
  gtk_box_append (GTK_BOX (top), GTK_WIDGET (self->wall));
  gtk_box_append (GTK_BOX (top), leave);
  gtk_box_append (GTK_BOX (body), top);

  /* The wall as it is, and the next view: each with its title, picture and notes */
  now_column = column_new (_("Now on the Wall"), &self->now_title, &self->now_notes);
  self->mirror = GTK_PICTURE (gtk_picture_new ());
  gtk_picture_set_can_shrink (self->mirror, TRUE);
  gtk_picture_set_content_fit (self->mirror, GTK_CONTENT_FIT_CONTAIN);
  gtk_widget_set_vexpand (GTK_WIDGET (self->mirror), TRUE);
  gtk_widget_set_size_request (GTK_WIDGET (self->mirror), 384, 216);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->mirror),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("What the projector shows"),
                                  -1);
  gtk_box_insert_child_after (GTK_BOX (now_column), GTK_WIDGET (self->mirror),
                              GTK_WIDGET (self->now_title));
  next_column = column_new (_("Next"), &self->next_title, &self->next_notes);
  self->preview = gtk_drawing_area_new ();
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self->preview), draw_preview, self, NULL);
  gtk_widget_set_hexpand (self->preview, TRUE);
  gtk_widget_set_vexpand (self->preview, TRUE);
  gtk_widget_set_size_request (self->preview, 384, 216);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->preview),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("The next view"), -1);
  frame = gtk_aspect_frame_new (0.5, 0, 16.0 / 9.0, FALSE);
  gtk_aspect_frame_set_child (GTK_ASPECT_FRAME (frame), self->preview);
  gtk_widget_add_css_class (frame, "card");
  gtk_widget_set_overflow (frame, GTK_OVERFLOW_HIDDEN);
  none = label_new ("", "title-4", TRUE);
  gtk_widget_add_css_class (none, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (none), 0.5);
  self->preview_none = GTK_LABEL (none);
  self->preview_stack = GTK_STACK (gtk_stack_new ());
  gtk_stack_add_named (self->preview_stack, frame, "preview");
  gtk_stack_add_named (self->preview_stack, none, "none");
  gtk_widget_set_vexpand (GTK_WIDGET (self->preview_stack), TRUE);
  /* The picture between the next view's title and its notes */
  gtk_box_insert_child_after (GTK_BOX (next_column), GTK_WIDGET (self->preview_stack),
                              GTK_WIDGET (self->next_title));
  gtk_box_set_homogeneous (GTK_BOX (columns), TRUE);
  gtk_box_append (GTK_BOX (columns), now_column);
  gtk_box_append (GTK_BOX (columns), next_column);
  gtk_widget_set_vexpand (columns, TRUE);
  gtk_box_append (GTK_BOX (body), columns);

  /* The story: step, return, save this view, export the deck */
  gtk_box_append (GTK_BOX (story_row),
                  button_new (_("_Previous"), "win.story-previous", NULL,
                              _("The story’s previous view (← or Page Up)"), FALSE));
  self->next_button = button_new (_("_Next"), "win.story-next", NULL,
                                  _("The story’s next view (→ or Page Down)"), FALSE);
  gtk_widget_add_css_class (self->next_button, "suggested-action");
  gtk_box_append (GTK_BOX (story_row), self->next_button);
  gtk_box_append (GTK_BOX (story_row),
                  button_new (_("_Return to the Story"), "win.story-return", NULL,
                              _("Back to the view the story left (R)"), FALSE));
  self->view_title = GTK_ENTRY (gtk_entry_new ());
  gtk_entry_set_placeholder_text (self->view_title, _("Title of the view to save"));
  gtk_widget_set_hexpand (GTK_WIDGET (self->view_title), TRUE);
  gtk_widget_set_margin_start (GTK_WIDGET (self->view_title), 24);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->view_title),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Title of the view to save"),
                                  -1);
  g_signal_connect_swapped (self->view_title, "activate", G_CALLBACK (on_save_view_cb), self);
  gtk_box_append (GTK_BOX (story_row), GTK_WIDGET (self->view_title));
  save = gtk_button_new_with_mnemonic (_("_Save View"));
  gtk_widget_set_tooltip_text (save, _("Add what the wall shows to the story, as its last view"));
  g_signal_connect_swapped (save, "clicked", G_CALLBACK (on_save_view_cb), self);
  gtk_box_append (GTK_BOX (story_row), save);
  gtk_box_append (GTK_BOX (story_row),
                  button_new (_("_Export Deck…"), "win.export-story", g_variant_new_string (""),
                              _("The story as a PDF deck, a page a view"), FALSE));
  gtk_box_append (GTK_BOX (body), story_row);

  /* The options */
  self->option_row = GTK_BOX (gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8));
  gtk_box_set_homogeneous (self->option_row, TRUE);
  gtk_box_append (GTK_BOX (body), GTK_WIDGET (self->option_row));

  /* Before and after, the year, what-if, scores */
  gtk_box_append (GTK_BOX (controls),
                  button_new (_("_Before / After"), "win.present-before-after", NULL,
                              _("Do nothing, then the option (B)"), TRUE));
  gtk_box_append (GTK_BOX (controls),
                  button_new (_("P_lay the Years"), "win.present-play", NULL,
                              _("Play through the years (P)"), TRUE));
  year_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_box_append (GTK_BOX (year_box), label_new (_("Year"), "dim-label", FALSE));
  self->year = gtk_adjustment_new (2025, 2025, 2035, 1, 1, 0);
  scale = gtk_scale_new (GTK_ORIENTATION_HORIZONTAL, self->year);
  gtk_scale_set_digits (GTK_SCALE (scale), 0);
  gtk_scale_set_draw_value (GTK_SCALE (scale), TRUE);
  gtk_scale_set_value_pos (GTK_SCALE (scale), GTK_POS_RIGHT);
  gtk_widget_set_hexpand (scale, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (scale), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Year"), -1);
  g_signal_connect (self->year, "value-changed", G_CALLBACK (on_year_changed_cb), self);
  gtk_box_append (GTK_BOX (year_box), scale);
  gtk_widget_set_hexpand (year_box, TRUE);
  gtk_box_append (GTK_BOX (controls), year_box);
  gtk_box_append (GTK_BOX (controls),
                  button_new (_("_What If…"), "win.present-what-if-key", NULL,
                              _("Ask what if of the chosen site (W)"), FALSE));
  gtk_box_append (GTK_BOX (controls),
                  button_new (_("_Keep…"), "win.what-if-keep-dialog", NULL,
                              _("Keep the what-if branch as an option"), FALSE));
  gtk_box_append (GTK_BOX (controls),
                  button_new (_("_Discard"), "win.what-if-discard", NULL,
                              _("Discard the what-if branch"), FALSE));
  gtk_widget_add_css_class (pages, "linked");
  gtk_box_append (GTK_BOX (pages),
                  button_new (_("_Map"), "win.present-scores", g_variant_new_boolean (FALSE),
                              _("The map and the figures on the wall"), TRUE));
  gtk_box_append (GTK_BOX (pages),
                  button_new (_("_Scores"), "win.present-scores", g_variant_new_boolean (TRUE),
                              _("Scores from the room on the wall (S)"), TRUE));
  gtk_box_append (GTK_BOX (controls), pages);
  gtk_box_append (GTK_BOX (body), controls);

  gtk_box_append (GTK_BOX (outer), body);
  /* What presentation mode tells the facilitator shows here too, not only on the wall. */
  self->toasts = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  adw_toast_overlay_set_child (self->toasts, outer);
  adw_window_set_content (ADW_WINDOW (self), GTK_WIDGET (self->toasts));
}

/* ---- the object ----------------------------------------------------------------- */

static void
fp_presenter_dispose (GObject *object)
{
  FpPresenter *self = FP_PRESENTER (object);

  g_clear_handle_id (&self->clock_id, g_source_remove);
  g_clear_handle_id (&self->deck_id, g_source_remove);
  if (self->workspace != NULL)
    g_clear_signal_handler (&self->changed_id, self->workspace);
  g_clear_pointer (&self->deck, fp_deck_free);
  g_clear_object (&self->workspace);
  g_clear_pointer (&self->story, fp_story_free);
  if (self->window != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->window), (gpointer *) &self->window);
  self->window = NULL;

  G_OBJECT_CLASS (fp_presenter_parent_class)->dispose (object);
}

static void
fp_presenter_class_init (FpPresenterClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = fp_presenter_dispose;
}

static void
fp_presenter_init (FpPresenter *self)
{
  self->step = self->last_step = self->drawn = -1;
  self->started = g_get_monotonic_time ();
  gtk_window_set_title (GTK_WINDOW (self), _("Presenter View"));
  gtk_window_set_default_size (GTK_WINDOW (self), 1180, 760);
  gtk_widget_add_css_class (GTK_WIDGET (self), "presenter");
  build (self);
  on_clock_cb (self);
  self->clock_id = g_timeout_add_seconds (1, on_clock_cb, self);
  show_story (self);
}

/**
 * fp_presenter_new:
 * @window: the window presenting: its actions are the presenter view's buttons
 * @wall: what the projector shows, mirrored small here
 * @workspace: its document
 *
 * Returns: (transfer full): a presenter view, not yet shown
 */
FpPresenter *
fp_presenter_new (GtkWidget   *window,
                  GtkWidget   *wall,
                  FpWorkspace *workspace)
{
  FpPresenter *self;
  g_autoptr(GdkPaintable) mirror = NULL;

  g_return_val_if_fail (GTK_IS_WIDGET (window), NULL);
  g_return_val_if_fail (GTK_IS_WIDGET (wall), NULL);
  g_return_val_if_fail (FP_IS_WORKSPACE (workspace), NULL);

  self = g_object_new (FP_TYPE_PRESENTER, NULL);
  mirror = gtk_widget_paintable_new (wall);
  gtk_picture_set_paintable (self->mirror, mirror);
  gtk_window_set_focus (GTK_WINDOW (self), self->next_button);
  self->window = window;
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &self->window);
  gtk_widget_insert_action_group (GTK_WIDGET (self), "win", G_ACTION_GROUP (window));
  self->workspace = g_object_ref (workspace);
  self->changed_id = g_signal_connect_swapped (workspace, "changed",
                                               G_CALLBACK (on_workspace_changed_cb), self);
  return self;
}

/**
 * fp_presenter_set_wall:
 * @self: a presenter view
 * @option: the option on the wall, as the room reads it
 * @year: its year
 * @first_year: the first year of the horizon
 * @last_year: its last
 */
void
fp_presenter_set_wall (FpPresenter *self,
                       const char  *option,
                       int          year,
                       int          first_year,
                       int          last_year)
{
  /* Translators: what the projector shows, an option and a year, e.g. "Do nothing · 2030" */
  g_autofree char *text = g_strdup_printf (_("%s · %d"), option, year);

  g_return_if_fail (FP_IS_PRESENTER (self));

  gtk_label_set_text (self->wall, text);
  self->syncing = TRUE;
  gtk_adjustment_configure (self->year, year, first_year, last_year, 1, 1, 0);
  self->syncing = FALSE;
}

/**
 * fp_presenter_set_options:
 * @self: a presenter view
 * @names: (element-type utf8): the options' names as the room reads them, Do nothing first;
 *   the nth is win.present-option (n)
 */
void
fp_presenter_set_options (FpPresenter *self,
                          GPtrArray   *names)
{
  GtkWidget *child;

  g_return_if_fail (FP_IS_PRESENTER (self));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->option_row))) != NULL)
    gtk_box_remove (self->option_row, child);
  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      /* Translators: a button of the presenter view: its number key and the option */
      g_autofree char *text = g_strdup_printf (_("%u  %s"), i, name);
      GtkWidget *button = button_new (NULL, "win.present-option", g_variant_new_int32 (i), name,
                                      TRUE);

      gtk_button_set_label (GTK_BUTTON (button), text);
      gtk_label_set_ellipsize (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (button))),
                               PANGO_ELLIPSIZE_END);
      gtk_box_append (self->option_row, button);
    }
}

/**
 * fp_presenter_set_story:
 * @self: a presenter view
 * @story: (nullable): the story stepped through
 * @step: the view on the wall, or -1 while exploring
 * @last_step: the view the story left, or -1
 */
void
fp_presenter_set_story (FpPresenter   *self,
                        const FpStory *story,
                        int            step,
                        int            last_step)
{
  g_return_if_fail (FP_IS_PRESENTER (self));

  self->step = step;
  self->last_step = last_step;
  if (!views_equal (self->story, story))
    {
      g_clear_pointer (&self->story, fp_story_free);
      self->story = story != NULL ? fp_story_copy (story) : NULL;
      g_clear_pointer (&self->deck, fp_deck_free);
      queue_deck (self);
    }
  show_story (self);
}

/**
 * fp_presenter_get_next:
 * @self: a presenter view
 *
 * Returns: the view story-next would show, or -1 at the end or without a story
 */
int
fp_presenter_get_next (FpPresenter *self)
{
  int from;

  g_return_val_if_fail (FP_IS_PRESENTER (self), -1);

  if (self->story == NULL || self->story->views->len == 0)
    return -1;
  if (self->step < 0 && self->last_step < 0)
    return 0;
  from = self->step >= 0 ? self->step : self->last_step;
  return (guint) from + 1 < self->story->views->len ? from + 1 : -1;
}

/**
 * fp_presenter_get_next_title:
 * @self: a presenter view
 *
 * Returns: (nullable): the next view's title as the presenter view shows it
 */
const char *
fp_presenter_get_next_title (FpPresenter *self)
{
  g_return_val_if_fail (FP_IS_PRESENTER (self), NULL);

  return fp_presenter_get_next (self) >= 0 ? gtk_label_get_text (self->next_title) : NULL;
}

/**
 * fp_presenter_is_ready:
 * @self: a presenter view
 *
 * Returns: whether the next view's picture is drawn (or there is none to draw)
 */
gboolean
fp_presenter_is_ready (FpPresenter *self)
{
  g_return_val_if_fail (FP_IS_PRESENTER (self), FALSE);

  if (self->deck_id != 0 || !gtk_widget_get_mapped (GTK_WIDGET (self)))
    return FALSE;
  /* Drawn: the next view's picture, or the text that stands for it. */
  return g_str_equal (gtk_stack_get_visible_child_name (self->preview_stack), "none")
         ? gtk_widget_get_mapped (GTK_WIDGET (self->preview_none))
         : self->drawn == fp_presenter_get_next (self);
}


/**
 * fp_presenter_set_stories_menu:
 * @self: a presenter view
 * @menu: the document's stories, each choosing itself with win.present-story
 */
void
fp_presenter_set_stories_menu (FpPresenter *self,
                               GMenuModel  *menu)
{
  g_return_if_fail (FP_IS_PRESENTER (self));

  gtk_menu_button_set_menu_model (self->stories, menu);
}

/**
 * fp_presenter_add_toast:
 * @self: a presenter view
 * @text: a message for the facilitator
 */
void
fp_presenter_add_toast (FpPresenter *self,
                        const char  *text)
{
  g_return_if_fail (FP_IS_PRESENTER (self));

  adw_toast_overlay_add_toast (self->toasts, adw_toast_new (text));
}
