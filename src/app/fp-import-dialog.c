/* fp-import-dialog.c: a register (or a national return) imported in the window.
 *
 * The steps follow docs/import.md: the file is read and checked whole in a worker thread
 * (fp_import_plan_new() in a GTask, with its progress shown and a Cancel that stops it); a
 * workbook with several sheets asks which; a register's column matches are shown over a
 * preview of its first rows to be confirmed or corrected (a correction is the CLI's
 * FIELD=HEADER, and the file is checked again with it); the plan is shown for review
 * (new sites, each field old → new, conflicts with a switch to take the file's value,
 * ambiguous and refused rows with their reasons); then one button applies it through
 * FpWorkspace, which writes it in one transaction in a worker thread (the window keeps
 * answering, the dialog's bar moves) and then reads the estate again, so the map and the
 * key figures change at once. Nothing is written before that button.
 *
 * The dialog's steps are also the window's actions (import, import-apply, undo-import,
 * redo-import, import-screenshot), so a script can import, review and undo as a person
 * does.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fp-import-dialog"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "fp-export-actions.h"
#include "fp-file-chooser.h"
#include "fp-import-dialog.h"

/* Rows of the file shown under the column matches. */
#define PREVIEW_ROWS 5
#define PROGRESS_POLL_MS 100

struct _FpImportDialog
{
  AdwWindow        parent_instance;

  GtkWidget       *cancel_button;
  AdwWindowTitle  *window_title;
  GtkWidget       *next_button;
  GtkStack        *stack;
  AdwStatusPage   *working_page;
  GtkProgressBar  *progress_bar;
  AdwStatusPage   *sheet_page;
  GtkDropDown     *sheet_dropdown;
  GtkStringList   *sheet_names;
  GtkLabel        *mapping_intro;
  GtkWidget       *other_sheet_button;
  GtkLabel        *mapping_error;
  GtkGrid         *mapping_grid;
  GtkLabel        *review_file;
  GtkBox          *counts_box;
  GtkLabel        *review_verdict;
  GtkStack        *review_stack;
  GtkCheckButton  *valid_only_check;
  AdwStatusPage   *error_page;

  FpWindow        *window;          /* weak */
  FpWorkspace     *workspace;
  char            *path;
  char            *file_name;
  char            *sheet;
  GStrv            maps;            /* the corrections the plan was made with */
  FpImportPlan    *plan;
  FpTable         *preview;
  GPtrArray       *fields;          /* "key\tlabel" */
  GPtrArray       *dropdowns;       /* GtkDropDown, one per column of the file */
  GCancellable    *cancellable;
  gint            *permille;        /* shared with the worker: progress × 1000 */
  gboolean         applying;        /* the import is being written */
  guint            progress_id;
  char            *report;          /* the refused rows' report of the import being written */
  guint            n_left_out;      /* the rows it leaves out */
};

G_DEFINE_FINAL_TYPE (FpImportDialog, fp_import_dialog, ADW_TYPE_WINDOW)

const char * const fp_import_action_names[] = {
  "import", "import-continue", "import-sheet", "import-cancel", "import-apply", "undo-import",
  "redo-import", "import-screenshot", NULL,
};

static const char dialog_key[] = "fp-import-dialog";

static void plan_file (FpImportDialog *self);
static void update_apply (FpImportDialog *self);
static void update_verdict (FpImportDialog *self);

/* ---- the worker ----------------------------------------------------------------- */

typedef struct
{
  const FpEstate  *estate;
  char            *path;
  char            *sheet;
  GStrv            maps;
  gint            *permille;
} PlanJob;

typedef struct
{
  GPtrArray     *sheets;      /* set when the workbook has several and none was chosen */
  FpTable       *table;       /* the file's cells, for the preview */
  FpImportPlan  *plan;
  GError        *plan_error;  /* why no plan could be made of a file that was read */
} PlanResult;

static void
plan_job_free (PlanJob *job)
{
  g_free (job->path);
  g_free (job->sheet);
  g_strfreev (job->maps);
  g_free (job);
}

static void
plan_result_free (PlanResult *result)
{
  g_clear_pointer (&result->sheets, g_ptr_array_unref);
  g_clear_pointer (&result->table, fp_table_free);
  g_clear_pointer (&result->plan, fp_import_plan_free);
  g_clear_error (&result->plan_error);
  g_free (result);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PlanResult, plan_result_free)

static void
on_progress (double   fraction,
             gpointer user_data)
{
  PlanJob *job = user_data;

  g_atomic_int_set (job->permille, (gint) (CLAMP (fraction, 0, 1) * 1000));
}

static void
plan_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  PlanJob *job = task_data;
  g_autoptr(PlanResult) result = g_new0 (PlanResult, 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *base = g_path_get_basename (job->path);
  FpImportOptions options = { .kind = FP_IMPORT_KIND_AUTO };
  GStatBuf st;

  /* The preview: read the cells the plan will read, unless the file is too large to be
   * imported at all (the plan then says so). */
  if (g_stat (job->path, &st) == 0 && (gsize) st.st_size <= FP_TABLE_MAX_BYTES)
    {
      char *contents = NULL;
      gsize length = 0;

      if (!g_file_get_contents (job->path, &contents, &length, &error))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      bytes = g_bytes_new_take (contents, length);

      if (fp_table_is_xlsx (bytes) && job->sheet == NULL)
        {
          g_autoptr(GPtrArray) sheets = fp_table_xlsx_sheets (bytes, base, &error);

          if (sheets == NULL)
            {
              g_task_return_error (task, g_steal_pointer (&error));
              return;
            }
          if (sheets->len > 1)
            {
              result->sheets = g_steal_pointer (&sheets);
              g_task_return_pointer (task, g_steal_pointer (&result),
                                     (GDestroyNotify) plan_result_free);
              return;
            }
        }

      result->table = fp_table_is_xlsx (bytes) ? fp_table_read_xlsx (bytes, base, job->sheet, NULL)
                                               : fp_table_read_csv (bytes, base, NULL);
    }

  if (g_task_return_error_if_cancelled (task))
    return;

  options.sheet = job->sheet;
  options.maps = (const char **) job->maps;
  result->plan = fp_import_plan_new (job->estate, job->path, &options, on_progress, job,
                                     cancellable, &result->plan_error);
  if (g_error_matches (result->plan_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, g_steal_pointer (&result->plan_error));
      return;
    }
  if (result->plan == NULL && result->table == NULL)
    {
      /* Nothing read and nothing planned: the file itself is the problem. */
      g_task_return_error (task, g_steal_pointer (&result->plan_error));
      return;
    }

  g_task_return_pointer (task, g_steal_pointer (&result), (GDestroyNotify) plan_result_free);
}

/* ---- helpers -------------------------------------------------------------------- */

static void
remove_children (GtkWidget *parent)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (parent)) != NULL)
    {
      if (GTK_IS_GRID (parent))
        gtk_grid_remove (GTK_GRID (parent), child);
      else if (GTK_IS_STACK (parent))
        gtk_stack_remove (GTK_STACK (parent), child);
      else if (GTK_IS_BOX (parent))
        gtk_box_remove (GTK_BOX (parent), child);
      else
        gtk_widget_unparent (child);
    }
}

