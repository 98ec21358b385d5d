/* hilum-export.c — exporting studies of the store to a dataset file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "hilum-export"

#include "config.h"

#include <string.h>

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
      document = hilum_store_get_document (store, study_id, error);
      if (document == NULL)
        return FALSE;
      g_ptr_array_add (documents, document);
    }
  hilum_export_sort_documents (documents);

  if (!hilum_format_export (format, documents, path, options, warnings, error))
    return FALSE;
  if (n_exported != NULL)
    *n_exported = documents->len;
  return TRUE;
}
