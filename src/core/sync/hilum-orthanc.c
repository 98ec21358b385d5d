/* hilum-orthanc.c — the Orthanc REST and DICOMweb calls sync makes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Everything a server answers is untrusted: JSON is depth-checked before json-glib parses
 * it, and every member is type-checked before use, so a server answering nonsense is an
 * error message, never a crash.
 */
#define G_LOG_DOMAIN "hilum-orthanc"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "hilum-json.h"
#include "hilum-orthanc.h"
#include "hilum-sync-error.h"
#include "hilum-sync-payload.h"

#define MAX_JSON_DEPTH 64

struct _HilumOrthanc
{
  GObject          parent_instance;

  HilumHttpClient *client;
  char            *server_name;
  gboolean         revisions_known;
  gboolean         revisions_real;
};

G_DEFINE_FINAL_TYPE (HilumOrthanc, hilum_orthanc, G_TYPE_OBJECT)

void
hilum_orthanc_system_free (HilumOrthancSystem *self)
{
  if (self == NULL)
    return;
  g_free (self->name);
  g_free (self->version);
  g_free (self);
}

void
hilum_orthanc_change_free (HilumOrthancChange *self)
{
  if (self == NULL)
    return;
  g_free (self->change_type);
  g_free (self->resource_type);
  g_free (self->id);
  g_free (self);
}

static void
set_malformed (HilumOrthanc *self,
               GError      **error)
{
  g_set_error (error, HILUM_SYNC_ERROR, HILUM_SYNC_ERROR_MALFORMED,
               _("The server %s sent an answer Hilum cannot read."), self->server_name);
}

/* The body as JSON (transfer full), or an error that says the answer was not readable. */
static JsonNode *
parse_body (HilumOrthanc      *self,
            HilumHttpResponse *response,
            GError           **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  gsize length;
  const char *data = g_bytes_get_data (response->body, &length);

  if (data == NULL || length == 0 || !hilum_json_depth_within (data, (gssize) length, MAX_JSON_DEPTH) ||
      !json_parser_load_from_data (parser, data, (gssize) length, NULL) ||
      json_parser_get_root (parser) == NULL)
    {
      set_malformed (self, error);
      return NULL;
    }
  return json_node_copy (json_parser_get_root (parser));
}

static HilumHttpResponse *
request (HilumOrthanc       *self,
         const char         *method,
         const char         *url,
         const char * const *headers,
         GBytes             *body,
         const guint        *accepted,
         GCancellable       *cancellable,
         GError            **error)
{
  g_autoptr(HilumHttpResponse) response = NULL;

  response = hilum_http_client_send (self->client, method, url, headers, body, NULL, NULL,
                                     cancellable, error);
  if (response == NULL || !hilum_http_response_check (response, self->server_name, accepted, error))
    return NULL;
  return g_steal_pointer (&response);
}