static const char *
field_label (FpImportDialog *self,
             const char     *key)
{
  for (guint i = 0; i < self->fields->len; i++)
    {
      const char *entry = g_ptr_array_index (self->fields, i);
      const char *tab = strchr (entry, '\t');

      if (tab != NULL && strncmp (entry, key, tab - entry) == 0 && key[tab - entry] == '\0')
        return tab + 1;
    }
  return key;
}

static void
show_step (FpImportDialog *self,
           const char     *step)
{
  gboolean working = g_str_equal (step, "working");

  gtk_stack_set_visible_child_name (self->stack, step);
  if (g_str_equal (step, "review"))
    gtk_button_set_label (GTK_BUTTON (self->next_button), _("_Import"));
  else if (g_str_equal (step, "mapping"))
    gtk_button_set_label (GTK_BUTTON (self->next_button), _("_Review"));
  else if (g_str_equal (step, "error"))
    gtk_button_set_label (GTK_BUTTON (self->next_button), _("_Close"));
  else
    gtk_button_set_label (GTK_BUTTON (self->next_button), _("_Continue"));
  gtk_widget_set_sensitive (self->next_button, !working);
  gtk_widget_set_visible (self->next_button, !g_str_equal (step, "error"));
  gtk_button_set_label (GTK_BUTTON (self->cancel_button),
                        g_str_equal (step, "error") ? _("_Close") : _("_Cancel"));
  gtk_widget_set_sensitive (self->cancel_button, TRUE);
  update_apply (self);
}

static void
show_error (FpImportDialog *self,
            const char     *message)
{
  g_message ("%s", message);
  adw_status_page_set_description (self->error_page, message);
  show_step (self, "error");
}

static gboolean
can_apply (FpImportDialog *self)
{
  guint refused;

  if (self->plan == NULL ||
      g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "review") != 0 ||
      fp_import_plan_is_empty (self->plan))
    return FALSE;

  refused = fp_import_plan_count_refused_rows (self->plan) +
            fp_import_plan_get_ambiguous (self->plan)->len;
  return refused == 0 || gtk_check_button_get_active (self->valid_only_check);
}

/* What the window's actions can do with the dialog now: continue from the sheet or the
 * matches, apply a plan ready to be applied. */
static void
update_apply (FpImportDialog *self)
{
  const char *step = gtk_stack_get_visible_child_name (self->stack);
  GAction *apply = self->window != NULL
    ? g_action_map_lookup_action (G_ACTION_MAP (self->window), "import-apply") : NULL;
  GAction *next = self->window != NULL
    ? g_action_map_lookup_action (G_ACTION_MAP (self->window), "import-continue") : NULL;
  gboolean ready = can_apply (self);

  if (g_strcmp0 (step, "review") == 0)
    gtk_widget_set_sensitive (self->next_button, ready);
  if (apply != NULL)
    g_simple_action_set_enabled (G_SIMPLE_ACTION (apply), ready);
  if (next != NULL)
    g_simple_action_set_enabled (G_SIMPLE_ACTION (next), g_strcmp0 (step, "sheet") == 0 ||
                                                         g_strcmp0 (step, "mapping") == 0);
}

/* ---- the mapping page ----------------------------------------------------------- */

/* A header wraps (it is what the user matches by); a value is cut short, with the whole
 * of it in its tooltip. */
static GtkWidget *
preview_cell (const char *text,
              gboolean    header)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (header)
    {
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 18);
      gtk_widget_add_css_class (label, "heading");
    }
  else
    {
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 14);
      gtk_label_set_width_chars (GTK_LABEL (label), 2);
      gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
    }
  gtk_widget_set_tooltip_text (label, text);
  return label;
}

static const FpImportColumn *
matched_column (FpImportDialog *self,
                guint           column)
{
  GPtrArray *columns;

  if (self->plan == NULL)
    return NULL;
  columns = fp_import_plan_get_columns (self->plan);
  for (guint i = 0; i < columns->len; i++)
    {
      const FpImportColumn *c = g_ptr_array_index (columns, i);

      if (c->column == column)
        return c;
    }
  return NULL;
}

static void
build_mapping (FpImportDialog *self,
               const GError   *plan_error)
{
  GPtrArray *header = self->preview->header;
  g_autofree char *intro = NULL;

  remove_children (GTK_WIDGET (self->mapping_grid));
  g_clear_pointer (&self->dropdowns, g_ptr_array_unref);
  self->dropdowns = g_ptr_array_new ();

  /* Translators: %s is the file's name */
  intro = g_strdup_printf (_("Each column of %s is matched to a field of Footprint by its "
                             "header. Check each match against the column’s first values; "
                             "correct one by choosing its field. Columns matched to nothing are "
                             "not imported."), self->file_name);
  gtk_label_set_text (self->mapping_intro, intro);
  gtk_widget_set_visible (GTK_WIDGET (self->mapping_error), plan_error != NULL);
  if (plan_error != NULL)
    {
      /* Translators: %s says why the columns could not be matched */
      g_autofree char *text = g_strdup_printf (_("The columns cannot be matched yet: %s"),
                                               plan_error->message);

      gtk_label_set_text (self->mapping_error, text);
    }
  /* A workbook's other sheet may be the register. */
  gtk_widget_set_visible (self->other_sheet_button,
                          g_list_model_get_n_items (G_LIST_MODEL (self->sheet_names)) > 1);

  for (guint c = 0; c < header->len; c++)
    {
      const char *text = g_ptr_array_index (header, c);
      const FpImportColumn *matched = matched_column (self, c);
      g_autofree char *letters = fp_table_column_name (c);
      g_autofree char *automatic = NULL;
      g_autoptr(GtkStringList) choices = gtk_string_list_new (NULL);
      GtkWidget *dropdown;
      /* Translators: an accessible name: "Field of column C, GIA (m2)" */
      g_autofree char *name = g_strdup_printf (_("Field of column %s, %s"), letters, text);

      if (matched != NULL)
        /* Translators: a column's match: the field it was matched to by its header */
        automatic = g_strdup_printf (_("%s (by its header)"),
                                     matched->held ? field_label (self, matched->field)
                                                   : _("recognised, not held"));
      else if (self->plan != NULL)
        automatic = g_strdup (_("Not imported"));
      else
        automatic = g_strdup (_("Matched by its header"));
      gtk_string_list_append (choices, automatic);
      for (guint f = 0; f < self->fields->len; f++)
        gtk_string_list_append (choices, strchr (g_ptr_array_index (self->fields, f), '\t') + 1);

      dropdown = gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&choices)), NULL);
      gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      name, -1);
      /* A correction made before keeps its place. */
      for (guint m = 0; self->maps != NULL && self->maps[m] != NULL; m++)
        {
          const char *eq = strchr (self->maps[m], '=');

          if (eq != NULL && g_str_equal (eq + 1, text))
            for (guint f = 0; f < self->fields->len; f++)
              {
                const char *entry = g_ptr_array_index (self->fields, f);

                if (strncmp (entry, self->maps[m], eq - self->maps[m]) == 0 &&
                    entry[eq - self->maps[m]] == '\t')
                  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), f + 1);
              }
        }

      /* One line per column of the file: its letter, header, match, then its first
       * values (a register has dozens of columns, and fewer rows are needed to judge). */
      gtk_grid_attach (self->mapping_grid, preview_cell (letters, FALSE), 0, c + 1, 1, 1);
      gtk_grid_attach (self->mapping_grid, preview_cell (text, TRUE), 1, c + 1, 1, 1);
      gtk_grid_attach (self->mapping_grid, dropdown, 2, c + 1, 1, 1);
      g_ptr_array_add (self->dropdowns, dropdown);

      for (guint r = 0; r < self->preview->rows->len && r < PREVIEW_ROWS; r++)
        {
          const FpTableRow *row = g_ptr_array_index (self->preview->rows, r);

          gtk_grid_attach (self->mapping_grid, preview_cell (fp_table_cell (row, c), FALSE),
                           3 + r, c + 1, 1, 1);
        }
    }

  /* The heads: the rows as the spreadsheet numbers them, as the review's messages do. */
  {
    static const char * const heads[] = { N_("Column"), N_("Header"), N_("Footprint field") };

    for (guint h = 0; h < G_N_ELEMENTS (heads); h++)
      {
        GtkWidget *label = gtk_label_new (_(heads[h]));

        gtk_label_set_xalign (GTK_LABEL (label), 0);
        gtk_widget_add_css_class (label, "fp-secondary");
        gtk_grid_attach (self->mapping_grid, label, h, 0, 1, 1);
      }
    for (guint r = 0; r < self->preview->rows->len && r < PREVIEW_ROWS; r++)
      {
        const FpTableRow *row = g_ptr_array_index (self->preview->rows, r);
        /* Translators: the head of a preview column: a row of the file */
        g_autofree char *head = g_strdup_printf (_("Row %u"), row->number);
        GtkWidget *label = gtk_label_new (head);

        gtk_label_set_xalign (GTK_LABEL (label), 0);
        gtk_widget_add_css_class (label, "fp-secondary");
        gtk_grid_attach (self->mapping_grid, label, 3 + r, 0, 1, 1);
      }
  }
}

