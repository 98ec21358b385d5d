/* hilum-study-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "hilum-study-view"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "hilum-image.h"
#include "hilum-preset-store.h"
#include "hilum-renderer.h"
#include "hilum-study-view.h"
#include "hilum-study-view-private.h"
#include "hilum-resources-private.h"
#include "hilum-view-memory.h"
#include "hilum-viewport.h"

G_DEFINE_FINAL_TYPE (HilumStudyView, hilum_study_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STUDY,
  PROP_LOADING,
  PROP_LINK_WINDOW_LEVEL,
  PROP_SHOW_OVERLAYS,
  PROP_SHOW_PATIENT_INFO,
  PROP_INVERT_VERTICAL_DRAG,
  PROP_POINTER_TOOL,
  N_PROPS
};

enum {
  IMAGE_FAILED,
  LOADED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

typedef struct
{
  GWeakRef      self;
  GCancellable *cancellable;
  char         *path;
} LoadData;

static void
load_data_free (LoadData *data)
{
  g_weak_ref_clear (&data->self);
  g_clear_object (&data->cancellable);
  g_clear_pointer (&data->path, g_free);
  g_free (data);
}

static const char *
view_name (HilumView view)
{
  switch (view)
    {
    case HILUM_VIEW_FRONTAL:
      return _("Frontal");
    case HILUM_VIEW_LATERAL:
      return _("Lateral");
    case HILUM_VIEW_UNKNOWN:
    default:
      /* Translators: an image whose view (frontal or lateral) is not known */
      return _("Other view");
    }
}

static void hilum_study_view_update_slot (HilumStudyView *self,
                                          HilumSlot       slot);

static void
hilum_study_view_update_frame_ui (HilumStudyView *self)
{
  HilumImageView *view = hilum_image_slot_get_view (self->slots[self->active]);
  HilumImage *image = hilum_image_view_get_image (view);
  guint n_frames = image ? hilum_image_get_n_frames (image) : 1;

  gtk_widget_set_visible (self->frame_box, n_frames > 1);
  gtk_adjustment_set_upper (self->frame_adjustment, MAX (n_frames, 1));
  gtk_adjustment_set_value (self->frame_adjustment, hilum_image_view_get_frame (view) + 1);
}

static void
hilum_study_view_set_active (HilumStudyView *self,
                             HilumSlot       slot)
{
  if (self->active == slot)
    return;

  self->active = slot;
  hilum_study_view_update_frame_ui (self);
}

static void
decode_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  LoadData *data = user_data;
  g_autoptr(HilumStudyView) self = g_weak_ref_get (&data->self);
  g_autoptr(GError) error = NULL;
  g_autoptr(HilumImage) image = NULL;

  image = hilum_renderer_load_image_finish (result, &error);

  /* Gone, or a study that is no longer shown. */
  if (self == NULL || data->cancellable != self->cancellable)
    {
      load_data_free (data);
      return;
    }

  g_hash_table_remove (self->pending, data->path);

  if (image != NULL)
    {
      g_hash_table_insert (self->decoded, g_strdup (data->path), g_object_ref (image));
    }
  else
    {
      g_hash_table_insert (self->failed, g_strdup (data->path), g_strdup (error->message));
      g_signal_emit (self, signals[IMAGE_FAILED], 0, data->path, error->message);
    }

  for (guint i = 0; i < HILUM_N_SLOTS; i++)
    hilum_study_view_update_slot (self, i);

  if (g_hash_table_size (self->pending) == 0)
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
      g_signal_emit (self, signals[LOADED], 0);
    }

  load_data_free (data);
}