static const char *
object_get_string (JsonObject *object,
                   const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static void
hilum_orthanc_finalize (GObject *object)
{
  HilumOrthanc *self = HILUM_ORTHANC (object);

  g_clear_object (&self->client);
  g_clear_pointer (&self->server_name, g_free);

  G_OBJECT_CLASS (hilum_orthanc_parent_class)->finalize (object);
}

static void
hilum_orthanc_class_init (HilumOrthancClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = hilum_orthanc_finalize;
}

static void
hilum_orthanc_init (HilumOrthanc *self)
{
}

HilumOrthanc *
hilum_orthanc_new (HilumHttpClient *client)
{
  HilumOrthanc *self;

  g_return_val_if_fail (HILUM_IS_HTTP_CLIENT (client), NULL);

  self = g_object_new (HILUM_TYPE_ORTHANC, NULL);
  self->client = g_object_ref (client);
  self->server_name = hilum_server_get_display_name (hilum_http_client_get_server (client));
  return self;
}

HilumOrthanc *
hilum_orthanc_clone (HilumOrthanc *self)
{
  g_autoptr(HilumHttpClient) client = NULL;
  HilumOrthanc *clone;

  g_return_val_if_fail (HILUM_IS_ORTHANC (self), NULL);

  client = hilum_http_client_clone (self->client);
  clone = hilum_orthanc_new (client);
  clone->revisions_known = self->revisions_known;
  clone->revisions_real = self->revisions_real;
  return clone;
}

HilumHttpClient *
hilum_orthanc_get_client (HilumOrthanc *self)
{
  g_return_val_if_fail (HILUM_IS_ORTHANC (self), NULL);
  return self->client;
}

HilumOrthancSystem *
hilum_orthanc_get_system (HilumOrthanc  *self,
                          gboolean       check_dicomweb,
                          GCancellable  *cancellable,
                          GError       **error)
{
  const HilumServer *server;
  g_autoptr(HilumHttpResponse) response = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *url = NULL;
  HilumOrthancSystem *system;
  JsonObject *object;
  JsonNode *backend;

  g_return_val_if_fail (HILUM_IS_ORTHANC (self), NULL);

  server = hilum_http_client_get_server (self->client);
  url = hilum_server_build_url (server, "/system");
  if ((response = request (self, "GET", url, NULL, NULL, NULL, cancellable, error)) == NULL)
    return NULL;
  root = parse_body (self, response, NULL);
  object = root != NULL && JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  if (object_get_string (object, "Version") == NULL || !json_object_has_member (object, "ApiVersion"))
    {
      g_set_error (error, HILUM_SYNC_ERROR, HILUM_SYNC_ERROR_NOT_ORTHANC,
                   _("%s answers, but not as an Orthanc server; check the address."), self->server_name);
      return NULL;
    }

  system = g_new0 (HilumOrthancSystem, 1);
  system->name = g_strdup (object_get_string (object, "Name") ? object_get_string (object, "Name") : "");
  system->version = g_strdup (object_get_string (object, "Version"));
  backend = json_object_get_member (object, "DatabaseBackendPlugin");
  system->revisions_real = backend != NULL && !JSON_NODE_HOLDS_NULL (backend);
  self->revisions_known = TRUE;
  self->revisions_real = system->revisions_real;

  if (check_dicomweb)
    {
      g_autoptr(HilumHttpResponse) qido = NULL;
      g_autoptr(GError) local_error = NULL;
      g_autofree char *qido_url = hilum_server_build_dicomweb_url (server, "studies?limit=1");
      static const guint no_content[] = { 204, 0 };

      qido = hilum_http_client_send (self->client, "GET", qido_url, NULL, NULL, NULL, NULL,
                                     cancellable, &local_error);
      if (qido == NULL || !hilum_http_response_check (qido, self->server_name, no_content, &local_error))
        {
          if (g_error_matches (local_error, HILUM_SYNC_ERROR, HILUM_SYNC_ERROR_NOT_FOUND))
            g_set_error (error, HILUM_SYNC_ERROR, HILUM_SYNC_ERROR_NOT_ORTHANC,
                         _("The server %s has no DICOMweb service at %s; check the DICOMweb root."),
                         self->server_name, server->dicomweb_root);
          else
            g_propagate_error (error, g_steal_pointer (&local_error));
          hilum_orthanc_system_free (system);
          return NULL;
        }
    }
  return system;
}

static gboolean
ensure_revisions_known (HilumOrthanc  *self,
                        GCancellable  *cancellable,
                        GError       **error)
{
  g_autoptr(HilumOrthancSystem) system = NULL;

  if (self->revisions_known)
    return TRUE;
  system = hilum_orthanc_get_system (self, FALSE, cancellable, error);
  return system != NULL;
}

char *
hilum_orthanc_lookup_study (HilumOrthanc  *self,
                            const char    *study_uid,
                            GCancellable  *cancellable,
                            GError       **error)
{
  g_autoptr(HilumHttpResponse) response = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *url = NULL;
  JsonArray *array;

  g_return_val_if_fail (HILUM_IS_ORTHANC (self), NULL);
  g_return_val_if_fail (study_uid != NULL, NULL);

  url = hilum_server_build_url (hilum_http_client_get_server (self->client), "/tools/lookup");
  body = g_bytes_new (study_uid, strlen (study_uid));
  if ((response = request (self, "POST", url, NULL, body, NULL, cancellable, error)) == NULL)
    return NULL;
  if ((root = parse_body (self, response, error)) == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_ARRAY (root))
    {
      set_malformed (self, error);
      return NULL;
    }
  array = json_node_get_array (root);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      JsonObject *entry = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;

      if (g_strcmp0 (object_get_string (entry, "Type"), "Study") == 0 &&
          object_get_string (entry, "ID") != NULL)
        return g_strdup (object_get_string (entry, "ID"));
    }
  return NULL;
}

JsonObject *
hilum_orthanc_get_study (HilumOrthanc  *self,
                         const char    *study_id,
                         GCancellable  *cancellable,
                         GError       **error)
{
  g_autoptr(HilumHttpResponse) response = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *path = NULL;
  g_autofree char *url = NULL;

  g_return_val_if_fail (HILUM_IS_ORTHANC (self), NULL);

  path = g_strdup_printf ("/studies/%s", study_id);
  url = hilum_server_build_url (hilum_http_client_get_server (self->client), path);
  if ((response = request (self, "GET", url, NULL, NULL, NULL, cancellable, error)) == NULL)
    return NULL;
  if ((root = parse_body (self, response, error)) == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      set_malformed (self, error);
      return NULL;
    }
  return json_object_ref (json_node_get_object (root));
}

