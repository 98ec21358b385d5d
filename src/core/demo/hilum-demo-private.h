/* hilum-demo-private.h — the anatomy of the demo radiographs, shared by hilum-demo*.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* An attenuation map: anatomy "units" (see hilum-demo-anatomy.c) to grid cells. */
typedef struct
{
  float  *a;          /* attenuation */
  int     w, h;
  double  s;          /* grid cells per unit */
  double  ox, oy;     /* grid position of the origin */
} HilumDemoGrid;

/* Adds the attenuation of the body to @g and of the pulmonary vessels (and airways)
 * to @vessels, a zeroed grid of the same geometry. */
void  _hilum_demo_paint_frontal (HilumDemoGrid  *g,
                                 HilumDemoGrid  *vessels,
                                 GRand *rand);
void  _hilum_demo_paint_lateral (HilumDemoGrid  *g,
                                 HilumDemoGrid  *vessels,
                                 GRand *rand);

G_END_DECLS
