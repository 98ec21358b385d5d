/* hilum-conflict-card.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "hilum-conflict-card"

#include "config.h"

#include <glib/gi18n.h>

#include "hilum-conflict-card.h"
#include "hilum-store-sync.h"

struct _HilumConflictCard
{
  GtkWidget     parent_instance;

  GtkWidget    *box;
  GtkLabel     *title_label;
  GtkLabel     *mine_caption;
  GtkLabel     *mine_label;
  GtkLabel     *theirs_caption;
  GtkLabel     *theirs_label;
  GtkWidget    *mine_button;
  GtkWidget    *theirs_button;
  GtkWidget    *edit_button;
  GtkWidget    *edit_box;
  GtkEntry     *edit_entry;
  GtkWidget    *save_button;

  HilumSession *session;
  char         *conflict_id;
  /* this computer's value is the one the document does not show: Keep Mine keeps that */
  gboolean      mine_is_other;
};

G_DEFINE_FINAL_TYPE (HilumConflictCard, hilum_conflict_card, GTK_TYPE_WIDGET)

enum {
  OPERATION_FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The operation is built against the document as it is now: the conflict may have been
 * resolved on the other computer and merged in meanwhile. */
static void
card_resolve (HilumConflictCard   *self,
              HilumConflictChoice  choice,
              const char          *text)
{
  HilumDocument *document = hilum_session_get_document (self->session);
  g_autoptr(HilumOperation) op = NULL;
  g_autoptr(GError) error = NULL;

  if (choice == HILUM_CONFLICT_EDIT)
    op = hilum_conflict_resolve_text (document, self->conflict_id, text, &error);
  else
    op = hilum_conflict_resolve (document, self->conflict_id, choice, NULL, &error);

  if (op == NULL || !hilum_session_perform (self->session, op, &error))
    g_signal_emit (self, signals[OPERATION_FAILED], 0, error->message);
}

static void
keep_mine_cb (HilumConflictCard *self)
{
  card_resolve (self, self->mine_is_other ? HILUM_CONFLICT_KEEP_OTHER : HILUM_CONFLICT_KEEP_CURRENT, NULL);
}

static void
keep_theirs_cb (HilumConflictCard *self)
{
  card_resolve (self, self->mine_is_other ? HILUM_CONFLICT_KEEP_CURRENT : HILUM_CONFLICT_KEEP_OTHER, NULL);
}

static void
edit_cb (HilumConflictCard *self)
{
  gtk_widget_set_visible (self->edit_box, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->edit_entry));
}

static void
save_cb (HilumConflictCard *self)
{
  card_resolve (self, HILUM_CONFLICT_EDIT, gtk_editable_get_text (GTK_EDITABLE (self->edit_entry)));
}

static gboolean
edit_key_cb (HilumConflictCard *self,
             guint              keyval,
             guint              keycode,
             GdkModifierType    state)
{
  if (keyval != GDK_KEY_Escape)
    return FALSE;
  gtk_widget_set_visible (self->edit_box, FALSE);
  gtk_widget_grab_focus (self->edit_button);
  return TRUE;
}

static void
hilum_conflict_card_dispose (GObject *object)
{
  HilumConflictCard *self = HILUM_CONFLICT_CARD (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), HILUM_TYPE_CONFLICT_CARD);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (hilum_conflict_card_parent_class)->dispose (object);
}

static void
hilum_conflict_card_finalize (GObject *object)
{
  HilumConflictCard *self = HILUM_CONFLICT_CARD (object);

  g_free (self->conflict_id);

  G_OBJECT_CLASS (hilum_conflict_card_parent_class)->finalize (object);
}

