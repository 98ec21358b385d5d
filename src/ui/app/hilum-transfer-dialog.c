/* hilum-transfer-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "hilum-transfer-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "hilum-export.h"
#include "hilum-import.h"
#include "hilum-transfer-dialog.h"
#include "hilum-window-private.h"

struct _HilumTransferDialog
{
  AdwWindow            parent_instance;

  HilumWindow         *window;      /* weak */
  HilumStore          *store;
  gboolean             export;

  AdwComboRow         *format_row;
  AdwActionRow        *file_row;
  AdwActionRow        *images_row;
  AdwComboRow         *scope_row;
  GtkProgressBar      *progress;
  GtkLabel            *summary_label;
  GtkButton           *start_button;
  GtkButton           *cancel_button;
  GtkWidget           *replace_button;  /* after an import that kept edited studies */
  gboolean             replace_edited;  /* the import runs again over them */
  GtkFileChooserNative *chooser;

  char                *path;
  char                *images_dir;
  char                *summary;
  GCancellable        *cancellable;
  guint                progress_id;
  gint                 done;          /* atomic: from the worker's progress */
  gint                 total;
};

G_DEFINE_FINAL_TYPE (HilumTransferDialog, hilum_transfer_dialog, ADW_TYPE_WINDOW)

enum {
  FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* What the finished import or export reports. */
typedef struct
{
  GPtrArray *problems;   /* HilumFormatProblem */
  GPtrArray *edited;     /* import: documents of studies in the store (hilum) */
  GPtrArray *replaced;   /* import: studies whose stored record the file replaced (nullable) */
  guint      n_new;
  guint      n_kept;
  guint      n_replaced;
  guint      n_unchanged_file;
  guint      n_exported;
} Outcome;

static void
add_problem (GPtrArray  *problems,
             const char *record,
             const char *message)
{
  HilumFormatProblem *problem = g_new0 (HilumFormatProblem, 1);

  problem->record = g_strdup (record);
  problem->message = g_strdup (message);
  g_ptr_array_add (problems, problem);
}

/* Called in the worker: the UI polls the numbers. */
static void
progress_cb (goffset  done,
             goffset  total,
             gpointer user_data)
{
  HilumTransferDialog *self = user_data;

  g_atomic_int_set (&self->done, (gint) MIN (done, G_MAXINT));
  g_atomic_int_set (&self->total, (gint) MIN (total, G_MAXINT));
}

static void
hilum_transfer_dialog_set_running (HilumTransferDialog *self,
                                   gboolean             running)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->start_button), !running);
  gtk_widget_set_sensitive (GTK_WIDGET (self->format_row), !running);
  gtk_widget_set_sensitive (GTK_WIDGET (self->file_row), !running);
  gtk_widget_set_sensitive (GTK_WIDGET (self->images_row), !running);
  gtk_widget_set_sensitive (GTK_WIDGET (self->scope_row), !running);
  gtk_button_set_label (self->cancel_button, running ? _("_Cancel") : _("_Close"));
  gtk_widget_set_visible (GTK_WIDGET (self->progress), running);
}

static gboolean
progress_timeout_cb (gpointer user_data)
{
  HilumTransferDialog *self = user_data;
  int done = g_atomic_int_get (&self->done);
  int total = g_atomic_int_get (&self->total);

  if (total > 0)
    gtk_progress_bar_set_fraction (self->progress, CLAMP ((double) done / total, 0.0, 1.0));
  else
    gtk_progress_bar_pulse (self->progress);
  return G_SOURCE_CONTINUE;
}