/* The corrections the dropdowns make: "FIELD=HEADER" for each column given a field. */
static GStrv
mapping_corrections (FpImportDialog *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint c = 0; self->dropdowns != NULL && c < self->dropdowns->len; c++)
    {
      guint selected = gtk_drop_down_get_selected (g_ptr_array_index (self->dropdowns, c));
      const char *entry;
      g_autofree char *key = NULL;

      if (selected == 0 || selected == GTK_INVALID_LIST_POSITION)
        continue;
      entry = g_ptr_array_index (self->fields, selected - 1);
      key = g_strndup (entry, strchr (entry, '\t') - entry);
      {
        g_autofree char *map = g_strdup_printf ("%s=%s", key,
                                                (const char *) g_ptr_array_index (
                                                  self->preview->header, c));

        g_strv_builder_add (builder, map);
      }
    }
  return g_strv_builder_end (builder);
}

/* ---- the review page ------------------------------------------------------------ */

static void
setup_line_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  gtk_widget_set_margin_top (label, 4);
  gtk_widget_set_margin_bottom (label, 4);
  gtk_list_item_set_child (item, label);
}

static void
bind_line_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  GtkStringObject *line = gtk_list_item_get_item (item);

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)),
                      gtk_string_object_get_string (line));
}

/* A page of the review: a long list of lines, drawn only as far as it is seen. */
static void
add_lines_page (FpImportDialog *self,
                const char     *name,
                const char     *title,
                GtkStringList  *lines)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (lines));
  g_autofree char *heading = g_strdup_printf ("%s (%u)", title, n);
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkNoSelection *selection = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (lines)));
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *list;

  g_signal_connect (factory, "setup", G_CALLBACK (setup_line_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_line_cb), NULL);
  list = gtk_list_view_new (GTK_SELECTION_MODEL (selection), factory);
  gtk_widget_add_css_class (list, "fp-import-lines");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);

  if (n == 0)
    {
      GtkWidget *empty = gtk_label_new (_("None"));

      gtk_widget_add_css_class (empty, "fp-secondary");
      gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), empty);
      g_object_ref_sink (list);
      g_object_unref (list);
    }
  else
    gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), list);
  gtk_stack_add_titled (self->review_stack, scroller, name, heading);
}

static void
on_take_toggled_cb (GtkSwitch      *toggle,
                    GParamSpec     *pspec,
                    FpImportDialog *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (toggle), "change"));

  if (self->plan == NULL)
    return;
  fp_import_plan_set_take (self->plan, index, gtk_switch_get_active (toggle));
  update_verdict (self);
  update_apply (self);
}

static void
add_count (FpImportDialog *self,
           guint           n,
           const char     *caption,
           gboolean        alarming)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  g_autofree char *number = g_strdup_printf ("%u", n);
  GtkWidget *value = gtk_label_new (number);
  GtkWidget *label = gtk_label_new (caption);

  gtk_widget_add_css_class (box, "card");
  gtk_widget_add_css_class (value, "title-2");
  gtk_widget_add_css_class (value, "numeric");
  if (alarming && n > 0)
    gtk_widget_add_css_class (value, "error");
  gtk_widget_set_margin_top (value, 6);
  gtk_widget_set_margin_bottom (label, 6);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
  gtk_box_append (GTK_BOX (box), value);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (self->counts_box, box);
}

static void
append_problems (GtkStringList *lines,
                 GPtrArray     *problems)
{
  for (guint i = 0; i < problems->len; i++)
    gtk_string_list_append (lines, ((FpImportProblem *) g_ptr_array_index (problems, i))->text);
}

/* What importing would do now (a conflict taken turns a plan with nothing to write into
 * one with something). */
static void
update_verdict (FpImportDialog *self)
{
  FpImportPlan *plan = self->plan;
  guint n_refused = fp_import_plan_count_refused_rows (plan);
  GPtrArray *ambiguous = fp_import_plan_get_ambiguous (plan);
  g_autofree char *verdict = NULL;

  gtk_widget_remove_css_class (GTK_WIDGET (self->review_verdict), "error");
  if (n_refused + ambiguous->len > 0)
    {
      /* Translators: the review's verdict when rows cannot be imported */
      verdict = g_strdup_printf (_("Rows refused: %u; rows matched to more than one site: %u. "
                                   "Nothing will be written: correct the file, or import the "
                                   "valid rows only."), n_refused, ambiguous->len);
      gtk_widget_add_css_class (GTK_WIDGET (self->review_verdict), "error");
    }
  else if (fp_import_plan_is_empty (plan) &&
           fp_import_plan_count_changes (plan, FP_IMPORT_CHANGE_CONFLICT) > 0)
    verdict = g_strdup (_("Nothing changes unless you take the file’s value in a conflict: the "
                          "values the document measured are kept."));
  else if (fp_import_plan_is_empty (plan))
    verdict = g_strdup (_("Nothing to import: the file agrees with the document."));
  else
    verdict = g_strdup (_("Importing writes all of this in one step, recorded in the document "
                          "with the file’s name and checksum; Undo Import takes it back as a "
                          "whole."));
  gtk_label_set_text (self->review_verdict, verdict);
}

