/* hilum-demo-anatomy.c — frontal and lateral chests for the demo study
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A radiograph is a picture of attenuation: the brightness of a pixel grows with the
 * amount of tissue the X-rays crossed on their way to the detector. So the anatomy is
 * built the way the film sees it: every structure ADDS its path length (soft tissue,
 * bone) or removes it (air in the lungs, trachea, stomach) in an attenuation map, and
 * one tone curve turns the sum into 12-bit values. Overlaps then look right for free
 * (ribs crossing ribs are brighter, the spine fades behind the heart).
 *
 * Cost: the map is evaluated at half resolution (anatomy is smooth), each structure only
 * inside its bounding box; the full-resolution pass is a bilinear look-up plus noise.
 *
 * Coordinates: "units" where the torso is about 0.86 wide and the image 1.2 tall, origin
 * at the image centre, u to the viewer's right, v downwards.
 */
#define G_LOG_DOMAIN "hilum-demo-anatomy"

#include <math.h>
#include <string.h>

#include "hilum-demo-private.h"

static inline double
clampd (double x, double lo, double hi)
{
  return x < lo ? lo : x > hi ? hi : x;
}

static inline double
smooth (double e0, double e1, double x)
{
  double t = clampd ((x - e0) / (e1 - e0), 0.0, 1.0);

  return t * t * (3.0 - 2.0 * t);
}

static inline double
gauss (double x, double c, double sigma)
{
  double d = (x - c) / sigma;

  return exp (-d * d);
}

/* Smooth value noise in [-1, 1]: the fine mottle of lung tissue. */
static inline double
lattice (int i,
         int j)
{
  guint32 h = (guint32) i * 374761393u + (guint32) j * 668265263u;

  h = (h ^ (h >> 13)) * 1274126177u;
  return ((h ^ (h >> 16)) & 0xffff) / 32767.5 - 1.0;
}

static double
value_noise (double x,
             double y)
{
  int i = (int) floor (x), j = (int) floor (y);
  double fx = x - i, fy = y - j;
  double sx = fx * fx * (3 - 2 * fx), sy = fy * fy * (3 - 2 * fy);
  double a = lattice (i, j), b = lattice (i + 1, j);
  double c = lattice (i, j + 1), d = lattice (i + 1, j + 1);

  return a + sx * (b - a) + sy * (c + sx * (d - c) - a - sx * (b - a));
}

static inline double
mottle (double u,
        double v)
{
  return 0.6 * value_noise (u * 45, v * 45) + 0.4 * value_noise (u * 130 + 17, v * 130 + 5);
}

static inline double
grid_u (const HilumDemoGrid *g, int gx)
{
  return (gx - g->ox) / g->s;
}

static inline double
grid_v (const HilumDemoGrid *g, int gy)
{
  return (gy - g->oy) / g->s;
}

/* HilumDemoGrid cells [x0, x1) × [y0, y1) covering a unit-space box, clipped to the grid. */
static gboolean
grid_box (const HilumDemoGrid *g,
          double u0, double v0, double u1, double v1,
          int *x0, int *y0, int *x1, int *y1)
{
  *x0 = MAX (0, (int) floor (g->ox + u0 * g->s));
  *y0 = MAX (0, (int) floor (g->oy + v0 * g->s));
  *x1 = MIN (g->w, (int) ceil (g->ox + u1 * g->s) + 1);
  *y1 = MIN (g->h, (int) ceil (g->oy + v1 * g->s) + 1);

  return *x0 < *x1 && *y0 < *y1;
}

/* A tube along a polyline (a rib, a clavicle, a vessel): its projected thickness is the
 * chord through a cylinder, so edges fall off like a real bone's; @cortex (0–1) hollows
 * the middle, giving the bright margins of cortical bone. Points are (u, v, radius,
 * density) quadruples; overlapping segments of one tube take the maximum (no seams),
 * different tubes add up. */
