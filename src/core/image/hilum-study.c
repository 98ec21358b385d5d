/* hilum-study.c — the images of one study and which one is shown in which slot
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "hilum-study"

#include "config.h"

#include <string.h>

#include "hilum-image.h"
#include "hilum-study.h"

struct _HilumStudy
{
  GObject parent_instance;

  char *id;
  char *title;
  GListStore *images;
  HilumImage *slots[HILUM_N_SLOTS];
  /* A slot the user chose is never taken over by the automatic assignment. */
  gboolean user_set[HILUM_N_SLOTS];
  GPtrArray *priors;             /* HilumImage from an older study */
  GPtrArray *failures;           /* translated strings */
  /* path → why the image is not on this computer (a server study not downloaded) */
  GHashTable *unavailable;
};

G_DEFINE_FINAL_TYPE (HilumStudy, hilum_study, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_TITLE,
  PROP_FRONTAL,
  PROP_LATERAL,
  PROP_PRIOR_FRONTAL,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static const int slot_props[HILUM_N_SLOTS] = {
  PROP_FRONTAL, PROP_LATERAL, PROP_PRIOR_FRONTAL,
};

static gboolean
hilum_study_has_image (HilumStudy *self,
                       HilumImage *header)
{
  guint pos;

  return g_list_store_find (self->images, header, &pos);
}

/* Puts @header into @slot without signalling; returns whether anything changed. */
static gboolean
hilum_study_put (HilumStudy *self,
                 HilumSlot   slot,
                 HilumImage *header)
{
  if (self->slots[slot] == header)
    return FALSE;

  g_set_object (&self->slots[slot], header);
  g_object_notify_by_pspec (G_OBJECT (self), properties[slot_props[slot]]);
  return TRUE;
}

static void
hilum_study_dispose (GObject *object)
{
  HilumStudy *self = (HilumStudy *) object;

  for (guint i = 0; i < HILUM_N_SLOTS; i++)
    g_clear_object (&self->slots[i]);
  g_clear_object (&self->images);
  g_clear_pointer (&self->priors, g_ptr_array_unref);

  G_OBJECT_CLASS (hilum_study_parent_class)->dispose (object);
}

static void
hilum_study_finalize (GObject *object)
{
  HilumStudy *self = (HilumStudy *) object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->failures, g_ptr_array_unref);
  g_clear_pointer (&self->unavailable, g_hash_table_unref);

  G_OBJECT_CLASS (hilum_study_parent_class)->finalize (object);
}

