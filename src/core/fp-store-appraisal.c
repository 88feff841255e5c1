/* fp-store-appraisal.c: the appraisal's rows of a document (migration 4).
 *
 * The critical success factors with their weights, each option's scores, and the one-off
 * costs a planner enters for an option. Options are kept by name: Do nothing is not a
 * stored scenario, and a score or cost survives its scenario being rebuilt under the same
 * name. Every write is one transaction, checked whole before anything is written.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fp-store"

#include "config.h"

#include <math.h>
#include <glib/gi18n-lib.h>

#include "fp-appraisal.h"
#include "fp-error.h"
#include "fp-store-private.h"

static char *
now_iso8601 (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

static gboolean
step_done (FpStore      *store,
           sqlite3_stmt *stmt,
           const char   *doing,
           GError      **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (rc != SQLITE_DONE)
    return fp_store_set_error (store, error, doing);

  return TRUE;
}

/**
 * fp_store_load_scoring:
 * @store: a store
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the document's criteria, in order, and scores
 */
FpScoring *
fp_store_load_scoring (FpStore *store,
                       GError **error)
{
  g_autoptr(FpScoring) scoring = fp_scoring_new ();
  g_autoptr(sqlite3_stmt) criteria = NULL;
  g_autoptr(sqlite3_stmt) scores = NULL;
  int rc;

  criteria = fp_store_prepare (store,
      "SELECT key, name, weight FROM appraisal_criteria ORDER BY position, id", error);
  if (criteria == NULL)
    return NULL;

  while ((rc = sqlite3_step (criteria)) == SQLITE_ROW)
    {
      FpCriterion *c = g_new0 (FpCriterion, 1);

      c->id = fp_store_column_text (criteria, 0);
      c->name = fp_store_column_text (criteria, 1);
      c->weight = sqlite3_column_double (criteria, 2);
      g_ptr_array_add (scoring->criteria, c);
    }
  if (rc != SQLITE_DONE)
    {
      fp_store_set_error (store, error, _("read the appraisal’s criteria"));
      return NULL;
    }

  scores = fp_store_prepare (store,
      "SELECT s.option, c.key, s.score FROM appraisal_scores s "
      "JOIN appraisal_criteria c ON c.id = s.criterion_id ORDER BY s.option, c.position", error);
  if (scores == NULL)
    return NULL;

  while ((rc = sqlite3_step (scores)) == SQLITE_ROW)
    {
      FpScore *s = g_new0 (FpScore, 1);

      s->option = fp_store_column_text (scores, 0);
      s->criterion = fp_store_column_text (scores, 1);
      s->score = sqlite3_column_double (scores, 2);
      g_ptr_array_add (scoring->scores, s);
    }
  if (rc != SQLITE_DONE)
    {
      fp_store_set_error (store, error, _("read the appraisal’s scores"));
      return NULL;
    }

  return g_steal_pointer (&scoring);
}

typedef struct
{
  double  score;
  char   *author;
  char   *recorded_at;
} Recorded;

static void
recorded_free (Recorded *r)
{
  g_free (r->author);
  g_free (r->recorded_at);
  g_free (r);
}

static char *
score_key (const char *option,
           const char *criterion)
{
  g_autofree char *folded = g_utf8_casefold (option, -1);

  return g_strconcat (folded, "\x1f", criterion, NULL);
}

/* Who entered each score now stored, so a score saved again unchanged keeps its author. */
static GHashTable *
read_recorded (FpStore *store,
               GError **error)
{
  g_autoptr(GHashTable) recorded = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                          (GDestroyNotify) recorded_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = fp_store_prepare (store,
      "SELECT s.option, c.key, s.score, s.author, s.recorded_at FROM appraisal_scores s "
      "JOIN appraisal_criteria c ON c.id = s.criterion_id", error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Recorded *r = g_new0 (Recorded, 1);

      r->score = sqlite3_column_double (stmt, 2);
      r->author = fp_store_column_text (stmt, 3);
      r->recorded_at = fp_store_column_text (stmt, 4);
      g_hash_table_insert (recorded, score_key ((const char *) sqlite3_column_text (stmt, 0),
                                                (const char *) sqlite3_column_text (stmt, 1)), r);
    }
  if (rc != SQLITE_DONE)
    {
      fp_store_set_error (store, error, _("read the appraisal’s scores"));
      return NULL;
    }

  return g_steal_pointer (&recorded);
}

