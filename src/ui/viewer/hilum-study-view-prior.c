/* hilum-study-view-prior.c — choosing, restoring and removing the prior image
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A prior usually lives outside the folders that were scanned (the PACS export of
 * last year's study), so its header is read here (hilum_decode_header_async: reading a
 * header starts a hilum-decode helper, ~15 ms, much more on a slow share).
 */
#define G_LOG_DOMAIN "hilum-study-view-prior"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "hilum-decoder.h"
#include "hilum-image.h"
#include "hilum-study-view-private.h"
#include "hilum-view-memory.h"

typedef struct
{
  GWeakRef    self;
  HilumStudy *study;
  char       *path;
} PriorData;

static void
prior_data_free (PriorData *data)
{
  g_weak_ref_clear (&data->self);
  g_clear_object (&data->study);
  g_clear_pointer (&data->path, g_free);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PriorData, prior_data_free)

static void
read_header_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(PriorData) data = user_data;
  g_autoptr(HilumStudyView) self = g_weak_ref_get (&data->self);
  g_autoptr(HilumImage) header = NULL;
  g_autoptr(GError) error = NULL;

  header = hilum_decode_header_finish (result, &error);

  /* Gone, or another study is shown now. */
  if (self == NULL || self->study != data->study ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (header == NULL)
    {
      /* The window shows it as a toast, like any image that cannot be opened. */
      g_signal_emit_by_name (self, "image-failed", data->path, error->message);
      return;
    }

  hilum_study_set_prior_image (self->study, header);
}

/**
 * hilum_study_view_set_prior_path:
 * @path: an image file, typically of an earlier study of the same patient
 *
 * Shows @path in the prior place as the user's choice (remembered). The header is
 * read in a worker; a file that cannot be read emits "image-failed".
 */
void
hilum_study_view_set_prior_path (HilumStudyView *self,
                                 const char     *path)
{
  g_autofree char *canonical = NULL;
  GListModel *images;
  PriorData *data;

  g_return_if_fail (HILUM_IS_STUDY_VIEW (self));
  g_return_if_fail (path != NULL);

  if (self->study == NULL)
    return;

  /* An image the study already knows (scanned with it, or chosen before) needs no
   * reading. */
  canonical = g_canonicalize_filename (path, NULL);
  images = hilum_study_get_images (self->study);
  for (guint i = 0; i < g_list_model_get_n_items (images); i++)
    {
      g_autoptr(HilumImage) image = g_list_model_get_item (images, i);

      if (g_strcmp0 (hilum_image_get_path (image), canonical) == 0)
        {
          hilum_study_set_prior_image (self->study, image);
          return;
        }
    }

  data = g_new0 (PriorData, 1);
  g_weak_ref_init (&data->self, self);
  data->study = g_object_ref (self->study);
  data->path = g_steal_pointer (&canonical);
  hilum_decode_header_async (data->path, self->cancellable, read_header_cb, data);
}

void
hilum_study_view_remove_prior (HilumStudyView *self)
{
  g_return_if_fail (HILUM_IS_STUDY_VIEW (self));

  /* An emptied slot is a choice too: the automatic prior does not come back. */
  if (self->study != NULL)
    hilum_study_set_slot (self->study, HILUM_SLOT_PRIOR_FRONTAL, NULL);
}

/* After the view memory re-applied the slots: a remembered prior from another folder
 * is read again. */
void
_hilum_study_view_restore_prior (HilumStudyView *self)
{
  g_autofree char *path = NULL;

  if (self->study == NULL)
    return;

  path = hilum_view_memory_get_missing_prior (hilum_view_memory_get_default (), self->study);
  if (path != NULL)
    hilum_study_view_set_prior_path (self, path);
}

/* "2024-03-01" for a DICOM date, the text itself otherwise. */
static char *
pretty_date (const char *date)
{
  if (strlen (date) == 8 && strspn (date, "0123456789") == 8)
    return g_strdup_printf ("%.4s-%.2s-%.2s", date, date + 4, date + 6);
  return g_strdup (date);
}

/* The prior's date in its header; the actions that make sense now. */
void
_hilum_study_view_update_prior (HilumStudyView *self)
{
  HilumImage *prior = self->study ? hilum_study_get_slot (self->study, HILUM_SLOT_PRIOR_FRONTAL) : NULL;
  g_autofree char *date = NULL;

  if (prior != NULL)
    date = pretty_date (hilum_image_get_string (prior, HILUM_IMAGE_STUDY_DATE));
  hilum_image_slot_set_detail (self->slots[HILUM_SLOT_PRIOR_FRONTAL], date);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "study.choose-prior", self->study != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "study.remove-prior", prior != NULL);
}

/* The section of the slots' ⋮ menus about the prior. */
GMenuModel *
_hilum_study_view_prior_section (HilumStudyView *self)
{
  GMenu *section = g_menu_new ();

  g_menu_append (section, _("Choose _Prior Image…"), "study.choose-prior");
  if (self->study != NULL && hilum_study_get_slot (self->study, HILUM_SLOT_PRIOR_FRONTAL) != NULL)
    g_menu_append (section, _("_Remove Prior Image"), "study.remove-prior");

  return G_MENU_MODEL (section);
}

static void
chooser_response_cb (HilumStudyView       *self,
                     int                   response,
                     GtkFileChooserNative *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = file ? g_file_get_path (file) : NULL;

      if (path != NULL)
        hilum_study_view_set_prior_path (self, path);
    }

  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (chooser));
  g_object_unref (chooser);
}

static void
choose_prior_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  HilumStudyView *self = HILUM_STUDY_VIEW (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkFileChooserNative *chooser;
  HilumImage *current;

  if (self->study == NULL)
    return;

  chooser = gtk_file_chooser_native_new (_("Choose Prior Image"),
                                         GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);

  /* Start where the current images are: priors are usually exported next to them. */
  current = hilum_study_get_slot (self->study, HILUM_SLOT_FRONTAL);
  if (current != NULL && *hilum_image_get_path (current) != '\0')
    {
      g_autofree char *dir = g_path_get_dirname (hilum_image_get_path (current));
      g_autofree char *parent = g_path_get_dirname (dir);
      g_autoptr(GFile) folder = g_file_new_for_path (parent);

      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
    }

  g_signal_connect_object (chooser, "response", G_CALLBACK (chooser_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
remove_prior_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  hilum_study_view_remove_prior (HILUM_STUDY_VIEW (widget));
}

void
_hilum_study_view_class_add_prior_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "study.choose-prior", NULL, choose_prior_action);
  gtk_widget_class_install_action (widget_class, "study.remove-prior", NULL, remove_prior_action);
}