static void
hilum_study_view_start_decode (HilumStudyView *self,
                               const char     *path)
{
  LoadData *data;
  gboolean was_loading = g_hash_table_size (self->pending) > 0;

  if (g_hash_table_contains (self->pending, path))
    return;

  g_hash_table_add (self->pending, g_strdup (path));

  data = g_new0 (LoadData, 1);
  g_weak_ref_init (&data->self, self);
  data->cancellable = g_object_ref (self->cancellable);
  data->path = g_strdup (path);
  /* Decoded with its pyramid in a worker: nothing of it in the first frame. */
  hilum_renderer_load_image_async (path, self->cancellable, decode_cb, data);

  if (!was_loading)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
hilum_study_view_update_slot (HilumStudyView *self,
                              HilumSlot       slot)
{
  HilumImageSlot *widget = self->slots[slot];
  HilumImage *header = self->study ? hilum_study_get_slot (self->study, slot) : NULL;
  HilumImage *image;
  const char *path;
  const char *message;

  if (slot == HILUM_SLOT_PRIOR_FRONTAL)
    gtk_widget_set_visible (GTK_WIDGET (widget), header != NULL);

  if (header == NULL)
    {
      if (hilum_image_slot_get_state (widget) != HILUM_SLOT_STATE_EMPTY)
        hilum_image_slot_set_empty (widget);
      return;
    }

  path = hilum_image_get_path (header);

  if ((message = hilum_study_get_unavailable (self->study, path)) != NULL)
    {
      /* Not on this computer (a server study not downloaded yet): nothing to decode. */
      if (hilum_image_slot_get_state (widget) != HILUM_SLOT_STATE_ERROR ||
          g_strcmp0 (hilum_image_slot_get_path (widget), path) != 0)
        hilum_image_slot_set_unavailable (widget, path, message);
    }
  else if ((image = g_hash_table_lookup (self->decoded, path)))
    {
      HilumImageView *view = hilum_image_slot_get_view (widget);

      if (hilum_image_slot_get_state (widget) != HILUM_SLOT_STATE_IMAGE ||
          hilum_image_view_get_image (view) != image)
        {
          /* A new image sets its own default window: not a change to link. */
          self->syncing = TRUE;
          hilum_image_slot_set_image (widget, path, image);
          self->syncing = FALSE;
          if (slot == self->active)
            hilum_study_view_update_frame_ui (self);
        }
    }
  else if ((message = g_hash_table_lookup (self->failed, path)))
    {
      if (hilum_image_slot_get_state (widget) != HILUM_SLOT_STATE_ERROR ||
          g_strcmp0 (hilum_image_slot_get_path (widget), path) != 0)
        hilum_image_slot_set_error (widget, path, message);
    }
  else
    {
      if (hilum_image_slot_get_state (widget) != HILUM_SLOT_STATE_LOADING ||
          g_strcmp0 (hilum_image_slot_get_path (widget), path) != 0)
        hilum_image_slot_set_loading (widget, path);
      hilum_study_view_start_decode (self, path);
    }
}

static void
hilum_study_view_rebuild_slot_menus (HilumStudyView *self)
{
  GListModel *images = self->study ? hilum_study_get_images (self->study) : NULL;
  guint n = images ? g_list_model_get_n_items (images) : 0;

  for (guint s = 0; s < HILUM_N_SLOTS; s++)
    {
      g_autoptr(GMenu) menu = NULL;
      g_autoptr(GMenu) section = NULL;
      g_autoptr(GMenuModel) prior_section = NULL;

      if (self->study == NULL)
        {
          hilum_image_slot_set_menu (self->slots[s], NULL);
          continue;
        }

      menu = g_menu_new ();
      /* A prior can be chosen even for a study of one image. */
      prior_section = _hilum_study_view_prior_section (self);
      if (n < 2)
        {
          g_menu_append_section (menu, NULL, prior_section);
          hilum_image_slot_set_menu (self->slots[s], G_MENU_MODEL (menu));
          continue;
        }

      section = g_menu_new ();
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(HilumImage) header = g_list_model_get_item (images, i);
          g_autofree char *basename = g_path_get_basename (hilum_image_get_path (header));
          g_autofree char *label = NULL;
          g_autoptr(GMenuItem) item = NULL;

          /* Translators: a menu item choosing the image of a slot:
           * “<view> — <file name>”, e.g. “Lateral — IM0002.dcm” */
          label = g_strdup_printf (_("%s — %s"),
                                   hilum_study_is_prior (self->study, header)
                                   /* Translators: an image of an earlier study, in the
                                    * menu that chooses the image of a slot */
                                   ? _("Prior") : view_name (hilum_image_get_view (header)),
                                   basename);
          item = g_menu_item_new (label, NULL);
          g_menu_item_set_action_and_target_value (item, "study.assign",
                                                   g_variant_new ("(us)", s, hilum_image_get_path (header)));
          g_menu_append_item (section, item);
        }
      /* Translators: heading of the menu that chooses which image a slot shows */
      g_menu_append_section (menu, _("Show in This Place"), G_MENU_MODEL (section));
      g_menu_append_section (menu, NULL, prior_section);
      hilum_image_slot_set_menu (self->slots[s], G_MENU_MODEL (menu));
    }
}