static void
hilum_conflict_card_class_init (HilumConflictCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hilum_conflict_card_dispose;
  object_class->finalize = hilum_conflict_card_finalize;

  signals[OPERATION_FAILED] =
    g_signal_new ("operation-failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/hilum/Hilum/hilum-conflict-card.ui");
  gtk_widget_class_bind_template_child (widget_class, HilumConflictCard, box);
  gtk_widget_class_bind_template_child (widget_class, HilumConflictCard, title_label);
  gtk_widget_class_bind_template_child (widget_class, HilumConflictCard, mine_caption);
  gtk_widget_class_bind_template_child (widget_class, HilumConflictCard, mine_label);
  gtk_widget_class_bind_template_child (widget_class, HilumConflictCard, theirs_caption);
  gtk_widget_class_bind_template_child (widget_class, HilumConflictCard, theirs_label);
  gtk_widget_class_bind_template_child (widget_class, HilumConflictCard, mine_button);
  gtk_widget_class_bind_template_child (widget_class, HilumConflictCard, theirs_button);
  gtk_widget_class_bind_template_child (widget_class, HilumConflictCard, edit_button);
  gtk_widget_class_bind_template_child (widget_class, HilumConflictCard, edit_box);
  gtk_widget_class_bind_template_child (widget_class, HilumConflictCard, edit_entry);
  gtk_widget_class_bind_template_child (widget_class, HilumConflictCard, save_button);
  gtk_widget_class_bind_template_callback (widget_class, keep_mine_cb);
  gtk_widget_class_bind_template_callback (widget_class, keep_theirs_cb);
  gtk_widget_class_bind_template_callback (widget_class, edit_cb);
  gtk_widget_class_bind_template_callback (widget_class, save_cb);
  gtk_widget_class_bind_template_callback (widget_class, edit_key_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "conflictcard");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
hilum_conflict_card_init (HilumConflictCard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
hilum_conflict_card_new (HilumSession        *session,
                         const HilumConflict *conflict)
{
  HilumConflictCard *self;
  g_autofree char *field = NULL;
  g_autofree char *title = NULL;
  g_autofree char *mine = NULL;
  g_autofree char *theirs = NULL;

  g_return_val_if_fail (HILUM_IS_SESSION (session), NULL);
  g_return_val_if_fail (conflict != NULL, NULL);

  self = g_object_new (HILUM_TYPE_CONFLICT_CARD, NULL);
  self->session = g_object_ref (session);
  self->conflict_id = g_strdup (conflict->conflict_id);

  field = hilum_conflict_describe_field (conflict);
  /* TRANSLATORS: "Spanish sentence: changed on two computers" */
  title = g_strdup_printf (_("%s: changed on two computers"), field);
  gtk_label_set_label (self->title_label, title);

  /* Which value is this computer's own: the one it wrote, wherever the merge left it. */
  {
    HilumStore *store = hilum_session_get_store (session);
    g_autofree char *identity = store != NULL ? hilum_store_get_identity (store, NULL) : NULL;
    HilumConflictMine which = hilum_conflict_which_is_mine (conflict, identity);

    self->mine_is_other = which == HILUM_CONFLICT_MINE_OTHER;
    if (which == HILUM_CONFLICT_MINE_UNKNOWN)
      {
        /* A third computer's view of two others' values: by what shows, not by whose. */
        gtk_label_set_label (self->mine_caption, C_("conflict", "Shown"));
        gtk_label_set_label (self->theirs_caption, C_("conflict", "Other"));
        gtk_button_set_label (GTK_BUTTON (self->mine_button), _("Keep _Shown"));
        gtk_button_set_label (GTK_BUTTON (self->theirs_button), _("Keep _Other"));
        gtk_widget_set_tooltip_text (self->mine_button, _("Keep the value this copy shows"));
        gtk_widget_set_tooltip_text (self->theirs_button, _("Take the other value"));
      }
  }
  mine = hilum_conflict_describe_value (self->mine_is_other ? conflict->other : conflict->current);
  theirs = hilum_conflict_describe_value (self->mine_is_other ? conflict->current : conflict->other);
  gtk_label_set_label (self->mine_label, mine);
  gtk_label_set_label (self->theirs_label, theirs);

  gtk_widget_set_visible (self->edit_button, hilum_conflict_is_text (conflict));
  if (hilum_conflict_get_current_text (conflict) != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->edit_entry),
                           hilum_conflict_get_current_text (conflict));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);

  return GTK_WIDGET (self);
}

const char *
hilum_conflict_card_get_conflict_id (HilumConflictCard *self)
{
  g_return_val_if_fail (HILUM_IS_CONFLICT_CARD (self), NULL);

  return self->conflict_id;
}

GtkWidget *
hilum_conflict_card_get_button (HilumConflictCard *self,
                                const char        *which)
{
  g_return_val_if_fail (HILUM_IS_CONFLICT_CARD (self), NULL);

  if (g_strcmp0 (which, "mine") == 0)
    return self->mine_button;
  if (g_strcmp0 (which, "theirs") == 0)
    return self->theirs_button;
  if (g_strcmp0 (which, "edit") == 0)
    return self->edit_button;
  if (g_strcmp0 (which, "save") == 0)
    return self->save_button;
  g_return_val_if_reached (NULL);
}

GtkEditable *
hilum_conflict_card_get_entry (HilumConflictCard *self)
{
  g_return_val_if_fail (HILUM_IS_CONFLICT_CARD (self), NULL);

  return GTK_EDITABLE (self->edit_entry);
}
