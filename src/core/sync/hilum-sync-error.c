/* hilum-sync-error.c — what can go wrong talking to a server, in the user's words
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "hilum-sync-error"

#include "config.h"

#include "hilum-sync-error.h"

G_DEFINE_QUARK (hilum-sync-error-quark, hilum_sync_error)

gboolean
hilum_sync_error_is_transient (const GError *error)
{
  return g_error_matches (error, HILUM_SYNC_ERROR, HILUM_SYNC_ERROR_TIMED_OUT) ||
         g_error_matches (error, HILUM_SYNC_ERROR, HILUM_SYNC_ERROR_NETWORK) ||
         g_error_matches (error, HILUM_SYNC_ERROR, HILUM_SYNC_ERROR_SERVER) ||
         g_error_matches (error, HILUM_SYNC_ERROR, HILUM_SYNC_ERROR_CONNECTION_REFUSED);
}