static void
splat_tube_full (HilumDemoGrid         *g,
                 const double *p,
                 int           n,
                 double        cortex,
                 gboolean      add)
{
  double u0 = G_MAXDOUBLE, v0 = G_MAXDOUBLE, u1 = -G_MAXDOUBLE, v1 = -G_MAXDOUBLE;
  double radius = 0;
  int x0, y0, x1, y1, bw;
  float *buf;

  /* The widest radius all round: each segment's box (its ends ± the larger of their
   * radii) then lies inside the buffer (AddressSanitizer found one reaching before it). */
  for (int i = 0; i < n; i++)
    radius = MAX (radius, p[4 * i + 2]);
  for (int i = 0; i < n; i++)
    {
      const double *q = p + 4 * i;

      u0 = MIN (u0, q[0] - radius);
      u1 = MAX (u1, q[0] + radius);
      v0 = MIN (v0, q[1] - radius);
      v1 = MAX (v1, q[1] + radius);
    }
  if (!grid_box (g, u0, v0, u1, v1, &x0, &y0, &x1, &y1))
    return;

  bw = x1 - x0;
  buf = g_new0 (float, (gsize) bw * (y1 - y0));

  for (int i = 0; i + 1 < n; i++)
    {
      const double *a = p + 4 * i, *b = a + 4;
      double du = b[0] - a[0], dv = b[1] - a[1];
      double len2 = du * du + dv * dv;
      double rmax = MAX (a[2], b[2]);
      int sx0, sy0, sx1, sy1;

      if (!grid_box (g, MIN (a[0], b[0]) - rmax, MIN (a[1], b[1]) - rmax,
                     MAX (a[0], b[0]) + rmax, MAX (a[1], b[1]) + rmax,
                     &sx0, &sy0, &sx1, &sy1))
        continue;

      for (int y = sy0; y < sy1; y++)
        {
          double v = grid_v (g, y);
          /* Indexed by x - x0: a pointer before the buffer is undefined behaviour. */
          float *row = buf + (gsize) (y - y0) * bw;

          for (int x = sx0; x < sx1; x++)
            {
              double u = grid_u (g, x);
              double t = len2 > 0 ? clampd (((u - a[0]) * du + (v - a[1]) * dv) / len2, 0, 1) : 0;
              double eu = u - (a[0] + t * du), ev = v - (a[1] + t * dv);
              double d2 = eu * eu + ev * ev;
              double r = a[2] + t * (b[2] - a[2]);
              double dens, chord, inner, ri;

              if (d2 >= r * r)
                continue;
              dens = a[3] + t * (b[3] - a[3]);
              chord = sqrt (r * r - d2);
              ri = r * 0.72;
              inner = d2 < ri * ri ? sqrt (ri * ri - d2) : 0.0;
              chord = (chord - cortex * inner) / r;
              if (dens * chord > row[x - x0])
                row[x - x0] = dens * chord;
            }
        }
    }

  for (int y = y0; y < y1; y++)
    {
      float *dst = g->a + (gsize) y * g->w;
      const float *src = buf + (gsize) (y - y0) * bw;

      if (add)
        for (int x = x0; x < x1; x++)
          dst[x] += src[x - x0];
      else
        for (int x = x0; x < x1; x++)
          dst[x] = MAX (dst[x], src[x - x0]);
    }
  g_free (buf);
}

static void
splat_tube (HilumDemoGrid         *g,
            const double *p,
            int           n,
            double        cortex)
{
  splat_tube_full (g, p, n, cortex, TRUE);
}

/* An ellipsoid (humeral head, stomach bubble, breast) seen through: density × chord.
 * @power < 0.5 flattens the top (a vertebral body), @cortex hollows it. */
static void
splat_blob (HilumDemoGrid  *g,
            double cu, double cv,
            double ru, double rv,
            double density,
            double power,
            double cortex)
{
  int x0, y0, x1, y1;

  if (!grid_box (g, cu - ru, cv - rv, cu + ru, cv + rv, &x0, &y0, &x1, &y1))
    return;

  for (int y = y0; y < y1; y++)
    {
      double dv = (grid_v (g, y) - cv) / rv;
      float *row = g->a + (gsize) y * g->w;

      for (int x = x0; x < x1; x++)
        {
          double du = (grid_u (g, x) - cu) / ru;
          double q = du * du + dv * dv;
          double val;

          if (power < 0.5)
            q = du * du * du * du + dv * dv * dv * dv;
          if (q >= 1.0)
            continue;
          val = pow (1.0 - q, power);
          if (cortex > 0 && q < 0.7)
            val -= cortex * pow (1.0 - q / 0.7, power);
          row[x] += density * val;
        }
    }
}

/* ------------------------------------------------------------------ frontal (PA) */

