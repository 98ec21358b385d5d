/* hilum-http-client.c — HTTPS requests to one server over one kept-alive connection
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "hilum-http-client"

#include "config.h"

#include <curl/curl.h>
#include <glib/gi18n.h>
#include <string.h>

#include "hilum-http-client.h"
#include "hilum-sync-error.h"

/* OpenSSL's X509_V_OK, X509_V_ERR_HOSTNAME_MISMATCH and X509_V_ERR_IP_ADDRESS_MISMATCH,
 * without including OpenSSL for three constants. */
#define VERIFY_RESULT_OK 0
#define VERIFY_RESULT_HOSTNAME_MISMATCH 62
#define VERIFY_RESULT_IP_MISMATCH 64

struct _HilumHttpClient
{
  GObject      parent_instance;

  HilumServer *server;
  char        *server_name;
  char        *password;
  CURL        *curl;
  guint        connect_seconds;
  guint        stall_seconds;
  guint        n_connections;
  char         error_buffer[CURL_ERROR_SIZE];
};

G_DEFINE_FINAL_TYPE (HilumHttpClient, hilum_http_client, G_TYPE_OBJECT)

typedef struct
{
  GByteArray        *body;
  char              *etag;
  char              *content_type;
  GCancellable      *cancellable;
  HilumHttpProgress  progress;
  gpointer           progress_data;
} Transfer;

void
hilum_http_response_free (HilumHttpResponse *self)
{
  if (self == NULL)
    return;
  g_free (self->etag);
  g_free (self->content_type);
  g_clear_pointer (&self->body, g_bytes_unref);
  g_free (self);
}

static gboolean
body_contains (GBytes     *body,
               const char *needle)
{
  gsize length;
  const char *data = g_bytes_get_data (body, &length);

  return data != NULL && g_strstr_len (data, length, needle) != NULL;
}

gboolean
hilum_http_response_check (HilumHttpResponse *self,
                           const char        *server_name,
                           const guint       *accepted,
                           GError           **error)
{
  guint status;

  g_return_val_if_fail (self != NULL, FALSE);

  status = self->status;
  if (status >= 200 && status < 300)
    return TRUE;
  for (guint i = 0; accepted != NULL && accepted[i] != 0; i++)
    if (accepted[i] == status)
      return TRUE;

  switch (status)
    {
    case 401:
      g_set_error (error, HILUM_SYNC_ERROR, HILUM_SYNC_ERROR_UNAUTHORIZED,
                   _("The server %s did not accept the user name or password."), server_name);
      break;
    case 403:
      g_set_error (error, HILUM_SYNC_ERROR, HILUM_SYNC_ERROR_FORBIDDEN,
                   _("The server %s does not allow this user to do that."), server_name);
      break;
    case 404:
      g_set_error (error, HILUM_SYNC_ERROR, HILUM_SYNC_ERROR_NOT_FOUND,
                   _("The server %s does not have what was asked for (HTTP 404)."), server_name);
      break;
    case 429:
      g_set_error (error, HILUM_SYNC_ERROR, HILUM_SYNC_ERROR_SERVER,
                   _("The server %s is busy (HTTP 429); Hilum will try again."), server_name);
      break;
    case 400:
      /* nginx's answer to plain http sent to its TLS port. */
      if (body_contains (self->body, "plain HTTP request was sent to HTTPS port"))
        {
          g_set_error (error, HILUM_SYNC_ERROR, HILUM_SYNC_ERROR_TLS,
                       _("The server %s expects a secure connection: begin the address with https://."),
                       server_name);
          break;
        }
      G_GNUC_FALLTHROUGH;
    default:
      if (status == 502 || status == 503 || status == 504)
        g_set_error (error, HILUM_SYNC_ERROR, HILUM_SYNC_ERROR_SERVER,
                     _("The server %s does not answer behind its gateway (HTTP %u); Hilum will try again."),
                     server_name, status);
      else if (status >= 500)
        g_set_error (error, HILUM_SYNC_ERROR, HILUM_SYNC_ERROR_SERVER,
                     _("The server %s had an internal error (HTTP %u); Hilum will try again."),
                     server_name, status);
      else
        g_set_error (error, HILUM_SYNC_ERROR, HILUM_SYNC_ERROR_REFUSED,
                     _("The server %s refused the request (HTTP %u)."), server_name, status);
      break;
    }
  return FALSE;
}

static void
curl_init_once (void)
{
  static gsize initialized = 0;

  /* Not thread-safe itself: run before any worker makes a handle. */
  if (g_once_init_enter (&initialized))
    {
      curl_global_init (CURL_GLOBAL_DEFAULT);
      g_once_init_leave (&initialized, 1);
    }
}