/**
 * fp_store_save_scoring:
 * @store: a store
 * @scoring: the criteria, weights and scores to keep (replacing the document's)
 * @author: who changed them, recorded with each score that changed
 * @error: return location for an error
 *
 * Checks @scoring whole (fp_scoring_check()) and writes it in one transaction; a scoring
 * that breaks a rule changes nothing.
 *
 * Returns: %TRUE on success
 */
gboolean
fp_store_save_scoring (FpStore         *store,
                       const FpScoring *scoring,
                       const char      *author,
                       GError         **error)
{
  g_autoptr(GHashTable) recorded = NULL;
  g_autoptr(sqlite3_stmt) criterion = NULL;
  g_autoptr(sqlite3_stmt) score = NULL;
  g_autofree char *when = now_iso8601 ();

  if (!fp_scoring_check (scoring, error))
    return FALSE;

  if (!fp_store_begin (store, error))
    return FALSE;

  recorded = read_recorded (store, error);
  if (recorded == NULL)
    goto failed;

  if (sqlite3_exec (fp_store_get_db (store),
                    "DELETE FROM appraisal_scores; DELETE FROM appraisal_criteria;",
                    NULL, NULL, NULL) != SQLITE_OK)
    {
      fp_store_set_error (store, error, _("replace the appraisal’s criteria"));
      goto failed;
    }

  criterion = fp_store_prepare (store,
      "INSERT INTO appraisal_criteria (key, name, weight, position) VALUES (?, ?, ?, ?)", error);
  score = fp_store_prepare (store,
      "INSERT INTO appraisal_scores (option, criterion_id, score, author, recorded_at) "
      "SELECT ?, id, ?, ?, ? FROM appraisal_criteria WHERE key = ?", error);
  if (criterion == NULL || score == NULL)
    goto failed;

  for (guint i = 0; i < scoring->criteria->len; i++)
    {
      const FpCriterion *c = g_ptr_array_index (scoring->criteria, i);

      fp_store_bind_text (criterion, 1, c->id);
      fp_store_bind_text (criterion, 2, c->name);
      sqlite3_bind_double (criterion, 3, c->weight);
      sqlite3_bind_int (criterion, 4, (int) i);
      if (!step_done (store, criterion, _("save a criterion of the appraisal"), error))
        goto failed;
    }

  for (guint i = 0; i < scoring->scores->len; i++)
    {
      const FpScore *s = g_ptr_array_index (scoring->scores, i);
      g_autofree char *key = score_key (s->option, s->criterion);
      const Recorded *r = g_hash_table_lookup (recorded, key);
      gboolean unchanged = r != NULL && r->score == s->score;

      fp_store_bind_text (score, 1, s->option);
      sqlite3_bind_double (score, 2, s->score);
      fp_store_bind_text (score, 3, unchanged ? r->author : author);
      fp_store_bind_text (score, 4, unchanged ? r->recorded_at : when);
      fp_store_bind_text (score, 5, s->criterion);
      if (!step_done (store, score, _("save a score of the appraisal"), error))
        goto failed;
    }

  g_clear_pointer (&criterion, sqlite3_finalize);
  g_clear_pointer (&score, sqlite3_finalize);
  return fp_store_commit (store, error);

failed:
  g_clear_pointer (&criterion, sqlite3_finalize);
  g_clear_pointer (&score, sqlite3_finalize);
  fp_store_rollback (store);
  return FALSE;
}

