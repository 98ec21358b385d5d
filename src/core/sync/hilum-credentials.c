/* hilum-credentials.c — a server's password in the GNOME keyring
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "hilum-credentials"

#include "config.h"

#include <glib/gi18n.h>
#include <libsecret/secret.h>

#include "hilum-credentials.h"
#include "hilum-sync-error.h"

static const SecretSchema *
get_schema (void)
{
  static const SecretSchema schema = {
    "org.hilum.Hilum.Server", SECRET_SCHEMA_NONE,
    {
      { "server", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "user", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
    0, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
  };

  return &schema;
}

/* The keyring's own messages are English D-Bus errors: say what failed in the UI's
 * language, and keep theirs in parentheses for whoever fixes the keyring. */
static void
set_keyring_error (GError     **error,
                   GError      *cause,
                   const char  *what)
{
  if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, cause);
      return;
    }
  g_set_error (error, HILUM_SYNC_ERROR, HILUM_SYNC_ERROR_NO_PASSWORD, "%s (%s)", what, cause->message);
  g_error_free (cause);
}

char *
hilum_credentials_lookup (const HilumServer *server,
                          GCancellable      *cancellable,
                          GError           **error)
{
  GError *local_error = NULL;
  char *password;

  g_return_val_if_fail (server != NULL, NULL);

  password = secret_password_lookup_sync (get_schema (), cancellable, &local_error,
                                          "server", server->url,
                                          "user", server->user ? server->user : "",
                                          NULL);
  if (local_error != NULL)
    {
      set_keyring_error (error, local_error, _("The password could not be read from the keyring."));
      return NULL;
    }
  return password;
}

gboolean
hilum_credentials_store (const HilumServer *server,
                         const char        *password,
                         GCancellable      *cancellable,
                         GError           **error)
{
  g_autofree char *label = NULL;
  g_autofree char *name = NULL;
  GError *local_error = NULL;

  g_return_val_if_fail (server != NULL, FALSE);
  g_return_val_if_fail (password != NULL, FALSE);

  name = hilum_server_get_display_name (server);
  /* TRANSLATORS: the keyring's label of the password, %s the server's name */
  label = g_strdup_printf (_("Hilum server %s"), name);
  if (!secret_password_store_sync (get_schema (), SECRET_COLLECTION_DEFAULT, label, password,
                                   cancellable, &local_error,
                                   "server", server->url,
                                   "user", server->user ? server->user : "",
                                   NULL))
    {
      set_keyring_error (error, local_error, _("The password could not be saved in the keyring."));
      return FALSE;
    }
  return TRUE;
}

gboolean
hilum_credentials_clear (const HilumServer *server,
                         GCancellable      *cancellable,
                         GError           **error)
{
  GError *local_error = NULL;

  g_return_val_if_fail (server != NULL, FALSE);

  secret_password_clear_sync (get_schema (), cancellable, &local_error,
                              "server", server->url,
                              "user", server->user ? server->user : "",
                              NULL);
  if (local_error != NULL)
    {
      set_keyring_error (error, local_error, _("The password could not be removed from the keyring."));
      return FALSE;
    }
  return TRUE;
}