/* Relative linking: see the header. */
static void
viewport_window_notify_cb (HilumStudyView *self,
                           GParamSpec     *pspec,
                           HilumViewport  *source)
{
  HilumImage *source_image = NULL;
  double center, width, smin, srange;

  if (!self->link_window_level || self->syncing)
    return;

  for (guint i = 0; i < HILUM_N_SLOTS; i++)
    {
      HilumImageView *view = hilum_image_slot_get_view (self->slots[i]);

      if (hilum_image_view_get_viewport (view) == source)
        source_image = hilum_image_view_get_image (view);
    }
  if (source_image == NULL)
    return;

  center = hilum_viewport_get_window_center (source);
  width = hilum_viewport_get_window_width (source);
  smin = hilum_image_get_min_value (source_image);
  srange = MAX (hilum_image_get_max_value (source_image) - smin, 1.0);

  self->syncing = TRUE;
  for (guint i = 0; i < HILUM_N_SLOTS; i++)
    {
      HilumImageView *view = hilum_image_slot_get_view (self->slots[i]);
      HilumViewport *viewport = hilum_image_view_get_viewport (view);
      HilumImage *image = hilum_image_view_get_image (view);
      double tmin, trange;

      if (viewport == source || image == NULL)
        continue;

      tmin = hilum_image_get_min_value (image);
      trange = MAX (hilum_image_get_max_value (image) - tmin, 1.0);
      hilum_viewport_set_window (viewport,
                                 tmin + (center - smin) / srange * trange,
                                 width / srange * trange);
    }
  self->syncing = FALSE;
}

static void
view_focus_enter_cb (GtkEventControllerFocus *controller,
                     HilumStudyView          *self)
{
  GtkWidget *view = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));

  for (guint i = 0; i < HILUM_N_SLOTS; i++)
    if (GTK_WIDGET (hilum_image_slot_get_view (self->slots[i])) == view)
      hilum_study_view_set_active (self, i);
}

static void
view_frame_notify_cb (HilumStudyView *self,
                      GParamSpec     *pspec,
                      HilumImageView *view)
{
  if (view == hilum_image_slot_get_view (self->slots[self->active]))
    hilum_study_view_update_frame_ui (self);
}

static void
frame_value_changed_cb (HilumStudyView *self,
                        GtkAdjustment  *adjustment)
{
  HilumImageView *view = hilum_image_slot_get_view (self->slots[self->active]);
  HilumImage *image = hilum_image_view_get_image (view);
  guint frame = (guint) MAX (gtk_adjustment_get_value (adjustment) - 1, 0);

  if (image != NULL && frame < hilum_image_get_n_frames (image) &&
      frame != hilum_image_view_get_frame (view))
    hilum_image_view_set_frame (view, frame);
}

static void
presets_changed_cb (HilumStudyView   *self,
                    HilumPresetStore *store)
{
  _hilum_study_view_rebuild_presets_menu (self);
}

