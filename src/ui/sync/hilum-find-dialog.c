/* hilum-find-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "hilum-find-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "hilum-find-dialog.h"

struct _HilumFindDialog
{
  AdwWindow         parent_instance;

  GtkWidget        *find_button;
  GtkSpinner       *spinner;
  AdwEntryRow      *from_row;
  AdwEntryRow      *to_row;
  AdwComboRow      *modality_row;
  AdwEntryRow      *text_row;
  GtkLabel         *error_label;

  HilumSyncService *service;
  GCancellable     *cancellable;
};

G_DEFINE_FINAL_TYPE (HilumFindDialog, hilum_find_dialog, ADW_TYPE_WINDOW)

enum {
  FOUND,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* What was typed last, for the next time the dialog opens in this run. */
static HilumStudyQuery *last_query;

static void
set_busy (HilumFindDialog *self,
          gboolean         busy)
{
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_sensitive (self->find_button, !busy);
}

static void
show_error (HilumFindDialog *self,
            const char      *message)
{
  gtk_label_set_label (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
found_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(HilumFindDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) found = hilum_sync_service_find_studies_finish (HILUM_SYNC_SERVICE (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  set_busy (self, FALSE);
  if (found == NULL)
    {
      show_error (self, error->message);
      return;
    }
  g_signal_emit (self, signals[FOUND], 0, found);
  gtk_window_destroy (GTK_WINDOW (self));
}

static const char *
selected_modality (HilumFindDialog *self)
{
  guint selected = adw_combo_row_get_selected (self->modality_row);
  GListModel *model = adw_combo_row_get_model (self->modality_row);

  if (selected == 0 || selected == GTK_INVALID_LIST_POSITION)
    return NULL;
  return gtk_string_list_get_string (GTK_STRING_LIST (model), selected);
}

static void
find_clicked_cb (HilumFindDialog *self)
{
  g_autoptr(HilumStudyQuery) query =
    hilum_study_query_new (gtk_editable_get_text (GTK_EDITABLE (self->from_row)),
                           gtk_editable_get_text (GTK_EDITABLE (self->to_row)),
                           selected_modality (self),
                           gtk_editable_get_text (GTK_EDITABLE (self->text_row)));
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) checked = hilum_study_query_to_qido (query, 1, &error);

  g_clear_pointer (&last_query, hilum_study_query_free);
  last_query = hilum_study_query_copy (query);
  /* A date that is not one is said at once, without asking the server. */
  if (checked == NULL)
    {
      show_error (self, error->message);
      return;
    }
  show_error (self, NULL);
  set_busy (self, TRUE);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  hilum_sync_service_find_studies_async (self->service, query, self->cancellable, found_cb,
                                         g_object_ref (self));
}

static void
hilum_find_dialog_dispose (GObject *object)
{
  HilumFindDialog *self = HILUM_FIND_DIALOG (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->service);

  G_OBJECT_CLASS (hilum_find_dialog_parent_class)->dispose (object);
}

static void
hilum_find_dialog_class_init (HilumFindDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hilum_find_dialog_dispose;

  signals[FOUND] = g_signal_new ("found", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                 NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRV);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/hilum/Hilum/hilum-find-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, HilumFindDialog, find_button);
  gtk_widget_class_bind_template_child (widget_class, HilumFindDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, HilumFindDialog, from_row);
  gtk_widget_class_bind_template_child (widget_class, HilumFindDialog, to_row);
  gtk_widget_class_bind_template_child (widget_class, HilumFindDialog, modality_row);
  gtk_widget_class_bind_template_child (widget_class, HilumFindDialog, text_row);
  gtk_widget_class_bind_template_child (widget_class, HilumFindDialog, error_label);
  gtk_widget_class_bind_template_callback (widget_class, find_clicked_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
hilum_find_dialog_init (HilumFindDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

static void
select_modality (HilumFindDialog *self,
                 const char      *modality)
{
  GListModel *model = adw_combo_row_get_model (self->modality_row);

  adw_combo_row_set_selected (self->modality_row, 0);
  for (guint i = 1; modality != NULL && i < g_list_model_get_n_items (model); i++)
    if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (model), i), modality) == 0)
      adw_combo_row_set_selected (self->modality_row, i);
}

static void
fill (HilumFindDialog *self,
      const char      *date_from,
      const char      *date_to,
      const char      *modality,
      const char      *text)
{
  gtk_editable_set_text (GTK_EDITABLE (self->from_row), date_from != NULL ? date_from : "");
  gtk_editable_set_text (GTK_EDITABLE (self->to_row), date_to != NULL ? date_to : "");
  select_modality (self, modality);
  gtk_editable_set_text (GTK_EDITABLE (self->text_row), text != NULL ? text : "");
}

GtkWidget *
hilum_find_dialog_new (GtkWindow        *parent,
                       HilumSyncService *service)
{
  HilumFindDialog *self;

  g_return_val_if_fail (HILUM_IS_SYNC_SERVICE (service), NULL);

  self = g_object_new (HILUM_TYPE_FIND_DIALOG, "transient-for", parent, NULL);
  self->service = g_object_ref (service);
  if (last_query != NULL)
    fill (self, last_query->date_from, last_query->date_to, last_query->modality, last_query->text);
  gtk_widget_grab_focus (GTK_WIDGET (self->from_row));
  return GTK_WIDGET (self);
}

void
hilum_find_dialog_find (HilumFindDialog *self,
                        const char      *date_from,
                        const char      *date_to,
                        const char      *modality,
                        const char      *text)
{
  g_return_if_fail (HILUM_IS_FIND_DIALOG (self));

  fill (self, date_from, date_to, modality, text);
  find_clicked_cb (self);
}

const char *
hilum_find_dialog_get_error (HilumFindDialog *self)
{
  g_return_val_if_fail (HILUM_IS_FIND_DIALOG (self), NULL);

  return gtk_widget_get_visible (GTK_WIDGET (self->error_label)) ? gtk_label_get_label (self->error_label) : NULL;
}