typedef struct
{
  double medial;    /* heart / mediastinum border */
  double lateral;   /* inner chest wall */
} LungRow;

/* Patient's right lung is on the viewer's left (side 0), left lung on the right (side 1). */
static void
frontal_lung_row (double   v,
                  LungRow *rows)
{
  double lat = 0.372 - 0.36 * pow (MIN (v - 0.2, 0.0), 2);

  /* Right: superior vena cava, then the right atrium. */
  rows[0].medial = 0.058 + 0.015 * smooth (-0.4, -0.1, v) + 0.062 * gauss (v, 0.10, 0.10);
  rows[0].lateral = lat;
  /* Left: aortic knob, pulmonary trunk, then the left ventricle down to the diaphragm. */
  rows[1].medial = 0.052 + 0.052 * gauss (v, -0.27, 0.04) + 0.028 * gauss (v, -0.18, 0.04)
                   + 0.185 * (v < 0.13 ? gauss (v, 0.13, 0.15) : gauss (v, 0.13, 0.22));
  rows[1].lateral = lat + 0.004;
}

static double
frontal_apex (double x)
{
  return -0.425 + 5.0 * (x - 0.18) * (x - 0.18);
}

static double
frontal_dome (int    side,
              double x)
{
  double top = side == 0 ? 0.170 : 0.198;

  return top + 2.6 * (x - 0.17) * (x - 0.17) + 0.5 * pow (MAX (x - 0.3, 0.0), 2);
}

/* 1 inside the lung, with a soft edge of a few millimetres. */
static double
frontal_lung (int            side,
              double         x,
              double         v,
              const LungRow *row)
{
  const double e = 0.006;
  double m = smooth (row->medial - e, row->medial + e, x);

  if (m <= 0)
    return 0;
  m *= smooth (-e, e, row->lateral - x);
  m *= smooth (-e, e, v - frontal_apex (x));
  m *= smooth (-0.004, 0.004, frontal_dome (side, x) - v);

  return m;
}

static void
frontal_field (HilumDemoGrid *g)
{
  for (int y = 0; y < g->h; y++)
    {
      double v = grid_v (g, y);
      LungRow rows[2];
      /* Torso half-width and depth along the body. */
      double a = 0.43 + 0.035 * smooth (-0.30, -0.42, v) - 0.02 * smooth (0.3, 0.6, v);
      double depth = 1.0 - 0.1 * smooth (0.25, 0.6, v);
      double trachea_c = 0.004 + 0.01 * smooth (-0.4, -0.2, v);
      float *out = g->a + (gsize) y * g->w;

      frontal_lung_row (v, rows);

      for (int x = 0; x < g->w; x++)
        {
          double u = grid_u (g, x);
          double ax = fabs (u);
          int side = u < 0 ? 0 : 1;
          double shoulder, torso, neck, lung, t, air;

          /* The neck, the slope of the shoulders, the round shoulder. */
          shoulder = ax < 0.40 ? -0.52 + 0.06 * pow (MAX (ax - 0.09, 0) / 0.31, 2)
                               : -0.46 + 18.0 * (ax - 0.40) * (ax - 0.40);
          torso = ax < a ? pow (1.0 - (ax / a) * (ax / a), 0.35) * depth : 0.0;
          torso *= smooth (shoulder - 0.012, shoulder + 0.012, v);
          neck = ax < 0.095 ? 0.55 * sqrt (1.0 - (ax / 0.095) * (ax / 0.095)) : 0.0;
          t = MAX (torso, neck);

          lung = frontal_lung (side, ax, v, &rows[side]);
          air = 0;
          if (lung > 0)
            {
              /* Air is thickest in the middle of each lung, thin at the chest wall. */
              double mid = 0.5 * (rows[side].medial + rows[side].lateral);
              double half = 0.5 * (rows[side].lateral - rows[side].medial);
              double q = clampd ((ax - mid) / (half + 0.03), -1, 1);

              air = lung * (0.30 + 0.22 * sqrt (1.0 - q * q)) * depth
                    * (0.75 + 0.25 * smooth (-0.43, -0.25, v)) * (1.0 + 0.07 * mottle (u, v));
            }

          /* The trachea and main bronchi: a column of air over the spine. */
          if (v < -0.17 && v > -0.55)
            air += 0.18 * smooth (0.018, 0.012, fabs (u - trachea_c)) * smooth (-0.55, -0.5, v);

          out[x] = (float) (t - air);
        }
    }

  /* The gastric bubble under the left dome, with its flat air–fluid level. */
  splat_blob (g, 0.19, 0.275, 0.075, 0.04, -0.22, 0.5, 0);
  splat_blob (g, 0.19, 0.29, 0.09, 0.03, 0.10, 0.5, 0);
  /* The arms hanging beside the chest, and the soft tissue of the shoulders. */
  for (int side = 0; side < 2; side++)
    {
      double sgn = side == 0 ? -1 : 1;
      double arm[] = {
        sgn * 0.43, -0.44, 0.05, 0.55,
        sgn * 0.47, -0.30, 0.065, 0.6,
        sgn * 0.50, 0.05, 0.065, 0.6,
        sgn * 0.51, 0.75, 0.06, 0.6,
      };

      splat_tube_full (g, arm, 4, 0, FALSE);
    }
  /* Breast shadows over the lower zones. */
  splat_blob (g, -0.25, 0.18, 0.16, 0.12, 0.09, 0.7, 0);
  splat_blob (g, 0.25, 0.19, 0.16, 0.12, 0.09, 0.7, 0);
}

