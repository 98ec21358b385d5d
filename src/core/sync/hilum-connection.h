/* hilum-connection.h — connecting to a server: test it, keep its password
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "hilum-orthanc.h"

G_BEGIN_DECLS

/*
 * What Preferences → Server does, off the main thread: Test Connection asks the server
 * who it is (and whether its DICOMweb root answers); Connect does the same and then
 * keeps the password in the keyring; at start-up the password is read back from there.
 */

/* The server's name and version (HilumOrthancSystem), or what is wrong in plain words. */
void                hilum_connection_test_async    (const HilumServer   *server,
                                                    const char          *password,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
HilumOrthancSystem *hilum_connection_test_finish   (GAsyncResult        *result,
                                                    GError             **error);

/* Tests, then keeps @password for @server in the keyring (@password NULL or "": none is
 * kept and a kept one is removed). */
void                hilum_connection_connect_async (const HilumServer   *server,
                                                    const char          *password,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
HilumOrthancSystem *hilum_connection_connect_finish (GAsyncResult       *result,
                                                     GError            **error);

/* The password kept for @server (NULL without error when none is). */
void                hilum_connection_lookup_password_async  (const HilumServer   *server,
                                                             GCancellable        *cancellable,
                                                             GAsyncReadyCallback  callback,
                                                             gpointer             user_data);
char               *hilum_connection_lookup_password_finish (GAsyncResult        *result,
                                                             GError             **error);

/* "Orthanc 1.10.1, “Hilum test”" for Test Connection's answer (translated). */
char               *hilum_connection_describe_system (const HilumOrthancSystem *system);

G_END_DECLS