GPtrArray *
hilum_orthanc_list_studies (HilumOrthanc  *self,
                            GCancellable  *cancellable,
                            GError       **error)
{
  g_autoptr(HilumHttpResponse) response = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *url = NULL;
  GPtrArray *ids;
  JsonArray *array;

  g_return_val_if_fail (HILUM_IS_ORTHANC (self), NULL);

  url = hilum_server_build_url (hilum_http_client_get_server (self->client), "/studies");
  if ((response = request (self, "GET", url, NULL, NULL, NULL, cancellable, error)) == NULL)
    return NULL;
  if ((root = parse_body (self, response, error)) == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_ARRAY (root))
    {
      set_malformed (self, error);
      return NULL;
    }
  array = json_node_get_array (root);
  ids = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
        g_ptr_array_add (ids, g_strdup (json_node_get_string (node)));
    }
  return ids;
}

gint64
hilum_orthanc_count_studies (HilumOrthanc  *self,
                             GCancellable  *cancellable,
                             GError       **error)
{
  g_autoptr(HilumHttpResponse) response = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *url = NULL;
  JsonObject *object;
  JsonNode *count;

  g_return_val_if_fail (HILUM_IS_ORTHANC (self), -1);

  url = hilum_server_build_url (hilum_http_client_get_server (self->client), "/statistics");
  if ((response = request (self, "GET", url, NULL, NULL, NULL, cancellable, error)) == NULL ||
      (root = parse_body (self, response, error)) == NULL)
    return -1;
  object = JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  count = object != NULL ? json_object_get_member (object, "CountStudies") : NULL;
  if (count == NULL || json_node_get_value_type (count) != G_TYPE_INT64)
    {
      set_malformed (self, error);
      return -1;
    }
  return json_node_get_int (count);
}

static char *
attachment_url (HilumOrthanc *self,
                const char   *study_id,
                const char   *name,
                gboolean      data)
{
  g_autofree char *path = g_strdup_printf ("/studies/%s/attachments/%s%s", study_id, name,
                                           data ? "/data" : "");

  return hilum_server_build_url (hilum_http_client_get_server (self->client), path);
}

gboolean
hilum_orthanc_get_attachment (HilumOrthanc  *self,
                              const char    *study_id,
                              const char    *name,
                              const char    *if_none_match,
                              GBytes       **body,
                              char         **version,
                              GCancellable  *cancellable,
                              GError       **error)
{
  static const guint not_modified[] = { 304, 0 };
  g_autoptr(HilumHttpResponse) response = NULL;
  g_autofree char *url = NULL;
  g_autofree char *condition = NULL;
  const char *headers[2] = { NULL, NULL };

  g_return_val_if_fail (HILUM_IS_ORTHANC (self), FALSE);
  g_return_val_if_fail (body != NULL && version != NULL, FALSE);

  *body = NULL;
  *version = NULL;
  url = attachment_url (self, study_id, name, TRUE);
  if (if_none_match != NULL)
    headers[0] = condition = g_strdup_printf ("If-None-Match: \"%s\"", if_none_match);
  response = request (self, "GET", url, headers, NULL, not_modified, cancellable, error);
  if (response == NULL)
    return FALSE;
  if (response->status == 304)
    {
      *version = g_strdup (if_none_match);
      return TRUE;
    }
  if (response->etag == NULL)
    {
      set_malformed (self, error);
      return FALSE;
    }
  *body = g_bytes_ref (response->body);
  *version = g_strdup (response->etag);
  return TRUE;
}