static void
frontal_spine (HilumDemoGrid *g)
{
  double v = -0.60;

  /* Cervical and thoracic vertebrae growing downwards, with pedicles seen end-on. */
  for (int i = 0; v < 0.62; i++)
    {
      double hgt = 0.038 + 0.018 * smooth (-0.6, 0.5, v);
      double wid = 0.034 + 0.012 * smooth (-0.6, 0.4, v);
      double cv = v + hgt / 2;

      splat_blob (g, 0, cv, wid, hgt * 0.42, 0.08, 0.25, 0.25);
      splat_blob (g, -wid * 0.75, cv - hgt * 0.1, 0.009, 0.013, 0.10, 0.5, 0.6);
      splat_blob (g, wid * 0.75, cv - hgt * 0.1, 0.009, 0.013, 0.10, 0.5, 0.6);
      /* Spinous process, a teardrop in the midline. */
      splat_blob (g, 0, cv + hgt * 0.3, 0.007, 0.018, 0.06, 0.5, 0);
      v += hgt;
    }
}

static void
frontal_rib (HilumDemoGrid   *g,
             int     side,
             double  y0,
             double  reach,
             double  drop,
             double  density)
{
  double pts[40 * 4];
  int n = 0;
  double sgn = side == 0 ? -1 : 1;

  /* A rib is a tilted hoop: posterior half from the spine out to the chest wall,
   * anterior half back towards the sternum, lower, fading where cartilage begins. */
  for (int k = 0; k < 40; k++)
    {
      double th = G_PI * 0.80 * k / 39.0;
      double x = 0.045 + (reach - 0.045) * sin (th);
      double posterior = th < G_PI / 2;
      /* Posterior ribs rise a little off the spine, then fall towards the chest wall;
       * anterior ribs slope down towards the sternum. */
      double y = posterior ? y0 - 0.014 * sin (2 * th) + drop * 0.42 * (1 - cos (th))
                           : y0 + drop * 0.42 - drop * 0.78 * cos (th);
      double r = posterior ? 0.0105 + 0.002 * sin (th) : 0.0125 + 0.002 * sin (th);
      double d = density * (posterior ? 1.0 : 0.45 * smooth (G_PI * 0.8, G_PI * 0.6, th));

      pts[n * 4 + 0] = sgn * x;
      pts[n * 4 + 1] = y;
      pts[n * 4 + 2] = r;
      pts[n * 4 + 3] = d;
      n++;
    }
  splat_tube (g, pts, n, 0.35);
}

