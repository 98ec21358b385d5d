/* hilum-credentials.h — a server's password in the GNOME keyring
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "hilum-server.h"

G_BEGIN_DECLS

/*
 * Passwords and tokens live in the user's keyring (libsecret, the Secret Service),
 * under the server's address and the user name — never in GSettings or a file. The
 * calls block on D-Bus: use them from a worker thread or at start-up of the CLI.
 */

/* (nullable) The password kept for @server's address and user; NULL without error when
 * none is kept. */
char     *hilum_credentials_lookup (const HilumServer *server,
                                    GCancellable      *cancellable,
                                    GError           **error);
gboolean  hilum_credentials_store  (const HilumServer *server,
                                    const char        *password,
                                    GCancellable      *cancellable,
                                    GError           **error);
gboolean  hilum_credentials_clear  (const HilumServer *server,
                                    GCancellable      *cancellable,
                                    GError           **error);

G_END_DECLS
