/* hilum-scan.c — files and folders into studies
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every file may be DICOM, with or without an extension (PACS exports rarely have
 * one), so every file is tried except those whose extension says plainly that they
 * are something else. Headers are read by the hilum-decode helper: one process per
 * file, whose start-up (GDCM loading its dictionaries, ~12 ms) dominates a header
 * read, so one file per core is decoded at once (two at least: while one process
 * starts, the other is reading).
 */
#define G_LOG_DOMAIN "hilum-scan"

#include "config.h"

#include <string.h>
#include <sys/stat.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "hilum-decoder.h"
#include "hilum-image.h"
#include "hilum-study.h"


typedef struct
{
  char       *path;
  gboolean    worth_decoding;   /* named by the user, or by an image extension */
  HilumImage *header;
  GError     *error;
} Candidate;

typedef struct
{
  GPtrArray    *candidates;
  GCancellable *cancellable;
  GMutex        lock;
  GCond         cond;
  guint         pending;
} ScanJob;

static void
candidate_free (Candidate *c)
{
  g_free (c->path);
  g_clear_object (&c->header);
  g_clear_error (&c->error);
  g_free (c);
}

/* Files that are certainly not images: not worth a helper process each. */
static gboolean
skip_by_name (const char *name)
{
  static const char * const skipped[] = {
    ".txt", ".json", ".csv", ".tsv", ".md", ".html", ".htm", ".xml", ".pdf", ".zip",
    ".gz", ".tgz", ".bz2", ".xz", ".7z", ".tar", ".ini", ".log", ".yaml", ".yml", ".py",
    ".sh", ".exe", ".dll", ".db", ".sqlite", ".doc", ".docx", ".xls", ".xlsx", ".rtf",
    ".nii", ".mp4", ".avi", ".mov", ".svg", ".css", ".js", NULL,
  };
  g_autofree char *lower = g_ascii_strdown (name, -1);

  /* DICOMDIR is an index of a medium, not an image; some make GDCM abort. */
  if (g_ascii_strcasecmp (name, "DICOMDIR") == 0)
    return TRUE;

  for (guint i = 0; skipped[i] != NULL; i++)
    if (g_str_has_suffix (lower, skipped[i]))
      return TRUE;
  return FALSE;
}

/* A name that promises an image: a file that is not one is worth reporting. */
static gboolean
image_by_name (const char *name)
{
  static const char * const images[] = {
    ".dcm", ".dicom", ".dic", ".png", ".jpg", ".jpeg", NULL,
  };
  g_autofree char *lower = g_ascii_strdown (name, -1);

  for (guint i = 0; images[i] != NULL; i++)
    if (g_str_has_suffix (lower, images[i]))
      return TRUE;
  return FALSE;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char **) a, *(const char **) b);
}

/* Whether the first bytes could start an image Hilum reads: DICOM Part 10 ("DICM" at
 * 128), a bare DICOM data set (group 0002 or 0008 first, either byte order), PNG or
 * JPEG. Saves a helper process for each of the README, LOCKFILE and VERSION files that
 * share folders with DICOM files without extension. */
static gboolean
sniff_maybe_image (const char *path)
{
  guint8 head[132];
  gssize n;
  FILE *f = g_fopen (path, "rb");

  if (f == NULL)
    return TRUE;   /* let the decoder say why it cannot be read */
  n = fread (head, 1, sizeof head, f);
  fclose (f);

  if (n == (gssize) sizeof head && memcmp (head + 128, "DICM", 4) == 0)
    return TRUE;
  if (n >= 8 && memcmp (head, "\x89PNG\r\n\x1a\n", 8) == 0)
    return TRUE;
  if (n >= 3 && head[0] == 0xff && head[1] == 0xd8 && head[2] == 0xff)
    return TRUE;
  if (n >= 4 && ((head[0] == 0x08 && head[1] == 0x00) || (head[0] == 0x02 && head[1] == 0x00) ||
                 (head[0] == 0x00 && head[1] == 0x08) || (head[0] == 0x00 && head[1] == 0x02)))
    return TRUE;
  return FALSE;
}

/* Walks @path; @visited holds the (device, inode) of folders already entered, so a
 * symbolic link back up the tree is entered once only. */