gboolean
hilum_orthanc_put_attachment (HilumOrthanc  *self,
                              const char    *study_id,
                              const char    *name,
                              GBytes        *body,
                              const char    *if_match,
                              char         **version,
                              gboolean      *conflict,
                              GCancellable  *cancellable,
                              GError       **error)
{
  static const guint stale[] = { 409, 0 };
  g_autoptr(HilumHttpResponse) response = NULL;
  g_autofree char *url = NULL;
  g_autofree char *condition = NULL;
  const char *headers[3] = { "Content-Type: application/json", NULL, NULL };

  g_return_val_if_fail (HILUM_IS_ORTHANC (self), FALSE);
  g_return_val_if_fail (version != NULL && conflict != NULL, FALSE);

  *version = NULL;
  *conflict = FALSE;
  if (!ensure_revisions_known (self, cancellable, error))
    return FALSE;
  url = attachment_url (self, study_id, name, FALSE);
  if (if_match != NULL)
    headers[1] = condition = g_strdup_printf ("If-Match: \"%s\"", if_match);
  if ((response = request (self, "PUT", url, headers, body, stale, cancellable, error)) == NULL)
    return FALSE;
  if (response->status == 409)
    {
      *conflict = TRUE;
      return TRUE;
    }
  if (self->revisions_real && response->etag != NULL)
    *version = g_strdup (response->etag);
  else
    {
      /* The SQLite index compares the MD5 only and reads revision 0 back. */
      g_autofree char *md5 = g_compute_checksum_for_bytes (G_CHECKSUM_MD5, body);

      *version = g_strconcat ("0-", md5, NULL);
    }
  return TRUE;
}

GPtrArray *
hilum_orthanc_get_changes (HilumOrthanc  *self,
                           gint64         since,
                           guint          limit,
                           gint64        *last,
                           gboolean      *done,
                           GCancellable  *cancellable,
                           GError       **error)
{
  g_autoptr(HilumHttpResponse) response = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  g_autofree char *path = NULL;
  g_autofree char *url = NULL;
  JsonObject *object;
  JsonNode *list;
  JsonNode *last_node;
  JsonNode *done_node;

  g_return_val_if_fail (HILUM_IS_ORTHANC (self), NULL);

  path = g_strdup_printf ("/changes?since=%" G_GINT64_FORMAT "&limit=%u", since, limit);
  url = hilum_server_build_url (hilum_http_client_get_server (self->client), path);
  if ((response = request (self, "GET", url, NULL, NULL, NULL, cancellable, error)) == NULL)
    return NULL;
  if ((root = parse_body (self, response, error)) == NULL)
    return NULL;
  object = JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  list = object ? json_object_get_member (object, "Changes") : NULL;
  last_node = object ? json_object_get_member (object, "Last") : NULL;
  done_node = object ? json_object_get_member (object, "Done") : NULL;
  if (list == NULL || !JSON_NODE_HOLDS_ARRAY (list) || last_node == NULL ||
      json_node_get_value_type (last_node) != G_TYPE_INT64 || done_node == NULL ||
      json_node_get_value_type (done_node) != G_TYPE_BOOLEAN)
    {
      set_malformed (self, error);
      return NULL;
    }

  changes = g_ptr_array_new_with_free_func ((GDestroyNotify) hilum_orthanc_change_free);
  for (guint i = 0; i < json_array_get_length (json_node_get_array (list)); i++)
    {
      JsonNode *node = json_array_get_element (json_node_get_array (list), i);
      JsonObject *entry = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      JsonNode *seq = entry ? json_object_get_member (entry, "Seq") : NULL;
      HilumOrthancChange *change;

      if (seq == NULL || json_node_get_value_type (seq) != G_TYPE_INT64 ||
          object_get_string (entry, "ChangeType") == NULL || object_get_string (entry, "ID") == NULL)
        {
          set_malformed (self, error);
          return NULL;
        }
      change = g_new0 (HilumOrthancChange, 1);
      change->seq = json_node_get_int (seq);
      change->change_type = g_strdup (object_get_string (entry, "ChangeType"));
      change->resource_type = g_strdup (object_get_string (entry, "ResourceType"));
      change->id = g_strdup (object_get_string (entry, "ID"));
      g_ptr_array_add (changes, change);
    }
  *last = json_node_get_int (last_node);
  *done = json_node_get_boolean (done_node);
  return g_steal_pointer (&changes);
}

gboolean
hilum_orthanc_store_instances (HilumOrthanc  *self,
                               GPtrArray     *files,
                               GCancellable  *cancellable,
                               GError       **error)
{
  g_autoptr(HilumHttpResponse) response = NULL;
  g_autoptr(GByteArray) body = g_byte_array_new ();
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *boundary = NULL;
  g_autofree char *content_type = NULL;
  g_autofree char *url = NULL;
  const char *headers[3] = { NULL, "Accept: application/dicom+json", NULL };

  g_return_val_if_fail (HILUM_IS_ORTHANC (self), FALSE);
  g_return_val_if_fail (files != NULL, FALSE);

  if (files->len == 0)
    return TRUE;
  boundary = g_uuid_string_random ();
  for (guint i = 0; i < files->len; i++)
    {
      gsize length;
      const guint8 *data = g_bytes_get_data (files->pdata[i], &length);
      g_autofree char *part = g_strdup_printf ("--%s\r\nContent-Type: application/dicom\r\n\r\n", boundary);

      g_byte_array_append (body, (const guint8 *) part, strlen (part));
      g_byte_array_append (body, data, length);
      g_byte_array_append (body, (const guint8 *) "\r\n", 2);
    }
  {
    g_autofree char *end = g_strdup_printf ("--%s--\r\n", boundary);

    g_byte_array_append (body, (const guint8 *) end, strlen (end));
  }
  headers[0] = content_type =
    g_strdup_printf ("Content-Type: multipart/related; type=\"application/dicom\"; boundary=%s", boundary);
  bytes = g_byte_array_free_to_bytes (g_steal_pointer (&body));
  url = hilum_server_build_dicomweb_url (hilum_http_client_get_server (self->client), "studies");
  response = request (self, "POST", url, headers, bytes, NULL, cancellable, error);
  return response != NULL;
}

