/* hilum-box-layer.c — the readers' boxes over one image view: drawing and editing them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The document is the only state: every snapshot and every hit test reads the boxes
 * straight from the session's document (a study has tens of boxes, not thousands), so
 * what is drawn can never disagree with what is stored. The layer keeps only the
 * selection and the gesture in progress, whose preview replaces the stored box until
 * the one operation at the end of the gesture lands.
 */
#define G_LOG_DOMAIN "hilum-box-layer"

#include "config.h"

#include <string.h>

#include "hilum-box-layer-private.h"

G_DEFINE_FINAL_TYPE (HilumBoxLayer, hilum_box_layer, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_IMAGE_ID,
  PROP_SELECTED_FINDING_ID,
  PROP_SELECTED_BOX_ID,
  PROP_DRAW_MODE,
  PROP_SHOW_OTHER_READERS,
  N_PROPS
};

enum {
  SIGNAL_BOX_SELECTED,
  SIGNAL_ERROR,
  SIGNAL_REDRAW,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

void
_hilum_box_layer_redraw (HilumBoxLayer *self)
{
  g_signal_emit (self, signals[SIGNAL_REDRAW], 0);
}

HilumDocument *
_hilum_box_layer_get_document (HilumBoxLayer *self)
{
  return self->session != NULL ? hilum_session_get_document (self->session) : NULL;
}

static gboolean
role_may_edit_boxes (HilumBoxLayer *self)
{
  return self->session != NULL &&
         hilum_session_get_role (self->session) != HILUM_READER_ROLE_TRANSLATOR;
}

/* Fills self->items with the boxes on this layer's image, in report order. */
GArray *
_hilum_box_layer_collect_boxes (HilumBoxLayer *self)
{
  HilumDocument *document = _hilum_box_layer_get_document (self);
  const char *me;

  g_array_set_size (self->items, 0);
  g_array_set_size (self->boxes, 0);
  if (document == NULL || self->image_id == NULL)
    return self->items;

  me = hilum_session_get_reader_id (self->session);
  hilum_document_collect_boxes (document, NULL, self->image_id, self->boxes);
  for (guint i = 0; i < self->boxes->len; i++)
    {
      const HilumDocumentBox *box = &g_array_index (self->boxes, HilumDocumentBox, i);
      BoxItem item = { 0 };

      item.box_id = box->box_id;
      item.finding_id = box->finding_id;
      item.reader_id = box->reader_id;
      item.finding_index = box->finding_index;
      memcpy (item.norm, box->xyxy_norm, sizeof item.norm);
      hilum_box_order (item.norm);
      item.mine = g_strcmp0 (box->reader_id, me) == 0;
      g_array_append_val (self->items, item);
    }

  return self->items;
}

BoxItem *
_hilum_box_layer_find_item (GArray     *items,
           const char *box_id)
{
  if (box_id == NULL)
    return NULL;

  for (guint i = 0; i < items->len; i++)
    {
      BoxItem *item = &g_array_index (items, BoxItem, i);

      if (g_strcmp0 (item->box_id, box_id) == 0)
        return item;
    }
  return NULL;
}

gboolean
_hilum_box_layer_item_visible (HilumBoxLayer *self,
              BoxItem       *item)
{
  return item->mine || self->show_other_readers;
}

gboolean
_hilum_box_layer_item_editable (HilumBoxLayer *self,
               BoxItem       *item)
{
  return item->mine && role_may_edit_boxes (self);
}

gboolean
_hilum_box_layer_may_draw (HilumBoxLayer *self)
{
  HilumDocument *document = _hilum_box_layer_get_document (self);

  return document != NULL && self->image_id != NULL && self->draw_mode &&
         role_may_edit_boxes (self) && self->selected_finding_id != NULL &&
         hilum_document_has_finding (document, self->selected_finding_id);
}

static void
set_string (char       **field,
            const char  *value)
{
  g_free (*field);
  *field = g_strdup (value);
}

/* Selects a box and its finding as the user's pick. */
void
_hilum_box_layer_user_select (HilumBoxLayer *self,
             BoxItem       *item)
{
  g_autofree char *box_id = g_strdup (item != NULL ? item->box_id : NULL);
  g_autofree char *finding_id = g_strdup (item != NULL ? item->finding_id : NULL);

  if (item == NULL && self->selected_box_id == NULL)
    return;

  hilum_box_layer_set_selected_box_id (self, box_id);
  if (item != NULL)
    _hilum_box_layer_emit_box_selected (self, box_id, finding_id);
}

void
_hilum_box_layer_emit_box_selected (HilumBoxLayer *self,
                                    const char    *box_id,
                                    const char    *finding_id)
{
  g_signal_emit (self, signals[SIGNAL_BOX_SELECTED], 0, box_id, finding_id);
}

static void
report_error (HilumBoxLayer *self,
              const GError  *error)
{
  g_signal_emit (self, signals[SIGNAL_ERROR], 0, error);
}

gboolean
_hilum_box_layer_perform (HilumBoxLayer  *self,
         HilumOperation *op)
{
  g_autoptr(GError) error = NULL;

  if (!hilum_session_perform (self->session, op, &error))
    {
      report_error (self, error);
      return FALSE;
    }
  return TRUE;
}

void
_hilum_box_layer_cancel_drag (HilumBoxLayer *self)
{
  if (self->drag == DRAG_NONE)
    return;

  self->drag = DRAG_NONE;
  g_clear_pointer (&self->drag_click_box_id, g_free);
  _hilum_box_layer_redraw (self);
}

static void
session_changed_cb (HilumBoxLayer  *self,
                    HilumOperation *op,
                    HilumSession   *session)
{
  HilumDocument *document = _hilum_box_layer_get_document (self);
  GArray *items = _hilum_box_layer_collect_boxes (self);

  /* An undo, another view or a removed finding may take the selection away. */
  if (self->selected_box_id != NULL && _hilum_box_layer_find_item (items, self->selected_box_id) == NULL)
    hilum_box_layer_set_selected_box_id (self, NULL);
  if (self->selected_finding_id != NULL &&
      !hilum_document_has_finding (document, self->selected_finding_id))
    hilum_box_layer_set_selected_finding_id (self, NULL);
  if (self->drag == DRAG_EDIT && self->selected_box_id == NULL)
    _hilum_box_layer_cancel_drag (self);

  _hilum_box_layer_redraw (self);
}

static void
hilum_box_layer_dispose (GObject *object)
{
  HilumBoxLayer *self = (HilumBoxLayer *)object;

  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (hilum_box_layer_parent_class)->dispose (object);
}

static void
hilum_box_layer_finalize (GObject *object)
{
  HilumBoxLayer *self = (HilumBoxLayer *)object;

  g_clear_pointer (&self->image_id, g_free);
  g_clear_pointer (&self->selected_finding_id, g_free);
  g_clear_pointer (&self->selected_box_id, g_free);
  g_clear_pointer (&self->drag_click_box_id, g_free);
  g_clear_pointer (&self->items, g_array_unref);
  g_clear_pointer (&self->boxes, g_array_unref);

  G_OBJECT_CLASS (hilum_box_layer_parent_class)->finalize (object);
}

static void
hilum_box_layer_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  HilumBoxLayer *self = HILUM_BOX_LAYER (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    case PROP_IMAGE_ID:
      g_value_set_string (value, self->image_id);
      break;
    case PROP_SELECTED_FINDING_ID:
      g_value_set_string (value, self->selected_finding_id);
      break;
    case PROP_SELECTED_BOX_ID:
      g_value_set_string (value, self->selected_box_id);
      break;
    case PROP_DRAW_MODE:
      g_value_set_boolean (value, self->draw_mode);
      break;
    case PROP_SHOW_OTHER_READERS:
      g_value_set_boolean (value, self->show_other_readers);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hilum_box_layer_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  HilumBoxLayer *self = HILUM_BOX_LAYER (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      hilum_box_layer_set_session (self, g_value_get_object (value));
      break;
    case PROP_IMAGE_ID:
      hilum_box_layer_set_image_id (self, g_value_get_string (value));
      break;
    case PROP_SELECTED_FINDING_ID:
      hilum_box_layer_set_selected_finding_id (self, g_value_get_string (value));
      break;
    case PROP_SELECTED_BOX_ID:
      hilum_box_layer_set_selected_box_id (self, g_value_get_string (value));
      break;
    case PROP_DRAW_MODE:
      hilum_box_layer_set_draw_mode (self, g_value_get_boolean (value));
      break;
    case PROP_SHOW_OTHER_READERS:
      hilum_box_layer_set_show_other_readers (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hilum_box_layer_class_init (HilumBoxLayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = hilum_box_layer_dispose;
  object_class->finalize = hilum_box_layer_finalize;
  object_class->get_property = hilum_box_layer_get_property;
  object_class->set_property = hilum_box_layer_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL,
                         HILUM_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_IMAGE_ID] =
    g_param_spec_string ("image-id", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SELECTED_FINDING_ID] =
    g_param_spec_string ("selected-finding-id", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SELECTED_BOX_ID] =
    g_param_spec_string ("selected-box-id", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DRAW_MODE] =
    g_param_spec_boolean ("draw-mode", NULL, NULL,
                          TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOW_OTHER_READERS] =
    g_param_spec_boolean ("show-other-readers", NULL, NULL,
                          TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * HilumBoxLayer::box-selected:
   * @box_id: the box the user picked on the image
   * @finding_id: its finding, now the selected one
   */
  signals[SIGNAL_BOX_SELECTED] =
    g_signal_new ("box-selected",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);

  /**
   * HilumBoxLayer::error:
   * @error: why an edit did not happen, in the user's language (a toast)
   */
  signals[SIGNAL_ERROR] =
    g_signal_new ("error",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_ERROR);

  signals[SIGNAL_REDRAW] =
    g_signal_new ("redraw",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
hilum_box_layer_init (HilumBoxLayer *self)
{
  self->items = g_array_new (FALSE, FALSE, sizeof (BoxItem));
  self->boxes = g_array_new (FALSE, FALSE, sizeof (HilumDocumentBox));
  self->draw_mode = TRUE;
  self->show_other_readers = TRUE;
}

HilumBoxLayer *
hilum_box_layer_new (void)
{
  return g_object_new (HILUM_TYPE_BOX_LAYER, NULL);
}

/**
 * hilum_box_layer_get_session:
 *
 * Returns: (transfer none) (nullable): the session whose document is shown
 */
HilumSession *
hilum_box_layer_get_session (HilumBoxLayer *self)
{
  g_return_val_if_fail (HILUM_IS_BOX_LAYER (self), NULL);

  return self->session;
}

/* A new study: the selection belongs to the old one. */
void
hilum_box_layer_set_session (HilumBoxLayer *self,
                             HilumSession  *session)
{
  g_return_if_fail (HILUM_IS_BOX_LAYER (self));
  g_return_if_fail (session == NULL || HILUM_IS_SESSION (session));

  if (self->session == session)
    return;

  _hilum_box_layer_cancel_drag (self);
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_set_object (&self->session, session);
  if (session != NULL)
    g_signal_connect_object (session, "changed", G_CALLBACK (session_changed_cb), self,
                             G_CONNECT_SWAPPED);

  hilum_box_layer_set_selected_box_id (self, NULL);
  hilum_box_layer_set_selected_finding_id (self, NULL);
  _hilum_box_layer_redraw (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

/**
 * hilum_box_layer_get_image_id:
 *
 * Returns: (transfer none) (nullable): the document image whose boxes are shown
 */
const char *
hilum_box_layer_get_image_id (HilumBoxLayer *self)
{
  g_return_val_if_fail (HILUM_IS_BOX_LAYER (self), NULL);

  return self->image_id;
}

void
hilum_box_layer_set_image_id (HilumBoxLayer *self,
                              const char    *image_id)
{
  g_return_if_fail (HILUM_IS_BOX_LAYER (self));

  if (g_strcmp0 (self->image_id, image_id) == 0)
    return;

  _hilum_box_layer_cancel_drag (self);
  set_string (&self->image_id, image_id);
  hilum_box_layer_set_selected_box_id (self, NULL);
  _hilum_box_layer_redraw (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IMAGE_ID]);
}

/**
 * hilum_box_layer_get_selected_finding_id:
 *
 * Returns: (transfer none) (nullable): the finding new boxes are drawn for
 */
const char *
hilum_box_layer_get_selected_finding_id (HilumBoxLayer *self)
{
  g_return_val_if_fail (HILUM_IS_BOX_LAYER (self), NULL);

  return self->selected_finding_id;
}

void
hilum_box_layer_set_selected_finding_id (HilumBoxLayer *self,
                                         const char    *finding_id)
{
  g_return_if_fail (HILUM_IS_BOX_LAYER (self));

  /* Bindings hand "" for no selection as readily as NULL. */
  if (finding_id != NULL && finding_id[0] == '\0')
    finding_id = NULL;
  if (g_strcmp0 (self->selected_finding_id, finding_id) == 0)
    return;

  set_string (&self->selected_finding_id, finding_id);

  /* The selected box always belongs to the selected finding. */
  if (self->selected_box_id != NULL)
    {
      GArray *items = _hilum_box_layer_collect_boxes (self);
      BoxItem *item = _hilum_box_layer_find_item (items, self->selected_box_id);

      if (item == NULL || g_strcmp0 (item->finding_id, finding_id) != 0)
        hilum_box_layer_set_selected_box_id (self, NULL);
    }

  _hilum_box_layer_redraw (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_FINDING_ID]);
}

/**
 * hilum_box_layer_get_selected_box_id:
 *
 * Returns: (transfer none) (nullable): the selected box on this layer's image
 */
const char *
hilum_box_layer_get_selected_box_id (HilumBoxLayer *self)
{
  g_return_val_if_fail (HILUM_IS_BOX_LAYER (self), NULL);

  return self->selected_box_id;
}

/* Only a box on this layer's image can be selected here; it selects its finding too. */
void
hilum_box_layer_set_selected_box_id (HilumBoxLayer *self,
                                     const char    *box_id)
{
  g_autofree char *finding_id = NULL;

  g_return_if_fail (HILUM_IS_BOX_LAYER (self));

  if (box_id != NULL)
    {
      GArray *items = _hilum_box_layer_collect_boxes (self);
      BoxItem *item = _hilum_box_layer_find_item (items, box_id);

      if (item == NULL)
        box_id = NULL;
      else
        finding_id = g_strdup (item->finding_id);
    }

  if (g_strcmp0 (self->selected_box_id, box_id) != 0)
    {
      if (self->drag == DRAG_EDIT)
        _hilum_box_layer_cancel_drag (self);
      set_string (&self->selected_box_id, box_id);
      _hilum_box_layer_redraw (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_BOX_ID]);
    }

  if (finding_id != NULL)
    hilum_box_layer_set_selected_finding_id (self, finding_id);
}

gboolean
hilum_box_layer_get_draw_mode (HilumBoxLayer *self)
{
  g_return_val_if_fail (HILUM_IS_BOX_LAYER (self), FALSE);

  return self->draw_mode;
}

void
hilum_box_layer_set_draw_mode (HilumBoxLayer *self,
                               gboolean       draw_mode)
{
  g_return_if_fail (HILUM_IS_BOX_LAYER (self));

  draw_mode = !!draw_mode;
  if (self->draw_mode == draw_mode)
    return;

  self->draw_mode = draw_mode;
  if (self->drag == DRAG_DRAW)
    _hilum_box_layer_cancel_drag (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DRAW_MODE]);
}

gboolean
hilum_box_layer_get_show_other_readers (HilumBoxLayer *self)
{
  g_return_val_if_fail (HILUM_IS_BOX_LAYER (self), FALSE);

  return self->show_other_readers;
}

void
hilum_box_layer_set_show_other_readers (HilumBoxLayer *self,
                                        gboolean       show)
{
  g_return_if_fail (HILUM_IS_BOX_LAYER (self));

  show = !!show;
  if (self->show_other_readers == show)
    return;

  self->show_other_readers = show;

  /* A hidden box cannot stay selected: keys would act on something unseen. */
  if (!show && self->selected_box_id != NULL)
    {
      GArray *items = _hilum_box_layer_collect_boxes (self);
      BoxItem *item = _hilum_box_layer_find_item (items, self->selected_box_id);

      if (item != NULL && !item->mine)
        hilum_box_layer_set_selected_box_id (self, NULL);
    }

  _hilum_box_layer_redraw (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_OTHER_READERS]);
}
