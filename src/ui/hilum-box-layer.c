/* hilum-box-layer.c — the readers' boxes over one image view: drawing and editing them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The document is the only state: every snapshot and every hit test reads the boxes
 * straight from the session's JSON tree (a study has tens of boxes, not thousands), so
 * what is drawn can never disagree with what is stored. The layer keeps only the
 * selection and the gesture in progress, whose preview replaces the stored box until
 * the one operation at the end of the gesture lands.
 */
#define G_LOG_DOMAIN "hilum-box-layer"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "hilum-box-geometry.h"
#include "hilum-box-layer.h"
#include "hilum-finding-colors.h"

/* Half the side of the square around a handle that grabs it, in widget pixels: a
 * little larger than the handle drawn, so that it is easy to hit. */
#define HANDLE_HIT_RADIUS 6.0
#define HANDLE_DRAW_SIZE 9.0
#define LINE_WIDTH 2.0
#define LINE_WIDTH_SELECTED 3.0
/* Findings other than the selected one fade to this opacity. */
#define FADED_OPACITY 0.4
#define DASH_LENGTH 8.0
#define DASH_GAP 5.0
#define NUDGE_STEP 1.0
#define NUDGE_STEP_SHIFT 10.0

typedef struct
{
  /* Borrowed from the document tree: valid until it next changes. */
  const char *box_id;
  const char *finding_id;
  const char *reader_id;
  guint       finding_index;
  double      norm[4];
  guint       mine : 1;
} BoxItem;

typedef enum
{
  DRAG_NONE = 0,
  DRAG_DRAW,
  DRAG_EDIT,
} DragKind;

struct _HilumBoxLayer
{
  GObject        parent_instance;

  HilumSession  *session;
  char          *image_id;
  char          *selected_finding_id;
  char          *selected_box_id;

  /* Reused by every collect_boxes (): no allocation per frame. */
  GArray        *items;

  DragKind       drag;
  HilumBoxPart   drag_part;
  double         drag_x;
  double         drag_y;
  double         drag_start_box[4];
  double         drag_box[4];
  gboolean       drag_big_enough;
  /* The box (of another reader) a click that draws nothing selects. */
  char          *drag_click_box_id;

  guint          draw_mode : 1;
  guint          show_other_readers : 1;
};

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

static const GdkRGBA shadow_color = { 0.0f, 0.0f, 0.0f, 0.6f };
static const GdkRGBA tag_text_dark = { 0.12f, 0.12f, 0.12f, 1.0f };
static const GdkRGBA tag_background_dark = { 0.0f, 0.0f, 0.0f, 0.75f };

static void
redraw (HilumBoxLayer *self)
{
  g_signal_emit (self, signals[SIGNAL_REDRAW], 0);
}

static void
finding_color (guint    index,
               GdkRGBA *color)
{
  double r, g, b;

  hilum_finding_color_get (index, &r, &g, &b);
  *color = (GdkRGBA) { r, g, b, 1.0f };
}

static HilumDocument *
get_document (HilumBoxLayer *self)
{
  return self->session != NULL ? hilum_session_get_document (self->session) : NULL;
}

static gboolean
role_may_edit_boxes (HilumBoxLayer *self)
{
  return self->session != NULL &&
         hilum_session_get_role (self->session) != HILUM_READER_ROLE_TRANSLATOR;
}

static gboolean
read_box (JsonObject *box,
          double      norm[4])
{
  JsonArray *xyxy;

  if (!json_object_has_member (box, "xyxy_norm") ||
      !JSON_NODE_HOLDS_ARRAY (json_object_get_member (box, "xyxy_norm")))
    return FALSE;

  xyxy = json_object_get_array_member (box, "xyxy_norm");
  if (json_array_get_length (xyxy) != 4)
    return FALSE;

  for (guint i = 0; i < 4; i++)
    {
      JsonNode *node = json_array_get_element (xyxy, i);

      if (!JSON_NODE_HOLDS_VALUE (node))
        return FALSE;
      norm[i] = json_node_get_double (node);
    }
  hilum_box_order (norm);

  return TRUE;
}