static void
hilum_transfer_dialog_finish (HilumTransferDialog *self,
                              Outcome             *outcome,
                              GError              *error)
{
  g_autoptr(GString) summary = g_string_new (NULL);
  guint n_edited = 0, n_unchanged = outcome->n_unchanged_file;

  g_clear_handle_id (&self->progress_id, g_source_remove);
  g_clear_object (&self->cancellable);
  hilum_transfer_dialog_set_running (self, FALSE);

  if (error != NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_string_append (summary, _("Cancelled: nothing was changed."));
      else
        g_string_append (summary, error->message);
    }
  else if (!self->export)
    {
      /* Edited documents of studies in the store: each difference is one undoable step
       * of the study's session. */
      for (guint i = 0; i < outcome->edited->len; i++)
        {
          HilumDocument *document = outcome->edited->pdata[i];
          const char *study_id = hilum_document_get_study_id (document);
          HilumSession *session = self->window ? _hilum_window_lookup_session (self->window, study_id) : NULL;
          g_autoptr(GError) local_error = NULL;
          gboolean changed = FALSE;

          if (session == NULL)
            {
              add_problem (outcome->problems, study_id, _("the study could not be opened"));
              continue;
            }
          if (!hilum_import_apply_edit (session, document, &changed, &local_error))
            add_problem (outcome->problems, study_id, local_error->message);
          else if (changed)
            n_edited++;
          else
            n_unchanged++;
        }

      /* Replaced in the store by the worker: an open study shows the new version. */
      for (guint i = 0; outcome->replaced != NULL && self->window != NULL && i < outcome->replaced->len; i++)
        hilum_workspace_study_synced (hilum_window_get_workspace (self->window),
                                      hilum_document_get_study_id (outcome->replaced->pdata[i]));

      g_string_append_printf (summary,
                              g_dngettext (GETTEXT_PACKAGE, "Imported %u study", "Imported %u studies",
                                           outcome->n_new + n_edited + outcome->n_replaced + n_unchanged),
                              outcome->n_new + n_edited + outcome->n_replaced + n_unchanged);
      g_string_append (summary, " (");
      /* Translators: part of "Imported 4 studies (1 new, 1 edited, 1 replaced, 1 unchanged; 1 kept as edited here)" */
      g_string_append_printf (summary, _("%u new, %u edited, %u replaced, %u unchanged; %u kept as edited here"),
                              outcome->n_new, n_edited, outcome->n_replaced, n_unchanged, outcome->n_kept);
      g_string_append (summary, ").");
      gtk_widget_set_visible (self->replace_button, outcome->n_kept > 0 && !self->replace_edited);
    }
  else
    {
      g_string_append_printf (summary,
                              g_dngettext (GETTEXT_PACKAGE, "Exported %u study.", "Exported %u studies.",
                                           outcome->n_exported),
                              outcome->n_exported);
    }

  if (outcome->problems->len > 0)
    {
      g_string_append (summary, "\n\n");
      g_string_append_printf (summary,
                              self->export
                              ? g_dngettext (GETTEXT_PACKAGE, "%u warning:", "%u warnings:", outcome->problems->len)
                              : g_dngettext (GETTEXT_PACKAGE, "%u record failed:", "%u records failed:",
                                             outcome->problems->len),
                              outcome->problems->len);
      for (guint i = 0; i < outcome->problems->len; i++)
        {
          HilumFormatProblem *problem = outcome->problems->pdata[i];

          g_string_append_printf (summary, "\n• %s: %s",
                                  problem->record ? problem->record : "", problem->message);
        }
    }

  g_free (self->summary);
  self->summary = g_string_free (g_steal_pointer (&summary), FALSE);
  gtk_label_set_label (self->summary_label, self->summary);
  gtk_widget_set_visible (GTK_WIDGET (self->summary_label), TRUE);

  if (self->window != NULL)
    hilum_worklist_refresh (hilum_window_get_worklist (self->window));
  g_signal_emit (self, signals[FINISHED], 0);
}

static void
import_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(HilumTransferDialog) self = user_data;
  g_autoptr(HilumImportPlan) plan = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) edited = NULL;
  g_autoptr(GError) error = NULL;
  Outcome outcome = { 0 };

  plan = hilum_import_file_finish (result, &problems, &error);
  /* Edits of studies in the store are applied here, on the UI thread, through the
   * study's session, so the window can undo them. */
  edited = plan != NULL ? g_ptr_array_ref (plan->edited) : g_ptr_array_new ();
  outcome.problems = problems;
  outcome.edited = edited;
  outcome.replaced = plan != NULL ? plan->replaced : NULL;
  outcome.n_new = plan != NULL ? plan->n_new : 0;
  outcome.n_kept = plan != NULL ? plan->n_kept : 0;
  outcome.n_replaced = plan != NULL ? plan->n_replaced : 0;
  outcome.n_unchanged_file = plan != NULL ? plan->n_unchanged : 0;
  hilum_transfer_dialog_finish (self, &outcome, error);
}

static void
export_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(HilumTransferDialog) self = user_data;
  g_autoptr(GPtrArray) warnings = NULL;
  g_autoptr(GError) error = NULL;
  Outcome outcome = { 0 };

  hilum_export_store_finish (result, &warnings, &outcome.n_exported, &error);
  outcome.problems = warnings;
  hilum_transfer_dialog_finish (self, &outcome, error);
}