/* The study changed its slots: a swap or a reassignment, here or elsewhere. */
static void
study_changed_cb (HilumStudyView *self,
                  HilumStudy     *study)
{
  for (guint i = 0; i < HILUM_N_SLOTS; i++)
    hilum_study_view_update_slot (self, i);
  hilum_study_view_rebuild_slot_menus (self);
  _hilum_study_view_update_prior (self);
}

static gboolean
pointer_tool_get_mapping (GValue   *value,
                          GVariant *variant,
                          gpointer  user_data)
{
  const char *nick = g_variant_get_string (variant, NULL);

  g_value_set_enum (value, g_strcmp0 (nick, "window-level") == 0
                           ? HILUM_POINTER_TOOL_WINDOW_LEVEL : HILUM_POINTER_TOOL_PAN);
  return TRUE;
}

static void
hilum_study_view_dispose (GObject *object)
{
  HilumStudyView *self = (HilumStudyView *)object;

  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), HILUM_TYPE_STUDY_VIEW);

  if (self->study_signals)
    g_signal_group_set_target (self->study_signals, NULL);
  g_clear_object (&self->study_signals);
  g_clear_object (&self->study);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->preset_store);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (hilum_study_view_parent_class)->dispose (object);
}

static void
hilum_study_view_finalize (GObject *object)
{
  HilumStudyView *self = (HilumStudyView *)object;

  g_clear_pointer (&self->decoded, g_hash_table_unref);
  g_clear_pointer (&self->failed, g_hash_table_unref);
  g_clear_pointer (&self->pending, g_hash_table_unref);

  G_OBJECT_CLASS (hilum_study_view_parent_class)->finalize (object);
}

