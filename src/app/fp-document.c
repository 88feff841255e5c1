/* fp-document.c: open a document, load its estate once, and keep what the window binds to.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fp-document"

#include "config.h"

#include <math.h>

#include "fp-document.h"
#include "fp-site-item.h"

struct _FpDocument
{
  GObject     parent_instance;

  FpStore    *store;
  FpEstate   *estate;
  FpSummary  *summary;
  GListStore *sites;
  guint      *n_sources;    /* source rows behind each site, by site index */
  double      m2_per_room;
};

G_DEFINE_FINAL_TYPE (FpDocument, fp_document, G_TYPE_OBJECT)

/* Measured when every known value is measured; estimated when any is; assumed when some
 * are entered by a user and none estimated (the rule FpSummary applies to totals). */
static FpProvKind
combine_provenance (const FpSite *site,
                    guint         first,
                    guint         last,
                    FpProvKind    kind)
{
  for (guint n = first; n <= last; n++)
    {
      FpProvKind k;

      if (isnan (site->numbers[n]))
        continue;

      k = site->prov[n].kind;
      if (k == FP_PROV_ESTIMATED || kind == FP_PROV_ESTIMATED)
        kind = FP_PROV_ESTIMATED;
      else if (k == FP_PROV_ASSUMED || kind == FP_PROV_ASSUMED)
        kind = FP_PROV_ASSUMED;
      else if (k == FP_PROV_MEASURED)
        kind = FP_PROV_MEASURED;
    }

  return kind;
}

static void
fp_document_finalize (GObject *object)
{
  FpDocument *self = FP_DOCUMENT (object);

  g_clear_object (&self->sites);
  g_clear_object (&self->store);
  g_clear_pointer (&self->summary, fp_summary_free);
  g_clear_pointer (&self->estate, fp_estate_free);
  g_clear_pointer (&self->n_sources, g_free);

  G_OBJECT_CLASS (fp_document_parent_class)->finalize (object);
}

static void
fp_document_class_init (FpDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = fp_document_finalize;
}

static void
fp_document_init (FpDocument *self)
{
  self->sites = g_list_store_new (FP_TYPE_SITE_ITEM);
}

/**
 * fp_document_open:
 * @path: (nullable): a document, or %NULL for the user's default document (created from
 *   the built-in dataset on first use)
 * @created: (out) (optional): whether the default document was created now
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the document, or %NULL with @error set
 */
FpDocument *
fp_document_open (const char  *path,
                  gboolean    *created,
                  GError     **error)
{
  g_autoptr(FpDocument) self = NULL;
  g_autoptr(GPtrArray) items = NULL;
  gboolean was_created = FALSE;

  self = g_object_new (FP_TYPE_DOCUMENT, NULL);
  self->store = fp_store_open_or_create_default (path, &was_created, error);
  if (self->store == NULL)
    return NULL;

  if (created != NULL)
    *created = was_created;

  self->estate = fp_store_load_estate (self->store, error);
  if (self->estate == NULL)
    return NULL;

  self->summary = fp_summary_compute (self->estate);
  self->m2_per_room = fp_estate_get_assumption (self->estate, "m2_per_room", 25.0);

  self->n_sources = g_new0 (guint, MAX (self->estate->sites->len, 1));
  for (guint i = 0; i < self->estate->source_rows->len; i++)
    {
      const FpSourceRow *row = &g_array_index (self->estate->source_rows, FpSourceRow, i);

      if (row->site < self->estate->sites->len)
        self->n_sources[row->site]++;
    }

  items = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < self->estate->sites->len; i++)
    g_ptr_array_add (items, fp_site_item_new (self->estate, i));
  g_list_store_splice (self->sites, 0, 0, items->pdata, items->len);

  return g_steal_pointer (&self);
}

typedef struct
{
  char     *path;
  gboolean  created;
} OpenData;

static void
open_data_free (gpointer data)
{
  OpenData *open_data = data;

  g_free (open_data->path);
  g_free (open_data);
}

static void
open_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  OpenData *data = task_data;
  GError *error = NULL;
  FpDocument *document;

  document = fp_document_open (data->path, &data->created, &error);
  if (document == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, document, g_object_unref);
}

/**
 * fp_document_open_async:
 * @path: (nullable): a document, or %NULL for the user's default document
 * @cancellable: (nullable): a cancellable
 * @callback: called in the caller's main context when the document is open or could not be
 * @user_data: data for @callback
 *
 * Opens (and on first run creates) the document in a worker thread, so the window stays
 * responsive while the built-in dataset is written out. The returned document is used only
 * from the main thread afterwards.
 */
