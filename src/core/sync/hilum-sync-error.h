/* hilum-sync-error.h — what can go wrong talking to a server, in the user's words
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * Every failure of a request becomes one of these, with a message in the UI language
 * that names the server (never the password). The engine retries only the transient
 * ones (hilum_sync_error_is_transient()); the rest are reported and left alone.
 */
#define HILUM_SYNC_ERROR (hilum_sync_error_quark ())
typedef enum
{
  HILUM_SYNC_ERROR_INVALID_ADDRESS,       /* not a URL, or plain http to another machine */
  HILUM_SYNC_ERROR_HOST_NOT_FOUND,
  HILUM_SYNC_ERROR_CONNECTION_REFUSED,
  HILUM_SYNC_ERROR_TIMED_OUT,
  HILUM_SYNC_ERROR_NETWORK,               /* the connection broke, no route … (transient) */
  HILUM_SYNC_ERROR_CERTIFICATE_UNTRUSTED,
  HILUM_SYNC_ERROR_CERTIFICATE_HOST,      /* a certificate for another host name */
  HILUM_SYNC_ERROR_TLS,                   /* no TLS where TLS was expected, and the like */
  HILUM_SYNC_ERROR_UNAUTHORIZED,          /* wrong user or password */
  HILUM_SYNC_ERROR_FORBIDDEN,
  HILUM_SYNC_ERROR_NOT_FOUND,
  HILUM_SYNC_ERROR_NOT_ORTHANC,           /* answers, but not as an Orthanc/DICOMweb server */
  HILUM_SYNC_ERROR_SERVER,                /* 5xx or 429 (transient) */
  HILUM_SYNC_ERROR_REFUSED,               /* another 4xx: the request itself was refused */
  HILUM_SYNC_ERROR_MALFORMED,             /* an answer that cannot be read */
  HILUM_SYNC_ERROR_NO_PASSWORD,
  HILUM_SYNC_ERROR_CANCELLED,
  HILUM_SYNC_ERROR_OFFLINE,               /* no server is connected */
} HilumSyncError;

GQuark    hilum_sync_error_quark        (void);

/* Worth trying again after a wait: network errors, time-outs, 5xx and 429. */
gboolean  hilum_sync_error_is_transient (const GError *error);

G_END_DECLS
