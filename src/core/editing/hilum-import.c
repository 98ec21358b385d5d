/* hilum-import.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "hilum-import"

#include "config.h"

#include <glib/gi18n.h>

#include "hilum-format-private.h"
#include "hilum-import.h"

/* A study with audit events was edited here: an import puts documents without any. */
static gboolean
edited_here (HilumStore *store,
             const char *study_id)
{
  g_autoptr(GPtrArray) audit = hilum_store_get_audit (store, study_id, NULL);

  return audit == NULL || audit->len > 0;
}

HilumImportPlan *
hilum_import_plan_new (HilumStore  *store,
                       HilumFormat  format,
                       GPtrArray   *documents,
                       gboolean     replace_edited,
                       GPtrArray   *problems)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  HilumImportPlan *plan;

  g_return_val_if_fail (HILUM_IS_STORE (store), NULL);
  g_return_val_if_fail (documents != NULL, NULL);

  plan = g_new0 (HilumImportPlan, 1);
  plan->fresh = g_ptr_array_new_with_free_func (g_object_unref);
  plan->edited = g_ptr_array_new_with_free_func (g_object_unref);
  plan->replaced = g_ptr_array_new_with_free_func (g_object_unref);
  plan->edit_at = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; i < documents->len; i++)
    {
      HilumDocument *document = documents->pdata[i];
      const char *study_id = hilum_document_get_study_id (document);

      /* One document per study: a second record would silently replace the first. */
      if (!g_hash_table_add (seen, (gpointer) study_id))
        {
          hilum_format_add_problem (problems, study_id, "%s",
                                    _("the study is in the file twice; the first record was imported"));
          continue;
        }
      if (!hilum_store_has_study (store, study_id))
        {
          g_ptr_array_add (plan->fresh, g_object_ref (document));
          plan->n_new++;
        }
      else if (format != HILUM_FORMAT_HILUM && !replace_edited && edited_here (store, study_id))
        {
          /* Someone's work: never replaced by a dataset file without being asked to. */
          hilum_format_add_problem (problems, study_id, "%s",
                                    _("edited in Hilum since it was imported: kept as it is "
                                      "(hilum-cli import --replace applies the file’s version as audited edits)"));
          plan->n_kept++;
        }
      else if (format != HILUM_FORMAT_HILUM)
        {
          /* The file's version, in the audit log: its ids are new each import, so it is
           * not an edit of the readers' boxes but the file's record again. */
          g_ptr_array_add (plan->replaced, g_object_ref (document));
        }
      else
        {
          /* The difference, as operations: audited, undoable, and refused where it would
           * change another reader's boxes. */
          guint at = problems != NULL ? problems->len : 0;

          g_ptr_array_add (plan->edited, g_object_ref (document));
          g_array_append_val (plan->edit_at, at);
        }
    }
  return plan;
}

void
hilum_import_plan_free (HilumImportPlan *plan)
{
  if (plan == NULL)
    return;
  g_clear_pointer (&plan->fresh, g_ptr_array_unref);
  g_clear_pointer (&plan->edited, g_ptr_array_unref);
  g_clear_pointer (&plan->replaced, g_ptr_array_unref);
  g_clear_pointer (&plan->edit_at, g_array_unref);
  g_free (plan);
}

gboolean
hilum_import_apply_edit (HilumSession   *session,
                         HilumDocument  *imported,
                         gboolean       *changed,
                         GError        **error)
{
  g_autoptr(HilumOperation) op = NULL;

  g_return_val_if_fail (HILUM_IS_SESSION (session), FALSE);
  g_return_val_if_fail (HILUM_IS_DOCUMENT (imported), FALSE);

  if (changed != NULL)
    *changed = FALSE;
  op = hilum_document_diff (hilum_session_get_document (session), imported);
  if (op == NULL)
    return TRUE;
  if (!hilum_session_perform (session, op, error))
    return FALSE;
  if (changed != NULL)
    *changed = TRUE;
  return TRUE;
}

/* A study edited outside: the difference, as one undoable, audited batch of a session
 * of its own. */
static gboolean
apply_edit_in_store (HilumStore     *store,
                     HilumDocument  *imported,
                     const char     *reader_id,
                     gboolean       *changed,
                     GError        **error)
{
  g_autoptr(HilumDocument) stored = NULL;
  g_autoptr(HilumSession) session = NULL;

  *changed = FALSE;
  stored = hilum_store_get_document (store, hilum_document_get_study_id (imported), error);
  if (stored == NULL)
    return FALSE;
  session = hilum_session_new (store, stored, reader_id, reader_id, HILUM_READER_ROLE_READER);
  return hilum_import_apply_edit (session, imported, changed, error);
}

