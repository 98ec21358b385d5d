/* hilum-demo.c — the built-in demo study: synthetic frontal and lateral chest radiographs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The pictures are painted by hilum-demo-anatomy.c into an attenuation map at half
 * resolution; here the map becomes 12-bit pixels (tone curve, bilinear look-up, noise)
 * and the pixels DICOM files.
 */
#define G_LOG_DOMAIN "hilum-demo"

#include "config.h"

#include <errno.h>
#include <math.h>
#include <string.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "hilum-demo.h"
#include "hilum-demo-private.h"
#include "hilum-dicom-writer.h"

G_DEFINE_QUARK (hilum-demo-error-quark, hilum_demo_error)

#define GRID_FACTOR 2

/* ------------------------------------------------------------------ rendering */

static void
tone_map (HilumDemoGrid *g)
{
  /* Outside the body the detector saw the beam directly: dark, with some scatter. */
  for (gsize i = 0; i < (gsize) g->w * g->h; i++)
    {
      double a = MAX (g->a[i], 0.0f);

      g->a[i] = (float) (140.0 + 3900.0 * (1.0 - exp (-1.45 * a)));
    }
}

/* xorshift: noise at full resolution must cost next to nothing. */
static inline guint32
xorshift (guint32 *s)
{
  guint32 x = *s;

  x ^= x << 13;
  x ^= x >> 17;
  x ^= x << 5;
  return *s = x;
}

guint16 *
hilum_demo_render (HilumView view,
                   guint     width,
                   guint     height)
{
  HilumDemoGrid g, vessels;
  g_autoptr(GRand) rand = g_rand_new_with_seed (view == HILUM_VIEW_LATERAL ? 7 : 3);
  guint16 *pixels;
  guint32 seed = 0x9e3779b9u ^ (view * 7919u);

  g_return_val_if_fail (width > 0 && height > 0, NULL);

  g.w = width / GRID_FACTOR + 2;
  g.h = height / GRID_FACTOR + 2;
  g.s = 1.05 * MIN (width, height / 1.2) / GRID_FACTOR;
  g.ox = (width / 2.0) / GRID_FACTOR + 0.5;
  g.oy = (height / 2.0) / GRID_FACTOR + 0.5;
  g.a = g_new (float, (gsize) g.w * g.h);
  vessels = g;
  vessels.a = g_new0 (float, (gsize) g.w * g.h);

  if (view == HILUM_VIEW_LATERAL)
    _hilum_demo_paint_lateral (&g, &vessels, rand);
  else
    _hilum_demo_paint_frontal (&g, &vessels, rand);
  for (gsize i = 0; i < (gsize) g.w * g.h; i++)
    g.a[i] += vessels.a[i];
  g_free (vessels.a);
  tone_map (&g);

  pixels = g_new (guint16, (gsize) width * height);
  for (guint y = 0; y < height; y++)
    {
      double gy = (y + 0.5) / GRID_FACTOR + 0.5;
      int iy = (int) gy;
      float fy = (float) (gy - iy);
      const float *r0 = g.a + (gsize) MIN (iy, g.h - 1) * g.w;
      const float *r1 = g.a + (gsize) MIN (iy + 1, g.h - 1) * g.w;
      guint16 *out = pixels + (gsize) y * width;

      for (guint x = 0; x < width; x++)
        {
          float gx = (x + 0.5f) / GRID_FACTOR + 0.5f;
          int ix = (int) gx;
          float fx = gx - ix;
          int ix1 = MIN (ix + 1, g.w - 1);
          float top = r0[ix] + fx * (r0[ix1] - r0[ix]);
          float bot = r1[ix] + fx * (r1[ix1] - r1[ix]);
          float val = top + fy * (bot - top);
          /* Quantum noise: roughly Gaussian (sum of two uniforms), ~18 levels. */
          guint32 rnd = xorshift (&seed);
          float noise = ((rnd & 0xffff) + (rnd >> 16)) * (1.0f / 65536.0f) - 1.0f;

          /* Fewer photons reach the detector behind dense tissue: more noise there. */
          val += noise * (20.0f + val * (30.0f / 4095.0f));
          out[x] = (guint16) CLAMP (val, 0.0f, 4095.0f);
        }
    }

  g_free (g.a);
  return pixels;
}

/* ------------------------------------------------------------------ files */

gboolean
hilum_demo_write_study (const char  *dir,
                        guint        width,
                        guint        height,
                        GError     **error)
{
  g_autofree char *study_uid = hilum_dicom_generate_uid ();
  g_autofree char *date = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  g_return_val_if_fail (dir != NULL, FALSE);
  g_return_val_if_fail (width > 0 && height > 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (g_mkdir_with_parents (dir, 0755) != 0)
    {
      int errsv = errno;

      g_set_error (error, HILUM_DEMO_ERROR, HILUM_DEMO_ERROR_FAILED,
                   _("Could not create the folder “%s”: %s"), dir, g_strerror (errsv));
      return FALSE;
    }

  date = g_date_time_format (now, "%Y%m%d");

  for (int i = 0; i < 2; i++)
    {
      gboolean lateral = i == 1;
      g_autofree guint16 *pixels = hilum_demo_render (lateral ? HILUM_VIEW_LATERAL : HILUM_VIEW_FRONTAL,
                                                      width, height);
      g_autofree char *path = g_build_filename (dir, lateral ? HILUM_DEMO_LATERAL_FILE
                                                             : HILUM_DEMO_FRONTAL_FILE, NULL);
      HilumDicomImageDesc desc = {
        .patient_name = "Demo^Hilum",
        .patient_id = "HILUM-DEMO",
        .study_instance_uid = study_uid,
        .study_date = date,
        .study_time = "090000",
        /* Stored in the file, so not translated: every user sees the same DICOM. */
        .study_description = "Chest X-ray (demo)",
        .series_description = lateral ? "Chest lateral" : "Chest PA",
        .view_position = lateral ? "LL" : "PA",
        .patient_orientation = lateral ? "P\\F" : "L\\F",
        .body_part = "CHEST",
        .series_number = i + 1,
        .instance_number = 1,
        .bits_stored = 12,
        .pixel_spacing = { 0.143, 0.143 },
        .window_center = 2400,
        .window_width = lateral ? 3000 : 2600,
      };

      if (!hilum_dicom_write_image (path, &desc, width, height, pixels, error))
        return FALSE;
    }

  return TRUE;
}

char *
hilum_demo_ensure_in (const char  *data_dir,
                      GError     **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *frontal = NULL;
  g_autofree char *lateral = NULL;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  dir = g_build_filename (data_dir != NULL ? data_dir : g_get_user_data_dir (), "hilum", "demo", NULL);
  frontal = g_build_filename (dir, HILUM_DEMO_FRONTAL_FILE, NULL);
  lateral = g_build_filename (dir, HILUM_DEMO_LATERAL_FILE, NULL);

  /* Both files or none: a half-written demo (killed at first run) is written again,
   * both files together so that they share one StudyInstanceUID. */
  if (g_file_test (frontal, G_FILE_TEST_IS_REGULAR) && g_file_test (lateral, G_FILE_TEST_IS_REGULAR))
    return g_steal_pointer (&dir);

  if (!hilum_demo_write_study (dir, HILUM_DEMO_DEFAULT_WIDTH, HILUM_DEMO_DEFAULT_HEIGHT, error))
    return NULL;

  return g_steal_pointer (&dir);
}

char *
hilum_demo_ensure (GError **error)
{
  return hilum_demo_ensure_in (NULL, error);
}
