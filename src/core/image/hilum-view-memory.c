/* hilum-view-memory.c — remembering which image the user shows in which slot
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * views.ini has one group per study (its id, escaped: ids are UIDs or folder paths)
 * and one key per slot the user chose; the value is the image key, "" for a slot the
 * user emptied. Only choices are stored: what the automatic assignment does by itself
 * needs no memory, and a study the user never touched has no group.
 *
 * A prior the user chose may come from outside the study's folders: its file is
 * stored too ("prior-frontal-path"), so that its header can be read again.
 */
#define G_LOG_DOMAIN "hilum-view-memory"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "hilum-image.h"
#include "hilum-study.h"
#include "hilum-view-memory.h"

struct _HilumViewMemory
{
  GObject parent_instance;

  char *path;
};

G_DEFINE_FINAL_TYPE (HilumViewMemory, hilum_view_memory, G_TYPE_OBJECT)
G_DEFINE_QUARK (hilum-view-memory-error-quark, hilum_view_memory_error)

static const char * const slot_keys[HILUM_N_SLOTS] = {
  "frontal", "lateral", "prior-frontal",
};
#define PRIOR_PATH_KEY "prior-frontal-path"

/* Group names may not hold '[', ']' or control characters; UTF-8 is fine. */
static char *
group_for_study (HilumStudy *study)
{
  return g_uri_escape_string (hilum_study_get_id (study), "/:.-_~ +", TRUE);
}

static GKeyFile *
load_key_file (HilumViewMemory *self)
{
  g_autoptr(GKeyFile) kf = g_key_file_new ();
  g_autoptr(GError) error = NULL;

  if (!g_key_file_load_from_file (kf, self->path, G_KEY_FILE_KEEP_COMMENTS, &error) &&
      !g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
    /* A damaged file must not stop the viewer: start afresh (it is rewritten on the
     * next choice). */
    g_message ("Ignoring %s: %s", self->path, error->message);

  return g_steal_pointer (&kf);
}

static void
hilum_view_memory_finalize (GObject *object)
{
  HilumViewMemory *self = (HilumViewMemory *) object;

  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (hilum_view_memory_parent_class)->finalize (object);
}

static void
hilum_view_memory_class_init (HilumViewMemoryClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = hilum_view_memory_finalize;
}

static void
hilum_view_memory_init (HilumViewMemory *self)
{
}

HilumViewMemory *
hilum_view_memory_new (const char *path)
{
  HilumViewMemory *self = g_object_new (HILUM_TYPE_VIEW_MEMORY, NULL);

  if (path != NULL)
    self->path = g_strdup (path);
  else
    self->path = g_build_filename (g_get_user_data_dir (), "hilum", "views.ini", NULL);

  return self;
}

/**
 * hilum_view_memory_get_default:
 *
 * Returns: (transfer none): the memory at $XDG_DATA_HOME/hilum/views.ini
 */
HilumViewMemory *
hilum_view_memory_get_default (void)
{
  static HilumViewMemory *memory;

  if (g_once_init_enter (&memory))
    g_once_init_leave (&memory, hilum_view_memory_new (NULL));

  return memory;
}

const char *
hilum_view_memory_get_path (HilumViewMemory *self)
{
  g_return_val_if_fail (HILUM_IS_VIEW_MEMORY (self), NULL);

  return self->path;
}

char *
hilum_view_memory_image_key (HilumImage *header)
{
  const char *uid;
  const char *path;

  g_return_val_if_fail (HILUM_IS_IMAGE (header), NULL);

  uid = hilum_image_get_string (header, HILUM_IMAGE_SOP_INSTANCE_UID);
  if (uid != NULL && *uid != '\0')
    return g_strdup (uid);

  path = hilum_image_get_path (header);
  if (path == NULL || *path == '\0')
    return NULL;
  if (g_path_is_absolute (path))
    return g_strdup (path);
  return g_canonicalize_filename (path, NULL);
}

static HilumImage *
find_image (HilumStudy *study,
            const char *key)
{
  GListModel *images = hilum_study_get_images (study);
  guint n = g_list_model_get_n_items (images);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(HilumImage) image = g_list_model_get_item (images, i);
      g_autofree char *image_key = hilum_view_memory_image_key (image);

      if (g_strcmp0 (image_key, key) == 0)
        return image;
    }
  return NULL;
}

gboolean
hilum_view_memory_apply (HilumViewMemory *self,
                         HilumStudy      *study)
{
  g_autoptr(GKeyFile) kf = NULL;
  g_autofree char *group = NULL;
  gboolean applied = FALSE;

  g_return_val_if_fail (HILUM_IS_VIEW_MEMORY (self), FALSE);
  g_return_val_if_fail (HILUM_IS_STUDY (study), FALSE);

  kf = load_key_file (self);
  group = group_for_study (study);
  if (!g_key_file_has_group (kf, group))
    return FALSE;

  for (guint slot = 0; slot < HILUM_N_SLOTS; slot++)
    {
      g_autofree char *key = g_key_file_get_string (kf, group, slot_keys[slot], NULL);
      HilumImage *image;

      if (key == NULL)
        continue;
      if (*key == '\0')
        {
          hilum_study_set_slot (study, slot, NULL);
          applied = TRUE;
          continue;
        }
      /* A file that is gone since: the automatic choice stands. */
      image = find_image (study, key);
      if (image == NULL)
        continue;
      hilum_study_set_slot (study, slot, image);
      applied = TRUE;
    }

  return applied;
}