void
hilum_import_plan_apply_edits (HilumImportPlan *plan,
                               HilumStore      *store,
                               const char      *reader_id,
                               GPtrArray       *problems)
{
  guint n_failed = 0;

  g_return_if_fail (plan != NULL);
  g_return_if_fail (HILUM_IS_STORE (store));
  g_return_if_fail (reader_id != NULL);

  for (guint i = 0; i < plan->edited->len; i++)
    {
      HilumDocument *document = plan->edited->pdata[i];
      g_autoptr(GError) error = NULL;
      gboolean changed;

      if (apply_edit_in_store (store, document, reader_id, &changed, &error))
        {
          if (changed)
            plan->n_edited++;
          else
            plan->n_unchanged++;
        }
      else if (problems != NULL)
        {
          /* In file order, as if the records were taken one after the other. */
          guint at = g_array_index (plan->edit_at, guint, i) + n_failed++;

          g_ptr_array_insert (problems, (gint) MIN (at, problems->len),
                              hilum_format_problem_new (hilum_document_get_study_id (document),
                                                        error->message));
        }
    }
}

void
hilum_import_plan_apply_replacements (HilumImportPlan *plan,
                                      HilumStore      *store,
                                      const char      *author,
                                      GPtrArray       *problems)
{
  g_return_if_fail (plan != NULL);
  g_return_if_fail (HILUM_IS_STORE (store));
  g_return_if_fail (author != NULL);

  for (guint i = 0; i < plan->replaced->len; i++)
    {
      HilumDocument *imported = plan->replaced->pdata[i];
      const char *study_id = hilum_document_get_study_id (imported);
      g_autoptr(HilumDocument) stored = NULL;
      g_autoptr(HilumOperation) op = NULL;
      g_autoptr(GError) error = NULL;

      if ((stored = hilum_store_get_document (store, study_id, &error)) != NULL &&
          (op = hilum_document_diff (stored, imported)) == NULL)
        {
          plan->n_unchanged++;
          continue;
        }
      if (op != NULL)
        {
          /* One audited step, by the importer: what it changed can be read and undone. */
          json_object_set_string_member (hilum_operation_get_json (op), "author", author);
          if (hilum_store_commit_operation (store, stored, op, &error))
            {
              plan->n_replaced++;
              continue;
            }
        }
      if (problems != NULL)
        g_ptr_array_add (problems, hilum_format_problem_new (study_id, error->message));
    }
}

/* The asynchronous import. */

typedef struct
{
  HilumStore            *store;
  HilumFormat            format;
  char                  *path;
  char                  *images_dir;
  char                  *reader_id;
  GFileProgressCallback  progress;
  gpointer               progress_data;
  GPtrArray             *problems;   /* HilumFormatProblem */
  gboolean               replace_edited;
} ImportData;

static void
import_data_free (ImportData *data)
{
  g_clear_object (&data->store);
  g_free (data->path);
  g_free (data->images_dir);
  g_free (data->reader_id);
  g_clear_pointer (&data->problems, g_ptr_array_unref);
  g_free (data);
}

static void
import_file_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  ImportData *data = task_data;
  HilumFormatOptions options = { 0 };
  g_autoptr(GPtrArray) documents = NULL;
  g_autoptr(HilumImportPlan) plan = NULL;
  GError *error = NULL;

  options.images_dir = data->images_dir;
  options.reader_id = data->reader_id;
  options.progress = data->progress;
  options.progress_data = data->progress_data;
  options.cancellable = cancellable;

  documents = hilum_format_import (data->format, data->path, &options, data->problems, &error);
  if (documents == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  plan = hilum_import_plan_new (data->store, data->format, documents, data->replace_edited, data->problems);
  if (g_task_return_error_if_cancelled (task))
    return;
  if (plan->fresh->len > 0 &&
      !hilum_store_put_documents (data->store, plan->fresh, data->progress, data->progress_data, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  hilum_import_plan_apply_replacements (plan, data->store, data->reader_id != NULL ? data->reader_id : "import",
                                        data->problems);
  g_task_return_pointer (task, g_steal_pointer (&plan), (GDestroyNotify) hilum_import_plan_free);
}

void
hilum_import_file_async (HilumStore               *store,
                         HilumFormat               format,
                         const char               *path,
                         const HilumFormatOptions *options,
                         gboolean                  replace_edited,
                         GCancellable             *cancellable,
                         GAsyncReadyCallback       callback,
                         gpointer                  user_data)
{
  g_autoptr(GTask) task = NULL;
  ImportData *data;

  g_return_if_fail (HILUM_IS_STORE (store));
  g_return_if_fail (format < HILUM_N_FORMATS);
  g_return_if_fail (path != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  data = g_new0 (ImportData, 1);
  data->store = g_object_ref (store);
  data->format = format;
  data->path = g_strdup (path);
  data->replace_edited = replace_edited;
  if (options != NULL)
    {
      data->images_dir = g_strdup (options->images_dir);
      data->reader_id = g_strdup (options->reader_id);
      data->progress = options->progress;
      data->progress_data = options->progress_data;
    }
  data->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) hilum_format_problem_free);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, hilum_import_file_async);
  g_task_set_name (task, "hilum_import_file_async");
  g_task_set_task_data (task, data, (GDestroyNotify) import_data_free);
  g_task_run_in_thread (task, import_file_thread);
}

HilumImportPlan *
hilum_import_file_finish (GAsyncResult  *result,
                          GPtrArray    **problems,
                          GError       **error)
{
  ImportData *data;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == hilum_import_file_async, NULL);

  data = g_task_get_task_data (G_TASK (result));
  if (problems != NULL)
    *problems = g_ptr_array_ref (data->problems);
  return g_task_propagate_pointer (G_TASK (result), error);
}