void
fp_document_open_async (const char          *path,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  OpenData *data = g_new0 (OpenData, 1);

  data->path = g_strdup (path);
  g_task_set_source_tag (task, fp_document_open_async);
  g_task_set_task_data (task, data, open_data_free);
  g_task_run_in_thread (task, open_thread);
}

/**
 * fp_document_open_finish:
 * @result: the result passed to the callback
 * @created: (out) (optional): whether the default document was created now
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the document, or %NULL with @error set
 */
FpDocument *
fp_document_open_finish (GAsyncResult  *result,
                         gboolean      *created,
                         GError       **error)
{
  OpenData *data;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  data = g_task_get_task_data (G_TASK (result));
  if (created != NULL)
    *created = data->created;

  return g_task_propagate_pointer (G_TASK (result), error);
}

const char *
fp_document_get_path (FpDocument *self)
{
  g_return_val_if_fail (FP_IS_DOCUMENT (self), NULL);
  return fp_store_get_path (self->store);
}

const FpEstate *
fp_document_get_estate (FpDocument *self)
{
  g_return_val_if_fail (FP_IS_DOCUMENT (self), NULL);
  return self->estate;
}

const FpSummary *
fp_document_get_summary (FpDocument *self)
{
  g_return_val_if_fail (FP_IS_DOCUMENT (self), NULL);
  return self->summary;
}

/**
 * fp_document_get_sites:
 * @self: a document
 *
 * Returns: (transfer none): a list of #FpSiteItem, in the estate's order
 */
GListModel *
fp_document_get_sites (FpDocument *self)
{
  g_return_val_if_fail (FP_IS_DOCUMENT (self), NULL);
  return G_LIST_MODEL (self->sites);
}

/**
 * fp_document_get_n_site_sources:
 * @self: a document
 * @index: a site
 *
 * Returns: how many source rows were merged into the site
 */
guint
fp_document_get_n_site_sources (FpDocument *self,
                                guint       index)
{
  g_return_val_if_fail (FP_IS_DOCUMENT (self), 0);
  g_return_val_if_fail (index < self->estate->sites->len, 0);
  return self->n_sources[index];
}

/**
 * fp_document_get_site_void_cost:
 * @self: a document
 * @index: a site
 *
 * Returns: the site's baseline void cost, GBP a year (the core's rule, with the
 *   document's m² per room)
 */
double
fp_document_get_site_void_cost (FpDocument *self,
                                guint       index)
{
  g_return_val_if_fail (FP_IS_DOCUMENT (self), NAN);
  g_return_val_if_fail (index < self->estate->sites->len, NAN);
  return fp_site_void_cost (fp_estate_get_site (self->estate, index), self->m2_per_room);
}

/**
 * fp_document_get_site_cost_provenance:
 * @self: a document
 * @index: a site
 *
 * Returns: where the site's running cost came from, over its known components
 */
FpProvKind
fp_document_get_site_cost_provenance (FpDocument *self,
                                      guint       index)
{
  g_return_val_if_fail (FP_IS_DOCUMENT (self), FP_PROV_NONE);
  g_return_val_if_fail (index < self->estate->sites->len, FP_PROV_NONE);
  return combine_provenance (fp_estate_get_site (self->estate, index),
                             FP_SITE_FIRST_COST, FP_SITE_LAST_COST, FP_PROV_NONE);
}

/**
 * fp_document_get_site_void_provenance:
 * @self: a document
 * @index: a site
 *
 * Returns: where the site's void cost came from: its void rooms and area, GIA and costs
 */
FpProvKind
fp_document_get_site_void_provenance (FpDocument *self,
                                      guint       index)
{
  const FpSite *site;
  FpProvKind kind;

  g_return_val_if_fail (FP_IS_DOCUMENT (self), FP_PROV_NONE);
  g_return_val_if_fail (index < self->estate->sites->len, FP_PROV_NONE);

  site = fp_estate_get_site (self->estate, index);
  kind = combine_provenance (site, FP_SITE_VOID_ROOMS, FP_SITE_OTHER_VOID_M2, FP_PROV_NONE);
  kind = combine_provenance (site, FP_SITE_GIA_M2, FP_SITE_GIA_M2, kind);
  return combine_provenance (site, FP_SITE_FIRST_COST, FP_SITE_LAST_COST, kind);
}