static void
frontal_bones (HilumDemoGrid *g)
{
  frontal_spine (g);

  for (int side = 0; side < 2; side++)
    {
      double sgn = side == 0 ? -1 : 1;
      double clav[12 * 4];

      /* Ribs 1–11. */
      for (int i = 0; i < 10; i++)
        {
          double y0 = -0.445 + i * 0.060 + 0.0015 * i * i;
          LungRow rows[2];
          double reach;

          frontal_lung_row (y0 + 0.05, rows);
          reach = rows[side].lateral + 0.018;
          if (i == 0)
            reach = 0.20;
          else if (i == 1)
            reach = MIN (reach, 0.30);
          frontal_rib (g, side, y0, reach, i == 0 ? 0.10 : 0.20, 0.13);
        }

      /* The clavicle: an S from the sternum to the acromion. */
      for (int k = 0; k < 12; k++)
        {
          double t = k / 11.0;

          clav[k * 4 + 0] = sgn * (0.035 + 0.32 * t);
          clav[k * 4 + 1] = -0.392 - 0.055 * t + 0.012 * sin (2 * G_PI * t);
          clav[k * 4 + 2] = 0.0135 + 0.003 * t;
          clav[k * 4 + 3] = 0.22;
        }
      splat_tube (g, clav, 12, 0.5);

      /* Humeral head and shaft, acromion, and the scapula's lateral border. */
      splat_blob (g, sgn * 0.445, -0.405, 0.05, 0.055, 0.35, 0.5, 0.4);
      {
        double shaft[] = {
          sgn * 0.455, -0.38, 0.032, 0.32,
          sgn * 0.475, -0.10, 0.026, 0.32,
          sgn * 0.49, 0.20, 0.03, 0.32,
          sgn * 0.50, 0.26, 0.045, 0.30,
        };
        double scap[] = {
          sgn * 0.36, -0.43, 0.012, 0.10,
          sgn * 0.38, -0.30, 0.010, 0.09,
          sgn * 0.36, -0.16, 0.008, 0.05,
        };
        double acrom[] = {
          sgn * 0.34, -0.455, 0.012, 0.18,
          sgn * 0.42, -0.47, 0.012, 0.18,
        };

        splat_tube (g, shaft, 4, 0.6);
        splat_tube (g, scap, 3, 0.2);
        splat_tube (g, acrom, 2, 0.4);
      }
    }
}

/* Pulmonary vessels: branching, tapering tubes from the hila, denser towards the bases. */
static void
vessel_branch (HilumDemoGrid    *g,
               GRand   *rand,
               double   u,
               double   v,
               double   angle,
               double   len,
               double   r,
               int      depth,
               gboolean (*inside) (double u, double v))
{
  double pts[4 * 4];
  double nu = u, nv = v;
  int n = 0;

  for (int k = 0; k < 4; k++)
    {
      double a = angle + g_rand_double_range (rand, -0.25, 0.25);

      if (k > 0)
        {
          nu += cos (a) * len / 3;
          nv += sin (a) * len / 3;
        }
      pts[n * 4 + 0] = nu;
      pts[n * 4 + 1] = nv;
      pts[n * 4 + 2] = r * (1.0 - 0.15 * k / 3.0);
      pts[n * 4 + 3] = 10.0 * r;
      n++;
    }
  /* Vessels go into their own layer, merged by maximum: no bright knots at branchings. */
  splat_tube_full (g, pts, n, 0, FALSE);

  if (depth == 0 || !inside (nu, nv))
    return;

  for (int b = 0; b < 2; b++)
    {
      double spread = g_rand_double_range (rand, 0.25, 0.55);

      vessel_branch (g, rand, nu, nv, angle + (b == 0 ? -spread : spread),
                     len * g_rand_double_range (rand, 0.7, 0.85), r * 0.74, depth - 1, inside);
    }
}

static gboolean
frontal_inside (double u,
                double v)
{
  LungRow rows[2];
  int side = u < 0 ? 0 : 1;

  frontal_lung_row (v, rows);
  return frontal_lung (side, fabs (u), v, &rows[side]) > 0.5;
}

static void
frontal_vessels (HilumDemoGrid  *g,
                 GRand *rand)
{
  for (int side = 0; side < 2; side++)
    {
      double sgn = side == 0 ? -1 : 1;
      double hu = sgn * (side == 0 ? 0.125 : 0.13);
      double hv = side == 0 ? -0.06 : -0.085;
      /* The main pulmonary arteries: the dense part of the hila. */
      double hilum[] = {
        sgn * 0.07, hv - 0.03, 0.014, 0.09,
        hu, hv, 0.015, 0.10,
        hu + sgn * 0.005, hv + 0.10, 0.011, 0.09,
      };
      /* Main bronchi: air leaving the carina. */
      double bronchus[] = {
        sgn * 0.01, -0.19, 0.011, -0.10,
        sgn * 0.075, -0.13 - side * 0.02, 0.008, -0.07,
      };

      splat_tube (g, hilum, 3, 0);
      splat_tube (g, bronchus, 2, 0);

      /* Upper, middle and lower lobe trunks fanning out from the hilum, none medially. */
      for (int k = 0; k < 6; k++)
        {
          double base = -1.35 + 0.5 * k + g_rand_double_range (rand, -0.12, 0.12);
          double a = side == 0 ? G_PI - base : base;
          double r = 0.0075 + 0.0025 * smooth (0, 5, k);

          vessel_branch (g, rand, hu, hv + 0.02 * (k - 2), a, 0.08, r, 4, frontal_inside);
        }
    }
}