static size_t
write_cb (char   *data,
          size_t  size,
          size_t  n,
          void   *user_data)
{
  Transfer *transfer = user_data;

  g_byte_array_append (transfer->body, (const guint8 *) data, size * n);
  return size * n;
}

static char *
header_value (const char *line,
              gsize       length,
              const char *name)
{
  gsize name_length = strlen (name);

  if (length <= name_length + 1 || g_ascii_strncasecmp (line, name, name_length) != 0 ||
      line[name_length] != ':')
    return NULL;
  return g_strstrip (g_strndup (line + name_length + 1, length - name_length - 1));
}

static size_t
header_cb (char   *data,
           size_t  size,
           size_t  n,
           void   *user_data)
{
  Transfer *transfer = user_data;
  gsize length = size * n;
  char *value;

  if ((value = header_value (data, length, "ETag")) != NULL)
    {
      gsize value_length = strlen (value);

      /* "W/" weak tags are not Orthanc's; quotes go. */
      if (value_length >= 2 && value[0] == '"' && value[value_length - 1] == '"')
        {
          g_free (transfer->etag);
          transfer->etag = g_strndup (value + 1, value_length - 2);
          g_free (value);
        }
      else
        {
          g_free (transfer->etag);
          transfer->etag = value;
        }
    }
  else if ((value = header_value (data, length, "Content-Type")) != NULL)
    {
      g_free (transfer->content_type);
      transfer->content_type = value;
    }
  return length;
}

static int
progress_cb (void       *user_data,
             curl_off_t  dltotal,
             curl_off_t  dlnow,
             curl_off_t  ultotal,
             curl_off_t  ulnow)
{
  Transfer *transfer = user_data;

  if (g_cancellable_is_cancelled (transfer->cancellable))
    return 1;
  if (transfer->progress != NULL)
    transfer->progress ((guint64) MAX (dlnow, 0), (guint64) MAX (dltotal, 0), transfer->progress_data);
  return 0;
}

static void
set_curl_error (HilumHttpClient *self,
                CURLcode         code,
                GError         **error)
{
  const char *name = self->server_name;
  long verify_result = VERIFY_RESULT_OK;

  switch ((int) code)
    {
    case CURLE_COULDNT_RESOLVE_HOST:
      g_set_error (error, HILUM_SYNC_ERROR, HILUM_SYNC_ERROR_HOST_NOT_FOUND,
                   _("The server name %s was not found; check the address and the network."), name);
      break;
    case CURLE_COULDNT_CONNECT:
      g_set_error (error, HILUM_SYNC_ERROR, HILUM_SYNC_ERROR_CONNECTION_REFUSED,
                   _("The server %s refused the connection: it may be stopped, or the address or port may be wrong."),
                   name);
      break;
    case CURLE_OPERATION_TIMEDOUT:
      g_set_error (error, HILUM_SYNC_ERROR, HILUM_SYNC_ERROR_TIMED_OUT,
                   _("The server %s did not answer in time."), name);
      break;
    case CURLE_PEER_FAILED_VERIFICATION:
      /* One code for both: the chain's verdict tells an unknown authority from a
       * certificate that is valid, but for another name. */
      curl_easy_getinfo (self->curl, CURLINFO_SSL_VERIFYRESULT, &verify_result);
      g_debug ("certificate verify result %ld: %s", verify_result, self->error_buffer);
      /* curl checks the name itself after the chain, and says so only in its text. */
      if (verify_result == VERIFY_RESULT_OK || verify_result == VERIFY_RESULT_HOSTNAME_MISMATCH ||
          verify_result == VERIFY_RESULT_IP_MISMATCH || strstr (self->error_buffer, "target host name") != NULL)
        g_set_error (error, HILUM_SYNC_ERROR, HILUM_SYNC_ERROR_CERTIFICATE_HOST,
                     _("The certificate of %s was issued for another server name; check the address."), name);
      else
        g_set_error (error, HILUM_SYNC_ERROR, HILUM_SYNC_ERROR_CERTIFICATE_UNTRUSTED,
                     _("The certificate of %s is not trusted. If your site has its own certificate authority, choose its CA file in the server settings."),
                     name);
      break;
    case CURLE_SSL_CACERT_BADFILE:
      g_set_error (error, HILUM_SYNC_ERROR, HILUM_SYNC_ERROR_CERTIFICATE_UNTRUSTED,
                   _("The CA file %s could not be read."), self->server->ca_file ? self->server->ca_file : "");
      break;
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_USE_SSL_FAILED:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
      g_set_error (error, HILUM_SYNC_ERROR, HILUM_SYNC_ERROR_TLS,
                   _("A secure connection to %s could not be set up; is this the server's https address?"), name);
      break;
    case CURLE_GOT_NOTHING:
    case CURLE_WEIRD_SERVER_REPLY:
    case CURLE_UNSUPPORTED_PROTOCOL:
    case CURLE_HTTP2:
      g_set_error (error, HILUM_SYNC_ERROR, HILUM_SYNC_ERROR_NETWORK,
                   _("The server %s closed the connection without an answer."), name);
      break;
    case CURLE_ABORTED_BY_CALLBACK:
      g_set_error_literal (error, HILUM_SYNC_ERROR, HILUM_SYNC_ERROR_CANCELLED, _("Cancelled."));
      break;
    case CURLE_URL_MALFORMAT:
      g_set_error (error, HILUM_SYNC_ERROR, HILUM_SYNC_ERROR_INVALID_ADDRESS,
                   _("“%s” is not a server address; write it as https://server.example.org."), self->server->url);
      break;
    default:
      /* Send and receive failures, a connection reset: the network, worth retrying. */
      g_set_error (error, HILUM_SYNC_ERROR, HILUM_SYNC_ERROR_NETWORK,
                   _("The connection to %s broke off (%s)."), name, curl_easy_strerror (code));
      break;
    }
}

