/* hilum-overlay.c — the text drawn over a radiograph: corners, orientation markers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "hilum-overlay"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "hilum-overlay.h"

struct _HilumOverlay
{
  GObject      parent_instance;

  /* One layout per position, made once: text changes only re-shape that layout, and
   * snapshot() only appends nodes. */
  PangoLayout *layouts[HILUM_OVERLAY_N_POSITIONS];
  char        *texts[HILUM_OVERLAY_N_POSITIONS];
  guint        dim : HILUM_OVERLAY_N_POSITIONS;
};

G_DEFINE_FINAL_TYPE (HilumOverlay, hilum_overlay, G_TYPE_OBJECT)

/* The outline: eight copies of the text shifted by one pixel, drawn in near-black under
 * the text, keep it readable on white lung fields as well as on the black background. */
static const struct { float dx, dy; } outline_offsets[] = {
  { -1, -1 }, { 0, -1 }, { 1, -1 },
  { -1,  0 },            { 1,  0 },
  { -1,  1 }, { 0,  1 }, { 1,  1 },
};

static const GdkRGBA text_color = { 1.0f, 1.0f, 1.0f, 1.0f };
static const GdkRGBA marker_color = { 0.976f, 0.941f, 0.420f, 1.0f };  /* GNOME yellow 1 */
static const GdkRGBA dim_color = { 0.60f, 0.60f, 0.60f, 1.0f };
static const GdkRGBA outline_color = { 0.0f, 0.0f, 0.0f, 0.9f };

static gboolean
position_is_marker (HilumOverlayPosition position)
{
  return position >= HILUM_OVERLAY_LEFT && position <= HILUM_OVERLAY_BOTTOM;
}

static void
hilum_overlay_finalize (GObject *object)
{
  HilumOverlay *self = (HilumOverlay *)object;

  for (guint i = 0; i < HILUM_OVERLAY_N_POSITIONS; i++)
    {
      g_clear_object (&self->layouts[i]);
      g_clear_pointer (&self->texts[i], g_free);
    }

  G_OBJECT_CLASS (hilum_overlay_parent_class)->finalize (object);
}

static void
hilum_overlay_class_init (HilumOverlayClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = hilum_overlay_finalize;
}

static void
hilum_overlay_init (HilumOverlay *self)
{
}

HilumOverlay *
hilum_overlay_new (GtkWidget *widget)
{
  HilumOverlay *self;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);

  self = g_object_new (HILUM_TYPE_OVERLAY, NULL);

  for (guint i = 0; i < HILUM_OVERLAY_N_POSITIONS; i++)
    {
      g_autoptr(PangoAttrList) attrs = pango_attr_list_new ();
      PangoLayout *layout = gtk_widget_create_pango_layout (widget, NULL);

      if (position_is_marker (i))
        {
          pango_attr_list_insert (attrs, pango_attr_scale_new (1.4));
          pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
        }
      else if (i == HILUM_OVERLAY_CENTER)
        {
          pango_attr_list_insert (attrs, pango_attr_scale_new (1.2));
          pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
        }
      else
        {
          pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_SEMIBOLD));
          /* Digits of the W/L and zoom values should not jitter while dragging. */
          pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum=1"));
          if (i == HILUM_OVERLAY_TOP_RIGHT || i == HILUM_OVERLAY_BOTTOM_RIGHT)
            pango_layout_set_alignment (layout, PANGO_ALIGN_RIGHT);
        }

      pango_layout_set_attributes (layout, attrs);
      self->layouts[i] = layout;
    }

  return self;
}

gboolean
hilum_overlay_set_text (HilumOverlay         *self,
                        HilumOverlayPosition  position,
                        const char           *text)
{
  g_return_val_if_fail (HILUM_IS_OVERLAY (self), FALSE);
  g_return_val_if_fail (position < HILUM_OVERLAY_N_POSITIONS, FALSE);

  if (text != NULL && text[0] == '\0')
    text = NULL;

  if (g_strcmp0 (self->texts[position], text) == 0)
    return FALSE;

  g_free (self->texts[position]);
  self->texts[position] = g_strdup (text);
  pango_layout_set_text (self->layouts[position], text ? text : "", -1);

  return TRUE;
}