static const char *
member_string (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

/* Fills self->items with the boxes on this layer's image, in report order. */
static GArray *
collect_boxes (HilumBoxLayer *self)
{
  HilumDocument *document = get_document (self);
  const char *me;
  guint n;

  g_array_set_size (self->items, 0);
  if (document == NULL || self->image_id == NULL)
    return self->items;

  me = hilum_session_get_reader_id (self->session);
  n = hilum_document_get_n_findings (document);
  for (guint f = 0; f < n; f++)
    {
      JsonObject *finding = hilum_document_get_finding (document, f);
      JsonArray *annotations;

      if (!json_object_has_member (finding, "annotations") ||
          !JSON_NODE_HOLDS_ARRAY (json_object_get_member (finding, "annotations")))
        continue;

      annotations = json_object_get_array_member (finding, "annotations");
      for (guint a = 0; a < json_array_get_length (annotations); a++)
        {
          JsonObject *annotation = json_array_get_object_element (annotations, a);
          const char *reader_id, *image_id;
          JsonArray *boxes;

          if (annotation == NULL)
            continue;
          reader_id = member_string (annotation, "reader_id");
          image_id = member_string (annotation, "image_id");
          if (g_strcmp0 (image_id, self->image_id) != 0 ||
              !json_object_has_member (annotation, "boxes") ||
              !JSON_NODE_HOLDS_ARRAY (json_object_get_member (annotation, "boxes")))
            continue;

          boxes = json_object_get_array_member (annotation, "boxes");
          for (guint b = 0; b < json_array_get_length (boxes); b++)
            {
              JsonObject *box = json_array_get_object_element (boxes, b);
              BoxItem item = { 0 };

              if (box == NULL || !read_box (box, item.norm))
                continue;
              item.box_id = member_string (box, "box_id");
              if (item.box_id == NULL)
                continue;
              item.finding_id = hilum_finding_get_id (finding);
              item.reader_id = reader_id;
              item.finding_index = f;
              item.mine = g_strcmp0 (reader_id, me) == 0;
              g_array_append_val (self->items, item);
            }
        }
    }

  return self->items;
}

static BoxItem *
find_item (GArray     *items,
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

static gboolean
item_visible (HilumBoxLayer *self,
              BoxItem       *item)
{
  return item->mine || self->show_other_readers;
}

static gboolean
item_editable (HilumBoxLayer *self,
               BoxItem       *item)
{
  return item->mine && role_may_edit_boxes (self);
}

/* The box under (x, y): the current reader's before the others', then the smallest
 * (a box inside another stays reachable). */
static BoxItem *
pick_item (HilumBoxLayer *self,
           GArray        *items,
           HilumViewport *viewport,
           double         x,
           double         y)
{
  BoxItem *best = NULL;
  double best_area = G_MAXDOUBLE;

  for (guint i = 0; i < items->len; i++)
    {
      BoxItem *item = &g_array_index (items, BoxItem, i);
      double area = (item->norm[2] - item->norm[0]) * (item->norm[3] - item->norm[1]);

      if (!item_visible (self, item) ||
          hilum_box_hit_test (viewport, item->norm, x, y, FALSE, 0) != HILUM_BOX_PART_INSIDE)
        continue;

      if (best == NULL ||
          (item->mine && !best->mine) ||
          (item->mine == best->mine && area < best_area))
        {
          best = item;
          best_area = area;
        }
    }

  return best;
}

static gboolean
has_image (HilumViewport *viewport)
{
  return hilum_viewport_get_image_width (viewport) > 0 &&
         hilum_viewport_get_image_height (viewport) > 0;
}

static gboolean
may_draw (HilumBoxLayer *self)
{
  HilumDocument *document = get_document (self);

  return document != NULL && self->image_id != NULL && self->draw_mode &&
         role_may_edit_boxes (self) && self->selected_finding_id != NULL &&
         hilum_document_find_finding (document, self->selected_finding_id, NULL) != NULL;
}

static void
set_string (char       **field,
            const char  *value)
{
  g_free (*field);
  *field = g_strdup (value);
}

/* Selects a box and its finding as the user's pick. */
static void
user_select (HilumBoxLayer *self,
             BoxItem       *item)
{
  g_autofree char *box_id = g_strdup (item != NULL ? item->box_id : NULL);
  g_autofree char *finding_id = g_strdup (item != NULL ? item->finding_id : NULL);

  if (item == NULL && self->selected_box_id == NULL)
    return;

  hilum_box_layer_set_selected_box_id (self, box_id);
  if (item != NULL)
    g_signal_emit (self, signals[SIGNAL_BOX_SELECTED], 0, box_id, finding_id);
}

static void
report_error (HilumBoxLayer *self,
              const GError  *error)
{
  g_signal_emit (self, signals[SIGNAL_ERROR], 0, error);
}

static gboolean
perform (HilumBoxLayer  *self,
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

/* The layer never offers another reader's boxes for editing; keys asked for it, so say
 * why nothing happens. */
static void
refuse_other_reader (HilumBoxLayer *self)
{
  g_autoptr(GError) error =
    g_error_new_literal (HILUM_DOCUMENT_ERROR, HILUM_DOCUMENT_ERROR_FORBIDDEN,
                         _("This box belongs to another reader; only they can change it"));

  report_error (self, error);
}

static void
cancel_drag (HilumBoxLayer *self)
{
  if (self->drag == DRAG_NONE)
    return;

  self->drag = DRAG_NONE;
  g_clear_pointer (&self->drag_click_box_id, g_free);
  redraw (self);
}

static void
session_changed_cb (HilumBoxLayer  *self,
                    HilumOperation *op,
                    HilumSession   *session)
{
  HilumDocument *document = get_document (self);
  GArray *items = collect_boxes (self);

  /* An undo, another view or a removed finding may take the selection away. */
  if (self->selected_box_id != NULL && find_item (items, self->selected_box_id) == NULL)
    hilum_box_layer_set_selected_box_id (self, NULL);
  if (self->selected_finding_id != NULL &&
      hilum_document_find_finding (document, self->selected_finding_id, NULL) == NULL)
    hilum_box_layer_set_selected_finding_id (self, NULL);
  if (self->drag == DRAG_EDIT && self->selected_box_id == NULL)
    cancel_drag (self);

  redraw (self);
}

/* Drawing -------------------------------------------------------------------------- */

static void
append_rect (GtkSnapshot   *snapshot,
             const GdkRGBA *color,
             double         x,
             double         y,
             double         width,
             double         height)
{
  if (width <= 0 || height <= 0)
    return;
  gtk_snapshot_append_color (snapshot, color, &GRAPHENE_RECT_INIT (x, y, width, height));
}

/* A line along one axis from @from to @to at @at, @width thick, dashed or not; dashes
 * outside [@visible_from, @visible_to] are skipped, so a box zoomed far past the
 * widget costs no more than one that fits. */
static void
append_line (GtkSnapshot   *snapshot,
             const GdkRGBA *color,
             gboolean       horizontal,
             double         from,
             double         to,
             double         at,
             double         width,
             gboolean       dashed,
             double         visible_from,
             double         visible_to)
{
  double period = DASH_LENGTH + DASH_GAP;
  double t;

  if (!dashed)
    {
      if (horizontal)
        append_rect (snapshot, color, from, at - width / 2, to - from, width);
      else
        append_rect (snapshot, color, at - width / 2, from, width, to - from);
      return;
    }

  t = from;
  if (visible_from > from)
    t = from + floor ((visible_from - from) / period) * period;

  for (; t < to && t < visible_to; t += period)
    {
      double end = MIN (t + DASH_LENGTH, to);

      if (horizontal)
        append_rect (snapshot, color, t, at - width / 2, end - t, width);
      else
        append_rect (snapshot, color, at - width / 2, t, width, end - t);
    }
}

/* The outline is centred on the box's edges, so that its middle is exactly where the
 * box's border lies in the image. */
static void
append_outline (GtkSnapshot   *snapshot,
                const GdkRGBA *color,
                const double   r[4],
                double         width,
                gboolean       dashed,
                double         widget_width,
                double         widget_height)
{
  double half = width / 2;

  /* Top and bottom span the corners; the sides fill in between, so that no pixel of a
   * translucent colour is painted twice. */
  append_line (snapshot, color, TRUE, r[0] - half, r[2] + half, r[1], width, dashed, 0, widget_width);
  append_line (snapshot, color, TRUE, r[0] - half, r[2] + half, r[3], width, dashed, 0, widget_width);
  append_line (snapshot, color, FALSE, r[1] + half, r[3] - half, r[0], width, dashed, 0, widget_height);
  append_line (snapshot, color, FALSE, r[1] + half, r[3] - half, r[2], width, dashed, 0, widget_height);
}

static void
append_tag (GtkSnapshot   *snapshot,
            GtkWidget     *widget,
            const GdkRGBA *color,
            guint          number,
            gboolean       mine,
            const double   r[4],
            double         line_width,
            gboolean       handles)
{
  g_autofree char *text = g_strdup_printf ("%u", number);
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, text);
  PangoAttrList *attrs = pango_attr_list_new ();
  PangoRectangle ink, logical;
  double pad_x = 4, pad_y = 1;
  /* Clear of the top-left handle when there is one. */
  double lift = handles ? HANDLE_DRAW_SIZE / 2 + 1 : line_width / 2;
  double w, h, x, y;

  pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
  pango_attr_list_insert (attrs, pango_attr_scale_new (0.85));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
  pango_layout_get_pixel_extents (layout, &ink, &logical);

  w = logical.width + 2 * pad_x;
  h = logical.height + 2 * pad_y;
  x = r[0] - line_width / 2;
  /* Above the top-left corner, out of the way of what the box marks; inside it when
   * the box touches the top of the view. */
  y = r[1] - lift - h;
  if (y < 0)
    y = r[1] + lift;

  if (mine)
    {
      append_rect (snapshot, color, x, y, w, h);
    }
  else
    {
      /* Another reader's tag: outlined, the number in the colour, on dark. */
      append_rect (snapshot, &tag_background_dark, x, y, w, h);
      append_line (snapshot, color, TRUE, x, x + w, y + 0.5, 1, FALSE, 0, 0);
      append_line (snapshot, color, TRUE, x, x + w, y + h - 0.5, 1, FALSE, 0, 0);
      append_line (snapshot, color, FALSE, y + 1, y + h - 1, x + 0.5, 1, FALSE, 0, 0);
      append_line (snapshot, color, FALSE, y + 1, y + h - 1, x + w - 0.5, 1, FALSE, 0, 0);
    }

  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (round (x + pad_x), round (y + pad_y)));
  gtk_snapshot_append_layout (snapshot, layout, mine ? &tag_text_dark : color);
  gtk_snapshot_restore (snapshot);
}

static void
append_handles (GtkSnapshot   *snapshot,
                HilumViewport *viewport,
                const GdkRGBA *color,
                const double   norm[4])
{
  gboolean sides = hilum_box_has_side_handles (viewport, norm, HANDLE_HIT_RADIUS);

  for (HilumBoxPart part = HILUM_BOX_PART_TOP_LEFT; part <= HILUM_BOX_PART_LEFT; part++)
    {
      gboolean corner = part == HILUM_BOX_PART_TOP_LEFT || part == HILUM_BOX_PART_TOP_RIGHT ||
                        part == HILUM_BOX_PART_BOTTOM_RIGHT || part == HILUM_BOX_PART_BOTTOM_LEFT;
      double hx, hy, s = HANDLE_DRAW_SIZE;

      if (!corner && !sides)
        continue;

      hilum_box_handle_position (viewport, norm, part, &hx, &hy);
      append_rect (snapshot, &shadow_color, hx - s / 2 - 1, hy - s / 2 - 1, s + 2, s + 2);
      append_rect (snapshot, &(GdkRGBA) { 1, 1, 1, 1 }, hx - s / 2, hy - s / 2, s, s);
      append_rect (snapshot, color, hx - s / 2 + 2, hy - s / 2 + 2, s - 4, s - 4);
    }
}

static void
append_box (HilumBoxLayer *self,
            GtkSnapshot   *snapshot,
            GtkWidget     *widget,
            HilumViewport *viewport,
            BoxItem       *item,
            const double   norm[4],
            gboolean       emphasis,
            gboolean       faded,
            gboolean       handles)
{
  double width = emphasis ? LINE_WIDTH_SELECTED : LINE_WIDTH;
  double ww = gtk_widget_get_width (widget);
  double wh = gtk_widget_get_height (widget);
  double r[4];
  GdkRGBA color;

  finding_color (item->finding_index, &color);
  hilum_box_norm_to_widget_rect (viewport, norm, r);

  if (faded)
    gtk_snapshot_push_opacity (snapshot, FADED_OPACITY);

  /* A dark rim under the colour keeps the outline visible on white bone. */
  append_outline (snapshot, &shadow_color, r, width + 2, !item->mine, ww, wh);
  append_outline (snapshot, &color, r, width, !item->mine, ww, wh);
  append_tag (snapshot, widget, &color, item->finding_index + 1, item->mine, r, width, handles);
  if (handles)
    append_handles (snapshot, viewport, &color, norm);

  if (faded)
    gtk_snapshot_pop (snapshot);
}

void
hilum_box_layer_snapshot (HilumBoxLayer *self,
                          GtkWidget     *widget,
                          GtkSnapshot   *snapshot,
                          HilumViewport *viewport)
{
  GArray *items;
  HilumDocument *document;

  g_return_if_fail (HILUM_IS_BOX_LAYER (self));
  g_return_if_fail (HILUM_IS_VIEWPORT (viewport));

  if (!has_image (viewport))
    return;

  items = collect_boxes (self);

  /* Three passes, each on top of the last: faded findings, the selected finding's
   * boxes, then the selected box with its handles. Other readers first in each. */
  for (guint pass = 0; pass < 3; pass++)
    for (guint other_first = 0; other_first < 2; other_first++)
      for (guint i = 0; i < items->len; i++)
        {
          BoxItem *item = &g_array_index (items, BoxItem, i);
          gboolean in_selected_finding = self->selected_finding_id != NULL &&
                                         g_strcmp0 (item->finding_id, self->selected_finding_id) == 0;
          gboolean is_selected_box = g_strcmp0 (item->box_id, self->selected_box_id) == 0;
          const double *norm = item->norm;
          guint item_pass;

          if (!item_visible (self, item) || (other_first == 0) != !item->mine)
            continue;

          item_pass = is_selected_box ? 2 : in_selected_finding ? 1 : 0;
          if (item_pass != pass)
            continue;

          /* The gesture's preview stands in for the stored box until it lands. */
          if (self->drag == DRAG_EDIT && is_selected_box)
            norm = self->drag_box;

          append_box (self, snapshot, widget, viewport, item, norm,
                      in_selected_finding,
                      self->selected_finding_id != NULL && !in_selected_finding,
                      is_selected_box && item_editable (self, item));
        }

  document = get_document (self);
  if (self->drag == DRAG_DRAW && document != NULL)
    {
      guint index = 0;
      double r[4];
      GdkRGBA color, fill;

      if (hilum_document_find_finding (document, self->selected_finding_id, &index) != NULL)
        {
          finding_color (index, &color);
          fill = color;
          fill.alpha = self->drag_big_enough ? 0.15f : 0.0f;
          hilum_box_norm_to_widget_rect (viewport, self->drag_box, r);
          append_rect (snapshot, &fill, r[0], r[1], r[2] - r[0], r[3] - r[1]);
          append_outline (snapshot, &shadow_color, r, LINE_WIDTH + 2, FALSE, 0, 0);
          append_outline (snapshot, &color, r, LINE_WIDTH, FALSE, 0, 0);
        }
    }
}

/* Pointer ------------------------------------------------------------------------- */

gboolean
hilum_box_layer_drag_begin (HilumBoxLayer *self,
                            HilumViewport *viewport,
                            double         x,
                            double         y)
{
  GArray *items;
  BoxItem *selected, *picked;

  g_return_val_if_fail (HILUM_IS_BOX_LAYER (self), FALSE);
  g_return_val_if_fail (HILUM_IS_VIEWPORT (viewport), FALSE);

  cancel_drag (self);
  if (self->session == NULL || self->image_id == NULL || !has_image (viewport))
    return FALSE;

  items = collect_boxes (self);
  self->drag_x = x;
  self->drag_y = y;

  /* The selected box's handles come first: they may stick out of it. */
  selected = find_item (items, self->selected_box_id);
  if (selected != NULL && item_editable (self, selected))
    {
      HilumBoxPart part = hilum_box_hit_test (viewport, selected->norm, x, y, TRUE, HANDLE_HIT_RADIUS);

      if (HILUM_BOX_PART_IS_HANDLE (part))
        {
          self->drag = DRAG_EDIT;
          self->drag_part = part;
          memcpy (self->drag_start_box, selected->norm, sizeof self->drag_start_box);
          memcpy (self->drag_box, selected->norm, sizeof self->drag_box);
          return TRUE;
        }
    }

  picked = pick_item (self, items, viewport, x, y);
  if (picked != NULL && picked->mine)
    {
      gboolean editable = item_editable (self, picked);

      self->drag_part = HILUM_BOX_PART_INSIDE;
      memcpy (self->drag_start_box, picked->norm, sizeof self->drag_start_box);
      memcpy (self->drag_box, picked->norm, sizeof self->drag_box);
      user_select (self, picked);   /* may re-read the items: picked is stale now */
      if (!editable)
        return FALSE;
      self->drag = DRAG_EDIT;
      return TRUE;
    }

  if (may_draw (self))
    {
      self->drag = DRAG_DRAW;
      self->drag_big_enough = FALSE;
      self->drag_click_box_id = g_strdup (picked != NULL ? picked->box_id : NULL);
      hilum_box_from_widget_drag (viewport, x, y, x, y, self->drag_box);
      return TRUE;
    }

  /* Only a pick: the view pans (or windows) as without boxes. */
  user_select (self, picked);
  return FALSE;
}

void
hilum_box_layer_drag_update (HilumBoxLayer *self,
                             HilumViewport *viewport,
                             double         offset_x,
                             double         offset_y)
{
  g_return_if_fail (HILUM_IS_BOX_LAYER (self));
  g_return_if_fail (HILUM_IS_VIEWPORT (viewport));

  if (self->drag == DRAG_DRAW)
    {
      self->drag_big_enough = hilum_box_from_widget_drag (viewport,
                                                          self->drag_x, self->drag_y,
                                                          self->drag_x + offset_x,
                                                          self->drag_y + offset_y,
                                                          self->drag_box);
      redraw (self);
    }
  else if (self->drag == DRAG_EDIT)
    {
      double x0, y0, x1, y1;

      /* Through the viewport, so a move follows the pointer at any zoom. */
      hilum_viewport_widget_to_image (viewport, self->drag_x, self->drag_y, &x0, &y0);
      hilum_viewport_widget_to_image (viewport, self->drag_x + offset_x, self->drag_y + offset_y,
                                      &x1, &y1);
      hilum_box_resize (hilum_viewport_get_image_width (viewport),
                        hilum_viewport_get_image_height (viewport),
                        self->drag_start_box, self->drag_part, x1 - x0, y1 - y0,
                        self->drag_box);
      redraw (self);
    }
}

void
hilum_box_layer_drag_end (HilumBoxLayer *self,
                          HilumViewport *viewport,
                          double         offset_x,
                          double         offset_y)
{
  DragKind kind;

  g_return_if_fail (HILUM_IS_BOX_LAYER (self));
  g_return_if_fail (HILUM_IS_VIEWPORT (viewport));

  hilum_box_layer_drag_update (self, viewport, offset_x, offset_y);
  kind = self->drag;
  self->drag = DRAG_NONE;

  if (kind == DRAG_DRAW)
    {
      if (self->drag_big_enough)
        {
          g_autofree char *box_id = hilum_uuid_new ();
          g_autofree char *finding_id = g_strdup (self->selected_finding_id);
          g_autoptr(HilumOperation) op =
            hilum_operation_new_add_box (finding_id, hilum_session_get_reader_id (self->session),
                                         self->image_id, box_id, self->drag_box);

          if (perform (self, op))
            {
              hilum_box_layer_set_selected_box_id (self, box_id);
              g_signal_emit (self, signals[SIGNAL_BOX_SELECTED], 0, box_id, finding_id);
            }
        }
      else
        {
          /* A click: it picks what is under it (another reader's box) or nothing. */
          GArray *items = collect_boxes (self);

          user_select (self, find_item (items, self->drag_click_box_id));
        }
    }
  else if (kind == DRAG_EDIT && memcmp (self->drag_box, self->drag_start_box, sizeof self->drag_box) != 0)
    {
      g_autoptr(HilumOperation) op = hilum_operation_new_set_box (self->selected_box_id,
                                                                  self->drag_box);

      perform (self, op);
    }

  g_clear_pointer (&self->drag_click_box_id, g_free);
  redraw (self);
}

void
hilum_box_layer_drag_cancel (HilumBoxLayer *self)
{
  g_return_if_fail (HILUM_IS_BOX_LAYER (self));

  cancel_drag (self);
}

gboolean
hilum_box_layer_key_pressed (HilumBoxLayer   *self,
                             HilumViewport   *viewport,
                             guint            keyval,
                             GdkModifierType  state)
{
  double step = (state & GDK_SHIFT_MASK) ? NUDGE_STEP_SHIFT : NUDGE_STEP;
  double dx = 0, dy = 0;
  GArray *items;
  BoxItem *item;

  g_return_val_if_fail (HILUM_IS_BOX_LAYER (self), FALSE);
  g_return_val_if_fail (HILUM_IS_VIEWPORT (viewport), FALSE);

  if (self->session == NULL || self->selected_box_id == NULL || !has_image (viewport))
    return FALSE;

  items = collect_boxes (self);
  item = find_item (items, self->selected_box_id);
  if (item == NULL)
    return FALSE;

  switch (keyval)
    {
    case GDK_KEY_Escape:
      if (self->drag != DRAG_NONE)
        cancel_drag (self);
      else
        hilum_box_layer_set_selected_box_id (self, NULL);
      return TRUE;
    case GDK_KEY_Left: case GDK_KEY_KP_Left:
      dx = -step;
      break;
    case GDK_KEY_Right: case GDK_KEY_KP_Right:
      dx = step;
      break;
    case GDK_KEY_Up: case GDK_KEY_KP_Up:
      dy = -step;
      break;
    case GDK_KEY_Down: case GDK_KEY_KP_Down:
      dy = step;
      break;
    case GDK_KEY_Delete: case GDK_KEY_KP_Delete: case GDK_KEY_BackSpace:
      break;
    default:
      return FALSE;
    }

  /* A gesture in progress owns the box until it ends. */
  if (self->drag != DRAG_NONE)
    return TRUE;

  if (!item->mine)
    {
      refuse_other_reader (self);
      return TRUE;
    }

  if (dx == 0 && dy == 0)
    {
      g_autoptr(HilumOperation) op = hilum_operation_new_remove_box (self->selected_box_id);

      perform (self, op);
    }
  else
    {
      g_autoptr(HilumOperation) op = NULL;
      double moved[4];

      hilum_box_translate (hilum_viewport_get_image_width (viewport),
                           hilum_viewport_get_image_height (viewport),
                           item->norm, dx, dy, moved);
      /* At the border there is nothing to do, and nothing to undo. */
      if (memcmp (moved, item->norm, sizeof moved) == 0)
        return TRUE;

      op = hilum_operation_new_set_box (self->selected_box_id, moved);
      perform (self, op);
    }

  return TRUE;
}

static const char *
cursor_for_part (HilumBoxPart part)
{
  switch (part)
    {
    case HILUM_BOX_PART_TOP_LEFT:
    case HILUM_BOX_PART_BOTTOM_RIGHT:
      return "nwse-resize";
    case HILUM_BOX_PART_TOP_RIGHT:
    case HILUM_BOX_PART_BOTTOM_LEFT:
      return "nesw-resize";
    case HILUM_BOX_PART_TOP:
    case HILUM_BOX_PART_BOTTOM:
      return "ns-resize";
    case HILUM_BOX_PART_LEFT:
    case HILUM_BOX_PART_RIGHT:
      return "ew-resize";
    case HILUM_BOX_PART_INSIDE:
      return "move";
    case HILUM_BOX_PART_NONE:
    default:
      return NULL;
    }
}

const char *
hilum_box_layer_get_cursor (HilumBoxLayer *self,
                            HilumViewport *viewport,
                            double         x,
                            double         y)
{
  GArray *items;
  BoxItem *item;

  g_return_val_if_fail (HILUM_IS_BOX_LAYER (self), NULL);
  g_return_val_if_fail (HILUM_IS_VIEWPORT (viewport), NULL);

  if (self->drag == DRAG_DRAW)
    return "crosshair";
  if (self->drag == DRAG_EDIT)
    return cursor_for_part (self->drag_part);
  if (self->session == NULL || self->image_id == NULL || !has_image (viewport))
    return NULL;

  items = collect_boxes (self);
  item = find_item (items, self->selected_box_id);
  if (item != NULL && item_editable (self, item))
    {
      HilumBoxPart part = hilum_box_hit_test (viewport, item->norm, x, y, TRUE, HANDLE_HIT_RADIUS);

      if (HILUM_BOX_PART_IS_HANDLE (part))
        return cursor_for_part (part);
    }

  item = pick_item (self, items, viewport, x, y);
  if (item != NULL && item_editable (self, item))
    return "move";
  if (may_draw (self))
    return "crosshair";
  if (item != NULL)
    return "pointer";

  return NULL;
}

/* GObject ------------------------------------------------------------------------- */

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

  cancel_drag (self);
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_set_object (&self->session, session);
  if (session != NULL)
    g_signal_connect_object (session, "changed", G_CALLBACK (session_changed_cb), self,
                             G_CONNECT_SWAPPED);

  hilum_box_layer_set_selected_box_id (self, NULL);
  hilum_box_layer_set_selected_finding_id (self, NULL);
  redraw (self);
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

  cancel_drag (self);
  set_string (&self->image_id, image_id);
  hilum_box_layer_set_selected_box_id (self, NULL);
  redraw (self);
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
      GArray *items = collect_boxes (self);
      BoxItem *item = find_item (items, self->selected_box_id);

      if (item == NULL || g_strcmp0 (item->finding_id, finding_id) != 0)
        hilum_box_layer_set_selected_box_id (self, NULL);
    }

  redraw (self);
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
      GArray *items = collect_boxes (self);
      BoxItem *item = find_item (items, box_id);

      if (item == NULL)
        box_id = NULL;
      else
        finding_id = g_strdup (item->finding_id);
    }

  if (g_strcmp0 (self->selected_box_id, box_id) != 0)
    {
      if (self->drag == DRAG_EDIT)
        cancel_drag (self);
      set_string (&self->selected_box_id, box_id);
      redraw (self);
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
    cancel_drag (self);
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
      GArray *items = collect_boxes (self);
      BoxItem *item = find_item (items, self->selected_box_id);

      if (item != NULL && !item->mine)
        hilum_box_layer_set_selected_box_id (self, NULL);
    }

  redraw (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_OTHER_READERS]);
}