/* ------------------------------------------------------------------ lateral */

static double
lateral_dome (double u)
{
  /* The hemidiaphragms: high anteriorly, deep in the posterior costophrenic sulcus. */
  return 0.125 + 1.2 * (u + 0.08) * (u + 0.08) + 0.6 * MAX (u - 0.1, 0.0) * MAX (u - 0.1, 0.0);
}

static double
lateral_lung (double u,
              double v)
{
  const double e = 0.006;
  double anterior = -0.215 + 0.012 * smooth (-0.1, 0.2, v) + 2.5 * pow (MAX (-0.2 - v, 0.0), 2);
  double posterior = 0.255 + 0.02 * smooth (-0.3, 0.1, v);
  double apex = -0.415 + 2.4 * (u - 0.05) * (u - 0.05) + 8.0 * pow (MAX (-0.08 - u, 0.0), 2);
  double m;

  m = smooth (-e, e, u - anterior);
  m *= smooth (-e, e, posterior - u);
  m *= smooth (-e, e, v - apex);
  m *= smooth (-0.004, 0.004, lateral_dome (u) - v);
  /* Between the two hemidiaphragms only one lung is left. */
  m *= 1.0 - 0.45 * smooth (-0.004, 0.004, v - (lateral_dome (u) - 0.03));

  return m;
}

static double
lateral_heart (double u,
               double v)
{
  /* Tilted ellipse resting on the diaphragm behind the lower sternum. */
  double cu = u + 0.075, cv = v - 0.075;
  double ru = cu * 0.94 + cv * 0.34, rv = -cu * 0.34 + cv * 0.94;
  double du = ru / 0.165, dv = rv / 0.135;

  return smooth (1.06, 0.94, du * du + dv * dv);
}

static void
lateral_field (HilumDemoGrid *g)
{
  for (int y = 0; y < g->h; y++)
    {
      double v = grid_v (g, y);
      /* Body front and back along v: neck, chest, abdomen. */
      double front = -0.275 + 0.16 * smooth (-0.36, -0.58, v) - 0.015 * smooth (0.2, 0.5, v);
      double back = 0.37 - 0.10 * smooth (-0.40, -0.60, v);
      double mid = 0.5 * (front + back), half = 0.5 * (back - front);
      float *out = g->a + (gsize) y * g->w;

      for (int x = 0; x < g->w; x++)
        {
          double u = grid_u (g, x);
          double q = (u - mid) / half;
          double t, lung, air;

          /* Side to side the chest is wider than deep: a longer path than in the PA. */
          t = fabs (q) < 1 ? 1.12 * pow (1.0 - q * q, 0.3) : 0.0;
          lung = lateral_lung (u, v);
          lung *= 1.0 - 0.45 * lateral_heart (u, v);
          air = lung * (0.62 + 0.12 * smooth (-0.42, -0.2, v));
          if (air > 0)
            air *= 1.0 + 0.07 * mottle (u, v);

          /* The trachea going down and back to the carina. */
          if (v < -0.13)
            air += 0.13 * smooth (0.016, 0.010, fabs (u - (-0.03 + 0.18 * (v + 0.6))))
                   * smooth (-0.13, -0.17, v);

          out[x] = (float) (t - air);
        }
    }

  /* The arms raised forward: soft tissue over the upper chest. */
  splat_blob (g, -0.06, -0.42, 0.26, 0.15, 0.18, 0.7, 0);
  /* Gastric bubble under the anterior left hemidiaphragm. */
  splat_blob (g, -0.10, 0.215, 0.06, 0.028, -0.18, 0.5, 0);
}