static void
build_review (FpImportDialog *self)
{
  FpImportPlan *plan = self->plan;
  GPtrArray *changes = fp_import_plan_get_changes (plan);
  GPtrArray *new_sites = fp_import_plan_get_new_sites (plan);
  GPtrArray *ambiguous = fp_import_plan_get_ambiguous (plan);
  GPtrArray *refused = fp_import_plan_get_refused (plan);
  GPtrArray *ignored = fp_import_plan_get_ignored (plan);
  g_autoptr(GtkStringList) new_lines = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) update_lines = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) ambiguous_lines = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) refused_lines = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) ignored_lines = gtk_string_list_new (NULL);
  guint n_conflicts = fp_import_plan_count_changes (plan, FP_IMPORT_CHANGE_CONFLICT);
  guint n_refused = fp_import_plan_count_refused_rows (plan);
  g_autofree char *file = NULL;
  GtkWidget *conflicts;

  {
    guint n_rows = fp_import_plan_get_n_rows (plan);
    /* Translators: how many rows a file has */
    g_autofree char *rows = g_strdup_printf (g_dngettext (NULL, "%u row", "%u rows", n_rows),
                                             n_rows);

    if (fp_import_plan_get_sheet (plan) != NULL)
      /* Translators: the file reviewed: name, sheet, kind, rows, checksum */
      file = g_strdup_printf (_("%s, sheet “%s” · %s · %s · SHA-256 %s"), self->file_name,
                              fp_import_plan_get_sheet (plan),
                              fp_import_kind_to_string (fp_import_plan_get_kind (plan)), rows,
                              fp_import_plan_get_sha256 (plan));
    else
      /* Translators: the file reviewed: name, kind, rows, checksum */
      file = g_strdup_printf (_("%s · %s · %s · SHA-256 %s"), self->file_name,
                              fp_import_kind_to_string (fp_import_plan_get_kind (plan)), rows,
                              fp_import_plan_get_sha256 (plan));
  }
  gtk_label_set_text (self->review_file, file);

  remove_children (GTK_WIDGET (self->counts_box));
  add_count (self, new_sites->len, _("new sites"), FALSE);
  add_count (self, fp_import_plan_count_updated_sites (plan), _("sites updated"), FALSE);
  add_count (self, n_conflicts, _("conflicts to decide"), FALSE);
  add_count (self, ambiguous->len, _("rows ambiguous"), TRUE);
  add_count (self, n_refused, _("rows refused"), TRUE);

  for (guint i = 0; i < new_sites->len; i++)
    {
      const FpImportNewSite *s = g_ptr_array_index (new_sites, i);
      FpSiteType type;
      const char *type_label = s->site_type;
      g_autofree char *line = NULL;

      if (s->site_type != NULL && fp_site_type_from_string (s->site_type, &type))
        type_label = fp_site_type_to_label (type);
      /* Translators: a new site: row, id, name, type, postcode, how it was placed */
      line = g_strdup_printf (_("Row %u · %s %s · %s, %s, placed by %s"), s->row, s->site_id,
                              s->name, type_label != NULL ? type_label : FP_FORMAT_UNKNOWN,
                              s->postcode != NULL ? s->postcode : FP_FORMAT_UNKNOWN,
                              s->placed_by);

      gtk_string_list_append (new_lines, line);
    }

  for (guint i = 0; i < changes->len; i++)
    {
      const FpImportChange *c = g_ptr_array_index (changes, i);
      g_autofree char *line = NULL;

      if (c->kind == FP_IMPORT_CHANGE_CONFLICT)
        continue;
      /* Translators: an updated field: row, site, field, old value → new value */
      line = g_strdup_printf (c->kind == FP_IMPORT_CHANGE_ESTIMATE
                                ? _("Row %u · %s %s · %s: %s → %s (re-estimated)")
                                : _("Row %u · %s %s · %s: %s → %s"),
                              c->row, c->site_id, c->site_name, field_label (self, c->field),
                              c->old_value != NULL ? c->old_value : FP_FORMAT_UNKNOWN,
                              c->new_value);
      gtk_string_list_append (update_lines, line);
    }

  append_problems (ambiguous_lines, ambiguous);
  append_problems (refused_lines, refused);
  append_problems (ignored_lines, ignored);

  remove_children (GTK_WIDGET (self->review_stack));
  add_lines_page (self, "new", _("New Sites"), new_lines);
  add_lines_page (self, "updated", _("Updated Fields"), update_lines);

  /* Conflicts: each with a switch to take the file's value over the document's. */
  conflicts = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (conflicts), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (conflicts, "boxed-list");
  gtk_widget_set_margin_start (conflicts, 12);
  gtk_widget_set_margin_end (conflicts, 12);
  gtk_widget_set_margin_top (conflicts, 12);
  gtk_widget_set_margin_bottom (conflicts, 12);
  gtk_widget_set_valign (conflicts, GTK_ALIGN_START);
  for (guint i = 0; i < changes->len; i++)
    {
      const FpImportChange *c = g_ptr_array_index (changes, i);
      GtkWidget *row, *toggle;
      g_autofree char *title = NULL;
      g_autofree char *subtitle = NULL;

      if (c->kind != FP_IMPORT_CHANGE_CONFLICT)
        continue;
      /* Translators: a conflict: row, site, field */
      title = g_strdup_printf (_("Row %u · %s %s · %s"), c->row, c->site_id, c->site_name,
                               field_label (self, c->field));
      /* Translators: a conflict: the document's value and its source, then the file's */
      subtitle = g_strdup_printf (_("The document holds %s (%s); the file gives %s"),
                                  c->old_value != NULL ? c->old_value : FP_FORMAT_UNKNOWN,
                                  c->old_source != NULL ? c->old_source : _("measured"),
                                  c->new_value);
      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      toggle = gtk_switch_new ();
      gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
      gtk_switch_set_active (GTK_SWITCH (toggle), c->take);
      gtk_widget_set_tooltip_text (toggle, _("Take the file’s value"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (toggle), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Take the file’s value"), -1);
      g_object_set_data (G_OBJECT (toggle), "change", GUINT_TO_POINTER (i));
      g_signal_connect (toggle, "notify::active", G_CALLBACK (on_take_toggled_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), toggle);
      gtk_list_box_append (GTK_LIST_BOX (conflicts), row);
    }
  {
    GtkWidget *scroller = gtk_scrolled_window_new ();
    g_autofree char *heading = g_strdup_printf ("%s (%u)", _("Conflicts"), n_conflicts);

    if (n_conflicts == 0)
      {
        GtkWidget *empty = gtk_label_new (_("None: no value the document measured would change."));

        gtk_widget_add_css_class (empty, "fp-secondary");
        gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), empty);
        g_object_ref_sink (conflicts);
        g_object_unref (conflicts);
      }
    else
      gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), conflicts);
    gtk_stack_add_titled (self->review_stack, scroller, "conflicts", heading);
  }

  add_lines_page (self, "ambiguous", _("Ambiguous"), ambiguous_lines);
  add_lines_page (self, "refused", _("Refused"), refused_lines);
  if (ignored->len > 0)
    add_lines_page (self, "ignored", _("Left Out"), ignored_lines);

  /* The first page that needs reading: what stops the import, what needs deciding, what
   * changes values the document holds, then what it adds. */
  if (n_refused > 0)
    gtk_stack_set_visible_child_name (self->review_stack, "refused");
  else if (ambiguous->len > 0)
    gtk_stack_set_visible_child_name (self->review_stack, "ambiguous");
  else if (n_conflicts > 0)
    gtk_stack_set_visible_child_name (self->review_stack, "conflicts");
  else if (g_list_model_get_n_items (G_LIST_MODEL (update_lines)) > 0)
    gtk_stack_set_visible_child_name (self->review_stack, "updated");
  else if (new_sites->len > 0)
    gtk_stack_set_visible_child_name (self->review_stack, "new");

  gtk_widget_set_visible (GTK_WIDGET (self->valid_only_check), n_refused + ambiguous->len > 0);
  gtk_check_button_set_active (self->valid_only_check, FALSE);
  update_verdict (self);
}

