/* hilum-import.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "hilum-import"

#include "config.h"

#include <glib/gi18n.h>

#include "hilum-import.h"

static void
add_problem (GPtrArray  *problems,
             const char *record,
             const char *message)
{
  HilumFormatProblem *problem;

  if (problems == NULL)
    return;
  problem = g_new0 (HilumFormatProblem, 1);
  problem->record = g_strdup (record);
  problem->message = g_strdup (message);
  g_ptr_array_add (problems, problem);
}

HilumImportPlan *
hilum_import_plan_new (HilumStore  *store,
                       HilumFormat  format,
                       GPtrArray   *documents,
                       GPtrArray   *problems)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  HilumImportPlan *plan;

  g_return_val_if_fail (HILUM_IS_STORE (store), NULL);
  g_return_val_if_fail (documents != NULL, NULL);

  plan = g_new0 (HilumImportPlan, 1);
  plan->fresh = g_ptr_array_new_with_free_func (g_object_unref);
  plan->edited = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < documents->len; i++)
    {
      HilumDocument *document = documents->pdata[i];
      const char *study_id = hilum_document_get_study_id (document);

      /* One document per study: a second record would silently replace the first. */
      if (!g_hash_table_add (seen, (gpointer) study_id))
        {
          add_problem (problems, study_id, _("the study is in the file twice; the first record was imported"));
          continue;
        }
      if (!hilum_store_has_study (store, study_id))
        {
          g_ptr_array_add (plan->fresh, g_object_ref (document));
          plan->n_new++;
        }
      else if (format == HILUM_FORMAT_HILUM)
        {
          g_ptr_array_add (plan->edited, g_object_ref (document));
        }
      else
        {
          g_ptr_array_add (plan->fresh, g_object_ref (document));
          plan->n_replaced++;
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