static void
lateral_bones (HilumDemoGrid *g)
{
  double v = -0.62;

  /* Vertebral bodies stacked along the thoracic kyphosis, discs in between. */
  while (v < 0.62)
    {
      double hgt = 0.040 + 0.018 * smooth (-0.6, 0.5, v);
      double cu = 0.205 + 0.035 * sin ((v + 0.45) * 2.4);
      double cv = v + hgt / 2;
      /* The "spine sign": less shoulder tissue lower down, so the vertebrae get darker. */
      double d = 0.13 - 0.04 * smooth (-0.3, 0.3, v);

      splat_blob (g, cu, cv, 0.040, hgt * 0.42, d, 0.25, 0.35);
      /* Pedicles and the posterior arch. */
      splat_blob (g, cu + 0.058, cv - hgt * 0.1, 0.018, hgt * 0.3, d * 0.6, 0.5, 0.4);
      splat_blob (g, cu + 0.095, cv + hgt * 0.15, 0.014, hgt * 0.35, d * 0.4, 0.5, 0);
      v += hgt;
    }

  /* Sternum: manubrium and body. */
  {
    double sternum[] = {
      -0.24, -0.36, 0.015, 0.09,
      -0.255, -0.26, 0.011, 0.08,
      -0.262, -0.05, 0.010, 0.08,
      -0.262, 0.08, 0.008, 0.04,
    };

    splat_tube (g, sternum, 4, 0.5);
  }

  /* Posterior ribs of both sides, nearly superimposed, crossing the back of the lungs. */
  for (int i = 0; i < 10; i++)
    {
      double y0 = -0.42 + i * 0.058;

      for (int side = 0; side < 2; side++)
        {
          double off = side * 0.014;
          double rib[] = {
            0.27, y0 + off, 0.010, 0.06,
            0.17, y0 + 0.05 + off, 0.011, 0.05,
            0.05, y0 + 0.13 + off, 0.012, 0.025,
            -0.06, y0 + 0.20 + off, 0.012, 0.0,
          };

          splat_tube (g, rib, 4, 0.4);
        }
    }

  /* Scapulae over the upper back. */
  {
    double scap[] = {
      0.18, -0.46, 0.022, 0.05,
      0.21, -0.30, 0.018, 0.05,
      0.23, -0.16, 0.008, 0.02,
    };

    splat_tube (g, scap, 3, 0.2);
  }
}

static gboolean
lateral_inside (double u,
                double v)
{
  return lateral_lung (u, v) > 0.5 && lateral_heart (u, v) < 0.5;
}

static void
lateral_vessels (HilumDemoGrid  *g,
                 GRand *rand)
{
  /* The aorta: ascending, the arch, descending in front of the spine. */
  double aorta[] = {
    -0.06, -0.02, 0.030, 0.05,
    -0.06, -0.20, 0.028, 0.06,
    0.02, -0.29, 0.026, 0.06,
    0.11, -0.24, 0.024, 0.05,
    0.13, -0.05, 0.022, 0.04,
    0.13, 0.20, 0.020, 0.03,
  };
  /* Both hila overlap in the middle of the chest. */
  double hilum[] = {
    -0.02, -0.13, 0.018, 0.10,
    0.04, -0.09, 0.022, 0.10,
    0.06, -0.02, 0.014, 0.08,
  };

  splat_tube (g, aorta, 6, 0);
  splat_tube (g, hilum, 3, 0);

  for (int k = 0; k < 8; k++)
    {
      double a = -G_PI * 0.95 + G_PI * 1.5 * k / 7.0 + g_rand_double_range (rand, -0.1, 0.1);

      vessel_branch (g, rand, 0.04, -0.08, a, 0.07, 0.008, 4, lateral_inside);
    }
}

/* ------------------------------------------------------------------ entry points */

void
_hilum_demo_paint_frontal (HilumDemoGrid  *g,
                           HilumDemoGrid  *vessels,
                           GRand *rand)
{
  frontal_field (g);
  frontal_bones (g);
  frontal_vessels (vessels, rand);
}

void
_hilum_demo_paint_lateral (HilumDemoGrid  *g,
                           HilumDemoGrid  *vessels,
                           GRand *rand)
{
  lateral_field (g);
  lateral_bones (g);
  lateral_vessels (vessels, rand);
}