/* ---- the steps ------------------------------------------------------------------ */

static gboolean
progress_poll_cb (gpointer user_data)
{
  FpImportDialog *self = user_data;
  double fraction = g_atomic_int_get (self->permille) / 1000.0;
  g_autofree char *text = fp_format_percent (fraction);

  gtk_progress_bar_set_fraction (self->progress_bar, fraction);
  gtk_progress_bar_set_text (self->progress_bar, text);
  return G_SOURCE_CONTINUE;
}

static void
on_planned_cb (GObject      *source_object,
               GAsyncResult *result,
               gpointer      user_data)
{
  FpImportDialog *self = FP_IMPORT_DIALOG (source_object);
  g_autoptr(PlanResult) planned = NULL;
  g_autoptr(GError) error = NULL;

  g_clear_handle_id (&self->progress_id, g_source_remove);
  g_clear_object (&self->cancellable);

  planned = g_task_propagate_pointer (G_TASK (result), &error);
  if (planned == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        gtk_window_destroy (GTK_WINDOW (self));
      else
        show_error (self, error->message);
      return;
    }

  if (planned->sheets != NULL)
    {
      gtk_string_list_splice (self->sheet_names, 0,
                              g_list_model_get_n_items (G_LIST_MODEL (self->sheet_names)),
                              NULL);
      for (guint i = 0; i < planned->sheets->len; i++)
        gtk_string_list_append (self->sheet_names, g_ptr_array_index (planned->sheets, i));
      /* Translators: %s is a workbook's file name */
      {
        g_autofree char *text = g_strdup_printf (_("%s has several sheets. Which one holds the "
                                                   "register?"), self->file_name);

        adw_status_page_set_description (self->sheet_page, text);
      }
      show_step (self, "sheet");
      return;
    }

  g_clear_pointer (&self->plan, fp_import_plan_free);
  self->plan = g_steal_pointer (&planned->plan);
  if (planned->table != NULL)
    {
      g_clear_pointer (&self->preview, fp_table_free);
      self->preview = g_steal_pointer (&planned->table);
    }

  if (self->plan == NULL)
    {
      /* The file was read but its columns could not be matched (no name column, two
       * columns for one field...): the matches are what the user can correct. */
      if (self->preview != NULL && self->preview->header->len > 0)
        {
          build_mapping (self, planned->plan_error);
          show_step (self, "mapping");
        }
      else
        show_error (self, planned->plan_error->message);
      return;
    }

  if (fp_import_plan_get_kind (self->plan) == FP_IMPORT_KIND_REGISTER && self->preview != NULL &&
      g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "review") != 0 &&
      !g_object_get_data (G_OBJECT (self), "mapped"))
    {
      build_mapping (self, NULL);
      show_step (self, "mapping");
      return;
    }

  build_review (self);
  show_step (self, "review");
  update_apply (self);
}

/* Reads and checks the file (again) in a worker thread, with the sheet and corrections
 * chosen so far. */
static void
plan_file (FpImportDialog *self)
{
  g_autoptr(GTask) task = NULL;
  PlanJob *job;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  job = g_new0 (PlanJob, 1);
  job->estate = fp_workspace_get_estate (self->workspace);
  job->path = g_strdup (self->path);
  job->sheet = g_strdup (self->sheet);
  job->maps = g_strdupv (self->maps);
  job->permille = self->permille;
  g_atomic_int_set (self->permille, 0);

  /* Translators: %s is the file's name */
  {
    g_autofree char *title = g_strdup_printf (_("Reading %s…"), self->file_name);

    adw_status_page_set_title (self->working_page, title);
  }
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  show_step (self, "working");
  update_apply (self);
  g_clear_handle_id (&self->progress_id, g_source_remove);
  self->progress_id = g_timeout_add (PROGRESS_POLL_MS, progress_poll_cb, self);

  task = g_task_new (self, self->cancellable, on_planned_cb, NULL);
  g_task_set_source_tag (task, plan_file);
  g_task_set_task_data (task, job, (GDestroyNotify) plan_job_free);
  g_task_run_in_thread (task, plan_thread);
}

static void
on_next_cb (FpImportDialog *self)
{
  const char *step = gtk_stack_get_visible_child_name (self->stack);

  if (g_str_equal (step, "sheet"))
    {
      guint selected = gtk_drop_down_get_selected (self->sheet_dropdown);

      if (selected == GTK_INVALID_LIST_POSITION)
        return;
      g_free (self->sheet);
      self->sheet = g_strdup (gtk_string_list_get_string (self->sheet_names, selected));
      /* Translators: the dialog's subtitle: a workbook and its sheet */
      {
        g_autofree char *subtitle = g_strdup_printf (_("%s, sheet “%s”"), self->file_name,
                                                     self->sheet);

        adw_window_title_set_subtitle (self->window_title, subtitle);
      }
      plan_file (self);
    }
  else if (g_str_equal (step, "mapping"))
    {
      g_auto(GStrv) maps = mapping_corrections (self);
      gboolean same = self->plan != NULL &&
                      (self->maps != NULL ? g_strv_equal ((const char * const *) maps,
                                                          (const char * const *) self->maps)
                                          : maps[0] == NULL);

      g_object_set_data (G_OBJECT (self), "mapped", GINT_TO_POINTER (TRUE));
      if (same)
        {
          build_review (self);
          show_step (self, "review");
          update_apply (self);
          return;
        }
      g_strfreev (self->maps);
      self->maps = g_steal_pointer (&maps);
      plan_file (self);
    }
  else if (g_str_equal (step, "review"))
    {
      g_autoptr(GError) error = NULL;

      if (!fp_import_dialog_apply (self, &error))
        {
          gtk_label_set_text (self->review_verdict, error->message);
          gtk_widget_add_css_class (GTK_WIDGET (self->review_verdict), "error");
        }
    }
  else
    gtk_window_destroy (GTK_WINDOW (self));
}

static void
on_other_sheet_cb (FpImportDialog *self)
{
  g_clear_pointer (&self->maps, g_strfreev);
  g_object_set_data (G_OBJECT (self), "mapped", NULL);
  show_step (self, "sheet");
}

/* The sheet of a workbook, chosen by name (the window's import-sheet action). */
static gboolean
choose_sheet (FpImportDialog  *self,
              const char      *name,
              GError         **error)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->sheet_names));

  for (guint i = 0; i < n; i++)
    if (g_str_equal (gtk_string_list_get_string (self->sheet_names, i), name))
      {
        gtk_drop_down_set_selected (self->sheet_dropdown, i);
        g_clear_pointer (&self->maps, g_strfreev);
        g_object_set_data (G_OBJECT (self), "mapped", NULL);
        show_step (self, "sheet");
        on_next_cb (self);
        return TRUE;
      }

  g_set_error (error, FP_ERROR, FP_ERROR_NOT_FOUND,
               n > 0 ? _("%s has no sheet “%s”") : _("%s is not a workbook with several sheets"),
               self->file_name, name);
  return FALSE;
}

static void
on_cancel_cb (FpImportDialog *self)
{
  if (self->applying)
    return;

  /* While the file is read, Cancel stops the worker; the dialog closes when it has. */
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  else
    gtk_window_destroy (GTK_WINDOW (self));
}