static void
collect (const char   *path,
         gboolean      explicit,
         GHashTable   *visited,
         GHashTable   *named,
         GPtrArray    *files,
         GPtrArray    *failures,
         GCancellable *cancellable)
{
  g_autofree char *base = g_path_get_basename (path);
  GStatBuf st;

  if (g_cancellable_is_cancelled (cancellable))
    return;
  /* Hidden files are skipped unless asked for by name. */
  if (!explicit && base[0] == '.')
    return;

  if (g_stat (path, &st) != 0)
    {
      if (explicit && failures != NULL)
        g_ptr_array_add (failures,
                         g_strdup_printf (_("“%s” does not exist or cannot be read."), path));
      return;
    }

  if (S_ISDIR (st.st_mode))
    {
      g_autoptr(GDir) dir = NULL;
      g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
      char *id = g_strdup_printf ("%" G_GUINT64_FORMAT ":%" G_GUINT64_FORMAT,
                                  (guint64) st.st_dev, (guint64) st.st_ino);
      const char *name;

      if (!g_hash_table_add (visited, id))
        return;

      dir = g_dir_open (path, 0, NULL);
      if (dir == NULL)
        {
          if (failures != NULL)
            g_ptr_array_add (failures,
                             g_strdup_printf (_("The folder “%s” cannot be read."), path));
          return;
        }
      while ((name = g_dir_read_name (dir)) != NULL)
        g_ptr_array_add (names, g_strdup (name));
      /* Deterministic order, whatever the file system does. */
      g_ptr_array_sort (names, compare_names);
      for (guint i = 0; i < names->len; i++)
        {
          g_autofree char *child = g_build_filename (path, g_ptr_array_index (names, i), NULL);

          collect (child, FALSE, visited, named, files, failures, cancellable);
        }
    }
  else if (S_ISREG (st.st_mode))
    {
      char *canonical;

      if (!explicit && skip_by_name (base))
        return;
      canonical = g_canonicalize_filename (path, NULL);
      /* The same file reached twice (a folder and a file in it, a link) counts once. */
      if (!g_hash_table_add (visited, canonical))
        return;
      g_ptr_array_add (files, g_strdup (canonical));
      if (explicit)
        g_hash_table_add (named, g_strdup (canonical));
    }
}

static void
decode_cb (gpointer data,
           gpointer user_data)
{
  Candidate *c = data;
  ScanJob *job = user_data;

  if (!g_cancellable_is_cancelled (job->cancellable))
    {
      if (c->worth_decoding || sniff_maybe_image (c->path))
        c->header = hilum_decode_header (c->path, job->cancellable, &c->error);
      else
        /* Never shown: a file nobody expected to be an image is left out quietly. */
        g_set_error (&c->error, HILUM_DECODE_ERROR, HILUM_DECODE_ERROR_NOT_AN_IMAGE,
                     "%s is not an image", c->path);
    }

  g_mutex_lock (&job->lock);
  job->pending--;
  g_cond_signal (&job->cond);
  g_mutex_unlock (&job->lock);
}

static int
view_rank (HilumImage *image)
{
  switch (hilum_image_get_view (image))
    {
    case HILUM_VIEW_FRONTAL:
      return 0;
    case HILUM_VIEW_LATERAL:
      return 1;
    case HILUM_VIEW_UNKNOWN:
    default:
      return 2;
    }
}

static int
compare_headers (gconstpointer a,
                 gconstpointer b)
{
  HilumImage *ia = *(HilumImage **) a, *ib = *(HilumImage **) b;
  g_autofree char *na = g_path_get_basename (hilum_image_get_path (ia));
  g_autofree char *nb = g_path_get_basename (hilum_image_get_path (ib));
  int cmp = view_rank (ia) - view_rank (ib);

  if (cmp == 0)
    cmp = g_utf8_collate (na, nb);
  if (cmp == 0)
    cmp = g_strcmp0 (hilum_image_get_path (ia), hilum_image_get_path (ib));
  return cmp;
}

static int
compare_studies (gconstpointer a,
                 gconstpointer b)
{
  HilumStudy *sa = *(HilumStudy **) a, *sb = *(HilumStudy **) b;
  int cmp = g_utf8_collate (hilum_study_get_title (sa), hilum_study_get_title (sb));

  return cmp != 0 ? cmp : g_strcmp0 (hilum_study_get_id (sa), hilum_study_get_id (sb));
}

/* "Chest PA — 2024-03-01": the description and date of a DICOM study, else the
 * folder's name. */