JsonArray *
hilum_orthanc_qido (HilumOrthanc  *self,
                    const char    *path,
                    const char    *query,
                    GCancellable  *cancellable,
                    GError       **error)
{
  static const guint no_content[] = { 204, 0 };
  g_autoptr(HilumHttpResponse) response = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *relative = NULL;
  g_autofree char *url = NULL;
  const char *headers[] = { "Accept: application/dicom+json", NULL };

  g_return_val_if_fail (HILUM_IS_ORTHANC (self), NULL);

  relative = query != NULL && *query != '\0' ? g_strconcat (path, "?", query, NULL) : g_strdup (path);
  url = hilum_server_build_dicomweb_url (hilum_http_client_get_server (self->client), relative);
  if ((response = request (self, "GET", url, headers, NULL, no_content, cancellable, error)) == NULL)
    return NULL;
  if (response->status == 204 || g_bytes_get_size (response->body) == 0)
    return json_array_new ();
  if ((root = parse_body (self, response, error)) == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_ARRAY (root))
    {
      set_malformed (self, error);
      return NULL;
    }
  return json_array_ref (json_node_get_array (root));
}

/* The first part of a multipart/related body. */
static GBytes *
first_part (GBytes     *body,
            const char *content_type)
{
  g_autofree char *delimiter = NULL;
  const char *start = content_type ? strstr (content_type, "boundary=") : NULL;
  const char *data;
  const char *part;
  const char *end;
  gsize length;

  if (start == NULL)
    return NULL;
  start += strlen ("boundary=");
  {
    g_autofree char *boundary = g_strdup (start + (*start == '"'));
    char *stop = strpbrk (boundary, "\";");

    if (stop != NULL)
      *stop = '\0';
    delimiter = g_strconcat ("--", g_strstrip (boundary), NULL);
  }
  data = g_bytes_get_data (body, &length);
  if (data == NULL || (part = g_strstr_len (data, length, delimiter)) == NULL)
    return NULL;
  part += strlen (delimiter);
  if ((part = g_strstr_len (part, length - (gsize) (part - data), "\r\n\r\n")) == NULL)
    return NULL;
  part += 4;
  /* The part ends at the next delimiter, which is preceded by CRLF. */
  for (end = part; end + strlen (delimiter) + 2 <= data + length; end++)
    if (end[0] == '\r' && end[1] == '\n' && memcmp (end + 2, delimiter, strlen (delimiter)) == 0)
      return g_bytes_new_from_bytes (body, (gsize) (part - data), (gsize) (end - part));
  return NULL;
}

GBytes *
hilum_orthanc_retrieve_instance (HilumOrthanc      *self,
                                 const char        *study_uid,
                                 const char        *series_uid,
                                 const char        *sop_uid,
                                 HilumHttpProgress  progress,
                                 gpointer           progress_data,
                                 GCancellable      *cancellable,
                                 GError           **error)
{
  g_autoptr(HilumHttpResponse) response = NULL;
  g_autofree char *path = NULL;
  g_autofree char *url = NULL;
  const char *headers[] = { "Accept: multipart/related; type=\"application/dicom\"", NULL };
  GBytes *file;

  g_return_val_if_fail (HILUM_IS_ORTHANC (self), NULL);

  path = g_strdup_printf ("studies/%s/series/%s/instances/%s", study_uid, series_uid, sop_uid);
  url = hilum_server_build_dicomweb_url (hilum_http_client_get_server (self->client), path);
  response = hilum_http_client_send (self->client, "GET", url, headers, NULL, progress, progress_data,
                                     cancellable, error);
  if (response == NULL || !hilum_http_response_check (response, self->server_name, NULL, error))
    return NULL;
  if ((file = first_part (response->body, response->content_type)) == NULL)
    {
      set_malformed (self, error);
      return NULL;
    }
  return file;
}