static void
on_valid_only_toggled_cb (FpImportDialog *self)
{
  update_apply (self);
}

/* ---- vfuncs --------------------------------------------------------------------- */

static gboolean
fp_import_dialog_close_request (GtkWindow *window)
{
  FpImportDialog *self = FP_IMPORT_DIALOG (window);

  /* An import being written finishes first. */
  if (self->applying)
    return TRUE;
  /* A worker still reading the file borrows the estate: stop it and close once it has. */
  if (self->cancellable != NULL)
    {
      g_cancellable_cancel (self->cancellable);
      return TRUE;
    }
  return GTK_WINDOW_CLASS (fp_import_dialog_parent_class)->close_request (window);
}

static void
fp_import_dialog_dispose (GObject *object)
{
  FpImportDialog *self = FP_IMPORT_DIALOG (object);

  g_clear_handle_id (&self->progress_id, g_source_remove);
  if (self->window != NULL)
    {
      static const char * const steps[] = { "import-apply", "import-continue" };

      for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
        {
          GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self->window), steps[i]);

          if (action != NULL)
            g_simple_action_set_enabled (G_SIMPLE_ACTION (action), FALSE);
        }
      if (g_object_get_data (G_OBJECT (self->window), dialog_key) == self)
        g_object_set_data (G_OBJECT (self->window), dialog_key, NULL);
    }
  g_clear_weak_pointer (&self->window);
  gtk_widget_dispose_template (GTK_WIDGET (self), FP_TYPE_IMPORT_DIALOG);

  G_OBJECT_CLASS (fp_import_dialog_parent_class)->dispose (object);
}

static void
fp_import_dialog_finalize (GObject *object)
{
  FpImportDialog *self = FP_IMPORT_DIALOG (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->workspace);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->file_name, g_free);
  g_clear_pointer (&self->sheet, g_free);
  g_clear_pointer (&self->maps, g_strfreev);
  g_clear_pointer (&self->plan, fp_import_plan_free);
  g_clear_pointer (&self->preview, fp_table_free);
  g_clear_pointer (&self->fields, g_ptr_array_unref);
  g_clear_pointer (&self->dropdowns, g_ptr_array_unref);
  g_clear_pointer (&self->permille, g_free);
  g_clear_pointer (&self->report, g_free);

  G_OBJECT_CLASS (fp_import_dialog_parent_class)->finalize (object);
}