static char *
make_title (HilumImage *header,
            const char *folder)
{
  const char *description = hilum_image_get_string (header, HILUM_IMAGE_STUDY_DESCRIPTION);
  const char *date = hilum_image_get_string (header, HILUM_IMAGE_STUDY_DATE);
  g_autofree char *pretty_date = NULL;

  if (strlen (date) == 8 && strspn (date, "0123456789") == 8)
    pretty_date = g_strdup_printf ("%.4s-%.2s-%.2s", date, date + 4, date + 6);
  else if (*date != '\0')
    pretty_date = g_strdup (date);

  if (*description != '\0' && pretty_date != NULL)
    /* Translators: a study title: the study description, then its date */
    return g_strdup_printf (_("%s — %s"), description, pretty_date);
  if (*description != '\0')
    return g_strdup (description);
  if (pretty_date != NULL && *hilum_image_get_string (header, HILUM_IMAGE_STUDY_INSTANCE_UID) != '\0')
    /* Translators: the title of a DICOM study without a description */
    return g_strdup_printf (_("Study of %s"), pretty_date);
  return g_path_get_basename (folder);
}

typedef struct
{
  HilumStudy *study;
  const char *patient_id;
  const char *date;
} StudyKey;

static int
compare_study_keys (gconstpointer a,
                    gconstpointer b)
{
  const StudyKey *ka = a, *kb = b;
  int cmp = strcmp (ka->patient_id, kb->patient_id);

  if (cmp == 0)
    cmp = strcmp (ka->date, kb->date);
  if (cmp == 0)
    cmp = g_strcmp0 (hilum_study_get_id (ka->study), hilum_study_get_id (kb->study));
  return cmp;
}

static gboolean
is_dicom_date (const char *date)
{
  return strlen (date) == 8 && strspn (date, "0123456789") == 8;
}

/* Each study of a patient gets, as its prior frontal, the frontal image of the most
 * recent earlier study of the same PatientID (by StudyDate; StudyTime is not read, so
 * two studies of one day are not each other's prior). The earlier study stays a
 * study of its own. @groups maps study id → its headers (sorted, frontal first). */
static void
assign_priors (GHashTable *studies,
               GHashTable *groups)
{
  g_autoptr(GArray) keys = g_array_new (FALSE, FALSE, sizeof (StudyKey));
  GHashTableIter iter;
  gpointer id, value;

  g_hash_table_iter_init (&iter, groups);
  while (g_hash_table_iter_next (&iter, &id, &value))
    {
      GPtrArray *group = value;
      HilumImage *first = g_ptr_array_index (group, 0);
      StudyKey key = {
        .study = g_hash_table_lookup (studies, id),
        .patient_id = hilum_image_get_string (first, HILUM_IMAGE_PATIENT_ID),
        .date = hilum_image_get_string (first, HILUM_IMAGE_STUDY_DATE),
      };

      /* PNG/JPEG folders have neither; anonymised sets often have an empty ID. */
      if (*key.patient_id != '\0' && is_dicom_date (key.date))
        g_array_append_val (keys, key);
    }
  g_array_sort (keys, compare_study_keys);

  /* Sorted by patient, then date: the prior of a study is the last one before it
   * of the same patient with an earlier date. */
  for (guint i = 1; i < keys->len; i++)
    {
      StudyKey *k = &g_array_index (keys, StudyKey, i);

      for (guint j = i; j-- > 0;)
        {
          StudyKey *earlier = &g_array_index (keys, StudyKey, j);
          HilumImage *frontal;

          if (strcmp (earlier->patient_id, k->patient_id) != 0)
            break;
          if (strcmp (earlier->date, k->date) >= 0)
            continue;
          frontal = hilum_study_get_slot (earlier->study, HILUM_SLOT_FRONTAL);
          if (frontal != NULL)
            hilum_study_add_prior_image (k->study, frontal);
          break;
        }
    }
}

/**
 * hilum_scan_paths:
 * @paths: files and folders (folders are scanned recursively)
 * @failures: (nullable) (element-type utf8): where messages about files that belong
 *   to no study go (strings freed with g_free)
 *
 * Blocking: call it from a worker thread.
 *
 * Returns: (transfer full) (element-type HilumStudy): the studies, by title
 */