char *
hilum_view_memory_get_missing_prior (HilumViewMemory *self,
                                     HilumStudy      *study)
{
  g_autoptr(GKeyFile) kf = NULL;
  g_autofree char *group = NULL;
  g_autofree char *key = NULL;
  g_autofree char *path = NULL;

  g_return_val_if_fail (HILUM_IS_VIEW_MEMORY (self), NULL);
  g_return_val_if_fail (HILUM_IS_STUDY (study), NULL);

  kf = load_key_file (self);
  group = group_for_study (study);
  key = g_key_file_get_string (kf, group, slot_keys[HILUM_SLOT_PRIOR_FRONTAL], NULL);
  path = g_key_file_get_string (kf, group, PRIOR_PATH_KEY, NULL);
  if (key == NULL || *key == '\0' || path == NULL || *path == '\0')
    return NULL;
  if (find_image (study, key) != NULL)
    return NULL;
  /* Moved or deleted since: nothing to show, and no error to give. */
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return NULL;

  return g_steal_pointer (&path);
}

gboolean
hilum_view_memory_remember (HilumViewMemory  *self,
                            HilumStudy       *study,
                            GError          **error)
{
  g_autoptr(GKeyFile) kf = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *group = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *prior_key = NULL;
  g_autofree char *prior_path = NULL;
  gboolean any = FALSE;

  g_return_val_if_fail (HILUM_IS_VIEW_MEMORY (self), FALSE);
  g_return_val_if_fail (HILUM_IS_STUDY (study), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  kf = load_key_file (self);
  group = group_for_study (study);

  /* A remembered prior whose header is still being read (or whose file is away for
   * now) is not chosen in @study yet: a swap meanwhile must not forget it. */
  if (!hilum_study_get_slot_user_set (study, HILUM_SLOT_PRIOR_FRONTAL))
    {
      prior_key = g_key_file_get_string (kf, group, slot_keys[HILUM_SLOT_PRIOR_FRONTAL], NULL);
      prior_path = g_key_file_get_string (kf, group, PRIOR_PATH_KEY, NULL);
    }
  g_key_file_remove_group (kf, group, NULL);
  if (prior_key != NULL)
    {
      g_key_file_set_string (kf, group, slot_keys[HILUM_SLOT_PRIOR_FRONTAL], prior_key);
      if (prior_path != NULL)
        g_key_file_set_string (kf, group, PRIOR_PATH_KEY, prior_path);
      any = TRUE;
    }

  for (guint slot = 0; slot < HILUM_N_SLOTS; slot++)
    {
      HilumImage *image;
      g_autofree char *key = NULL;

      if (!hilum_study_get_slot_user_set (study, slot))
        continue;
      image = hilum_study_get_slot (study, slot);
      key = image != NULL ? hilum_view_memory_image_key (image) : NULL;
      g_key_file_set_string (kf, group, slot_keys[slot], key != NULL ? key : "");
      if (slot == HILUM_SLOT_PRIOR_FRONTAL && image != NULL &&
          *hilum_image_get_path (image) != '\0')
        {
          g_autofree char *path = g_canonicalize_filename (hilum_image_get_path (image), NULL);

          g_key_file_set_string (kf, group, PRIOR_PATH_KEY, path);
        }
      any = TRUE;
    }
  if (!any)
    return TRUE;

  dir = g_path_get_dirname (self->path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int errsv = errno;

      g_set_error (error, HILUM_VIEW_MEMORY_ERROR, HILUM_VIEW_MEMORY_ERROR_WRITE,
                   _("Could not create the folder “%s”: %s"), dir, g_strerror (errsv));
      return FALSE;
    }

  /* g_key_file_save_to_file writes through g_file_set_contents: atomic. */
  if (!g_key_file_save_to_file (kf, self->path, &local_error))
    {
      g_set_error (error, HILUM_VIEW_MEMORY_ERROR, HILUM_VIEW_MEMORY_ERROR_WRITE,
                   _("Could not remember the chosen views in “%s”: %s"),
                   self->path, local_error->message);
      return FALSE;
    }

  return TRUE;
}

static void
study_changed_cb (HilumViewMemory *self,
                  HilumStudy      *study)
{
  g_autoptr(GError) error = NULL;
  gboolean user = FALSE;

  for (guint slot = 0; slot < HILUM_N_SLOTS; slot++)
    user |= hilum_study_get_slot_user_set (study, slot);

  /* Automatic assignments (while a scan adds images) are not choices. */
  if (user && !hilum_view_memory_remember (self, study, &error))
    g_message ("%s", error->message);
}

void
hilum_view_memory_watch (HilumViewMemory *self,
                         HilumStudy      *study)
{
  g_return_if_fail (HILUM_IS_VIEW_MEMORY (self));
  g_return_if_fail (HILUM_IS_STUDY (study));

  g_signal_connect_object (study, "changed", G_CALLBACK (study_changed_cb), self,
                           G_CONNECT_SWAPPED);
}
