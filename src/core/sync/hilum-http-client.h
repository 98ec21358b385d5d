/* hilum-http-client.h — HTTPS requests to one server over one kept-alive connection
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "hilum-server.h"

G_BEGIN_DECLS

/*
 * A libcurl easy handle for one server: the connection (and its TLS session) is reused
 * request after request, which is most of the speed of a sync. Certificate and host
 * checks are always on — nothing turns them off. The password goes to libcurl only; no
 * message, log or file the client writes holds it or the Authorization header. Not
 * thread-safe: one client per worker thread.
 */

typedef struct
{
  guint   status;          /* 200, 304, 409 … */
  char   *etag;            /* (nullable) without its quotes */
  char   *content_type;    /* (nullable) */
  GBytes *body;            /* never NULL (empty when there is none) */
} HilumHttpResponse;

void               hilum_http_response_free   (HilumHttpResponse *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HilumHttpResponse, hilum_http_response_free)

/* Turns a status that is not 2xx (nor one of @accepted, a 0-terminated list of statuses
 * the caller handles itself such as 304 or 409; nullable) into a HILUM_SYNC_ERROR whose
 * message names @what is done on which server. */
gboolean           hilum_http_response_check  (HilumHttpResponse *self,
                                               const char        *server_name,
                                               const guint       *accepted,
                                               GError           **error);

/* Called with bytes received so far and the total (0: not known); on the worker thread. */
typedef void (*HilumHttpProgress) (guint64  received,
                                   guint64  total,
                                   gpointer user_data);

#define HILUM_TYPE_HTTP_CLIENT (hilum_http_client_get_type ())
G_DECLARE_FINAL_TYPE (HilumHttpClient, hilum_http_client, HILUM, HTTP_CLIENT, GObject)

/* @password (nullable) is used with @server's user; it is copied and wiped on finalize. */
HilumHttpClient   *hilum_http_client_new      (const HilumServer *server,
                                               const char        *password);
const HilumServer *hilum_http_client_get_server (HilumHttpClient *self);
/* Another client of the same server, user and password, with its own connection (for
 * another thread). */
HilumHttpClient   *hilum_http_client_clone    (HilumHttpClient   *self);

/* Seconds a connection may take to open, and a request may go without receiving
 * anything, before it counts as timed out (defaults 10 and 30). */
void               hilum_http_client_set_timeouts (HilumHttpClient *self,
                                                   guint            connect_seconds,
                                                   guint            stall_seconds);

/* One request. @url is absolute (hilum_server_build_url ()); @headers a NULL-terminated
 * list of "Name: value" (nullable); @body (nullable) is sent as is. A network, TLS or
 * cancellation failure is an error; any HTTP status is a response (see
 * hilum_http_response_check ()). */
HilumHttpResponse *hilum_http_client_send     (HilumHttpClient    *self,
                                               const char         *method,
                                               const char         *url,
                                               const char * const *headers,
                                               GBytes             *body,
                                               HilumHttpProgress   progress,
                                               gpointer            progress_data,
                                               GCancellable       *cancellable,
                                               GError            **error);

/* How many connections libcurl opened so far (one while the server keeps it alive). */
guint              hilum_http_client_get_n_connections (HilumHttpClient *self);

G_END_DECLS