GPtrArray *
hilum_scan_paths (const char * const *paths,
                  GPtrArray          *failures,
                  GCancellable       *cancellable)
{
  g_autoptr(GHashTable) visited = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) named = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) groups = NULL;          /* study id → GPtrArray of headers */
  g_autoptr(GHashTable) folders = NULL;         /* folder → study id */
  g_autoptr(GHashTable) studies = NULL;         /* study id → HilumStudy */
  GPtrArray *result = g_ptr_array_new_with_free_func (g_object_unref);
  GThreadPool *pool;
  ScanJob job = { 0 };
  GHashTableIter iter;
  gpointer key, value;

  g_return_val_if_fail (paths != NULL, result);

  for (guint i = 0; paths[i] != NULL; i++)
    collect (paths[i], TRUE, visited, named, files, failures, cancellable);

  /* Read the headers, one per core at a time. */
  job.candidates = g_ptr_array_new_with_free_func ((GDestroyNotify) candidate_free);
  job.cancellable = cancellable;
  g_mutex_init (&job.lock);
  g_cond_init (&job.cond);
  job.pending = files->len;
  pool = g_thread_pool_new (decode_cb, &job, CLAMP (g_get_num_processors (), 2, 8), FALSE, NULL);
  for (guint i = 0; i < files->len; i++)
    {
      Candidate *c = g_new0 (Candidate, 1);

      g_autofree char *base = NULL;

      c->path = g_strdup (g_ptr_array_index (files, i));
      base = g_path_get_basename (c->path);
      c->worth_decoding = image_by_name (base) || g_hash_table_contains (named, c->path);
      g_ptr_array_add (job.candidates, c);
    }
  for (guint i = 0; i < job.candidates->len; i++)
    g_thread_pool_push (pool, g_ptr_array_index (job.candidates, i), NULL);
  g_mutex_lock (&job.lock);
  while (job.pending > 0)
    g_cond_wait (&job.cond, &job.lock);
  g_mutex_unlock (&job.lock);
  g_thread_pool_free (pool, FALSE, TRUE);
  g_mutex_clear (&job.lock);
  g_cond_clear (&job.cond);

  /* Group: DICOM by StudyInstanceUID, other images by folder. */
  groups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_ptr_array_unref);
  folders = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  studies = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  for (guint i = 0; i < job.candidates->len; i++)
    {
      Candidate *c = g_ptr_array_index (job.candidates, i);
      g_autofree char *folder = NULL;
      const char *uid;
      GPtrArray *group;

      if (c->header == NULL)
        continue;
      if (*hilum_image_get_path (c->header) == '\0')
        hilum_image_set_path (c->header, c->path);
      folder = g_path_get_dirname (c->path);
      uid = hilum_image_get_string (c->header, HILUM_IMAGE_STUDY_INSTANCE_UID);
      if (*uid == '\0')
        uid = folder;

      group = g_hash_table_lookup (groups, uid);
      if (group == NULL)
        {
          HilumStudy *study = hilum_study_new (uid);
          g_autofree char *title = make_title (c->header, folder);

          hilum_study_set_title (study, title);
          g_hash_table_insert (studies, g_strdup (uid), study);
          group = g_ptr_array_new_with_free_func (g_object_unref);
          g_hash_table_insert (groups, g_strdup (uid), group);
        }
      g_ptr_array_add (group, g_object_ref (c->header));
      if (!g_hash_table_contains (folders, folder))
        g_hash_table_insert (folders, g_strdup (folder), g_strdup (uid));
    }

  /* Images in a fixed order, so that the automatic slots are always the same. */
  g_hash_table_iter_init (&iter, groups);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      GPtrArray *group = value;
      HilumStudy *study = g_hash_table_lookup (studies, key);

      g_ptr_array_sort (group, compare_headers);
      for (guint i = 0; i < group->len; i++)
        hilum_study_add_image (study, g_ptr_array_index (group, i));
    }
  assign_priors (studies, groups);

  /* Failures: with the study of the same folder, else in @failures. Files that merely
   * are not images (a README without extension, a lock file) are not failures,
   * unless their name promised an image or the user named them. */
  for (guint i = 0; i < job.candidates->len; i++)
    {
      Candidate *c = g_ptr_array_index (job.candidates, i);
      g_autofree char *folder = NULL;
      const char *study_id;

      if (c->header != NULL || c->error == NULL)
        continue;
      if (g_error_matches (c->error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        continue;
      if (g_error_matches (c->error, HILUM_DECODE_ERROR, HILUM_DECODE_ERROR_NOT_AN_IMAGE) &&
          !c->worth_decoding)
        continue;

      folder = g_path_get_dirname (c->path);
      study_id = g_hash_table_lookup (folders, folder);
      if (study_id != NULL)
        hilum_study_add_failure (g_hash_table_lookup (studies, study_id), c->error->message);
      else if (failures != NULL)
        g_ptr_array_add (failures, g_strdup (c->error->message));
    }

  g_hash_table_iter_init (&iter, studies);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (result, g_object_ref (value));
  g_ptr_array_sort (result, compare_studies);

  g_ptr_array_unref (job.candidates);
  return result;
}
