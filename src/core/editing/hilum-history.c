/* hilum-history.c — the undo and redo stacks of one editing session
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A step is an applied operation. Typing sends one operation per change; merging keeps the
 * first step's "before" and takes each new "value", so one undo takes the whole burst of
 * typing back. The merge edits the step's JSON in place: the store has already written
 * each keystroke to the audit log, so nothing else holds on to it.
 */
#define G_LOG_DOMAIN "hilum-history"

#include "config.h"

#include "hilum-document-private.h"
#include "hilum-json.h"
#include "hilum-history.h"

typedef struct
{
  HilumOperation *op;
  HilumOperation *merge_target;   /* nullable; shares its JSON with (a part of) op */
  gint64          time;
} Step;

struct _HilumHistory
{
  GPtrArray *undo;                /* of Step, oldest first */
  GPtrArray *redo;                /* of Step, next redo last */
  gboolean   merge_broken;
};

static void
step_free (gpointer data)
{
  Step *step = data;

  g_clear_pointer (&step->op, hilum_operation_unref);
  g_clear_pointer (&step->merge_target, hilum_operation_unref);
  g_free (step);
}

static Step *
step_new (HilumOperation *op,
          HilumOperation *merge_target,
          gint64          time)
{
  Step *step = g_new0 (Step, 1);

  step->op = hilum_operation_ref (op);
  step->merge_target = merge_target != NULL ? hilum_operation_ref (merge_target) : NULL;
  step->time = time;
  return step;
}

HilumHistory *
hilum_history_new (void)
{
  HilumHistory *self = g_new0 (HilumHistory, 1);

  self->undo = g_ptr_array_new_with_free_func (step_free);
  self->redo = g_ptr_array_new_with_free_func (step_free);
  return self;
}

void
hilum_history_free (HilumHistory *self)
{
  if (self == NULL)
    return;
  g_ptr_array_unref (self->undo);
  g_ptr_array_unref (self->redo);
  g_free (self);
}

gboolean
hilum_history_is_mergeable (HilumOperation *op)
{
  static const char * const study_text[] = { "indication", "technique", "comparison", "prior_report", NULL };
  JsonObject *object;
  const char *kind;
  const char *field;

  if (op == NULL)
    return FALSE;
  object = hilum_operation_get_json (op);
  kind = hilum_operation_get_kind (op);
  field = json_object_get_string_member_with_default (object, "field", "");
  if (g_str_equal (kind, "set-finding-field"))
    return g_str_has_prefix (field, "text.");
  if (g_str_equal (kind, "set-study-field"))
    return g_strv_contains (study_text, field);
  return FALSE;
}

static gboolean
same_field (HilumOperation *a,
            HilumOperation *b)
{
  JsonObject *oa = hilum_operation_get_json (a);
  JsonObject *ob = hilum_operation_get_json (b);

  return g_str_equal (hilum_operation_get_kind (a), hilum_operation_get_kind (b))
         && g_strcmp0 (json_object_get_string_member_with_default (oa, "field", NULL),
                       json_object_get_string_member_with_default (ob, "field", NULL)) == 0
         && g_strcmp0 (json_object_get_string_member_with_default (oa, "finding_id", NULL),
                       json_object_get_string_member_with_default (ob, "finding_id", NULL)) == 0;
}

gboolean
hilum_history_push (HilumHistory   *self,
                    HilumOperation *op,
                    HilumOperation *merge_target,
                    gint64          now_usec)
{
  Step *last;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (op != NULL, FALSE);

  g_ptr_array_set_size (self->redo, 0);

  if (!hilum_history_is_mergeable (merge_target))
    merge_target = NULL;

  last = self->undo->len > 0 ? g_ptr_array_index (self->undo, self->undo->len - 1) : NULL;
  if (merge_target != NULL && merge_target == op && last != NULL && !self->merge_broken
      && last->merge_target != NULL && same_field (last->merge_target, merge_target)
      && now_usec - last->time <= HILUM_HISTORY_MERGE_USEC && now_usec >= last->time)
    {
      JsonObject *target = hilum_operation_get_json (last->merge_target);
      JsonObject *incoming = hilum_operation_get_json (merge_target);
      JsonNode *value = json_object_get_member (incoming, "value");

      /* The first "before", the last "value". */
      if (value != NULL)
        json_object_set_member (target, "value", hilum_json_deep_copy (value));
      else if (json_object_has_member (target, "value"))
        json_object_remove_member (target, "value");
      if (json_object_has_member (incoming, "time"))
        json_object_set_member (hilum_operation_get_json (last->op), "time",
                                hilum_json_deep_copy (json_object_get_member (incoming, "time")));
      last->time = now_usec;
      return TRUE;
    }

  g_ptr_array_add (self->undo, step_new (op, merge_target, now_usec));
  self->merge_broken = FALSE;
  return FALSE;
}

void
hilum_history_break_merge (HilumHistory *self)
{
  g_return_if_fail (self != NULL);

  self->merge_broken = TRUE;
}

gboolean
hilum_history_can_undo (HilumHistory *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->undo->len > 0;
}

gboolean
hilum_history_can_redo (HilumHistory *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->redo->len > 0;
}

guint
hilum_history_get_n_undo (HilumHistory *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->undo->len;
}

guint
hilum_history_get_n_redo (HilumHistory *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->redo->len;
}

HilumOperation *
hilum_history_peek_undo (HilumHistory *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (self->undo->len == 0)
    return NULL;
  return ((Step *) g_ptr_array_index (self->undo, self->undo->len - 1))->op;
}

HilumOperation *
hilum_history_peek_redo (HilumHistory *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (self->redo->len == 0)
    return NULL;
  return ((Step *) g_ptr_array_index (self->redo, self->redo->len - 1))->op;
}

void
hilum_history_undone (HilumHistory *self)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (self->undo->len > 0);

  g_ptr_array_add (self->redo, g_ptr_array_steal_index (self->undo, self->undo->len - 1));
  /* Typing after an undo starts a new step, never merging into an older one. */
  self->merge_broken = TRUE;
}

void
hilum_history_redone (HilumHistory   *self,
                      HilumOperation *applied)
{
  Step *step;

  g_return_if_fail (self != NULL);
  g_return_if_fail (self->redo->len > 0);

  step = g_ptr_array_steal_index (self->redo, self->redo->len - 1);
  if (applied != NULL && applied != step->op)
    {
      g_clear_pointer (&step->op, hilum_operation_unref);
      step->op = hilum_operation_ref (applied);
    }
  g_clear_pointer (&step->merge_target, hilum_operation_unref);
  g_ptr_array_add (self->undo, step);
  self->merge_broken = TRUE;
}

void
hilum_history_clear (HilumHistory *self)
{
  g_return_if_fail (self != NULL);

  g_ptr_array_set_size (self->undo, 0);
  g_ptr_array_set_size (self->redo, 0);
}