static void
hilum_http_client_finalize (GObject *object)
{
  HilumHttpClient *self = HILUM_HTTP_CLIENT (object);

  g_clear_pointer (&self->curl, curl_easy_cleanup);
  if (self->password != NULL)
    memset (self->password, 0, strlen (self->password));
  g_clear_pointer (&self->password, g_free);
  g_clear_pointer (&self->server, hilum_server_free);
  g_clear_pointer (&self->server_name, g_free);

  G_OBJECT_CLASS (hilum_http_client_parent_class)->finalize (object);
}

static void
hilum_http_client_class_init (HilumHttpClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = hilum_http_client_finalize;
}

static void
hilum_http_client_init (HilumHttpClient *self)
{
  self->connect_seconds = 10;
  self->stall_seconds = 30;
}

HilumHttpClient *
hilum_http_client_new (const HilumServer *server,
                       const char        *password)
{
  HilumHttpClient *self;

  g_return_val_if_fail (server != NULL, NULL);

  curl_init_once ();
  self = g_object_new (HILUM_TYPE_HTTP_CLIENT, NULL);
  self->server = hilum_server_copy (server);
  self->server_name = hilum_server_get_display_name (server);
  self->password = g_strdup (password);
  self->curl = curl_easy_init ();
  return self;
}

HilumHttpClient *
hilum_http_client_clone (HilumHttpClient *self)
{
  HilumHttpClient *clone;

  g_return_val_if_fail (HILUM_IS_HTTP_CLIENT (self), NULL);

  clone = hilum_http_client_new (self->server, self->password);
  clone->connect_seconds = self->connect_seconds;
  clone->stall_seconds = self->stall_seconds;
  return clone;
}

const HilumServer *
hilum_http_client_get_server (HilumHttpClient *self)
{
  g_return_val_if_fail (HILUM_IS_HTTP_CLIENT (self), NULL);
  return self->server;
}

void
hilum_http_client_set_timeouts (HilumHttpClient *self,
                                guint            connect_seconds,
                                guint            stall_seconds)
{
  g_return_if_fail (HILUM_IS_HTTP_CLIENT (self));

  self->connect_seconds = connect_seconds;
  self->stall_seconds = stall_seconds;
}

guint
hilum_http_client_get_n_connections (HilumHttpClient *self)
{
  g_return_val_if_fail (HILUM_IS_HTTP_CLIENT (self), 0);
  return self->n_connections;
}