/* The same file again, now over the studies it kept; then back to asking. */
static void
replace_clicked_cb (HilumTransferDialog *self)
{
  self->replace_edited = TRUE;
  gtk_widget_set_visible (self->replace_button, FALSE);
  hilum_transfer_dialog_start (self);
  self->replace_edited = FALSE;
}

void
hilum_transfer_dialog_start (HilumTransferDialog *self)
{
  HilumFormatOptions options = { 0 };
  g_autoptr(GPtrArray) study_ids = NULL;
  g_autofree char *reader_id = NULL;
  HilumFormat format;

  g_return_if_fail (HILUM_IS_TRANSFER_DIALOG (self));

  if (self->cancellable != NULL)
    return;
  if (self->store == NULL || self->path == NULL)
    {
      g_free (self->summary);
      self->summary = g_strdup (self->store == NULL
                                ? _("There is no study store to work with.")
                                : _("Choose a file first."));
      gtk_label_set_label (self->summary_label, self->summary);
      gtk_widget_set_visible (GTK_WIDGET (self->summary_label), TRUE);
      g_signal_emit (self, signals[FINISHED], 0);
      return;
    }

  format = adw_combo_row_get_selected (self->format_row);
  if (self->export && adw_combo_row_get_selected (self->scope_row) == 1 && self->window != NULL)
    {
      HilumSession *session = hilum_window_get_session (self->window);

      study_ids = g_ptr_array_new_with_free_func (g_free);
      if (session != NULL)
        g_ptr_array_add (study_ids,
                         g_strdup (hilum_document_get_study_id (hilum_session_get_document (session))));
    }
  if (self->window != NULL && hilum_window_get_session (self->window) != NULL)
    reader_id = g_strdup (hilum_session_get_reader_id (hilum_window_get_session (self->window)));

  g_atomic_int_set (&self->done, 0);
  g_atomic_int_set (&self->total, 0);
  gtk_progress_bar_set_fraction (self->progress, 0);
  gtk_widget_set_visible (GTK_WIDGET (self->summary_label), FALSE);
  gtk_widget_set_visible (self->replace_button, FALSE);
  self->cancellable = g_cancellable_new ();
  hilum_transfer_dialog_set_running (self, TRUE);
  self->progress_id = g_timeout_add (100, progress_timeout_cb, self);

  /* The dialog lives until the callback: the worker's progress writes into it. */
  options.images_dir = self->images_dir;
  options.progress = progress_cb;
  options.progress_data = self;
  if (self->export)
    {
      options.reader_id = reader_id;
      hilum_export_store_async (self->store, format, study_ids, self->path, &options,
                                self->cancellable, export_done_cb, g_object_ref (self));
    }
  else
    hilum_import_file_async (self->store, format, self->path, &options, self->replace_edited,
                             self->cancellable, import_done_cb, g_object_ref (self));
}

void
hilum_transfer_dialog_cancel (HilumTransferDialog *self)
{
  g_return_if_fail (HILUM_IS_TRANSFER_DIALOG (self));

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
}

static void
cancel_clicked_cb (HilumTransferDialog *self)
{
  if (self->cancellable != NULL)
    hilum_transfer_dialog_cancel (self);
  else
    gtk_window_close (GTK_WINDOW (self));
}

static void
update_file_row (HilumTransferDialog *self)
{
  g_autofree char *display = self->path ? g_filename_display_name (self->path) : NULL;

  adw_action_row_set_subtitle (self->file_row, display ? display : _("None chosen"));
}

static void
update_images_row (HilumTransferDialog *self)
{
  g_autofree char *display = self->images_dir ? g_filename_display_name (self->images_dir) : NULL;

  adw_action_row_set_subtitle (self->images_row,
                               display ? display : _("Optional: where the image files are, for their sizes"));
}

static void
chooser_response_cb (HilumTransferDialog  *self,
                     int                   response,
                     GtkFileChooserNative *chooser)
{
  gboolean folder = gtk_file_chooser_get_action (GTK_FILE_CHOOSER (chooser)) == GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER
                    && g_object_get_data (G_OBJECT (chooser), "images") != NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = file ? g_file_get_path (file) : NULL;

      if (path != NULL && folder)
        hilum_transfer_dialog_set_images_dir (self, path);
      else if (path != NULL)
        hilum_transfer_dialog_set_path (self, path);
    }
  g_clear_object (&self->chooser);
}

