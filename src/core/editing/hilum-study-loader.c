/* hilum-study-loader.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "hilum-study-loader"

#include "config.h"

#include <glib/gi18n.h>

#include "hilum-decoder.h"
#include "hilum-image.h"
#include "hilum-remote-image.h"
#include "hilum-store-cache.h"
#include "hilum-store-sync.h"
#include "hilum-study-loader.h"

static const char *
role_of_slot (HilumStudy *study,
              HilumImage *header)
{
  switch (hilum_study_find_slot (study, header))
    {
    case HILUM_SLOT_FRONTAL: return "current_frontal";
    case HILUM_SLOT_LATERAL: return "current_lateral";
    case HILUM_SLOT_PRIOR_FRONTAL:
    case HILUM_N_SLOTS:
    default: return "other";
    }
}

static const char *
image_id_of (HilumImage *header,
             char      **owned)
{
  const char *uid = hilum_image_get_string (header, HILUM_IMAGE_SOP_INSTANCE_UID);

  if (uid != NULL && uid[0] != '\0')
    return uid;
  *owned = g_path_get_basename (hilum_image_get_path (header));
  return *owned;
}

HilumDocument *
hilum_study_loader_new_document (HilumStudy *study)
{
  g_autoptr(HilumDocument) empty = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;
  JsonObject *study_object;
  JsonArray *images;
  GListModel *model;
  guint n;

  g_return_val_if_fail (HILUM_IS_STUDY (study), NULL);

  empty = hilum_document_new (hilum_study_get_id (study));
  root = hilum_document_to_json (empty);
  object = json_node_get_object (root);
  study_object = json_object_get_object_member (object, "study");
  images = json_array_new ();

  model = hilum_study_get_images (study);
  n = g_list_model_get_n_items (model);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(HilumImage) header = g_list_model_get_item (model, i);
      g_autofree char *owned = NULL;
      JsonObject *image;
      const char *date = hilum_image_get_string (header, HILUM_IMAGE_STUDY_DATE);
      const char *view_position = hilum_image_get_string (header, HILUM_IMAGE_VIEW_POSITION);
      const char *photometric = hilum_image_get_string (header, HILUM_IMAGE_PHOTOMETRIC);
      const char *uid = hilum_image_get_string (header, HILUM_IMAGE_SOP_INSTANCE_UID);

      /* The prior belongs to another study. */
      if (hilum_study_is_prior (study, header))
        continue;

      image = json_object_new ();
      json_object_set_string_member (image, "image_id", image_id_of (header, &owned));
      json_object_set_string_member (image, "role", role_of_slot (study, header));
      json_object_set_string_member (image, "view_position", view_position ? view_position : "");
      json_object_set_int_member (image, "width", hilum_image_get_width (header));
      json_object_set_int_member (image, "height", hilum_image_get_height (header));
      json_object_set_string_member (image, "photometric", photometric ? photometric : "");
      json_object_set_string_member (image, "file", hilum_image_get_path (header));
      json_object_set_string_member (image, "sop_instance_uid", uid ? uid : "");
      json_array_add_object_element (images, image);

      if (date != NULL && date[0] != '\0' &&
          g_strcmp0 (json_object_get_string_member (study_object, "study_date"), "") == 0)
        json_object_set_string_member (study_object, "study_date", date);
    }
  json_object_set_array_member (object, "images", images);

  return hilum_document_new_from_json (root, NULL);
}

static JsonObject *
demo_finding (const char *polarity,
              const char *en,
              const char *es,
              const char *label,
              const char *location)
{
  JsonObject *finding = hilum_finding_new (polarity);
  JsonObject *text = json_object_new ();
  JsonArray *labels = json_array_new ();
  JsonArray *locations = json_array_new ();

  json_object_set_string_member (text, "en", en);
  json_object_set_string_member (text, "es", es);
  json_object_set_object_member (finding, "text", text);
  json_array_add_string_element (labels, label);
  json_object_set_array_member (finding, "labels", labels);
  if (location != NULL)
    json_array_add_string_element (locations, location);
  json_object_set_array_member (finding, "locations", locations);
  return finding;
}

