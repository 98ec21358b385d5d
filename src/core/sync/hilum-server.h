/* hilum-server.h — where a server is and who signs in to it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * A server as the user configured it (Preferences → Server, hilum-cli sync --server …).
 * The password is not part of it: it lives in the GNOME keyring (hilum-credentials) or
 * comes from HILUM_PASSWORD, and is handed to the HTTP client only.
 */
typedef struct
{
  char *url;             /* "https://pacs.example.org:8443/orthanc", no trailing slash */
  char *dicomweb_root;   /* "/dicom-web", relative to url, no trailing slash */
  char *user;            /* (nullable) */
  char *ca_file;         /* (nullable) a PEM file of CAs trusted besides the system's */
} HilumServer;

/* Checks @url: https, or plain http to this machine only (localhost, 127.x, ::1) — a
 * password must never cross a network in the clear; no user or password inside the URL.
 * @dicomweb_root NULL or "" means "/dicom-web". */
HilumServer *hilum_server_new        (const char  *url,
                                      const char  *dicomweb_root,
                                      const char  *user,
                                      const char  *ca_file,
                                      GError     **error);
HilumServer *hilum_server_copy       (const HilumServer *self);
void         hilum_server_free       (HilumServer *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HilumServer, hilum_server_free)

/* The absolute URL of @path ("/system", "studies/…"), and of @path under the DICOMweb
 * root. */
char        *hilum_server_build_url       (const HilumServer *self,
                                           const char        *path);
char        *hilum_server_build_dicomweb_url (const HilumServer *self,
                                              const char        *path);

/* "pacs.example.org" — how messages name the server. */
char        *hilum_server_get_display_name (const HilumServer *self);

/* The key under which this server's sync state (the last change seen …) is kept in a
 * store: the URL, so two servers never share a sequence number. */
const char  *hilum_server_get_key         (const HilumServer *self);

G_END_DECLS