/**
 * fp_store_load_appraisal_costs:
 * @store: a store
 * @error: return location for an error
 *
 * Returns: (transfer full) (element-type FpAppraisalCost) (nullable): every cost entered
 *   for an option, by option and year
 */
GPtrArray *
fp_store_load_appraisal_costs (FpStore *store,
                               GError **error)
{
  g_autoptr(GPtrArray) costs =
    g_ptr_array_new_with_free_func ((GDestroyNotify) fp_appraisal_cost_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = fp_store_prepare (store,
      "SELECT option, kind, year, amount, note FROM appraisal_costs ORDER BY option, year, id",
      error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      FpCostKind kind;

      if (!fp_cost_kind_from_string ((const char *) sqlite3_column_text (stmt, 1), &kind))
        continue;  /* the CHECK makes this impossible */

      const char *option = (const char *) sqlite3_column_text (stmt, 0);
      const char *note = (const char *) sqlite3_column_text (stmt, 4);

      g_ptr_array_add (costs, fp_appraisal_cost_new (option, kind, sqlite3_column_int (stmt, 2),
                                                     sqlite3_column_double (stmt, 3), note));
    }
  if (rc != SQLITE_DONE)
    {
      fp_store_set_error (store, error, _("read the costs entered for the options"));
      return NULL;
    }

  return g_steal_pointer (&costs);
}

/**
 * fp_store_add_appraisal_cost:
 * @store: a store
 * @cost: the cost: a named option, a year, an amount of at least 0
 * @author: who entered it
 * @error: return location for an error
 *
 * Returns: %TRUE on success
 */
gboolean
fp_store_add_appraisal_cost (FpStore               *store,
                             const FpAppraisalCost *cost,
                             const char            *author,
                             GError               **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *when = now_iso8601 ();

  if (cost->option == NULL || *cost->option == '\0' || !(cost->amount >= 0) ||
      !isfinite (cost->amount) || cost->year < 1900 || cost->year > 2200)
    {
      g_set_error (error, FP_ERROR, FP_ERROR_INVALID_ARGUMENT,
                   _("A cost needs an option, a year and an amount of at least £0"));
      return FALSE;
    }

  if (!fp_store_begin (store, error))
    return FALSE;

  stmt = fp_store_prepare (store,
      "INSERT INTO appraisal_costs (option, kind, year, amount, note, author, recorded_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    goto failed;

  fp_store_bind_text (stmt, 1, cost->option);
  fp_store_bind_text (stmt, 2, fp_cost_kind_to_string (cost->kind));
  sqlite3_bind_int (stmt, 3, cost->year);
  sqlite3_bind_double (stmt, 4, cost->amount);
  fp_store_bind_text (stmt, 5, cost->note);
  fp_store_bind_text (stmt, 6, author);
  fp_store_bind_text (stmt, 7, when);
  if (!step_done (store, stmt, _("save a cost entered for an option"), error))
    goto failed;

  g_clear_pointer (&stmt, sqlite3_finalize);
  return fp_store_commit (store, error);

failed:
  g_clear_pointer (&stmt, sqlite3_finalize);
  fp_store_rollback (store);
  return FALSE;
}

/**
 * fp_store_clear_appraisal_costs:
 * @store: a store
 * @option: the option whose entered costs go
 * @error: return location for an error
 *
 * Returns: %TRUE on success
 */
gboolean
fp_store_clear_appraisal_costs (FpStore    *store,
                                const char *option,
                                GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (!fp_store_begin (store, error))
    return FALSE;

  stmt = fp_store_prepare (store, "DELETE FROM appraisal_costs WHERE option = ?", error);
  if (stmt == NULL)
    goto failed;

  fp_store_bind_text (stmt, 1, option);
  if (!step_done (store, stmt, _("remove the costs entered for an option"), error))
    goto failed;

  g_clear_pointer (&stmt, sqlite3_finalize);
  return fp_store_commit (store, error);

failed:
  g_clear_pointer (&stmt, sqlite3_finalize);
  fp_store_rollback (store);
  return FALSE;
}
