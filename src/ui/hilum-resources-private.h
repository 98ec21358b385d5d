/* hilum-resources-private.h — keeping the compiled resources linked
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Defined by glib-compile-resources (c_name "hilum"). The resources live in a static
 * library: a program links their object file, whose constructor registers them, only
 * when something refers to it — every class with a template does, through this. */
GResource *hilum_get_resource (void);

static inline void
hilum_ensure_resources (void)
{
  (void) hilum_get_resource ();
}

G_END_DECLS
