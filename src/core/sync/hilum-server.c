/* hilum-server.c — where a server is and who signs in to it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "hilum-server"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "hilum-server.h"
#include "hilum-sync-error.h"

static gboolean
host_is_loopback (const char *host)
{
  g_autofree char *lower = g_ascii_strdown (host, -1);

  return g_str_equal (lower, "localhost") || g_str_has_suffix (lower, ".localhost") ||
         g_str_has_prefix (lower, "127.") || g_str_equal (lower, "::1") ||
         g_str_equal (lower, "[::1]");
}

static char *
strip_slashes (const char *text)
{
  g_autofree char *copy = g_strstrip (g_strdup (text));
  gsize length = strlen (copy);

  while (length > 0 && copy[length - 1] == '/')
    copy[--length] = '\0';
  return g_steal_pointer (&copy);
}

HilumServer *
hilum_server_new (const char  *url,
                  const char  *dicomweb_root,
                  const char  *user,
                  const char  *ca_file,
                  GError     **error)
{
  g_autoptr(HilumServer) self = NULL;
  g_autoptr(GUri) uri = NULL;
  g_autofree char *trimmed = NULL;
  const char *scheme;
  const char *host;

  g_return_val_if_fail (url != NULL, NULL);

  trimmed = strip_slashes (url);
  uri = g_uri_parse (trimmed, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    {
      g_set_error (error, HILUM_SYNC_ERROR, HILUM_SYNC_ERROR_INVALID_ADDRESS,
                   _("“%s” is not a server address; write it as https://server.example.org."), url);
      return NULL;
    }
  scheme = g_uri_get_scheme (uri);
  host = g_uri_get_host (uri);
  if (g_uri_get_userinfo (uri) != NULL)
    {
      g_set_error_literal (error, HILUM_SYNC_ERROR, HILUM_SYNC_ERROR_INVALID_ADDRESS,
                           _("The server address must not contain a user name or password; enter them in their own fields."));
      return NULL;
    }
  if (g_uri_get_query (uri) != NULL || g_uri_get_fragment (uri) != NULL)
    {
      g_set_error (error, HILUM_SYNC_ERROR, HILUM_SYNC_ERROR_INVALID_ADDRESS,
                   _("“%s” is not a server address; write it as https://server.example.org."), url);
      return NULL;
    }
  if (g_ascii_strcasecmp (scheme, "https") != 0)
    {
      if (g_ascii_strcasecmp (scheme, "http") != 0)
        {
          g_set_error (error, HILUM_SYNC_ERROR, HILUM_SYNC_ERROR_INVALID_ADDRESS,
                       _("“%s” is not a server address; write it as https://server.example.org."), url);
          return NULL;
        }
      if (!host_is_loopback (host))
        {
          g_set_error (error, HILUM_SYNC_ERROR, HILUM_SYNC_ERROR_INVALID_ADDRESS,
                       _("The server %s must be reached over https: plain http would send the password unencrypted."),
                       host);
          return NULL;
        }
    }

  self = g_new0 (HilumServer, 1);
  self->url = g_steal_pointer (&trimmed);
  if (dicomweb_root == NULL || *dicomweb_root == '\0')
    self->dicomweb_root = g_strdup ("/dicom-web");
  else
    {
      g_autofree char *root = strip_slashes (dicomweb_root);

      self->dicomweb_root = root[0] == '/' ? g_steal_pointer (&root) : g_strconcat ("/", root, NULL);
    }
  self->user = user != NULL && *user != '\0' ? g_strdup (user) : NULL;
  self->ca_file = ca_file != NULL && *ca_file != '\0' ? g_strdup (ca_file) : NULL;
  return g_steal_pointer (&self);
}

HilumServer *
hilum_server_copy (const HilumServer *self)
{
  HilumServer *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_new0 (HilumServer, 1);
  copy->url = g_strdup (self->url);
  copy->dicomweb_root = g_strdup (self->dicomweb_root);
  copy->user = g_strdup (self->user);
  copy->ca_file = g_strdup (self->ca_file);
  return copy;
}

void
hilum_server_free (HilumServer *self)
{
  if (self == NULL)
    return;
  g_free (self->url);
  g_free (self->dicomweb_root);
  g_free (self->user);
  g_free (self->ca_file);
  g_free (self);
}

char *
hilum_server_build_url (const HilumServer *self,
                        const char        *path)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (path != NULL, NULL);

  while (*path == '/')
    path++;
  return g_strconcat (self->url, "/", path, NULL);
}

char *
hilum_server_build_dicomweb_url (const HilumServer *self,
                                 const char        *path)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (path != NULL, NULL);

  while (*path == '/')
    path++;
  return g_strconcat (self->url, self->dicomweb_root, "/", path, NULL);
}

char *
hilum_server_get_display_name (const HilumServer *self)
{
  g_autoptr(GUri) uri = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  uri = g_uri_parse (self->url, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL)
    return g_strdup (self->url);
  if (g_uri_get_port (uri) > 0)
    return g_strdup_printf ("%s:%d", g_uri_get_host (uri), g_uri_get_port (uri));
  return g_strdup (g_uri_get_host (uri));
}

const char *
hilum_server_get_key (const HilumServer *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->url;
}
