/* hilum-finding-colors.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "hilum-finding-colors"

#include "hilum-finding-colors.h"

/* GNOME palette tones of light-to-medium value: every one keeps a contrast with black
 * text (the number badge) and with a dark radiograph (the box outline). Neighbours in
 * the list differ in hue, so findings 1, 2, 3 never look alike. */
static const struct
{
  const char *hex;
  guint8      r, g, b;
} palette[] = {
  { "#62a0ea", 0x62, 0xa0, 0xea },   /* blue */
  { "#ffa348", 0xff, 0xa3, 0x48 },   /* orange */
  { "#57e389", 0x57, 0xe3, 0x89 },   /* green */
  { "#f66151", 0xf6, 0x61, 0x51 },   /* red */
  { "#dc8add", 0xdc, 0x8a, 0xdd },   /* purple */
  { "#f8e45c", 0xf8, 0xe4, 0x5c },   /* yellow */
  { "#5bc8af", 0x5b, 0xc8, 0xaf },   /* teal */
  { "#cdab8f", 0xcd, 0xab, 0x8f },   /* brown */
  { "#99c1f1", 0x99, 0xc1, 0xf1 },   /* light blue */
  { "#ff7fbf", 0xff, 0x7f, 0xbf },   /* pink */
};

guint
hilum_finding_colors_get_n (void)
{
  return G_N_ELEMENTS (palette);
}

void
hilum_finding_color_get (guint   index,
                         double *red,
                         double *green,
                         double *blue)
{
  guint i = index % G_N_ELEMENTS (palette);

  if (red != NULL)
    *red = palette[i].r / 255.0;
  if (green != NULL)
    *green = palette[i].g / 255.0;
  if (blue != NULL)
    *blue = palette[i].b / 255.0;
}

const char *
hilum_finding_color_get_hex (guint index)
{
  return palette[index % G_N_ELEMENTS (palette)].hex;
}