static void
fp_import_dialog_class_init (FpImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = fp_import_dialog_dispose;
  object_class->finalize = fp_import_dialog_finalize;
  window_class->close_request = fp_import_dialog_close_request;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/fp-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, FpImportDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, FpImportDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, FpImportDialog, next_button);
  gtk_widget_class_bind_template_child (widget_class, FpImportDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, FpImportDialog, working_page);
  gtk_widget_class_bind_template_child (widget_class, FpImportDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, FpImportDialog, sheet_page);
  gtk_widget_class_bind_template_child (widget_class, FpImportDialog, sheet_dropdown);
  gtk_widget_class_bind_template_child (widget_class, FpImportDialog, sheet_names);
  gtk_widget_class_bind_template_child (widget_class, FpImportDialog, mapping_intro);
  gtk_widget_class_bind_template_child (widget_class, FpImportDialog, other_sheet_button);
  gtk_widget_class_bind_template_child (widget_class, FpImportDialog, mapping_error);
  gtk_widget_class_bind_template_child (widget_class, FpImportDialog, mapping_grid);
  gtk_widget_class_bind_template_child (widget_class, FpImportDialog, review_file);
  gtk_widget_class_bind_template_child (widget_class, FpImportDialog, counts_box);
  gtk_widget_class_bind_template_child (widget_class, FpImportDialog, review_verdict);
  gtk_widget_class_bind_template_child (widget_class, FpImportDialog, review_stack);
  gtk_widget_class_bind_template_child (widget_class, FpImportDialog, valid_only_check);
  gtk_widget_class_bind_template_child (widget_class, FpImportDialog, error_page);
  gtk_widget_class_bind_template_callback (widget_class, on_next_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_valid_only_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_other_sheet_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
fp_import_dialog_init (FpImportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->fields = fp_import_register_fields ();
  self->permille = g_new0 (gint, 1);
}

/* ---- public API ----------------------------------------------------------------- */

/**
 * fp_import_dialog_new:
 * @window: the window importing
 * @workspace: its document
 * @path: the file to import
 *
 * Returns: (transfer none): a dialog, shown, that reads @path at once
 */
FpImportDialog *
fp_import_dialog_new (FpWindow    *window,
                      FpWorkspace *workspace,
                      const char  *path)
{
  FpImportDialog *self;

  g_return_val_if_fail (FP_IS_WINDOW (window), NULL);
  g_return_val_if_fail (FP_IS_WORKSPACE (workspace), NULL);

  self = g_object_new (FP_TYPE_IMPORT_DIALOG, "transient-for", window, NULL);
  /* Most of the window: a register has dozens of columns to check. */
  {
    int width = gtk_widget_get_width (GTK_WIDGET (window));
    int height = gtk_widget_get_height (GTK_WIDGET (window));

    if (width > 0 && height > 0)
      gtk_window_set_default_size (GTK_WINDOW (self), CLAMP (width * 85 / 100, 900, 1500),
                                   CLAMP (height * 85 / 100, 600, 1000));
  }
  g_set_weak_pointer (&self->window, window);
  self->workspace = g_object_ref (workspace);
  self->path = g_strdup (path);
  self->file_name = g_path_get_basename (path);
  adw_window_title_set_subtitle (self->window_title, self->file_name);
  g_object_set_data (G_OBJECT (window), dialog_key, self);
  fp_import_actions_update (window);

  gtk_window_present (GTK_WINDOW (self));
  plan_file (self);
  return self;
}

/**
 * fp_import_dialog_is_planning:
 * @self: a dialog
 *
 * Returns: whether the file is being read (the worker borrows the document's estate)
 */
gboolean
fp_import_dialog_is_planning (FpImportDialog *self)
{
  g_return_val_if_fail (FP_IS_IMPORT_DIALOG (self), FALSE);
  return self->cancellable != NULL;
}

/**
 * fp_import_dialog_get_step:
 * @self: a dialog
 *
 * Returns: `working`, `sheet`, `mapping`, `review` or `error`
 */
const char *
fp_import_dialog_get_step (FpImportDialog *self)
{
  g_return_val_if_fail (FP_IS_IMPORT_DIALOG (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}

/* How often the bar moves while the import is written, and how often a finished write
 * looks again for exports that still borrow the old estate. */
#define APPLY_PULSE_MS 100

static gboolean
apply_pulse_cb (gpointer user_data)
{
  FpImportDialog *self = user_data;

  gtk_progress_bar_pulse (self->progress_bar);
  return G_SOURCE_CONTINUE;
}

static const char *
author_name (void)
{
  const char *name = g_get_real_name ();

  if (name == NULL || *name == '\0' || g_str_equal (name, "Unknown"))
    name = g_get_user_name ();
  return name;
}

/* The write failed (or could not be read back): the review says why. */
static void
apply_failed (FpImportDialog *self,
              const GError   *error)
{
  g_clear_handle_id (&self->progress_id, g_source_remove);
  self->applying = FALSE;
  show_step (self, "review");
  gtk_label_set_text (self->review_verdict, error->message);
  gtk_widget_add_css_class (GTK_WIDGET (self->review_verdict), "error");
  g_message ("%s", error->message);
  if (self->window != NULL)
    fp_import_actions_update (self->window);
}

/* The import is written: the workspace reads the estate it left (the main thread's only
 * share of the work), the dialog closes and a toast says what was imported, with Undo. */
static void
finish_apply (FpImportDialog *self,
              GAsyncResult   *result)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  FpWindow *window = self->window;
  guint n_new, n_updated;
  gint64 id = 0;
  AdwToast *toast;

  if (!fp_workspace_apply_import_finish (self->workspace, result, &id, &error))
    {
      apply_failed (self, error);
      return;
    }

  n_new = fp_import_plan_get_new_sites (self->plan)->len;
  n_updated = fp_import_plan_count_updated_sites (self->plan);
  if (self->report != NULL)
    /* Translators: a toast after an import: file, counts, and where the refused rows went */
    message = g_strdup_printf (_("Imported %s: %u new sites, %u sites updated; the %u rows left "
                                 "out are in %s"), self->file_name, n_new, n_updated,
                               self->n_left_out, self->report);
  else
    /* Translators: a toast after an import: file and counts */
    message = g_strdup_printf (_("Imported %s: %u new sites, %u sites updated"), self->file_name,
                               n_new, n_updated);
  g_message ("%s (import %" G_GINT64_FORMAT ")", message, id);

  g_clear_handle_id (&self->progress_id, g_source_remove);
  self->applying = FALSE;
  gtk_window_destroy (GTK_WINDOW (self));

  if (window != NULL)
    {
      toast = adw_toast_new (message);
      adw_toast_set_timeout (toast, 10);
      adw_toast_set_button_label (toast, _("_Undo"));
      adw_toast_set_action_name (toast, "win.undo-import");
      fp_window_show_toast (window, toast);
      fp_import_actions_update (window);
    }
}

typedef struct
{
  FpImportDialog *self;
  GAsyncResult   *result;
} Applied;

static void
applied_free (Applied *applied)
{
  g_object_unref (applied->self);
  g_object_unref (applied->result);
  g_free (applied);
}

/* Reading the new estate frees the old one, which an export started while the import was
 * written may still borrow: wait for it. */
static gboolean
finish_when_no_export_cb (gpointer user_data)
{
  Applied *applied = user_data;
  FpWindow *window = applied->self->window;

  if (window != NULL && fp_export_actions_get_running (window) > 0)
    return G_SOURCE_CONTINUE;
  finish_apply (applied->self, applied->result);
  return G_SOURCE_REMOVE;
}

static void
on_applied_cb (GObject      *source_object,
               GAsyncResult *result,
               gpointer      user_data)
{
  Applied *applied = g_new0 (Applied, 1);

  applied->self = user_data;  /* the reference taken for the write */
  applied->result = g_object_ref (result);
  if (finish_when_no_export_cb (applied) == G_SOURCE_REMOVE)
    applied_free (applied);
  else
    g_timeout_add_full (G_PRIORITY_DEFAULT, APPLY_PULSE_MS, finish_when_no_export_cb, applied,
                        (GDestroyNotify) applied_free);
}

/**
 * fp_import_dialog_apply:
 * @self: a dialog showing its plan
 * @error: return location for an error
 *
 * Starts applying the plan reviewed: the refused rows' report is written first when only
 * the valid rows are imported, then the import is written in one transaction in a worker
 * thread (fp_workspace_apply_import_async()) while the dialog shows a moving bar and the
 * window keeps answering; then the dialog closes and a notification says what was
 * imported, with Undo. If the writing fails, the review shows why.
 *
 * Returns: %TRUE if the import was started; %FALSE with @error set when it cannot be
 */
gboolean
fp_import_dialog_apply (FpImportDialog  *self,
                        GError         **error)
{
  g_autofree char *title = NULL;

  g_return_val_if_fail (FP_IS_IMPORT_DIALOG (self), FALSE);

  if (!can_apply (self))
    {
      g_set_error (error, FP_ERROR, FP_ERROR_INVALID_ARGUMENT,
                   self->plan != NULL && fp_import_plan_is_empty (self->plan)
                     ? _("There is nothing to import: the file agrees with the document")
                     : _("The import cannot be applied yet: review it, and choose to import "
                         "the valid rows only if some are refused"));
      return FALSE;
    }

  /* An import makes a new estate; an export being written borrows the old one. */
  if (self->window != NULL && fp_export_actions_get_running (self->window) > 0)
    {
      g_set_error (error, FP_ERROR, FP_ERROR_BUSY,
                   _("An export is being written; import when it is done"));
      return FALSE;
    }

  self->n_left_out = fp_import_plan_count_refused_rows (self->plan) +
                     fp_import_plan_get_ambiguous (self->plan)->len;
  g_clear_pointer (&self->report, g_free);
  if (self->n_left_out > 0)
    {
      self->report = fp_import_plan_refused_report_path (self->plan);
      if (!fp_import_plan_write_refused_report (self->plan, self->report, error))
        return FALSE;
    }

  self->applying = TRUE;
  /* Translators: %s is the file's name */
  title = g_strdup_printf (_("Importing %s…"), self->file_name);
  adw_status_page_set_title (self->working_page, title);
  gtk_progress_bar_set_text (self->progress_bar, _("Writing to the document"));
  gtk_progress_bar_pulse (self->progress_bar);
  show_step (self, "working");
  gtk_widget_set_sensitive (self->cancel_button, FALSE);
  g_clear_handle_id (&self->progress_id, g_source_remove);
  self->progress_id = g_timeout_add (APPLY_PULSE_MS, apply_pulse_cb, self);
  if (self->window != NULL)
    fp_import_actions_update (self->window);

  fp_workspace_apply_import_async (self->workspace, self->plan, author_name (), NULL,
                                   on_applied_cb, g_object_ref (self));
  return TRUE;
}

/**
 * fp_import_dialog_is_applying:
 * @self: a dialog
 *
 * Returns: whether the dialog's import is being written
 */
gboolean
fp_import_dialog_is_applying (FpImportDialog *self)
{
  g_return_val_if_fail (FP_IS_IMPORT_DIALOG (self), FALSE);
  return self->applying;
}

/* ---- the window's actions ------------------------------------------------------- */

static FpImportDialog *
current_dialog (FpWindow *window)
{
  return g_object_get_data (G_OBJECT (window), dialog_key);
}

static void
on_import_file_chosen_cb (GObject      *source_object,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  FpWindow *window = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = fp_file_chooser_finish (result, &error);
  g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

  if (path != NULL && fp_window_get_document (window) != NULL)
    fp_import_dialog_new (window, fp_window_get_document (window), path);
  else if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    fp_window_add_toast (window, error->message);
  g_object_unref (window);
}

static void
import_action (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  FpWindow *window = user_data;
  FpWorkspace *document = fp_window_get_document (window);
  const char *path = g_variant_get_string (parameter, NULL);
  FpImportDialog *open = current_dialog (window);
  FpFileFilter filters[] = {
    { _("Registers and returns (CSV, Excel)"), "*.csv;*.CSV;*.xlsx;*.XLSX", NULL },
    { _("Comma-separated values"), "*.csv", "text/csv" },
    { _("Excel workbooks"), "*.xlsx",
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" },
  };
  g_autofree char *folder = NULL;

  if (document == NULL)
    return;
  if (open != NULL)
    {
      gtk_window_present (GTK_WINDOW (open));
      return;
    }

  if (*path != '\0')
    {
      fp_import_dialog_new (window, document, path);
      return;
    }

  folder = g_path_get_dirname (fp_workspace_get_path (document));
  fp_file_chooser_open_async (GTK_WINDOW (window), _("Import a Register"), _("_Open"), folder,
                              filters, G_N_ELEMENTS (filters), on_import_file_chosen_cb,
                              g_object_ref (window));
}

static void
import_apply_action (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  FpWindow *window = user_data;
  FpImportDialog *dialog = current_dialog (window);
  g_autoptr(GError) error = NULL;

  if (dialog == NULL)
    fp_window_add_toast (window, _("There is no import to apply: choose a file first"));
  else if (!fp_import_dialog_apply (dialog, &error))
    fp_window_add_toast (window, error->message);
}

static void
step_import (FpWindow *window,
             gboolean  undo)
{
  FpWorkspace *document = fp_window_get_document (window);
  FpImportDialog *dialog = current_dialog (window);
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  gint64 id = 0;

  if (document == NULL)
    return;
  /* A file being read, or an export being written, borrows the estate the undo would
   * replace. */
  if (fp_export_actions_get_running (window) > 0)
    {
      fp_window_add_toast (window, _("An export is being written; wait for it first"));
      return;
    }
  if (dialog != NULL && fp_import_dialog_is_planning (dialog))
    {
      fp_window_add_toast (window, _("A file is being read for import; wait for it, or cancel "
                                     "it, first"));
      return;
    }

  if (undo ? !fp_workspace_undo_import (document, &id, &error)
           : !fp_workspace_redo_import (document, &id, &error))
    {
      fp_window_add_toast (window, error->message);
      fp_import_actions_update (window);
      return;
    }

  message = undo ? g_strdup_printf (_("Undid import %" G_GINT64_FORMAT), id)
                 : g_strdup_printf (_("Redid import %" G_GINT64_FORMAT), id);
  {
    g_autoptr(GPtrArray) imports = fp_store_list_imports (fp_workspace_get_store (document), NULL);

    for (guint i = 0; imports != NULL && i < imports->len; i++)
      {
        const FpImportRecord *r = g_ptr_array_index (imports, i);

        if (r->id == id)
          {
            g_free (message);
            /* Translators: a toast: "Undid the import of register.xlsx (2 new sites, ...)" */
            message = g_strdup_printf (undo ? _("Undid the import of %s (%u new sites, %u sites "
                                                "updated)")
                                            : _("Redid the import of %s (%u new sites, %u sites "
                                                "updated)"),
                                       r->file_name, r->n_new, r->n_updated);
          }
      }
  }
  g_message ("%s", message);
  fp_window_add_toast (window, message);
  fp_import_actions_update (window);
}

/* The dialog's Continue or Review button: the sheet chosen, the matches confirmed. */
static void
import_continue_action (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  FpWindow *window = user_data;
  FpImportDialog *dialog = current_dialog (window);
  const char *step = dialog != NULL ? fp_import_dialog_get_step (dialog) : NULL;

  if (g_strcmp0 (step, "sheet") == 0 || g_strcmp0 (step, "mapping") == 0)
    on_next_cb (dialog);
  else
    fp_window_add_toast (window, _("The import has no step to continue: it is being read, "
                                   "or is ready to review"));
}

/* The dialog's Cancel: stops a file being read, or closes the dialog. */
static void
import_cancel_action (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  FpImportDialog *dialog = current_dialog (user_data);

  if (dialog != NULL)
    on_cancel_cb (dialog);
}

static void
import_sheet_action (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  FpWindow *window = user_data;
  FpImportDialog *dialog = current_dialog (window);
  g_autoptr(GError) error = NULL;

  if (dialog == NULL || fp_import_dialog_is_planning (dialog))
    fp_window_add_toast (window, _("There is no workbook waiting for its sheet to be chosen"));
  else if (!choose_sheet (dialog, g_variant_get_string (parameter, NULL), &error))
    fp_window_add_toast (window, error->message);
}

static void
undo_import_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  step_import (user_data, TRUE);
}

static void
redo_import_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  step_import (user_data, FALSE);
}

/* For scripts and tests: a picture of the import dialog as it is. */
static void
import_screenshot_action (GSimpleAction *action,
                          GVariant      *parameter,
                          gpointer       user_data)
{
  FpWindow *window = user_data;
  FpImportDialog *dialog = current_dialog (window);

  if (dialog == NULL)
    {
      fp_window_add_toast (window, _("There is no import dialog to picture"));
      return;
    }
  fp_window_save_widget_picture_later (GTK_WIDGET (dialog),
                                       g_variant_get_string (parameter, NULL));
}

static const GActionEntry actions[] = {
  { "import", import_action, "s", NULL, NULL, { 0 } },
  { "import-continue", import_continue_action, NULL, NULL, NULL, { 0 } },
  { "import-sheet", import_sheet_action, "s", NULL, NULL, { 0 } },
  { "import-cancel", import_cancel_action, NULL, NULL, NULL, { 0 } },
  { "import-apply", import_apply_action, NULL, NULL, NULL, { 0 } },
  { "undo-import", undo_import_action, NULL, NULL, NULL, { 0 } },
  { "redo-import", redo_import_action, NULL, NULL, NULL, { 0 } },
  { "import-screenshot", import_screenshot_action, "s", NULL, NULL, { 0 } },
};

static void
set_enabled (FpWindow   *window,
             const char *name,
             gboolean    enabled)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (window), name);

  if (action != NULL)
    g_simple_action_set_enabled (G_SIMPLE_ACTION (action), enabled);
}