static void
hilum_study_view_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  HilumStudyView *self = HILUM_STUDY_VIEW (object);

  switch (prop_id)
    {
    case PROP_STUDY:
      g_value_set_object (value, self->study);
      break;

    case PROP_LOADING:
      g_value_set_boolean (value, hilum_study_view_get_loading (self));
      break;

    case PROP_LINK_WINDOW_LEVEL:
      g_value_set_boolean (value, self->link_window_level);
      break;

    case PROP_SHOW_OVERLAYS:
      g_value_set_boolean (value, self->show_overlays);
      break;

    case PROP_SHOW_PATIENT_INFO:
      g_value_set_boolean (value, self->show_patient_info);
      break;

    case PROP_INVERT_VERTICAL_DRAG:
      g_value_set_boolean (value, self->invert_vertical_drag);
      break;

    case PROP_POINTER_TOOL:
      g_value_set_enum (value, self->pointer_tool);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hilum_study_view_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  HilumStudyView *self = HILUM_STUDY_VIEW (object);
  gboolean b;

  switch (prop_id)
    {
    case PROP_STUDY:
      hilum_study_view_set_study (self, g_value_get_object (value));
      break;

    case PROP_LINK_WINDOW_LEVEL:
      hilum_study_view_set_link_window_level (self, g_value_get_boolean (value));
      break;

    case PROP_SHOW_OVERLAYS:
      b = g_value_get_boolean (value);
      if (b != self->show_overlays)
        {
          self->show_overlays = b;
          for (guint i = 0; i < HILUM_N_SLOTS; i++)
            hilum_image_view_set_show_overlays (hilum_image_slot_get_view (self->slots[i]), b);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    case PROP_SHOW_PATIENT_INFO:
      b = g_value_get_boolean (value);
      if (b != self->show_patient_info)
        {
          self->show_patient_info = b;
          for (guint i = 0; i < HILUM_N_SLOTS; i++)
            hilum_image_view_set_show_patient_info (hilum_image_slot_get_view (self->slots[i]), b);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    case PROP_INVERT_VERTICAL_DRAG:
      b = g_value_get_boolean (value);
      if (b != self->invert_vertical_drag)
        {
          self->invert_vertical_drag = b;
          for (guint i = 0; i < HILUM_N_SLOTS; i++)
            hilum_image_view_set_invert_vertical_drag (hilum_image_slot_get_view (self->slots[i]), b);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    case PROP_POINTER_TOOL:
      if ((HilumPointerTool) g_value_get_enum (value) != self->pointer_tool)
        {
          self->pointer_tool = g_value_get_enum (value);
          for (guint i = 0; i < HILUM_N_SLOTS; i++)
            hilum_image_view_set_pointer_tool (hilum_image_slot_get_view (self->slots[i]),
                                               self->pointer_tool);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hilum_study_view_class_init (HilumStudyViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hilum_study_view_dispose;
  object_class->finalize = hilum_study_view_finalize;
  object_class->get_property = hilum_study_view_get_property;
  object_class->set_property = hilum_study_view_set_property;

  properties[PROP_STUDY] =
    g_param_spec_object ("study", NULL, NULL, HILUM_TYPE_STUDY,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LINK_WINDOW_LEVEL] =
    g_param_spec_boolean ("link-window-level", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOW_OVERLAYS] =
    g_param_spec_boolean ("show-overlays", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOW_PATIENT_INFO] =
    g_param_spec_boolean ("show-patient-info", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_INVERT_VERTICAL_DRAG] =
    g_param_spec_boolean ("invert-vertical-drag", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_POINTER_TOOL] =
    g_param_spec_enum ("pointer-tool", NULL, NULL, HILUM_TYPE_POINTER_TOOL, HILUM_POINTER_TOOL_PAN,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[IMAGE_FAILED] =
    g_signal_new ("image-failed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
  signals[LOADED] =
    g_signal_new ("loaded",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  g_type_ensure (HILUM_TYPE_IMAGE_SLOT);
  hilum_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/hilum/Hilum/hilum-study-view.ui");
  gtk_widget_class_bind_template_child (widget_class, HilumStudyView, box);
  gtk_widget_class_bind_template_child (widget_class, HilumStudyView, presets_button);
  gtk_widget_class_bind_template_child (widget_class, HilumStudyView, frame_box);
  gtk_widget_class_bind_template_child (widget_class, HilumStudyView, frame_spin);
  gtk_widget_class_bind_template_child (widget_class, HilumStudyView, frame_adjustment);
  gtk_widget_class_bind_template_child (widget_class, HilumStudyView, frontal_slot);
  gtk_widget_class_bind_template_child (widget_class, HilumStudyView, lateral_slot);
  gtk_widget_class_bind_template_child (widget_class, HilumStudyView, prior_slot);

  _hilum_study_view_class_add_actions (widget_class);
  _hilum_study_view_class_add_prior_actions (widget_class);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "studyview");
}

static void
hilum_study_view_init (HilumStudyView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->slots[HILUM_SLOT_FRONTAL] = self->frontal_slot;
  self->slots[HILUM_SLOT_LATERAL] = self->lateral_slot;
  self->slots[HILUM_SLOT_PRIOR_FRONTAL] = self->prior_slot;
  self->active = HILUM_SLOT_FRONTAL;
  self->show_overlays = TRUE;

  self->decoded = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->failed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->pending = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->cancellable = g_cancellable_new ();

  self->study_signals = g_signal_group_new (HILUM_TYPE_STUDY);
  g_signal_group_connect_object (self->study_signals, "changed",
                                 G_CALLBACK (study_changed_cb), self, G_CONNECT_SWAPPED);

  for (guint i = 0; i < HILUM_N_SLOTS; i++)
    {
      HilumImageView *view = hilum_image_slot_get_view (self->slots[i]);
      HilumViewport *viewport = hilum_image_view_get_viewport (view);
      GtkEventController *focus = gtk_event_controller_focus_new ();

      g_signal_connect_object (viewport, "notify::window-center",
                               G_CALLBACK (viewport_window_notify_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (viewport, "notify::window-width",
                               G_CALLBACK (viewport_window_notify_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (view, "notify::frame",
                               G_CALLBACK (view_frame_notify_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (focus, "enter", G_CALLBACK (view_focus_enter_cb), self, 0);
      gtk_widget_add_controller (GTK_WIDGET (view), focus);
      hilum_image_view_set_show_overlays (view, TRUE);
    }

  g_signal_connect_object (self->frame_adjustment, "value-changed",
                           G_CALLBACK (frame_value_changed_cb), self, G_CONNECT_SWAPPED);

  self->settings = g_settings_new (HILUM_SETTINGS_SCHEMA);
  self->preset_store = hilum_preset_store_new (self->settings);
  g_signal_connect_object (self->preset_store, "changed",
                           G_CALLBACK (presets_changed_cb), self, G_CONNECT_SWAPPED);
  _hilum_study_view_rebuild_presets_menu (self);

  g_settings_bind (self->settings, "link-window-level", self, "link-window-level", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "show-overlays", self, "show-overlays", G_SETTINGS_BIND_GET);
  g_settings_bind (self->settings, "show-patient-info", self, "show-patient-info", G_SETTINGS_BIND_GET);
  g_settings_bind (self->settings, "invert-vertical-drag", self, "invert-vertical-drag", G_SETTINGS_BIND_GET);
  g_settings_bind_with_mapping (self->settings, "pointer-tool", self, "pointer-tool", G_SETTINGS_BIND_GET,
                                pointer_tool_get_mapping, NULL, NULL, NULL);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "study.swap-views", FALSE);
  _hilum_study_view_update_prior (self);
}

GtkWidget *
hilum_study_view_new (void)
{
  return g_object_new (HILUM_TYPE_STUDY_VIEW, NULL);
}

HilumStudy *
hilum_study_view_get_study (HilumStudyView *self)
{
  g_return_val_if_fail (HILUM_IS_STUDY_VIEW (self), NULL);

  return self->study;
}

void
hilum_study_view_set_study (HilumStudyView *self,
                            HilumStudy     *study)
{
  g_return_if_fail (HILUM_IS_STUDY_VIEW (self));
  g_return_if_fail (!study || HILUM_IS_STUDY (study));

  if (self->study == study)
    return;

  /* Decodes of the previous study are abandoned. */
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  g_hash_table_remove_all (self->decoded);
  g_hash_table_remove_all (self->failed);
  g_hash_table_remove_all (self->pending);

  g_set_object (&self->study, study);

  if (study != NULL)
    {
      HilumViewMemory *memory = hilum_view_memory_get_default ();

      /* Slots the user chose in an earlier run, and remember new choices. */
      hilum_view_memory_apply (memory, study);
      if (g_object_get_data (G_OBJECT (study), "hilum-view-memory-watched") == NULL)
        {
          hilum_view_memory_watch (memory, study);
          g_object_set_data (G_OBJECT (study), "hilum-view-memory-watched", GINT_TO_POINTER (1));
        }
    }
  g_signal_group_set_target (self->study_signals, study);

  for (guint i = 0; i < HILUM_N_SLOTS; i++)
    hilum_image_slot_set_empty (self->slots[i]);
  for (guint i = 0; i < HILUM_N_SLOTS; i++)
    hilum_study_view_update_slot (self, i);
  hilum_study_view_rebuild_slot_menus (self);
  self->active = HILUM_SLOT_FRONTAL;
  hilum_study_view_update_frame_ui (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "study.swap-views", study != NULL);
  _hilum_study_view_update_prior (self);
  /* A remembered prior from another folder: its header is read in a thread. */
  _hilum_study_view_restore_prior (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STUDY]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
  if (g_hash_table_size (self->pending) == 0)
    g_signal_emit (self, signals[LOADED], 0);
}

HilumImageSlot *
hilum_study_view_get_slot (HilumStudyView *self,
                           HilumSlot       slot)
{
  g_return_val_if_fail (HILUM_IS_STUDY_VIEW (self), NULL);
  g_return_val_if_fail (slot < HILUM_N_SLOTS, NULL);

  return self->slots[slot];
}

HilumImageView *
hilum_study_view_get_view (HilumStudyView *self,
                           HilumSlot       slot)
{
  g_return_val_if_fail (HILUM_IS_STUDY_VIEW (self), NULL);
  g_return_val_if_fail (slot < HILUM_N_SLOTS, NULL);

  return hilum_image_slot_get_view (self->slots[slot]);
}

gboolean
hilum_study_view_get_loading (HilumStudyView *self)
{
  g_return_val_if_fail (HILUM_IS_STUDY_VIEW (self), FALSE);

  return g_hash_table_size (self->pending) > 0;
}

void
hilum_study_view_swap_views (HilumStudyView *self)
{
  g_return_if_fail (HILUM_IS_STUDY_VIEW (self));

  if (self->study == NULL)
    return;

  /* The study emits "changed"; the view memory remembers the choice. */
  hilum_study_swap_views (self->study);
}

void
hilum_study_view_assign (HilumStudyView *self,
                         HilumSlot       slot,
                         const char     *path)
{
  GListModel *images;
  g_autoptr(HilumImage) header = NULL;

  g_return_if_fail (HILUM_IS_STUDY_VIEW (self));
  g_return_if_fail (slot < HILUM_N_SLOTS);
  g_return_if_fail (path != NULL);

  if (self->study == NULL)
    return;

  images = hilum_study_get_images (self->study);
  for (guint i = 0; header == NULL && i < g_list_model_get_n_items (images); i++)
    {
      g_autoptr(HilumImage) image = g_list_model_get_item (images, i);

      if (g_strcmp0 (hilum_image_get_path (image), path) == 0)
        header = g_steal_pointer (&image);
    }
  if (header == NULL)
    return;

  /* The study trades places when the image was shown in another slot. */
  hilum_study_set_slot (self->study, slot, header);
}

HilumSlot
hilum_study_view_get_active_slot (HilumStudyView *self)
{
  g_return_val_if_fail (HILUM_IS_STUDY_VIEW (self), HILUM_SLOT_FRONTAL);

  return self->active;
}

gboolean
hilum_study_view_focus_slot (HilumStudyView *self,
                             HilumSlot       slot)
{
  HilumImageView *view;

  g_return_val_if_fail (HILUM_IS_STUDY_VIEW (self), FALSE);
  g_return_val_if_fail (slot < HILUM_N_SLOTS, FALSE);

  view = hilum_image_slot_get_view (self->slots[slot]);
  if (hilum_image_view_get_image (view) == NULL)
    return FALSE;

  hilum_study_view_set_active (self, slot);
  return gtk_widget_grab_focus (GTK_WIDGET (view));
}

void
hilum_study_view_apply_preset (HilumStudyView *self,
                               HilumPreset     preset)
{
  g_return_if_fail (HILUM_IS_STUDY_VIEW (self));

  /* Built-in presets are computed for each image from its own values. */
  self->syncing = TRUE;
  for (guint i = 0; i < HILUM_N_SLOTS; i++)
    {
      HilumImageView *view = hilum_image_slot_get_view (self->slots[i]);

      if (hilum_image_view_get_image (view) != NULL)
        hilum_image_view_apply_preset (view, preset);
    }
  self->syncing = FALSE;
}

gboolean
hilum_study_view_get_link_window_level (HilumStudyView *self)
{
  g_return_val_if_fail (HILUM_IS_STUDY_VIEW (self), FALSE);

  return self->link_window_level;
}

void
hilum_study_view_set_link_window_level (HilumStudyView *self,
                                        gboolean        link)
{
  g_return_if_fail (HILUM_IS_STUDY_VIEW (self));

  link = !!link;
  if (link == self->link_window_level)
    return;

  self->link_window_level = link;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LINK_WINDOW_LEVEL]);
}
