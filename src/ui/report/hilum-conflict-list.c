/* hilum-conflict-list.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "hilum-conflict-list"

#include "config.h"


#include "hilum-conflict.h"
#include "hilum-conflict-card.h"
#include "hilum-conflict-list.h"

struct _HilumConflictList
{
  GtkWidget     parent_instance;

  HilumSession *session;
  char         *finding_id;
  /* the conflict ids the cards show, joined: what sync compares */
  char         *shown;
  guint         n_conflicts;
};

G_DEFINE_FINAL_TYPE (HilumConflictList, hilum_conflict_list, GTK_TYPE_WIDGET)

enum {
  OPERATION_FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
card_failed_cb (HilumConflictList *self,
                const char        *message)
{
  g_signal_emit (self, signals[OPERATION_FAILED], 0, message);
}

static gboolean
list_holds (HilumConflictList   *self,
            HilumDocument       *document,
            const HilumConflict *conflict)
{
  if (self->finding_id != NULL)
    return g_strcmp0 (conflict->finding_id, self->finding_id) == 0;
  return conflict->finding_id == NULL
         || !hilum_document_has_finding (document, conflict->finding_id);
}

static void
list_clear (HilumConflictList *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
}

void
hilum_conflict_list_sync (HilumConflictList *self)
{
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GPtrArray) held = g_ptr_array_new ();
  g_autoptr(GString) ids = g_string_new (NULL);
  HilumDocument *document;

  g_return_if_fail (HILUM_IS_CONFLICT_LIST (self));

  if (self->session == NULL)
    {
      list_clear (self);
      g_clear_pointer (&self->shown, g_free);
      self->n_conflicts = 0;
      gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
      return;
    }

  document = hilum_session_get_document (self->session);
  /* The common case: no conflicts at all, and nothing to list. */
  if (hilum_document_count_conflicts (document) > 0)
    {
      conflicts = hilum_document_list_conflicts (document, self->finding_id);
      for (guint i = 0; i < conflicts->len; i++)
        {
          HilumConflict *conflict = g_ptr_array_index (conflicts, i);

          if (!list_holds (self, document, conflict))
            continue;
          g_ptr_array_add (held, conflict);
          g_string_append_printf (ids, "%s ", conflict->conflict_id);
        }
    }

  if (g_strcmp0 (ids->str, self->shown != NULL ? self->shown : "") == 0)
    return;

  list_clear (self);
  for (guint i = 0; i < held->len; i++)
    {
      GtkWidget *card = hilum_conflict_card_new (self->session, g_ptr_array_index (held, i));

      g_signal_connect_object (card, "operation-failed", G_CALLBACK (card_failed_cb), self,
                               G_CONNECT_SWAPPED);
      gtk_widget_set_parent (card, GTK_WIDGET (self));
    }
  g_free (self->shown);
  self->shown = g_strdup (ids->str);
  self->n_conflicts = held->len;
  gtk_widget_set_visible (GTK_WIDGET (self), held->len > 0);
}

void
hilum_conflict_list_set_session (HilumConflictList *self,
                                 HilumSession      *session)
{
  g_return_if_fail (HILUM_IS_CONFLICT_LIST (self));
  g_return_if_fail (session == NULL || HILUM_IS_SESSION (session));

  if (!g_set_object (&self->session, session))
    return;
  list_clear (self);
  g_clear_pointer (&self->shown, g_free);
  hilum_conflict_list_sync (self);
}

guint
hilum_conflict_list_get_n_conflicts (HilumConflictList *self)
{
  g_return_val_if_fail (HILUM_IS_CONFLICT_LIST (self), 0);

  return self->n_conflicts;
}

static void
hilum_conflict_list_dispose (GObject *object)
{
  HilumConflictList *self = HILUM_CONFLICT_LIST (object);

  list_clear (self);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (hilum_conflict_list_parent_class)->dispose (object);
}

static void
hilum_conflict_list_finalize (GObject *object)
{
  HilumConflictList *self = HILUM_CONFLICT_LIST (object);

  g_free (self->finding_id);
  g_free (self->shown);

  G_OBJECT_CLASS (hilum_conflict_list_parent_class)->finalize (object);
}

static void
hilum_conflict_list_class_init (HilumConflictListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hilum_conflict_list_dispose;
  object_class->finalize = hilum_conflict_list_finalize;

  signals[OPERATION_FAILED] =
    g_signal_new ("operation-failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "conflictlist");
}

static void
hilum_conflict_list_init (HilumConflictList *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));

  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 6);
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

GtkWidget *
hilum_conflict_list_new (const char *finding_id)
{
  HilumConflictList *self = g_object_new (HILUM_TYPE_CONFLICT_LIST, NULL);

  self->finding_id = g_strdup (finding_id);
  return GTK_WIDGET (self);
}