HilumDocument *
hilum_study_loader_new_demo_document (HilumStudy *study)
{
  g_autoptr(HilumDocument) plain = hilum_study_loader_new_document (study);
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;
  JsonObject *image;
  JsonArray *findings = json_array_new ();
  JsonArray *readers = json_array_new ();
  JsonObject *reader = json_object_new ();
  JsonObject *nodule;

  if (plain == NULL)
    return NULL;
  root = hilum_document_to_json (plain);
  object = json_node_get_object (root);

  json_object_set_string_member (reader, "reader_id", "demo");
  json_object_set_string_member (reader, "name", "Demo reader");
  json_object_set_string_member (reader, "role", "reader");
  json_object_set_null_member (reader, "source_slot");
  json_array_add_object_element (readers, reader);
  json_object_set_array_member (object, "readers", readers);

  /* The report is data, like an imported one: not translated. */
  nodule = demo_finding ("positive",
                         "Rounded opacity in the right lower lung field, suggestive of a nodule.",
                         "Opacidad redondeada en el campo pulmonar inferior derecho, sugestiva de nódulo.",
                         "nodule", "basal");
  image = hilum_document_find_image_by_role (plain, "current_frontal");
  if (image != NULL)
    {
      JsonArray *annotations = json_array_new ();
      JsonObject *annotation = json_object_new ();
      JsonArray *boxes = json_array_new ();
      JsonObject *box = json_object_new ();
      JsonArray *xyxy = json_array_new ();
      g_autofree char *box_id = hilum_uuid_new ();
      static const double demo_box[4] = { 0.17, 0.50, 0.35, 0.63 };

      for (guint i = 0; i < 4; i++)
        json_array_add_double_element (xyxy, demo_box[i]);
      json_object_set_string_member (box, "box_id", box_id);
      json_object_set_array_member (box, "xyxy_norm", xyxy);
      json_array_add_object_element (boxes, box);
      json_object_set_string_member (annotation, "reader_id", "demo");
      json_object_set_string_member (annotation, "image_id",
                                     json_object_get_string_member (image, "image_id"));
      json_object_set_string_member (annotation, "status", "boxed");
      json_object_set_array_member (annotation, "boxes", boxes);
      json_array_add_object_element (annotations, annotation);
      json_object_set_array_member (nodule, "annotations", annotations);
    }
  json_array_add_object_element (findings, nodule);
  json_array_add_object_element (findings,
                                 demo_finding ("negative",
                                               "No pleural effusion.",
                                               "No se observa derrame pleural.",
                                               "pleural effusion", NULL));
  json_object_set_array_member (object, "findings", findings);
  json_object_set_string_member (json_object_get_object_member (object, "study"), "indication",
                                 "Cough for three weeks.");

  return hilum_document_new_from_json (root, NULL);
}

guint
hilum_study_loader_register (HilumStore  *store,
                             GPtrArray   *studies,
                             gboolean     demo,
                             GError     **error)
{
  g_autoptr(GPtrArray) documents = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_val_if_fail (HILUM_IS_STORE (store), 0);

  for (guint i = 0; studies != NULL && i < studies->len; i++)
    {
      HilumStudy *study = g_ptr_array_index (studies, i);
      HilumDocument *document;

      if (hilum_store_has_study (store, hilum_study_get_id (study)))
        continue;
      document = demo ? hilum_study_loader_new_demo_document (study)
                      : hilum_study_loader_new_document (study);
      if (document != NULL)
        g_ptr_array_add (documents, document);
    }

  if (documents->len == 0)
    return 0;
  if (!hilum_store_put_documents (store, documents, NULL, NULL, error))
    return 0;
  /* The demo is for trying Hilum out: it never goes to a server. */
  for (guint i = 0; demo && i < documents->len; i++)
    if (!hilum_store_set_local_only (store, hilum_document_get_study_id (documents->pdata[i]), error))
      return 0;
  return documents->len;
}

/* A stand-in without pixels keeps an image in its slot: the study view tries to decode
 * the file and the slot shows why it cannot be read (or, for @unavailable, says so
 * without trying), while the report opens as usual. */
static HilumImage *
stand_in (JsonObject *image,
          const char *path)
{
  const char *uid = json_object_get_string_member_with_default (image, "sop_instance_uid", NULL);
  const char *view_position = json_object_get_string_member_with_default (image, "view_position", NULL);
  HilumImage *header;

  header = hilum_image_new_gray (MAX (1, json_object_get_int_member_with_default (image, "width", 1)),
                                 MAX (1, json_object_get_int_member_with_default (image, "height", 1)),
                                 1, NULL, 1.0, 0.0);
  hilum_image_set_path (header, path);
  if (uid != NULL && *uid != '\0')
    hilum_image_set_string (header, HILUM_IMAGE_SOP_INSTANCE_UID, uid);
  if (view_position != NULL && *view_position != '\0')
    hilum_image_set_string (header, HILUM_IMAGE_VIEW_POSITION, view_position);
  return header;
}

/* (transfer full) (nullable) where the image is on this computer: the file the document
 * names, else its copy in the image cache */
static char *
image_file (JsonObject       *image,
            HilumRemoteImage *remote,
            HilumStore       *store)
{
  const char *file = json_object_get_string_member_with_default (image, "file", NULL);
  char *cached;

  if (file != NULL && !g_path_is_absolute (file))
    file = NULL;
  if (file != NULL && g_file_test (file, G_FILE_TEST_EXISTS))
    return g_strdup (file);
  if (store != NULL && remote != NULL)
    {
      cached = hilum_store_cache_lookup (store, remote->sop_uid, NULL);
      if (cached != NULL && g_file_test (cached, G_FILE_TEST_EXISTS))
        return cached;
      /* Deleted behind Hilum's back: forget it, so it is downloaded again. */
      if (cached != NULL)
        hilum_store_cache_remove (store, remote->sop_uid, NULL);
      g_free (cached);
    }
  /* Missing: decoding it says so. */
  return g_strdup (file);
}

