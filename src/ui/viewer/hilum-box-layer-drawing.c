/* hilum-box-layer-drawing.c — how the box layer looks: outlines, number tags, handles
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Only colour nodes and text nodes, no cairo: cheap on every GSK renderer,
 * and a box zoomed far beyond the widget costs no more than one that fits.
 */
#define G_LOG_DOMAIN "hilum-box-layer-drawing"

#include "config.h"

#include <math.h>

#include "hilum-box-layer-private.h"
#include "hilum-finding-colors.h"

#define LINE_WIDTH 2.0
#define LINE_WIDTH_SELECTED 3.0
/* Findings other than the selected one fade to this opacity. */
#define FADED_OPACITY 0.4
#define DASH_LENGTH 8.0
#define DASH_GAP 5.0

static const GdkRGBA shadow_color = { 0.0f, 0.0f, 0.0f, 0.6f };
static const GdkRGBA tag_text_dark = { 0.12f, 0.12f, 0.12f, 1.0f };
static const GdkRGBA tag_background_dark = { 0.0f, 0.0f, 0.0f, 0.75f };

static void
finding_color (guint    index,
               GdkRGBA *color)
{
  double r, g, b;

  hilum_finding_color_get (index, &r, &g, &b);
  *color = (GdkRGBA) { r, g, b, 1.0f };
}

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
            PangoLayout   *layout,
            const GdkRGBA *color,
            guint          number,
            gboolean       mine,
            const double   r[4],
            double         line_width,
            gboolean       handles)
{
  char text[16];
  PangoRectangle ink, logical;
  double pad_x = 4, pad_y = 1;
  /* Clear of the top-left handle when there is one. */
  double lift = handles ? HANDLE_DRAW_SIZE / 2 + 1 : line_width / 2;
  double w, h, x, y;

  g_snprintf (text, sizeof text, "%u", number);
  pango_layout_set_text (layout, text, -1);
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
            PangoLayout   *layout,
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
  append_tag (snapshot, layout, &color, item->finding_index + 1, item->mine, r, width, handles);
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
  g_autoptr(PangoLayout) layout = NULL;
  PangoAttrList *attrs;
  GArray *items;
  HilumDocument *document;

  g_return_if_fail (HILUM_IS_BOX_LAYER (self));
  g_return_if_fail (HILUM_IS_VIEWPORT (viewport));

  if (!_hilum_box_layer_has_image (viewport))
    return;

  items = _hilum_box_layer_collect_boxes (self);

  /* One layout for every tag: a text node copies the glyphs it is made from. */
  layout = gtk_widget_create_pango_layout (widget, NULL);
  attrs = pango_attr_list_new ();
  pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
  pango_attr_list_insert (attrs, pango_attr_scale_new (0.85));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);

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

          if (!_hilum_box_layer_item_visible (self, item) || (other_first == 0) != !item->mine)
            continue;

          item_pass = is_selected_box ? 2 : in_selected_finding ? 1 : 0;
          if (item_pass != pass)
            continue;

          /* The gesture's preview stands in for the stored box until it lands. */
          if (self->drag == DRAG_EDIT && is_selected_box)
            norm = self->drag_box;

          append_box (self, snapshot, widget, layout, viewport, item, norm,
                      in_selected_finding,
                      self->selected_finding_id != NULL && !in_selected_finding,
                      is_selected_box && _hilum_box_layer_item_editable (self, item));
        }

  document = _hilum_box_layer_get_document (self);
  if (self->drag == DRAG_DRAW && document != NULL)
    {
      guint index = 0;
      double r[4];
      GdkRGBA color, fill;

      if (hilum_document_get_finding_index (document, self->selected_finding_id, &index))
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
