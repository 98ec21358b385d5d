/* hilum-export.c — exporting studies of the store to a dataset file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "hilum-export"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "hilum-export.h"

/* Where @document stood in the PadChest-GR file it was imported from: its index, and
 * the file's name in @file; G_MAXINT64 (and "") when it was not imported from one. */
static gint64
import_position (HilumDocument *document,
                 const char   **file)
{
  JsonObject *root = hilum_document_get_root (document);
  JsonNode *node = json_object_get_member (root, "provenance");
  JsonObject *imported;
  JsonNode *index;

  *file = "";
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return G_MAXINT64;
  node = json_object_get_member (json_node_get_object (node), "imported_from");
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return G_MAXINT64;
  imported = json_node_get_object (node);
  index = json_object_get_member (imported, "index");
  if (index == NULL || !JSON_NODE_HOLDS_VALUE (index) || json_node_get_value_type (index) != G_TYPE_INT64)
    return G_MAXINT64;
  node = json_object_get_member (imported, "file");
  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    *file = json_node_get_string (node);
  return json_node_get_int (index);
}

static int
compare_record_order (gconstpointer a,
                      gconstpointer b)
{
  HilumDocument *da = *(HilumDocument **) a;
  HilumDocument *db = *(HilumDocument **) b;
  const char *fa, *fb;
  gint64 ia = import_position (da, &fa);
  gint64 ib = import_position (db, &fb);
  int c = (ia == G_MAXINT64) - (ib == G_MAXINT64);

  if (c != 0)
    return c;
  c = strcmp (fa, fb);
  if (c != 0)
    return c;
  if (ia != ib)
    return ia < ib ? -1 : 1;
  return strcmp (hilum_document_get_study_id (da), hilum_document_get_study_id (db));
}

void
hilum_export_sort_documents (GPtrArray *documents)
{
  g_return_if_fail (documents != NULL);

  g_ptr_array_sort (documents, compare_record_order);
}

gboolean
hilum_export_store (HilumStore               *store,
                    HilumFormat               format,
                    GPtrArray                *study_ids,
                    const char               *path,
                    const HilumFormatOptions *options,
                    GPtrArray                *warnings,
                    guint                    *n_exported,
                    GError                  **error)
{
  static const HilumFormatOptions no_options = { 0 };
  g_autoptr(GPtrArray) ids = NULL;
  g_autoptr(GPtrArray) documents = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  g_return_val_if_fail (HILUM_IS_STORE (store), FALSE);
  g_return_val_if_fail (format < HILUM_N_FORMATS, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (options == NULL)
    options = &no_options;
  if (n_exported != NULL)
    *n_exported = 0;

  if (study_ids != NULL)
    ids = g_ptr_array_ref (study_ids);
  else if ((ids = hilum_store_list_study_ids (store, error)) == NULL)
    return FALSE;

  for (guint i = 0; i < ids->len; i++)
    {
      const char *study_id = ids->pdata[i];
      HilumDocument *document;

      if (g_cancellable_set_error_if_cancelled (options->cancellable, error))
        return FALSE;
      if (!g_hash_table_add (seen, (gpointer) study_id))
        continue;
      {
        g_autoptr(GError) local_error = NULL;

        document = hilum_store_get_document (store, study_id, &local_error);
        /* One damaged document does not stop the rest: it is named, the others go out. */
        if (document == NULL && g_error_matches (local_error, HILUM_STORE_ERROR, HILUM_STORE_ERROR_DAMAGED))
          {
            if (warnings != NULL)
              {
                g_autofree char *message = g_strdup_printf (_("Not exported: %s"), local_error->message);

                g_ptr_array_add (warnings, hilum_format_problem_new (study_id, message));
              }
            continue;
          }
        if (document == NULL)
          {
            g_propagate_error (error, g_steal_pointer (&local_error));
            return FALSE;
          }
      }
      g_ptr_array_add (documents, document);
    }
  hilum_export_sort_documents (documents);

  if (!hilum_format_export (format, documents, path, options, warnings, error))
    return FALSE;
  if (n_exported != NULL)
    *n_exported = documents->len;
  return TRUE;
}

/* The asynchronous export. */

typedef struct
{
  HilumStore            *store;
  HilumFormat            format;
  GPtrArray             *study_ids;  /* nullable: every study */
  char                  *path;
  char                  *images_dir;
  char                  *reader_id;
  GFileProgressCallback  progress;
  gpointer               progress_data;
  GPtrArray             *warnings;   /* HilumFormatProblem */
  guint                  n_exported;
} ExportData;

static void
export_data_free (ExportData *data)
{
  g_clear_object (&data->store);
  g_clear_pointer (&data->study_ids, g_ptr_array_unref);
  g_free (data->path);
  g_free (data->images_dir);
  g_free (data->reader_id);
  g_clear_pointer (&data->warnings, g_ptr_array_unref);
  g_free (data);
}

static void
export_store_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  ExportData *data = task_data;
  HilumFormatOptions options = { 0 };
  GError *error = NULL;

  options.images_dir = data->images_dir;
  options.reader_id = data->reader_id;
  options.progress = data->progress;
  options.progress_data = data->progress_data;
  options.cancellable = cancellable;
  if (!hilum_export_store (data->store, data->format, data->study_ids, data->path, &options,
                           data->warnings, &data->n_exported, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
hilum_export_store_async (HilumStore               *store,
                          HilumFormat               format,
                          GPtrArray                *study_ids,
                          const char               *path,
                          const HilumFormatOptions *options,
                          GCancellable             *cancellable,
                          GAsyncReadyCallback       callback,
                          gpointer                  user_data)
{
  g_autoptr(GTask) task = NULL;
  ExportData *data;

  g_return_if_fail (HILUM_IS_STORE (store));
  g_return_if_fail (format < HILUM_N_FORMATS);
  g_return_if_fail (path != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  data = g_new0 (ExportData, 1);
  data->store = g_object_ref (store);
  data->format = format;
  if (study_ids != NULL)
    {
      data->study_ids = g_ptr_array_new_full (study_ids->len, g_free);
      for (guint i = 0; i < study_ids->len; i++)
        g_ptr_array_add (data->study_ids, g_strdup (study_ids->pdata[i]));
    }
  data->path = g_strdup (path);
  if (options != NULL)
    {
      data->images_dir = g_strdup (options->images_dir);
      data->reader_id = g_strdup (options->reader_id);
      data->progress = options->progress;
      data->progress_data = options->progress_data;
    }
  data->warnings = g_ptr_array_new_with_free_func ((GDestroyNotify) hilum_format_problem_free);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, hilum_export_store_async);
  g_task_set_name (task, "hilum_export_store_async");
  g_task_set_task_data (task, data, (GDestroyNotify) export_data_free);
  g_task_run_in_thread (task, export_store_thread);
}

gboolean
hilum_export_store_finish (GAsyncResult  *result,
                           GPtrArray    **warnings,
                           guint         *n_exported,
                           GError       **error)
{
  ExportData *data;
  gboolean ok;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == hilum_export_store_async, FALSE);

  data = g_task_get_task_data (G_TASK (result));
  if (warnings != NULL)
    *warnings = g_ptr_array_ref (data->warnings);
  ok = g_task_propagate_boolean (G_TASK (result), error);
  if (n_exported != NULL)
    *n_exported = ok ? data->n_exported : 0;
  return ok;
}
