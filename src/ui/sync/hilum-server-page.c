/* hilum-server-page.c — Preferences → Server: where to sync, and with whose password
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The address, DICOMweb root, user and CA file go to GSettings; the password only to the
 * keyring (through hilum-connection, off the main thread) — never to GSettings or a file.
 * Test Connection and Connect answer in the result line, in plain words.
 */
#define G_LOG_DOMAIN "hilum-server-page"

#include "config.h"

#include <glib/gi18n.h>

#include "hilum-connection.h"
#include "hilum-server-page.h"

struct _HilumServerPage
{
  AdwPreferencesPage  parent_instance;

  AdwEntryRow        *url_row;
  AdwEntryRow        *root_row;
  AdwEntryRow        *user_row;
  AdwPasswordEntryRow *password_row;
  AdwActionRow       *ca_row;
  GtkSpinButton      *interval_spin;
  GtkSpinButton      *cache_spin;
  GtkButton          *test_button;
  GtkButton          *connect_button;
  GtkButton          *disconnect_button;
  GtkLabel           *result_label;

  GSettings          *settings;
  HilumSyncService   *service;
  GCancellable       *cancellable;
  GtkFileChooserNative *chooser;
  char               *ca_file;
  char               *result;
};

G_DEFINE_FINAL_TYPE (HilumServerPage, hilum_server_page, ADW_TYPE_PREFERENCES_PAGE)

enum {
  ANSWERED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
show_result (HilumServerPage *self,
             const char      *text,
             gboolean         failed)
{
  g_free (self->result);
  self->result = g_strdup (text);
  gtk_label_set_label (self->result_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->result_label), text != NULL);
  if (failed)
    gtk_widget_add_css_class (GTK_WIDGET (self->result_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->result_label), "error");
  g_signal_emit (self, signals[ANSWERED], 0);
}

static void
set_busy (HilumServerPage *self,
          gboolean         busy)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->test_button), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->connect_button), !busy);
}

static void
update_ca_row (HilumServerPage *self)
{
  g_autofree char *display = self->ca_file ? g_filename_display_basename (self->ca_file) : NULL;

  adw_action_row_set_subtitle (self->ca_row, display ? display : _("The system’s authorities only"));
}

static void
update_disconnect (HilumServerPage *self)
{
  g_autofree char *url = g_settings_get_string (self->settings, "server-url");

  gtk_widget_set_visible (GTK_WIDGET (self->disconnect_button), url[0] != '\0');
}

/* The server the fields describe, or NULL after saying what is wrong. */
static HilumServer *
read_fields (HilumServerPage *self)
{
  g_autoptr(GError) error = NULL;
  HilumServer *server;

  server = hilum_server_new (gtk_editable_get_text (GTK_EDITABLE (self->url_row)),
                             gtk_editable_get_text (GTK_EDITABLE (self->root_row)),
                             gtk_editable_get_text (GTK_EDITABLE (self->user_row)),
                             self->ca_file, &error);
  if (server == NULL)
    show_result (self, error->message, TRUE);
  return server;
}

static void
test_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(HilumServerPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(HilumOrthancSystem) system = hilum_connection_test_finish (result, &error);
  g_autofree char *text = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  set_busy (self, FALSE);
  if (system == NULL)
    {
      show_result (self, error->message, TRUE);
      return;
    }
  text = hilum_connection_describe_system (system);
  show_result (self, text, FALSE);
}

static void
test_clicked_cb (HilumServerPage *self)
{
  g_autoptr(HilumServer) server = read_fields (self);

  if (server == NULL)
    return;
  set_busy (self, TRUE);
  show_result (self, _("Connecting…"), FALSE);
  hilum_connection_test_async (server, gtk_editable_get_text (GTK_EDITABLE (self->password_row)),
                               self->cancellable, test_done_cb, g_object_ref (self));
}

static void
connect_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(HilumServerPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(HilumOrthancSystem) system = hilum_connection_connect_finish (result, &error);
  g_autoptr(HilumServer) server = NULL;
  g_autofree char *text = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  set_busy (self, FALSE);
  if (system == NULL)
    {
      show_result (self, error->message, TRUE);
      return;
    }
  if ((server = read_fields (self)) == NULL)
    return;
  g_settings_set_string (self->settings, "server-url", server->url);
  g_settings_set_string (self->settings, "server-dicomweb-root", server->dicomweb_root);
  g_settings_set_string (self->settings, "server-user", server->user ? server->user : "");
  g_settings_set_string (self->settings, "server-ca-file", server->ca_file ? server->ca_file : "");
  if (self->service != NULL)
    hilum_sync_service_set_server (self->service, server,
                                   gtk_editable_get_text (GTK_EDITABLE (self->password_row)));
  update_disconnect (self);
  text = hilum_connection_describe_system (system);
  show_result (self, text, FALSE);
}

static void
connect_clicked_cb (HilumServerPage *self)
{
  g_autoptr(HilumServer) server = read_fields (self);

  if (server == NULL)
    return;
  set_busy (self, TRUE);
  show_result (self, _("Connecting…"), FALSE);
  hilum_connection_connect_async (server, gtk_editable_get_text (GTK_EDITABLE (self->password_row)),
                                  self->cancellable, connect_done_cb, g_object_ref (self));
}

