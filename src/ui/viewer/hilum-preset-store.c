/* hilum-preset-store.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "hilum-preset-store"

#include "config.h"

#include "hilum-preset-store.h"

typedef struct
{
  char   *name;
  double  center;
  double  width;
} UserPreset;

struct _HilumPresetStore
{
  GObject    parent_instance;
  GSettings *settings;
  GArray    *presets;   /* UserPreset */
};

G_DEFINE_FINAL_TYPE (HilumPresetStore, hilum_preset_store, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
user_preset_clear (gpointer data)
{
  UserPreset *p = data;

  g_clear_pointer (&p->name, g_free);
}

static void
hilum_preset_store_reload (HilumPresetStore *self)
{
  g_autoptr(GVariant) value = NULL;
  GVariantIter iter;
  const char *name;
  double center, width;

  g_array_set_size (self->presets, 0);
  value = g_settings_get_value (self->settings, "user-presets");
  g_variant_iter_init (&iter, value);
  while (g_variant_iter_next (&iter, "(&sdd)", &name, &center, &width))
    {
      UserPreset p = { g_strdup (name), center, MAX (width, 1.0) };

      g_array_append_val (self->presets, p);
    }
}

static void
hilum_preset_store_save (HilumPresetStore *self)
{
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a(sdd)"));
  for (guint i = 0; i < self->presets->len; i++)
    {
      UserPreset *p = &g_array_index (self->presets, UserPreset, i);

      g_variant_builder_add (&builder, "(sdd)", p->name, p->center, p->width);
    }
  /* The "changed::user-presets" handler reloads and emits "changed". */
  g_settings_set_value (self->settings, "user-presets", g_variant_builder_end (&builder));
}

static void
settings_changed_cb (HilumPresetStore *self,
                     const char       *key,
                     GSettings        *settings)
{
  hilum_preset_store_reload (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
hilum_preset_store_finalize (GObject *object)
{
  HilumPresetStore *self = (HilumPresetStore *)object;

  g_clear_object (&self->settings);
  g_clear_pointer (&self->presets, g_array_unref);

  G_OBJECT_CLASS (hilum_preset_store_parent_class)->finalize (object);
}

static void
hilum_preset_store_class_init (HilumPresetStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = hilum_preset_store_finalize;

  signals[CHANGED] = g_signal_new ("changed",
                                   G_TYPE_FROM_CLASS (klass),
                                   G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 0);
}

static void
hilum_preset_store_init (HilumPresetStore *self)
{
  self->presets = g_array_new (FALSE, TRUE, sizeof (UserPreset));
  g_array_set_clear_func (self->presets, user_preset_clear);
}

HilumPresetStore *
hilum_preset_store_new (GSettings *settings)
{
  HilumPresetStore *self;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (HILUM_TYPE_PRESET_STORE, NULL);
  self->settings = g_object_ref (settings);
  hilum_preset_store_reload (self);
  g_signal_connect_object (settings, "changed::user-presets",
                           G_CALLBACK (settings_changed_cb), self, G_CONNECT_SWAPPED);
  return self;
}

guint
hilum_preset_store_get_n_presets (HilumPresetStore *self)
{
  g_return_val_if_fail (HILUM_IS_PRESET_STORE (self), 0);

  return self->presets->len;
}

gboolean
hilum_preset_store_get_preset (HilumPresetStore  *self,
                               guint              index,
                               const char       **name,
                               double            *center,
                               double            *width)
{
  UserPreset *p;

  g_return_val_if_fail (HILUM_IS_PRESET_STORE (self), FALSE);

  if (index >= self->presets->len)
    return FALSE;

  p = &g_array_index (self->presets, UserPreset, index);
  if (name)
    *name = p->name;
  if (center)
    *center = p->center;
  if (width)
    *width = p->width;
  return TRUE;
}

void
hilum_preset_store_add (HilumPresetStore *self,
                        const char       *name,
                        double            center,
                        double            width)
{
  UserPreset p;

  g_return_if_fail (HILUM_IS_PRESET_STORE (self));
  g_return_if_fail (name != NULL && *name != '\0');

  for (guint i = 0; i < self->presets->len; i++)
    {
      UserPreset *old = &g_array_index (self->presets, UserPreset, i);

      if (g_strcmp0 (old->name, name) == 0)
        {
          old->center = center;
          old->width = MAX (width, 1.0);
          hilum_preset_store_save (self);
          return;
        }
    }

  p.name = g_strdup (name);
  p.center = center;
  p.width = MAX (width, 1.0);
  g_array_append_val (self->presets, p);
  hilum_preset_store_save (self);
}

void
hilum_preset_store_remove (HilumPresetStore *self,
                           guint             index)
{
  g_return_if_fail (HILUM_IS_PRESET_STORE (self));

  if (index >= self->presets->len)
    return;

  g_array_remove_index (self->presets, index);
  hilum_preset_store_save (self);
}
