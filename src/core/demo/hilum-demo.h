/* hilum-demo.h — the built-in demo study: synthetic frontal and lateral chest radiographs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "hilum-types.h"

G_BEGIN_DECLS

#define HILUM_DEMO_ERROR (hilum_demo_error_quark ())

typedef enum
{
  HILUM_DEMO_ERROR_FAILED,
} HilumDemoError;

GQuark        hilum_demo_error_quark          (void);

#define HILUM_DEMO_DEFAULT_WIDTH   2000
#define HILUM_DEMO_DEFAULT_HEIGHT  2400
#define HILUM_DEMO_FRONTAL_FILE    "frontal.dcm"
#define HILUM_DEMO_LATERAL_FILE    "lateral.dcm"

/* Renders one synthetic chest radiograph: 12-bit values (0–4095, higher is brighter),
 * @width × @height, row by row. @view is FRONTAL (PA) or LATERAL (left lateral,
 * anterior on the viewer's left). (transfer full) */
guint16      *hilum_demo_render               (HilumView     view,
                                               guint         width,
                                               guint         height);

/* Writes frontal.dcm and lateral.dcm (one study) into @dir, creating it. */
gboolean      hilum_demo_write_study          (const char   *dir,
                                               guint         width,
                                               guint         height,
                                               GError      **error);

/* The demo study folder under @data_dir (the user data dir when NULL), written at the
 * first call. (transfer full) */
char         *hilum_demo_ensure_in            (const char   *data_dir,
                                               GError      **error);
/* (transfer full) $XDG_DATA_HOME/hilum/demo, written at the first run. */
char         *hilum_demo_ensure               (GError      **error);

G_END_DECLS