const char *
hilum_overlay_get_text (HilumOverlay         *self,
                        HilumOverlayPosition  position)
{
  g_return_val_if_fail (HILUM_IS_OVERLAY (self), NULL);
  g_return_val_if_fail (position < HILUM_OVERLAY_N_POSITIONS, NULL);

  return self->texts[position];
}

void
hilum_overlay_set_dim (HilumOverlay         *self,
                       HilumOverlayPosition  position,
                       gboolean              dim)
{
  g_return_if_fail (HILUM_IS_OVERLAY (self));
  g_return_if_fail (position < HILUM_OVERLAY_N_POSITIONS);

  if (dim)
    self->dim |= 1u << position;
  else
    self->dim &= ~(1u << position);
}

void
hilum_overlay_context_changed (HilumOverlay *self)
{
  g_return_if_fail (HILUM_IS_OVERLAY (self));

  for (guint i = 0; i < HILUM_OVERLAY_N_POSITIONS; i++)
    pango_layout_context_changed (self->layouts[i]);
}

static void
append_outlined_layout (GtkSnapshot   *snapshot,
                        PangoLayout   *layout,
                        float          x,
                        float          y,
                        const GdkRGBA *color)
{
  /* Whole pixels keep the glyphs crisp. */
  x = roundf (x);
  y = roundf (y);

  for (guint i = 0; i < G_N_ELEMENTS (outline_offsets); i++)
    {
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot,
                              &GRAPHENE_POINT_INIT (x + outline_offsets[i].dx,
                                                    y + outline_offsets[i].dy));
      gtk_snapshot_append_layout (snapshot, layout, &outline_color);
      gtk_snapshot_restore (snapshot);
    }

  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

void
hilum_overlay_snapshot (HilumOverlay *self,
                        GtkSnapshot  *snapshot,
                        double        width,
                        double        height)
{
  const float m = HILUM_OVERLAY_MARGIN;

  g_return_if_fail (HILUM_IS_OVERLAY (self));
  g_return_if_fail (GTK_IS_SNAPSHOT (snapshot));

  for (guint i = 0; i < HILUM_OVERLAY_N_POSITIONS; i++)
    {
      PangoRectangle ink, logical;
      const GdkRGBA *color;
      float x, y, w, h;

      if (self->texts[i] == NULL)
        continue;

      pango_layout_get_pixel_extents (self->layouts[i], &ink, &logical);
      w = logical.width;
      h = logical.height;

      switch ((HilumOverlayPosition)i)
        {
        case HILUM_OVERLAY_TOP_LEFT:     x = m;                 y = m;                  break;
        case HILUM_OVERLAY_TOP_RIGHT:    x = width - m - w;     y = m;                  break;
        case HILUM_OVERLAY_BOTTOM_LEFT:  x = m;                 y = height - m - h;     break;
        case HILUM_OVERLAY_BOTTOM_RIGHT: x = width - m - w;     y = height - m - h;     break;
        case HILUM_OVERLAY_LEFT:         x = m;                 y = (height - h) / 2;   break;
        case HILUM_OVERLAY_RIGHT:        x = width - m - w;     y = (height - h) / 2;   break;
        case HILUM_OVERLAY_TOP:          x = (width - w) / 2;   y = m;                  break;
        case HILUM_OVERLAY_BOTTOM:       x = (width - w) / 2;   y = height - m - h;     break;
        case HILUM_OVERLAY_CENTER:       x = (width - w) / 2;   y = (height - h) / 2;   break;
        case HILUM_OVERLAY_N_POSITIONS:
        default:
          g_assert_not_reached ();
        }

      /* The layout's logical rectangle may start left of its origin (right-aligned
       * lines); place the rectangle, not the origin. */
      x -= logical.x;
      y -= logical.y;

      if (self->dim & (1u << i))
        color = &dim_color;
      else if (position_is_marker (i))
        color = &marker_color;
      else
        color = &text_color;

      append_outlined_layout (snapshot, self->layouts[i], x, y, color);
    }
}