static gboolean
is_on_server (HilumStore *store,
              const char *study_id)
{
  g_autoptr(HilumSyncRecord) record = store != NULL ? hilum_store_get_sync_record (store, study_id, NULL) : NULL;

  return record != NULL && record->remote_id != NULL;
}

HilumStudy *
hilum_study_loader_build (HilumDocument *document,
                          HilumStore    *store,
                          GCancellable  *cancellable)
{
  g_autoptr(GPtrArray) remote = NULL;
  g_autoptr(GHashTable) remote_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  gboolean on_server_study;
  JsonArray *images;
  HilumStudy *study;
  JsonObject *root;

  g_return_val_if_fail (HILUM_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (store == NULL || HILUM_IS_STORE (store), NULL);

  study = hilum_study_new (hilum_document_get_study_id (document));
  root = hilum_document_get_root (document);
  images = json_object_has_member (root, "images") &&
           JSON_NODE_HOLDS_ARRAY (json_object_get_member (root, "images"))
           ? json_object_get_array_member (root, "images") : NULL;
  remote = hilum_remote_images_list (document);
  on_server_study = is_on_server (store, hilum_document_get_study_id (document));
  for (guint i = 0; i < remote->len; i++)
    g_hash_table_insert (remote_by_id, ((HilumRemoteImage *) remote->pdata[i])->image_id, remote->pdata[i]);

  for (guint i = 0; images != NULL && i < json_array_get_length (images); i++)
    {
      JsonNode *node = json_array_get_element (images, i);
      g_autoptr(HilumImage) header = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *file = NULL;
      HilumRemoteImage *on_server;
      JsonObject *image;
      const char *role;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      image = json_node_get_object (node);
      role = json_object_get_string_member_with_default (image, "role", "other");
      on_server = g_hash_table_lookup (remote_by_id,
                                       json_object_get_string_member_with_default (image, "image_id", ""));
      file = image_file (image, on_server, store);

      if ((file == NULL || !g_file_test (file, G_FILE_TEST_EXISTS)) && on_server_study && on_server != NULL)
        {
          /* A server study's image not downloaded yet: its slot says so. */
          g_autofree char *key = g_strconcat ("server:", on_server->sop_uid, NULL);

          header = stand_in (image, key);
          hilum_study_set_unavailable (study, key,
                                       _("This image has not been downloaded to this computer yet. "
                                         "Connect to the server to see it."));
        }
      else if (file == NULL)
        continue;
      else if ((header = hilum_decode_header (file, cancellable, &error)) == NULL)
        {
          hilum_study_add_failure (study, error->message);
          header = stand_in (image, file);
        }
      hilum_study_add_image (study, header);
      if (g_strcmp0 (role, "current_frontal") == 0)
        hilum_study_set_slot (study, HILUM_SLOT_FRONTAL, header);
      else if (g_strcmp0 (role, "current_lateral") == 0)
        hilum_study_set_slot (study, HILUM_SLOT_LATERAL, header);
    }

  return study;
}

const char *
hilum_study_loader_find_image_id (HilumDocument *document,
                                  HilumImage    *header)
{
  JsonObject *root;
  JsonArray *images;
  const char *uid;
  const char *path;
  g_autofree char *basename = NULL;

  g_return_val_if_fail (HILUM_IS_DOCUMENT (document), NULL);

  if (header == NULL)
    return NULL;

  root = hilum_document_get_root (document);
  if (!json_object_has_member (root, "images") ||
      !JSON_NODE_HOLDS_ARRAY (json_object_get_member (root, "images")))
    return NULL;
  images = json_object_get_array_member (root, "images");
  uid = hilum_image_get_string (header, HILUM_IMAGE_SOP_INSTANCE_UID);
  path = hilum_image_get_path (header);
  basename = path != NULL ? g_path_get_basename (path) : NULL;

  /* Three passes, most certain first: an image copied elsewhere keeps its UID. */
  for (guint pass = 0; pass < 3; pass++)
    for (guint i = 0; i < json_array_get_length (images); i++)
      {
        JsonNode *node = json_array_get_element (images, i);
        JsonObject *image;
        const char *image_id;
        const char *value;

        if (!JSON_NODE_HOLDS_OBJECT (node))
          continue;
        image = json_node_get_object (node);
        image_id = json_object_get_string_member_with_default (image, "image_id", NULL);
        if (image_id == NULL)
          continue;

        if (pass == 0)
          {
            value = json_object_get_string_member_with_default (image, "sop_instance_uid", NULL);
            if (uid != NULL && uid[0] != '\0' && (g_strcmp0 (value, uid) == 0 || g_strcmp0 (image_id, uid) == 0))
              return image_id;
          }
        else if (pass == 1)
          {
            value = json_object_get_string_member_with_default (image, "file", NULL);
            if (path != NULL && g_strcmp0 (value, path) == 0)
              return image_id;
          }
        else
          {
            value = json_object_get_string_member_with_default (image, "file", NULL);
            if (basename != NULL && value != NULL)
              {
                g_autofree char *other = g_path_get_basename (value);

                if (g_str_equal (other, basename) || g_strcmp0 (image_id, basename) == 0)
                  return image_id;
              }
          }
      }
  return NULL;
}