static void
choose (HilumTransferDialog  *self,
        gboolean              images)
{
  GtkFileChooserAction action;
  const char *title;

  if (self->chooser != NULL)
    return;
  if (images)
    {
      action = GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER;
      title = _("Images Folder");
    }
  else if (self->export)
    {
      action = GTK_FILE_CHOOSER_ACTION_SAVE;
      title = _("Export To");
    }
  else
    {
      action = GTK_FILE_CHOOSER_ACTION_OPEN;
      title = _("Import File");
    }
  self->chooser = gtk_file_chooser_native_new (title, GTK_WINDOW (self), action, _("_Select"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  if (images)
    g_object_set_data (G_OBJECT (self->chooser), "images", GINT_TO_POINTER (1));
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (chooser_response_cb), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
choose_file_cb (HilumTransferDialog *self)
{
  choose (self, FALSE);
}

static void
choose_images_cb (HilumTransferDialog *self)
{
  choose (self, TRUE);
}

static GtkWidget *
suffix_button (HilumTransferDialog *self,
               const char          *tooltip,
               GCallback            callback)
{
  GtkWidget *button = gtk_button_new_from_icon_name ("document-open-symbolic");

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  gtk_widget_add_css_class (button, "flat");
  g_signal_connect_object (button, "clicked", callback, self, G_CONNECT_SWAPPED);
  return button;
}

static void
hilum_transfer_dialog_build (HilumTransferDialog *self)
{
  GtkWidget *toolbar = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  g_autoptr(GtkStringList) formats = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) scopes = gtk_string_list_new (NULL);
  GtkWidget *file_button;
  GtkWidget *images_button;

  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  self->cancel_button = GTK_BUTTON (gtk_button_new_with_mnemonic (_("_Close")));
  g_signal_connect_object (self->cancel_button, "clicked", G_CALLBACK (cancel_clicked_cb), self, G_CONNECT_SWAPPED);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), GTK_WIDGET (self->cancel_button));
  self->start_button = GTK_BUTTON (gtk_button_new_with_mnemonic (self->export ? _("_Export") : _("_Import")));
  gtk_widget_add_css_class (GTK_WIDGET (self->start_button), "suggested-action");
  g_signal_connect_object (self->start_button, "clicked", G_CALLBACK (hilum_transfer_dialog_start), self,
                           G_CONNECT_SWAPPED);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), GTK_WIDGET (self->start_button));
  gtk_box_append (GTK_BOX (toolbar), header);

  for (guint i = 0; i < HILUM_N_FORMATS; i++)
    gtk_string_list_append (formats, hilum_format_get_label (i));
  self->format_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->format_row), _("_Format"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (self->format_row), TRUE);
  adw_combo_row_set_model (self->format_row, G_LIST_MODEL (formats));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->format_row));

  self->file_row = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->file_row),
                                 self->export ? _("Export To") : _("File"));
  file_button = suffix_button (self, _("Choose the file"), G_CALLBACK (choose_file_cb));
  adw_action_row_add_suffix (self->file_row, file_button);
  adw_action_row_set_activatable_widget (self->file_row, file_button);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->file_row));

  self->images_row = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->images_row), _("Images Folder"));
  images_button = suffix_button (self, _("Choose the images folder"), G_CALLBACK (choose_images_cb));
  adw_action_row_add_suffix (self->images_row, images_button);
  adw_action_row_set_activatable_widget (self->images_row, images_button);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->images_row));

  gtk_string_list_append (scopes, _("All Studies"));
  gtk_string_list_append (scopes, _("The Study Shown"));
  self->scope_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->scope_row), _("_Studies"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (self->scope_row), TRUE);
  adw_combo_row_set_model (self->scope_row, G_LIST_MODEL (scopes));
  gtk_widget_set_visible (GTK_WIDGET (self->scope_row), self->export);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->scope_row));

  self->progress = GTK_PROGRESS_BAR (gtk_progress_bar_new ());
  gtk_widget_set_visible (GTK_WIDGET (self->progress), FALSE);
  self->summary_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->summary_label, TRUE);
  gtk_label_set_xalign (self->summary_label, 0);
  gtk_label_set_yalign (self->summary_label, 0);
  gtk_label_set_selectable (self->summary_label, TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->summary_label), FALSE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->summary_label));
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scrolled, TRUE);

  gtk_widget_set_margin_start (content, 18);
  gtk_widget_set_margin_end (content, 18);
  gtk_widget_set_margin_top (content, 18);
  gtk_widget_set_margin_bottom (content, 18);
  gtk_box_append (GTK_BOX (content), group);
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (self->progress));
  gtk_box_append (GTK_BOX (content), scrolled);
  /* Asked, never done silently: the file over studies someone edited here. */
  self->replace_button = gtk_button_new_with_mnemonic (_("_Replace the Edited Studies Too"));
  gtk_widget_set_tooltip_text (self->replace_button,
                               _("Import the file’s version of the studies edited here since their import, "
                                 "as audited changes that can be undone"));
  gtk_widget_add_css_class (self->replace_button, "destructive-action");
  gtk_widget_set_halign (self->replace_button, GTK_ALIGN_END);
  gtk_widget_set_visible (self->replace_button, FALSE);
  g_signal_connect_object (self->replace_button, "clicked", G_CALLBACK (replace_clicked_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (content), self->replace_button);
  gtk_box_append (GTK_BOX (toolbar), content);
  adw_window_set_content (ADW_WINDOW (self), toolbar);

  gtk_window_set_title (GTK_WINDOW (self), self->export ? _("Export") : _("Import"));
  gtk_window_set_default_size (GTK_WINDOW (self), 520, 480);
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  update_file_row (self);
  update_images_row (self);
}