static void
hilum_study_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  HilumStudy *self = HILUM_STUDY (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_TITLE:
      g_value_set_string (value, hilum_study_get_title (self));
      break;
    case PROP_FRONTAL:
      g_value_set_object (value, self->slots[HILUM_SLOT_FRONTAL]);
      break;
    case PROP_LATERAL:
      g_value_set_object (value, self->slots[HILUM_SLOT_LATERAL]);
      break;
    case PROP_PRIOR_FRONTAL:
      g_value_set_object (value, self->slots[HILUM_SLOT_PRIOR_FRONTAL]);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hilum_study_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  HilumStudy *self = HILUM_STUDY (object);

  switch (prop_id)
    {
    case PROP_ID:
      self->id = g_value_dup_string (value);
      break;
    case PROP_TITLE:
      hilum_study_set_title (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hilum_study_class_init (HilumStudyClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = hilum_study_dispose;
  object_class->finalize = hilum_study_finalize;
  object_class->get_property = hilum_study_get_property;
  object_class->set_property = hilum_study_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FRONTAL] =
    g_param_spec_object ("frontal", NULL, NULL, HILUM_TYPE_IMAGE,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LATERAL] =
    g_param_spec_object ("lateral", NULL, NULL, HILUM_TYPE_IMAGE,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PRIOR_FRONTAL] =
    g_param_spec_object ("prior-frontal", NULL, NULL, HILUM_TYPE_IMAGE,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * HilumStudy::changed:
   *
   * The images or the slots changed (once per call that changed them): redraw.
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
hilum_study_init (HilumStudy *self)
{
  self->images = g_list_store_new (HILUM_TYPE_IMAGE);
  self->priors = g_ptr_array_new_with_free_func (g_object_unref);
  self->failures = g_ptr_array_new_with_free_func (g_free);
  self->unavailable = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

HilumStudy *
hilum_study_new (const char *study_id)
{
  g_return_val_if_fail (study_id != NULL, NULL);

  return g_object_new (HILUM_TYPE_STUDY, "id", study_id, NULL);
}

const char *
hilum_study_get_id (HilumStudy *self)
{
  g_return_val_if_fail (HILUM_IS_STUDY (self), NULL);

  return self->id;
}

const char *
hilum_study_get_title (HilumStudy *self)
{
  g_return_val_if_fail (HILUM_IS_STUDY (self), NULL);

  return self->title != NULL ? self->title : self->id;
}

void
hilum_study_set_title (HilumStudy *self,
                       const char *title)
{
  g_return_if_fail (HILUM_IS_STUDY (self));

  if (g_strcmp0 (self->title, title) == 0)
    return;
  g_free (self->title);
  self->title = g_strdup (title);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

void
hilum_study_add_image (HilumStudy *self,
                       HilumImage *header)
{
  HilumImage **frontal, **lateral;

  g_return_if_fail (HILUM_IS_STUDY (self));
  g_return_if_fail (HILUM_IS_IMAGE (header));

  if (hilum_study_has_image (self, header))
    return;
  g_list_store_append (self->images, header);

  frontal = &self->slots[HILUM_SLOT_FRONTAL];
  lateral = &self->slots[HILUM_SLOT_LATERAL];

  switch (hilum_image_get_view (header))
    {
    case HILUM_VIEW_FRONTAL:
      /* A real frontal takes the place of an image of unknown view put there only
       * because the slot was empty; that one moves on to an empty lateral slot. */
      if (*frontal == NULL ||
          (!self->user_set[HILUM_SLOT_FRONTAL] &&
           hilum_image_get_view (*frontal) == HILUM_VIEW_UNKNOWN))
        {
          if (*frontal != NULL && *lateral == NULL)
            hilum_study_put (self, HILUM_SLOT_LATERAL, *frontal);
          hilum_study_put (self, HILUM_SLOT_FRONTAL, header);
        }
      break;

    case HILUM_VIEW_LATERAL:
      if (*lateral == NULL ||
          (!self->user_set[HILUM_SLOT_LATERAL] &&
           hilum_image_get_view (*lateral) == HILUM_VIEW_UNKNOWN))
        hilum_study_put (self, HILUM_SLOT_LATERAL, header);
      break;

    case HILUM_VIEW_UNKNOWN:
    default:
      if (*frontal == NULL)
        hilum_study_put (self, HILUM_SLOT_FRONTAL, header);
      else if (*lateral == NULL)
        hilum_study_put (self, HILUM_SLOT_LATERAL, header);
      break;
    }

  g_signal_emit (self, signals[CHANGED], 0);
}

/**
 * hilum_study_add_prior_image:
 * @header: an image of an older study of the same patient
 *
 * Adds @header to the images and shows it in the PRIOR_FRONTAL slot (the newest
 * prior added wins unless the user chose another one).
 */
void
hilum_study_add_prior_image (HilumStudy *self,
                             HilumImage *header)
{
  g_return_if_fail (HILUM_IS_STUDY (self));
  g_return_if_fail (HILUM_IS_IMAGE (header));

  if (!hilum_study_has_image (self, header))
    g_list_store_append (self->images, header);
  if (!g_ptr_array_find (self->priors, header, NULL))
    g_ptr_array_add (self->priors, g_object_ref (header));
  if (!self->user_set[HILUM_SLOT_PRIOR_FRONTAL])
    hilum_study_put (self, HILUM_SLOT_PRIOR_FRONTAL, header);

  g_signal_emit (self, signals[CHANGED], 0);
}

/**
 * hilum_study_set_prior_image:
 * @header: an image of an older study, usually from outside the scanned folders
 *
 * Shows @header in the PRIOR_FRONTAL slot as the user's choice (remembered by
 * #HilumViewMemory, never replaced by an automatic prior).
 */
void
hilum_study_set_prior_image (HilumStudy *self,
                             HilumImage *header)
{
  g_return_if_fail (HILUM_IS_STUDY (self));
  g_return_if_fail (HILUM_IS_IMAGE (header));

  if (!g_ptr_array_find (self->priors, header, NULL))
    g_ptr_array_add (self->priors, g_object_ref (header));
  /* Adds it to the images, trades places if it was shown elsewhere, emits "changed". */
  hilum_study_set_slot (self, HILUM_SLOT_PRIOR_FRONTAL, header);
}

/* Whether @header was added with hilum_study_add_prior_image(). */
gboolean
hilum_study_is_prior (HilumStudy *self,
                      HilumImage *header)
{
  g_return_val_if_fail (HILUM_IS_STUDY (self), FALSE);

  return g_ptr_array_find (self->priors, header, NULL);
}

/**
 * hilum_study_get_images:
 *
 * Returns: (transfer none): the header images, a list model of #HilumImage
 */
GListModel *
hilum_study_get_images (HilumStudy *self)
{
  g_return_val_if_fail (HILUM_IS_STUDY (self), NULL);

  return G_LIST_MODEL (self->images);
}

HilumImage *
hilum_study_get_slot (HilumStudy *self,
                      HilumSlot   slot)
{
  g_return_val_if_fail (HILUM_IS_STUDY (self), NULL);
  g_return_val_if_fail (slot < HILUM_N_SLOTS, NULL);

  return self->slots[slot];
}

/* The slot showing @header, or HILUM_N_SLOTS when none does. */
HilumSlot
hilum_study_find_slot (HilumStudy *self,
                       HilumImage *header)
{
  g_return_val_if_fail (HILUM_IS_STUDY (self), HILUM_N_SLOTS);

  for (guint i = 0; i < HILUM_N_SLOTS; i++)
    if (header != NULL && self->slots[i] == header)
      return i;
  return HILUM_N_SLOTS;
}

/**
 * hilum_study_set_slot:
 * @header: (nullable): an image of the study, or %NULL to empty the slot
 *
 * The user's choice. If @header was shown in another slot, the two slots trade
 * places, so that one image is never shown twice.
 */
void
hilum_study_set_slot (HilumStudy *self,
                      HilumSlot   slot,
                      HilumImage *header)
{
  HilumSlot other;
  g_autoptr(HilumImage) previous = NULL;

  g_return_if_fail (HILUM_IS_STUDY (self));
  g_return_if_fail (slot < HILUM_N_SLOTS);
  g_return_if_fail (header == NULL || HILUM_IS_IMAGE (header));

  self->user_set[slot] = TRUE;
  if (self->slots[slot] == header)
    return;

  if (header != NULL && !hilum_study_has_image (self, header))
    g_list_store_append (self->images, header);

  previous = self->slots[slot] ? g_object_ref (self->slots[slot]) : NULL;
  other = hilum_study_find_slot (self, header);
  hilum_study_put (self, slot, header);
  if (other != HILUM_N_SLOTS)
    {
      self->user_set[other] = TRUE;
      hilum_study_put (self, other, previous);
    }

  g_signal_emit (self, signals[CHANGED], 0);
}

void
hilum_study_swap_views (HilumStudy *self)
{
  g_autoptr(HilumImage) frontal = NULL;

  g_return_if_fail (HILUM_IS_STUDY (self));

  self->user_set[HILUM_SLOT_FRONTAL] = TRUE;
  self->user_set[HILUM_SLOT_LATERAL] = TRUE;
  if (self->slots[HILUM_SLOT_FRONTAL] == self->slots[HILUM_SLOT_LATERAL])
    return;

  frontal = self->slots[HILUM_SLOT_FRONTAL] ? g_object_ref (self->slots[HILUM_SLOT_FRONTAL]) : NULL;
  hilum_study_put (self, HILUM_SLOT_FRONTAL, self->slots[HILUM_SLOT_LATERAL]);
  hilum_study_put (self, HILUM_SLOT_LATERAL, frontal);

  g_signal_emit (self, signals[CHANGED], 0);
}

/* Whether the user chose what @slot shows (set_slot, swap_views, or a remembered
 * choice re-applied). */
gboolean
hilum_study_get_slot_user_set (HilumStudy *self,
                               HilumSlot   slot)
{
  g_return_val_if_fail (HILUM_IS_STUDY (self), FALSE);
  g_return_val_if_fail (slot < HILUM_N_SLOTS, FALSE);

  return self->user_set[slot];
}

/**
 * hilum_study_get_failures:
 *
 * Returns: (transfer none) (element-type utf8): translated messages, one per file
 */
GPtrArray *
hilum_study_get_failures (HilumStudy *self)
{
  g_return_val_if_fail (HILUM_IS_STUDY (self), NULL);

  return self->failures;
}

void
hilum_study_add_failure (HilumStudy *self,
                         const char *message)
{
  g_return_if_fail (HILUM_IS_STUDY (self));
  g_return_if_fail (message != NULL);

  g_ptr_array_add (self->failures, g_strdup (message));
  g_signal_emit (self, signals[CHANGED], 0);
}

static int
compare_images (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  HilumImage *ia = (HilumImage *) a, *ib = (HilumImage *) b;
  /* Frontal, then lateral, then the unknown. */
  static const int rank[] = { [HILUM_VIEW_FRONTAL] = 0, [HILUM_VIEW_LATERAL] = 1, [HILUM_VIEW_UNKNOWN] = 2 };
  int ra = rank[hilum_image_get_view (ia)], rb = rank[hilum_image_get_view (ib)];
  g_autofree char *na = g_path_get_basename (hilum_image_get_path (ia));
  g_autofree char *nb = g_path_get_basename (hilum_image_get_path (ib));
  int cmp;

  if (ra != rb)
    return ra - rb;
  cmp = g_utf8_collate (na, nb);
  if (cmp != 0)
    return cmp;
  return g_strcmp0 (hilum_image_get_path (ia), hilum_image_get_path (ib));
}

/* Orders the image list by view (frontal, lateral, unknown), then file name. */
void
hilum_study_sort_images (HilumStudy *self)
{
  g_return_if_fail (HILUM_IS_STUDY (self));

  g_list_store_sort (self->images, compare_images, NULL);
}

/* ---------------------------------------------------------------- view identification */

static const char * const frontal_words[] = {
  "PA", "AP", "FRONTAL", "FRONT", "POSTEROANTERIOR", "ANTEROPOSTERIOR", "PAP", NULL,
};
static const char * const lateral_words[] = {
  "LATERAL", "LAT", "LL", "RL", "LLAT", "RLAT", "PERFIL", "LATERALE", NULL,
};

/* Upper-case ASCII words of @text (accents dropped: "TÓRAX" → "TORAX"). */
static char **
split_words (const char *text)
{
  g_autofree char *ascii = g_str_to_ascii (text, "C");
  g_autofree char *upper = g_ascii_strup (ascii, -1);
  g_autoptr(GPtrArray) words = g_ptr_array_new ();
  char *p = upper;

  while (*p != '\0')
    {
      char *start;

      while (*p != '\0' && !g_ascii_isalnum (*p))
        p++;
      start = p;
      while (g_ascii_isalnum (*p))
        p++;
      if (p > start)
        g_ptr_array_add (words, g_strndup (start, p - start));
    }
  g_ptr_array_add (words, NULL);

  return (char **) g_ptr_array_free (g_steal_pointer (&words), FALSE);
}

/* The view a description names, UNKNOWN when it names none or both ("PA Y LATERAL"). */
static HilumView
view_from_words (const char *text)
{
  g_auto(GStrv) words = NULL;
  gboolean frontal = FALSE, lateral = FALSE;

  if (text == NULL || *text == '\0')
    return HILUM_VIEW_UNKNOWN;

  words = split_words (text);
  for (guint i = 0; words[i] != NULL; i++)
    {
      if (g_strv_contains (frontal_words, words[i]))
        frontal = TRUE;
      else if (g_strv_contains (lateral_words, words[i]))
        lateral = TRUE;
      /* "postero-anterior", "antero posterior" */
      else if (words[i + 1] != NULL &&
               ((strcmp (words[i], "POSTERO") == 0 && strcmp (words[i + 1], "ANTERIOR") == 0) ||
                (strcmp (words[i], "ANTERO") == 0 && strcmp (words[i + 1], "POSTERIOR") == 0)))
        frontal = TRUE;
    }

  if (frontal == lateral)
    return HILUM_VIEW_UNKNOWN;
  return frontal ? HILUM_VIEW_FRONTAL : HILUM_VIEW_LATERAL;
}

/**
 * hilum_identify_view:
 *
 * DESIGN.md §Images step 5. ViewPosition (0018,5101) decides when it says PA/AP or
 * LL/RL/LATERAL (first word: "PA ERECT", "AP_SUPINE"); then SeriesDescription, then
 * ProtocolName, by whole words in English and Spanish.
 *
 * The shape is deliberately NOT used: frontal and lateral chest radiographs are taken
 * on the same detector formats (35×43 cm portrait, 43×43 square), so width and height
 * say nothing reliable; a wrong guess would be worse than UNKNOWN, for which the study
 * falls back to the order of the files. @width and @height are kept for the day a
 * stronger cue (e.g. an image classifier) needs them.
 */
HilumView
hilum_identify_view (const char *view_position,
                     const char *series_description,
                     const char *protocol_name,
                     guint       width,
                     guint       height)
{
  HilumView view;

  if (view_position != NULL && *view_position != '\0')
    {
      g_auto(GStrv) words = split_words (view_position);
      const char *first = words[0];

      if (first != NULL)
        {
          if (strcmp (first, "PA") == 0 || strcmp (first, "AP") == 0 ||
              strcmp (first, "POSTEROANTERIOR") == 0 || strcmp (first, "ANTEROPOSTERIOR") == 0)
            return HILUM_VIEW_FRONTAL;
          if (strcmp (first, "LL") == 0 || strcmp (first, "RL") == 0 ||
              strcmp (first, "LATERAL") == 0 || strcmp (first, "LAT") == 0 ||
              strcmp (first, "L") == 0)
            return HILUM_VIEW_LATERAL;
        }
    }

  view = view_from_words (series_description);
  if (view != HILUM_VIEW_UNKNOWN)
    return view;

  return view_from_words (protocol_name);
}

void
hilum_study_set_unavailable (HilumStudy *self,
                             const char *path,
                             const char *message)
{
  g_return_if_fail (HILUM_IS_STUDY (self));
  g_return_if_fail (path != NULL);
  g_return_if_fail (message != NULL);

  g_hash_table_replace (self->unavailable, g_strdup (path), g_strdup (message));
}

const char *
hilum_study_get_unavailable (HilumStudy *self,
                             const char *path)
{
  g_return_val_if_fail (HILUM_IS_STUDY (self), NULL);

  return path != NULL ? g_hash_table_lookup (self->unavailable, path) : NULL;
}

guint
hilum_study_count_unavailable (HilumStudy *self)
{
  g_return_val_if_fail (HILUM_IS_STUDY (self), 0);

  return g_hash_table_size (self->unavailable);
}