static gboolean
valid_direction (const char *s)
{
  gsize len = strlen (s);

  if (len == 0 || len > 3)
    return FALSE;

  for (gsize i = 0; i < len; i++)
    if (strchr ("LRAPHF", s[i]) == NULL)
      return FALSE;

  return TRUE;
}

static char *
opposite_direction (const char *s)
{
  char *o = g_strdup (s);

  for (char *p = o; *p; p++)
    {
      switch (*p)
        {
        case 'L': *p = 'R'; break;
        case 'R': *p = 'L'; break;
        case 'A': *p = 'P'; break;
        case 'P': *p = 'A'; break;
        case 'H': *p = 'F'; break;
        case 'F': *p = 'H'; break;
        default: break;
        }
    }

  return o;
}

/* The marker letters a radiologist reads in their language: Spanish films are marked
 * D/I (derecha/izquierda), not R/L. */
static char *
localize_direction (char *dicom)
{
  GString *shown = g_string_new (NULL);

  for (const char *p = dicom; *p; p++)
    {
      switch (*p)
        {
        case 'R':
          g_string_append (shown, C_("orientation marker", "R"));
          break;
        case 'L':
          g_string_append (shown, C_("orientation marker", "L"));
          break;
        case 'A':
          g_string_append (shown, C_("orientation marker", "A"));
          break;
        case 'P':
          g_string_append (shown, C_("orientation marker", "P"));
          break;
        case 'H':
          g_string_append (shown, C_("orientation marker", "H"));
          break;
        case 'F':
          g_string_append (shown, C_("orientation marker", "F"));
          break;
        default:
          g_string_append_c (shown, *p);
        }
    }

  g_free (dicom);
  return g_string_free (shown, FALSE);
}

gboolean
hilum_overlay_parse_orientation (const char  *patient_orientation,
                                 char       **left,
                                 char       **right,
                                 char       **top,
                                 char       **bottom)
{
  g_auto(GStrv) parts = NULL;
  g_autofree char *upper = NULL;
  guint n;

  g_return_val_if_fail (left && right && top && bottom, FALSE);

  if (patient_orientation == NULL || patient_orientation[0] == '\0')
    return FALSE;

  /* DICOM separates the two values with a backslash; be lenient with what other
   * sources (JSON, CSV) turn it into. */
  upper = g_ascii_strup (patient_orientation, -1);
  g_strstrip (upper);
  parts = g_strsplit_set (upper, "\\/, ", -1);

  n = 0;
  for (guint i = 0; parts[i] != NULL; i++)
    if (parts[i][0] != '\0')
      parts[n++] = parts[i];
    else
      g_free (parts[i]);
  parts[n] = NULL;

  if (n != 2 || !valid_direction (parts[0]) || !valid_direction (parts[1]))
    return FALSE;

  *right = localize_direction (g_strdup (parts[0]));
  *left = localize_direction (opposite_direction (parts[0]));
  *bottom = localize_direction (g_strdup (parts[1]));
  *top = localize_direction (opposite_direction (parts[1]));

  return TRUE;
}

char *
hilum_overlay_format_zoom (double zoom)
{
  if (fabs (zoom - 1.0) < 1e-6)
    /* Translators: zoom level of exactly one image pixel per screen pixel */
    return g_strdup (_("1:1"));

  /* Translators: zoom level in the corner of an image, e.g. "Zoom 37%" */
  return g_strdup_printf (_("Zoom %.0f%%"), zoom * 100.0);
}

static char *
format_value (double v)
{
  /* CR/DX values are integers; keep a decimal only for rescaled fractional data. */
  if (fabs (v - round (v)) < 0.05 || fabs (v) >= 1000)
    return g_strdup_printf ("%.0f", v);

  return g_strdup_printf ("%.1f", v);
}

char *
hilum_overlay_format_window (double center,
                             double width)
{
  g_autofree char *c = format_value (center);
  g_autofree char *w = format_value (width);

  /* Translators: window width (W) and level (L, the window center) of a radiograph,
   * as shown in the corner of the image, e.g. "W 400 L 1200" */
  return g_strdup_printf (_("W %s L %s"), w, c);
}