static void
setup_handle (HilumHttpClient *self,
              Transfer        *transfer)
{
  CURL *curl = self->curl;

  curl_easy_reset (curl);
  curl_easy_setopt (curl, CURLOPT_NOSIGNAL, 1L);
  self->error_buffer[0] = '\0';
  curl_easy_setopt (curl, CURLOPT_ERRORBUFFER, self->error_buffer);
  curl_easy_setopt (curl, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt (curl, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt (curl, CURLOPT_SSL_VERIFYHOST, 2L);
  if (self->server->ca_file != NULL)
    curl_easy_setopt (curl, CURLOPT_CAINFO, self->server->ca_file);
  /* The tests' servers and a site's own are on loopback: never through a proxy. */
  curl_easy_setopt (curl, CURLOPT_NOPROXY, "localhost,127.0.0.1,::1");
  curl_easy_setopt (curl, CURLOPT_CONNECTTIMEOUT, (long) self->connect_seconds);
  curl_easy_setopt (curl, CURLOPT_LOW_SPEED_LIMIT, 1L);
  curl_easy_setopt (curl, CURLOPT_LOW_SPEED_TIME, (long) self->stall_seconds);
  curl_easy_setopt (curl, CURLOPT_TCP_KEEPALIVE, 1L);
  curl_easy_setopt (curl, CURLOPT_ACCEPT_ENCODING, "");
  if (self->server->user != NULL)
    {
      curl_easy_setopt (curl, CURLOPT_HTTPAUTH, (long) CURLAUTH_BASIC);
      curl_easy_setopt (curl, CURLOPT_USERNAME, self->server->user);
      curl_easy_setopt (curl, CURLOPT_PASSWORD, self->password != NULL ? self->password : "");
    }
  curl_easy_setopt (curl, CURLOPT_WRITEFUNCTION, write_cb);
  curl_easy_setopt (curl, CURLOPT_WRITEDATA, transfer);
  curl_easy_setopt (curl, CURLOPT_HEADERFUNCTION, header_cb);
  curl_easy_setopt (curl, CURLOPT_HEADERDATA, transfer);
  curl_easy_setopt (curl, CURLOPT_NOPROGRESS, 0L);
  curl_easy_setopt (curl, CURLOPT_XFERINFOFUNCTION, progress_cb);
  curl_easy_setopt (curl, CURLOPT_XFERINFODATA, transfer);
  curl_easy_setopt (curl, CURLOPT_USERAGENT, "Hilum/" PACKAGE_VERSION);
}

HilumHttpResponse *
hilum_http_client_send (HilumHttpClient    *self,
                        const char         *method,
                        const char         *url,
                        const char * const *headers,
                        GBytes             *body,
                        HilumHttpProgress   progress,
                        gpointer            progress_data,
                        GCancellable       *cancellable,
                        GError            **error)
{
  struct curl_slist *list = NULL;
  HilumHttpResponse *response;
  Transfer transfer = { 0 };
  CURLcode code;
  long status = 0;
  long n_connects = 0;

  g_return_val_if_fail (HILUM_IS_HTTP_CLIENT (self), NULL);
  g_return_val_if_fail (method != NULL && url != NULL, NULL);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  transfer.body = g_byte_array_new ();
  transfer.cancellable = cancellable;
  transfer.progress = progress;
  transfer.progress_data = progress_data;
  setup_handle (self, &transfer);

  curl_easy_setopt (self->curl, CURLOPT_URL, url);
  if (g_str_equal (method, "GET"))
    curl_easy_setopt (self->curl, CURLOPT_HTTPGET, 1L);
  else
    curl_easy_setopt (self->curl, CURLOPT_CUSTOMREQUEST, method);
  if (body != NULL)
    {
      gsize length;
      const void *data = g_bytes_get_data (body, &length);

      curl_easy_setopt (self->curl, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t) length);
      curl_easy_setopt (self->curl, CURLOPT_POSTFIELDS, length > 0 ? data : "");
    }
  /* Orthanc's civetweb never answers "100 Continue": every upload would wait a second. */
  list = curl_slist_append (list, "Expect:");
  for (guint i = 0; headers != NULL && headers[i] != NULL; i++)
    list = curl_slist_append (list, headers[i]);
  curl_easy_setopt (self->curl, CURLOPT_HTTPHEADER, list);

  code = curl_easy_perform (self->curl);
  curl_slist_free_all (list);
  curl_easy_getinfo (self->curl, CURLINFO_NUM_CONNECTS, &n_connects);
  self->n_connections += (guint) MAX (n_connects, 0);

  if (code != CURLE_OK)
    {
      if (code == CURLE_ABORTED_BY_CALLBACK && g_cancellable_is_cancelled (cancellable))
        g_cancellable_set_error_if_cancelled (cancellable, error);
      else
        set_curl_error (self, code, error);
      g_byte_array_unref (transfer.body);
      g_free (transfer.etag);
      g_free (transfer.content_type);
      return NULL;
    }

  curl_easy_getinfo (self->curl, CURLINFO_RESPONSE_CODE, &status);
  response = g_new0 (HilumHttpResponse, 1);
  response->status = (guint) status;
  response->etag = transfer.etag;
  response->content_type = transfer.content_type;
  response->body = g_byte_array_free_to_bytes (transfer.body);
  return response;
}