static void
hilum_transfer_dialog_dispose (GObject *object)
{
  HilumTransferDialog *self = (HilumTransferDialog *)object;

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->progress_id, g_source_remove);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_weak_pointer (&self->window);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (hilum_transfer_dialog_parent_class)->dispose (object);
}

static void
hilum_transfer_dialog_finalize (GObject *object)
{
  HilumTransferDialog *self = (HilumTransferDialog *)object;

  g_clear_object (&self->cancellable);
  g_free (self->path);
  g_free (self->images_dir);
  g_free (self->summary);

  G_OBJECT_CLASS (hilum_transfer_dialog_parent_class)->finalize (object);
}

static void
hilum_transfer_dialog_class_init (HilumTransferDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = hilum_transfer_dialog_dispose;
  object_class->finalize = hilum_transfer_dialog_finalize;

  signals[FINISHED] = g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
hilum_transfer_dialog_init (HilumTransferDialog *self)
{
}

HilumTransferDialog *
hilum_transfer_dialog_new (HilumWindow *window,
                           gboolean     export)
{
  HilumTransferDialog *self;

  g_return_val_if_fail (HILUM_IS_WINDOW (window), NULL);

  self = g_object_new (HILUM_TYPE_TRANSFER_DIALOG, "transient-for", window, NULL);
  self->export = !!export;
  g_set_weak_pointer (&self->window, window);
  g_set_object (&self->store, hilum_window_get_store (window));
  hilum_transfer_dialog_build (self);
  return self;
}

void
hilum_transfer_dialog_set_format (HilumTransferDialog *self,
                                  HilumFormat          format)
{
  g_return_if_fail (HILUM_IS_TRANSFER_DIALOG (self));
  g_return_if_fail (format < HILUM_N_FORMATS);

  adw_combo_row_set_selected (self->format_row, format);
}

void
hilum_transfer_dialog_set_path (HilumTransferDialog *self,
                                const char          *path)
{
  g_return_if_fail (HILUM_IS_TRANSFER_DIALOG (self));

  g_free (self->path);
  self->path = g_strdup (path);
  update_file_row (self);
}

void
hilum_transfer_dialog_set_images_dir (HilumTransferDialog *self,
                                      const char          *dir)
{
  g_return_if_fail (HILUM_IS_TRANSFER_DIALOG (self));

  g_free (self->images_dir);
  self->images_dir = g_strdup (dir);
  update_images_row (self);
}

void
hilum_transfer_dialog_set_current_only (HilumTransferDialog *self,
                                        gboolean             current_only)
{
  g_return_if_fail (HILUM_IS_TRANSFER_DIALOG (self));

  adw_combo_row_set_selected (self->scope_row, current_only ? 1 : 0);
}

gboolean
hilum_transfer_dialog_get_running (HilumTransferDialog *self)
{
  g_return_val_if_fail (HILUM_IS_TRANSFER_DIALOG (self), FALSE);

  return self->cancellable != NULL;
}

const char *
hilum_transfer_dialog_get_summary (HilumTransferDialog *self)
{
  g_return_val_if_fail (HILUM_IS_TRANSFER_DIALOG (self), NULL);

  return self->summary;
}

GtkWidget *
hilum_transfer_dialog_get_replace_button (HilumTransferDialog *self)
{
  g_return_val_if_fail (HILUM_IS_TRANSFER_DIALOG (self), NULL);

  return self->replace_button;
}