static void
disconnect_clicked_cb (HilumServerPage *self)
{
  g_settings_set_string (self->settings, "server-url", "");
  if (self->service != NULL)
    hilum_sync_service_set_server (self->service, NULL, NULL);
  update_disconnect (self);
  show_result (self, _("Disconnected. Edits stay on this computer."), FALSE);
}

static void
chooser_response_cb (HilumServerPage *self,
                     int              response)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (self->chooser));

      g_free (self->ca_file);
      self->ca_file = g_file_get_path (file);
      update_ca_row (self);
    }
  g_clear_object (&self->chooser);
}

static void
choose_ca_clicked_cb (HilumServerPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  self->chooser = gtk_file_chooser_native_new (_("Certificate Authority"), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_OPEN, _("_Choose"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_signal_connect_swapped (self->chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
clear_ca_clicked_cb (HilumServerPage *self)
{
  g_clear_pointer (&self->ca_file, g_free);
  update_ca_row (self);
}

static void
cache_changed_cb (HilumServerPage *self)
{
  g_settings_set_uint (self->settings, "image-cache-size",
                       (guint) gtk_spin_button_get_value_as_int (self->cache_spin));
}

static void
interval_changed_cb (HilumServerPage *self)
{
  g_settings_set_uint (self->settings, "sync-interval",
                       (guint) gtk_spin_button_get_value_as_int (self->interval_spin) * 60);
}

static void
hilum_server_page_dispose (GObject *object)
{
  HilumServerPage *self = HILUM_SERVER_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_object (&self->settings);
  g_clear_object (&self->service);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), HILUM_TYPE_SERVER_PAGE);

  G_OBJECT_CLASS (hilum_server_page_parent_class)->dispose (object);
}

static void
hilum_server_page_finalize (GObject *object)
{
  HilumServerPage *self = HILUM_SERVER_PAGE (object);

  g_free (self->ca_file);
  g_free (self->result);

  G_OBJECT_CLASS (hilum_server_page_parent_class)->finalize (object);
}

static void
hilum_server_page_class_init (HilumServerPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hilum_server_page_dispose;
  object_class->finalize = hilum_server_page_finalize;

  signals[ANSWERED] =
    g_signal_new ("answered", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/hilum/Hilum/hilum-server-page.ui");
  gtk_widget_class_bind_template_child (widget_class, HilumServerPage, url_row);
  gtk_widget_class_bind_template_child (widget_class, HilumServerPage, root_row);
  gtk_widget_class_bind_template_child (widget_class, HilumServerPage, user_row);
  gtk_widget_class_bind_template_child (widget_class, HilumServerPage, password_row);
  gtk_widget_class_bind_template_child (widget_class, HilumServerPage, ca_row);
  gtk_widget_class_bind_template_child (widget_class, HilumServerPage, interval_spin);
  gtk_widget_class_bind_template_child (widget_class, HilumServerPage, cache_spin);
  gtk_widget_class_bind_template_child (widget_class, HilumServerPage, test_button);
  gtk_widget_class_bind_template_child (widget_class, HilumServerPage, connect_button);
  gtk_widget_class_bind_template_child (widget_class, HilumServerPage, disconnect_button);
  gtk_widget_class_bind_template_child (widget_class, HilumServerPage, result_label);
  gtk_widget_class_bind_template_callback (widget_class, test_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, connect_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, disconnect_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, choose_ca_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, clear_ca_clicked_cb);
}

static void
hilum_server_page_init (HilumServerPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
}

GtkWidget *
hilum_server_page_new (GSettings        *settings,
                       HilumSyncService *service)
{
  HilumServerPage *self;
  g_autofree char *url = NULL;
  g_autofree char *root = NULL;
  g_autofree char *user = NULL;
  g_autofree char *ca = NULL;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (HILUM_TYPE_SERVER_PAGE, NULL);
  self->settings = g_object_ref (settings);
  self->service = service != NULL ? g_object_ref (service) : NULL;

  url = g_settings_get_string (settings, "server-url");
  root = g_settings_get_string (settings, "server-dicomweb-root");
  user = g_settings_get_string (settings, "server-user");
  ca = g_settings_get_string (settings, "server-ca-file");
  gtk_editable_set_text (GTK_EDITABLE (self->url_row), url);
  gtk_editable_set_text (GTK_EDITABLE (self->root_row), root);
  gtk_editable_set_text (GTK_EDITABLE (self->user_row), user);
  self->ca_file = ca[0] != '\0' ? g_strdup (ca) : NULL;
  gtk_spin_button_set_value (self->interval_spin, g_settings_get_uint (settings, "sync-interval") / 60.0);
  g_signal_connect_swapped (self->interval_spin, "value-changed", G_CALLBACK (interval_changed_cb), self);
  gtk_spin_button_set_value (self->cache_spin, g_settings_get_uint (settings, "image-cache-size"));
  g_signal_connect_swapped (self->cache_spin, "value-changed", G_CALLBACK (cache_changed_cb), self);
  update_ca_row (self);
  update_disconnect (self);
  return GTK_WIDGET (self);
}

const char *
hilum_server_page_get_result (HilumServerPage *self)
{
  g_return_val_if_fail (HILUM_IS_SERVER_PAGE (self), NULL);
  return self->result;
}