/**
 * fp_import_actions_add:
 * @window: a window
 *
 * Adds the import actions to the window's action map, disabled until it shows a document
 * (fp_import_actions_update()).
 */
void
fp_import_actions_add (FpWindow *window)
{
  g_action_map_add_action_entries (G_ACTION_MAP (window), actions, G_N_ELEMENTS (actions),
                                   window);
  for (guint i = 0; fp_import_action_names[i] != NULL; i++)
    set_enabled (window, fp_import_action_names[i], FALSE);
}

/**
 * fp_import_actions_update:
 * @window: a window
 *
 * Enables what can be done now: import with a document shown, undo when an import is
 * applied, redo when one was undone, apply when a dialog has a plan ready.
 */
void
fp_import_actions_update (FpWindow *window)
{
  FpWorkspace *document = fp_window_get_document (window);
  FpImportDialog *dialog = current_dialog (window);
  gboolean undo = FALSE, redo = FALSE;

  /* While an import is written, undo and redo wait for it: they would wait for its
   * transaction on the main thread. */
  if (document != NULL && (dialog == NULL || !dialog->applying))
    undo = fp_workspace_can_undo_import (document, &redo);

  set_enabled (window, "import", document != NULL && !fp_workspace_is_read_only (document));
  set_enabled (window, "undo-import", undo);
  set_enabled (window, "redo-import", redo);
  set_enabled (window, "import-screenshot", document != NULL);
  set_enabled (window, "import-sheet", document != NULL);
  set_enabled (window, "import-cancel", document != NULL);
  if (dialog != NULL)
    update_apply (dialog);
  else
    {
      set_enabled (window, "import-apply", FALSE);
      set_enabled (window, "import-continue", FALSE);
    }
}
